"""Codebook themes by meaning: each theme's description and coded examples, embedded once
with the local sentence encoder (``app/text/encoder.py``), matched by cosine similarity.

A theme's score for a comment is the mean of the comment's ``TOP`` highest cosine
similarities to that theme's vectors (its description and its examples). The theme is
suggested when the score reaches the theme's own threshold, calibrated on the coded
examples themselves with each comment left out of its own examples (``calibrate``).

The examples and thresholds ship with Sayso, beside the codebook's id::

    app/themes/data/examples/<codebook id>.jsonl             {"text", "themes"} a line
    app/themes/data/examples/<codebook id>.calibration.json  {"top", "thresholds", ...}

The examples' vectors are computed on first use and kept in a file under the encoder's
folder (named after a digest of the examples and the weights), so later processes read
them instead of encoding again; nothing is downloaded. A codebook without examples, or a
missing encoder, leaves the patterns alone: that is the plain, fast path.

The encoder was trained on English, so only English comments are matched this way.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from app.imports import import_on_first_use
from app.text.encoder import MODEL_DIR, WEIGHTS_SHA256, EncoderFilesError, load_encoder

if TYPE_CHECKING:
    import numpy as np
else:  # imported on first use: see app/imports.py
    np = import_on_first_use("numpy")

log = logging.getLogger(__name__)

EXAMPLES_DIR = Path(__file__).parent / "data" / "examples"
VECTOR_DIR = MODEL_DIR.parent / "theme-vectors"
TOP = 3  # similarities averaged per theme
LANGUAGES = frozenset({"en"})
OTHER = "other"


@dataclass(frozen=True)
class Calibration:
    """Per theme, the score a comment needs; and how many themes the encoder may add."""

    thresholds: dict[str, float]
    top: int = TOP
    add_to_patterns: int = 1  # themes added to a comment the patterns already themed
    add_alone: int = 1  # themes given to a comment the patterns left as "other"
    margin: float = 0.0  # added to a threshold when the patterns found something
    alone_margin: float = 0.0  # added to a threshold when they found nothing

    def as_record(self) -> dict[str, object]:
        return {
            "top": self.top,
            "add_to_patterns": self.add_to_patterns,
            "add_alone": self.add_alone,
            "margin": round(self.margin, 4),
            "alone_margin": round(self.alone_margin, 4),
            "thresholds": {t: round(v, 4) for t, v in sorted(self.thresholds.items())},
        }

    @classmethod
    def from_record(cls, data: dict) -> Calibration:
        return cls(
            {str(t): float(v) for t, v in data["thresholds"].items()},
            int(data.get("top", TOP)),
            int(data.get("add_to_patterns", 1)),
            int(data.get("add_alone", 1)),
            float(data.get("margin", 0.0)),
            float(data.get("alone_margin", 0.0)),
        )


def read_examples(path: Path) -> list[tuple[str, tuple[str, ...]]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            data = json.loads(line)
            rows.append((str(data["text"]), tuple(data["themes"])))
    return rows


class ThemeSpace:
    """Every theme's vectors: its description's and its examples' (themes in codebook order)."""

    def __init__(
        self,
        theme_ids: Sequence[str],
        descriptions: dict[str, str],
        examples: Sequence[tuple[str, tuple[str, ...]]],
        vectors: np.ndarray,
        calibration: Calibration | None = None,
    ) -> None:
        """``vectors`` holds one row per description (in ``theme_ids`` order, those with
        one), then one per example."""
        self.theme_ids = [t for t in theme_ids if t != OTHER]
        self.index = {t: i for i, t in enumerate(self.theme_ids)}
        described = sum(1 for theme in self.theme_ids if descriptions.get(theme))
        self.described = described
        members: list[list[int]] = [[] for _ in self.theme_ids]
        row = 0
        for theme in self.theme_ids:
            if descriptions.get(theme):
                members[self.index[theme]].append(row)
                row += 1
        for number, (_text, themes) in enumerate(examples):
            for theme in themes:
                if theme in self.index:
                    members[self.index[theme]].append(described + number)
        self.members = [np.asarray(m, dtype=np.intp) for m in members]
        self.vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        self.calibration = calibration

    def scores(self, comments: np.ndarray, leave_out: Sequence[int] | None = None) -> np.ndarray:
        """(comments, themes): the mean of each comment's ``top`` best similarities to a
        theme's vectors. ``leave_out[i]`` is an example row comment ``i`` must not be
        compared with (itself, when calibrating on the examples)."""
        top = self.calibration.top if self.calibration else TOP
        similarity = comments.astype(np.float32) @ self.vectors.T
        if leave_out is not None:
            rows = np.arange(len(leave_out))
            similarity[rows, self.described + np.asarray(leave_out)] = -1.0
        found = np.zeros((len(comments), len(self.theme_ids)), np.float32)
        for index, members in enumerate(self.members):
            if len(members) == 0:
                found[:, index] = -1.0
                continue
            block = similarity[:, members]
            k = min(top, block.shape[1])
            best = np.partition(block, block.shape[1] - k, axis=1)[:, -k:]
            found[:, index] = best.mean(1)
        return found

    def suggest(self, scores: np.ndarray, found: Sequence[str]) -> list[tuple[str, float]]:
        """Themes the encoder adds to one comment whose patterns found ``found`` (names,
        "other" left out), best first, each with its score above its threshold."""
        calibration = self.calibration
        if calibration is None:
            return []
        margin = calibration.margin if found else calibration.alone_margin
        allowed = calibration.add_to_patterns if found else calibration.add_alone
        above = [
            (theme, float(scores[i]) - calibration.thresholds[theme] - margin)
            for i, theme in enumerate(self.theme_ids)
            if theme in calibration.thresholds and theme not in found
        ]
        above = sorted((a for a in above if a[1] >= 0), key=lambda a: -a[1])
        return above[:allowed]


