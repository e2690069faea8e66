"""The confidence interval every bench prints beside a proportion."""

from __future__ import annotations

import math


def wilson(hits: int, total: int, z: float = 1.96) -> tuple[float, float]:
    """The Wilson score interval for ``hits`` out of ``total`` (95% with the default ``z``);
    (0, 0) when there is nothing to count."""
    if total == 0:
        return (0.0, 0.0)
    p = hits / total
    centre = (p + z * z / (2 * total)) / (1 + z * z / total)
    half = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / (1 + z * z / total)
    return (max(0.0, centre - half), min(1.0, centre + half))
