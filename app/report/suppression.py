"""A report's figures as cells, each shown only as :mod:`app.responses.disclosure` allows.

The report builder puts every count it will show into a :class:`Cell` (a count and its
key sum from the database) and every percentage into a :class:`Rate`, then asks
:func:`disclose_cells` and :func:`disclose_rates` what may be shown. Nothing here decides
a number on its own: the perturbed value and the threshold come from the one function,
:func:`app.responses.disclosure.protect_count`.

Reasons a figure is hidden, as the report's notes name them:

- ``BELOW_THRESHOLD``: its perturbed count is below the threshold ("fewer than 10"),
  zeros included, so a zero never tells anyone that the rest is everybody;
- ``SECONDARY``: not shown because what it is worked out from is not shown (a
  percentage whose part or base is hidden, or every figure of a scope whose base is
  below the threshold); it may be larger ("not shown").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from app.responses.disclosure import (
    PercentBand,
    Tally,
    percent_band,
    protect_count,
    protect_percent,
    share_of,
)
from app.responses.shape import SuppressionNote

BELOW_THRESHOLD = "below threshold"
SECONDARY = "secondary"


@dataclass(eq=False)
class Cell:
    """One count in a report and, once disclosed, the value shown or why it is hidden."""

    where: str
    tally: Tally
    reason: str | None = None
    value: int | None = None

    @property
    def hidden(self) -> bool:
        return self.reason is not None

    @property
    def shown_count(self) -> int | None:
        return None if self.hidden else self.value


def disclose_cells(cells: Iterable[Cell], threshold: int) -> None:
    """Give every cell its protected value, or hide it as fewer than the threshold."""
    for cell in cells:
        if cell.hidden:
            continue
        cell.value = protect_count(cell.tally, threshold)
        if cell.value is None:
            cell.reason = BELOW_THRESHOLD


def hide_all(cells: Iterable[Cell]) -> None:
    """A scope below the threshold shows nothing: every figure in it is hidden."""
    for cell in cells:
        cell.value = None
        cell.reason = cell.reason or SECONDARY


def share(cell: Cell, whole: Cell, threshold: int) -> float | None:
    """An option's percentage of those answering, from perturbed counts, when both show."""
    if cell.hidden or whole.hidden:
        return None
    return share_of(cell.tally, whole.tally, threshold)


def suppression_notes(cells: Iterable[Cell]) -> list[SuppressionNote]:
    """One note for each hidden figure (every hidden figure has one, so none reads as zero)."""
    return [
        SuppressionNote(where=cell.where, reason=cell.reason)
        for cell in cells
        if cell.reason is not None
    ]


@dataclass(eq=False)
class Rate:
    """A percentage positive (an indicator in a period or a trend bucket) and its parts."""

    where: str
    positives: Tally
    answered: Tally
    reason: str | None = None
    shown: float | None = None
    band: PercentBand | None = None  # what may be said when it is not shown exactly

    @property
    def hidden(self) -> bool:
        return self.reason is not None

    @property
    def value(self) -> float | None:
        """The percentage shown: None when hidden."""
        return None if self.hidden else self.shown


def disclose_rates(rates: Iterable[Rate], threshold: int) -> None:
    """Percentages from perturbed counts, shown only when their base, the positives and
    the rest are each shown (see :func:`app.responses.disclosure.protect_percent`)."""
    for rate in rates:
        if rate.hidden:
            continue
        rate.shown = protect_percent(rate.positives, rate.answered, threshold)
        if rate.shown is None:
            rate.reason = BELOW_THRESHOLD
            rate.band = percent_band(rate.positives, rate.answered, threshold)


def hide_all_rates(rates: Iterable[Rate]) -> None:
    for rate in rates:
        rate.shown = None
        rate.band = None
        rate.reason = rate.reason or SECONDARY


def rate_notes(rates: Iterable[Rate]) -> list[SuppressionNote]:
    return [
        SuppressionNote(where=rate.where, reason=rate.reason)
        for rate in rates
        if rate.reason is not None
    ]
