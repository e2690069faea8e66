"""Encoder vectors remembered between runs, so a text is encoded once.

Encoding is most of the time a theme model takes to train with the sentence encoder
(about 12 ms of one core for a comment of 30 word pieces). Theming already encodes every
comment when it arrives, so its vector is kept with the comment (``comment_vector``,
encrypted at rest like the comment, deleted with it), and the learning page's training
reads those instead of encoding the same comments again; it encodes only comments that
have none (themed before vectors were kept) and keeps theirs.

A vector is known by a digest of the encoder's weights and the exact text encoded: a
different encoder, or a comment whose redaction changed, is simply encoded again. A kept
vector was worked out one comment at a time; one worked out in a batch can differ from
it in the last bits (about 1e-7), so a model trained from kept vectors codes as one
trained from scratch, without being the same bytes. Nothing here touches the database:
:mod:`app.coding.coding` and :mod:`app.coding.learning` load and store.
"""

from __future__ import annotations

import base64
import hashlib
from typing import TYPE_CHECKING

from app.imports import import_on_first_use
from app.text.encoder import DIMENSIONS, WEIGHTS_SHA256

if TYPE_CHECKING:
    import numpy as np
else:  # imported on first use: see app/imports.py
    np = import_on_first_use("numpy")


def digest(text: str) -> str:
    """What a vector of ``text`` is known by: the encoder's weights and the text."""
    return hashlib.sha256(f"{WEIGHTS_SHA256}\n{text}".encode()).hexdigest()


def to_text(vector: np.ndarray) -> str:
    """A vector as text for an encrypted column: its float32 bytes in base64."""
    return base64.b64encode(np.asarray(vector, dtype="<f4").tobytes()).decode("ascii")


def from_text(stored: str) -> np.ndarray | None:
    """The vector back, bit for bit; None for anything that is not one."""
    try:
        raw = base64.b64decode(stored.encode("ascii"), validate=True)
    except (ValueError, UnicodeEncodeError):
        return None
    if len(raw) != 4 * DIMENSIONS:
        return None
    return np.frombuffer(raw, dtype="<f4").astype(np.float32)


class VectorMemory:
    """Vectors by text digest: those loaded before a run, and those it adds."""

    def __init__(self, known: dict[str, np.ndarray] | None = None) -> None:
        self.known: dict[str, np.ndarray] = dict(known or {})
        self.added: dict[str, np.ndarray] = {}
        self.used: set[str] = set()  # digests of known vectors a run asked for

    def recall(self, texts: list[str]) -> list[np.ndarray | None]:
        keys = [digest(text) for text in texts]
        self.used.update(key for key in keys if key in self.known)
        return [self.known.get(key) for key in keys]

    def remember(self, text: str, vector: np.ndarray) -> None:
        key = digest(text)
        if key not in self.known:
            self.known[key] = vector
            self.added[key] = vector