def _digest(examples: Sequence[tuple[str, tuple[str, ...]]], texts: Sequence[str]) -> str:
    digest = hashlib.sha256(WEIGHTS_SHA256.encode())
    for text in [*texts, *(text for text, _ in examples)]:
        digest.update(text.encode("utf-8") + b"\0")
    return digest.hexdigest()[:20]


def embed_cached(texts: list[str], name: str, directory: Path | None = None) -> np.ndarray:
    """The encoder's vectors of ``texts``, kept in a file so later processes skip encoding."""
    directory = directory or VECTOR_DIR
    path = directory / f"{name}-{_digest([], texts)}.npy"
    if path.is_file():
        try:
            vectors = np.load(path, allow_pickle=False)
            if vectors.shape[0] == len(texts):
                return vectors
        except (OSError, ValueError):
            pass
    vectors = load_encoder().encode(texts).astype(np.float32)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.partial.npy")  # one per process
        np.save(partial, vectors, allow_pickle=False)
        partial.replace(path)
    except OSError:
        log.warning("could not keep the theme vectors in %s; they will be computed again", path)
    return vectors


def examples_path(codebook_id: str) -> Path:
    return EXAMPLES_DIR / f"{codebook_id}.jsonl"


def calibration_path(codebook_id: str) -> Path:
    return EXAMPLES_DIR / f"{codebook_id}.calibration.json"


@lru_cache(maxsize=8)
def theme_space(
    codebook_id: str, theme_ids: tuple[str, ...], descriptions: tuple[tuple[str, str], ...]
) -> ThemeSpace | None:
    """The codebook's theme space, built once per process; None without examples or an
    encoder (the patterns then work alone)."""
    path = examples_path(codebook_id)
    if not path.is_file():
        return None
    try:
        load_encoder()
    except EncoderFilesError as exc:
        log.warning("theming by patterns only: %s", exc)
        return None
    by_theme = dict(descriptions)
    examples = read_examples(path)
    texts = [by_theme[t] for t in theme_ids if t != OTHER and by_theme.get(t)]
    texts += [text for text, _ in examples]
    vectors = embed_cached(texts, codebook_id)
    calibration = None
    if calibration_path(codebook_id).is_file():
        record = json.loads(calibration_path(codebook_id).read_text(encoding="utf-8"))
        calibration = Calibration.from_record(record)
    return ThemeSpace(theme_ids, by_theme, examples, vectors, calibration)


