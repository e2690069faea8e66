"""Precision, recall and F1 per theme, and macro-F1, for multi-label theming."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ThemeScore:
    theme: str
    precision: float
    recall: float
    f1: float
    support: int  # comments labelled with the theme

    def as_record(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
            "support": self.support,
        }


@dataclass(frozen=True)
class LabelledComment:
    text: str
    themes: tuple[str, ...]
    language: str | None = None
    voice: str | None = None


def read_labelled(path: Path) -> list[LabelledComment]:
    """A JSON-lines file of ``{"text", "themes", "language", "voice"}``."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            data = json.loads(line)
            rows.append(
                LabelledComment(
                    data["text"], tuple(data["themes"]), data.get("language"), data.get("voice")
                )
            )
    return rows


def score_themes(
    gold: Sequence[Iterable[str]], predicted: Sequence[Iterable[str]], themes: Iterable[str]
) -> dict[str, ThemeScore]:
    """Per-theme scores; a theme never labelled nor predicted is left out."""
    gold_sets = [set(g) for g in gold]
    predicted_sets = [set(p) for p in predicted]
    scores = {}
    for theme in themes:
        tp = sum(theme in g and theme in p for g, p in zip(gold_sets, predicted_sets, strict=True))
        fp = sum(
            theme not in g and theme in p for g, p in zip(gold_sets, predicted_sets, strict=True)
        )
        fn = sum(
            theme in g and theme not in p for g, p in zip(gold_sets, predicted_sets, strict=True)
        )
        if tp + fp + fn == 0:
            continue
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        scores[theme] = ThemeScore(theme, precision, recall, f1, tp + fn)
    return scores


def macro_f1(scores: dict[str, ThemeScore]) -> float:
    """The unweighted mean of the per-theme F1 scores."""
    return sum(s.f1 for s in scores.values()) / len(scores) if scores else 0.0
