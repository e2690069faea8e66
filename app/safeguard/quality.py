"""How well a screen does on labelled text: recall and false alerts, with 95% Wilson
intervals, overall, per category and per language. Used by ``sayso screen train`` and
``bench/screen_bench.py``. Nothing here imports Flask or Celery."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass
class Tally:
    """``hits`` out of ``total``."""

    hits: int = 0
    total: int = 0

    def add(self, hit: bool) -> None:
        self.hits += int(hit)
        self.total += 1

    @property
    def rate(self) -> float:
        return self.hits / self.total if self.total else float("nan")

    def interval(self, z: float = 1.96) -> tuple[float, float]:
        """The 95% Wilson score interval (sound for small counts and rates near 0 or 1)."""
        if not self.total:
            return (float("nan"), float("nan"))
        n, p = self.total, self.rate
        centre = (p + z * z / (2 * n)) / (1 + z * z / n)
        half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
        return (max(0.0, centre - half), min(1.0, centre + half))

    def describe(self) -> str:
        low, high = self.interval()
        return f"{self.rate:.3f} [{low:.3f}, {high:.3f}] ({self.hits}/{self.total})"


@dataclass
class Quality:
    """Recall (alert or review) and false alerts of one screen on one labelled set."""

    recall: Tally = field(default_factory=Tally)
    alert_recall: Tally = field(default_factory=Tally)  # alert-labelled items raised as alerts
    false_alerts: Tally = field(default_factory=Tally)  # ordinary items sent to a person
    false_high: Tally = field(default_factory=Tally)  # ordinary items raised as high
    by_category: dict[str, Tally] = field(default_factory=dict)
    by_language: dict[str, Tally] = field(default_factory=dict)
    false_by_language: dict[str, Tally] = field(default_factory=dict)
    false_by_category: dict[str, Tally] = field(default_factory=dict)


def measure_quality(
    labels: Sequence[tuple[str, str | None, str]],
    outcomes: Sequence[tuple[str, str | None, str | None]],
) -> Quality:
    """``labels``: (route, category, language) per item; ``outcomes``: (route, severity,
    category) the screen gave. A false alert is counted under the category the screen
    named, out of all ordinary items."""
    quality = Quality()
    ordinary = sum(1 for route, _, _ in labels if route == "none")
    for (route, category, language), (found, severity, named) in zip(labels, outcomes, strict=True):
        if route != "none":
            hit = found != "none"
            quality.recall.add(hit)
            quality.by_category.setdefault(category or "unknown", Tally()).add(hit)
            quality.by_language.setdefault(language, Tally()).add(hit)
            if route == "alert":
                quality.alert_recall.add(found == "alert")
            continue
        quality.false_alerts.add(found != "none")
        quality.false_high.add(severity == "high")
        quality.false_by_language.setdefault(language, Tally()).add(found != "none")
        if found != "none":
            tally = quality.false_by_category.setdefault(named or "unknown", Tally(0, ordinary))
            tally.hits += 1
    return quality