def calibrate(
    space: ThemeSpace,
    example_vectors: np.ndarray,
    gold: Sequence[set[str]],
    found: Sequence[set[str]],
    top: int = TOP,
    margin: float = 0.0,
    add_to_patterns: int = 1,
    add_alone: int = 1,
    rounds: int = 3,
    min_precision: float = 0.75,
) -> Calibration:
    """Thresholds per theme that make patterns plus encoder agree best with the coders
    (F1 per theme, each example left out of its own theme's vectors).

    ``found`` is each example's pattern themes ("other" left out). Thresholds are tuned
    one theme at a time, a few rounds over all themes, because one theme's additions
    crowd out another's when only ``add_*`` themes may be added. A threshold that would
    leave the theme's precision under ``min_precision`` (or under the patterns' own, if
    lower) is never chosen: a theme given wrongly costs a reader's trust.
    """
    patterns_precision = {
        theme: _theme_precision(theme, gold, [f or {OTHER} for f in found])
        for theme in space.theme_ids
    }
    space.calibration = Calibration({}, top, add_to_patterns, add_alone, margin)
    scores = space.scores(example_vectors, leave_out=list(range(len(gold))))
    thresholds = {t: 1.0 for t in space.theme_ids}
    grid = np.round(np.arange(0.30, 0.90, 0.01), 2)
    for _ in range(rounds):
        for theme in space.theme_ids:
            best = (-1.0, thresholds[theme])
            for value in grid:
                thresholds[theme] = float(value)
                space.calibration = Calibration(
                    dict(thresholds), top, add_to_patterns, add_alone, margin
                )
                predicted = [
                    _combined(found[i], space.suggest(scores[i], sorted(found[i])))
                    for i in range(len(gold))
                ]
                f1 = _theme_f1(theme, gold, predicted)
                floor = min(min_precision, patterns_precision[theme])
                if _theme_precision(theme, gold, predicted) < floor:
                    continue
                if f1 > best[0] + 1e-9:
                    best = (f1, float(value))
            thresholds[theme] = best[1]
    # Then how much readier the encoder may be for a comment the patterns left as
    # "other" (most of the examples have a pattern, so the thresholds above hardly saw one).
    themes = [*space.theme_ids, OTHER]
    best_alone = (-1.0, 0.0)
    for alone in np.round(np.arange(-0.12, 0.061, 0.01), 2):
        space.calibration = Calibration(
            thresholds, top, add_to_patterns, add_alone, margin, float(alone)
        )
        predicted = [
            _combined(found[i], space.suggest(scores[i], sorted(found[i])))
            for i in range(len(gold))
        ]
        f1 = sum(_theme_f1(t, gold, predicted) for t in themes) / len(themes)
        if f1 > best_alone[0] + 1e-9 or (abs(f1 - best_alone[0]) <= 1e-9 and alone == 0):
            best_alone = (f1, float(alone))
    calibration = Calibration(thresholds, top, add_to_patterns, add_alone, margin, best_alone[1])
    space.calibration = calibration
    return calibration


def _combined(found: set[str], added: list[tuple[str, float]]) -> set[str]:
    return (set(found) | {t for t, _ in added}) or {OTHER}


def _theme_f1(theme: str, gold: Sequence[set[str]], predicted: Sequence[set[str]]) -> float:
    true = sum(1 for g, p in zip(gold, predicted, strict=True) if theme in g and theme in p)
    said = sum(1 for p in predicted if theme in p)
    real = sum(1 for g in gold if theme in g)
    return 0.0 if true == 0 else 2 * true / (said + real)


def _theme_precision(theme: str, gold: Sequence[set[str]], predicted: Sequence[set[str]]) -> float:
    said = sum(1 for p in predicted if theme in p)
    true = sum(1 for g, p in zip(gold, predicted, strict=True) if theme in g and theme in p)
    return true / said if said else 1.0
