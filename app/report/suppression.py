"""Small-number suppression: no count below the threshold, and none that can be worked out.

Plain functions over :class:`Cell` objects (a count and whether it is hidden); no database.
The report builder puts every figure it will show into cells, groups the cells that add
up to a total it shows, and runs these rules:

- **Primary.** A count from 1 to ``threshold - 1`` is hidden ("below threshold").
- **Secondary.** In a group whose total is shown, the hidden cells must be at least two
  and add up to at least the threshold, or nobody could be told apart; otherwise the
  next-smallest shown cells are hidden too ("secondary"), and if even that cannot make
  the group safe, the caller hides the total.
- **Complements.** Multiple-choice options do not add up to the number who answered, but
  each one's complement (answered − count: those who did not choose it) is a count of
  people too, so an option whose complement is from 1 to ``threshold - 1`` is hidden.
- **Percentages** are never shown for a hidden count or with a hidden denominator.
- **Indicators** are hidden when the number answering, the positives or the
  non-positives is from 1 to ``threshold - 1``.

Decisions, deliberately made:

- **Zero is shown.** A zero is not a small group of people who could be told apart, and
  five-point scales routinely leave an option unused: hiding zeros would force secondary
  suppression of real figures in nearly every question. So "below threshold" means 1 to
  ``threshold - 1``; a zero is never hidden on its own account, is never chosen as a
  secondary cell to make up a sum (it cannot), and an indicator at 0% or 100% of enough
  people is shown.
- **Not answering is not an attribute.** How many skipped a question (responses −
  answered) or did not reply to an invitation says nothing about what anyone thinks,
  and routing makes it common, so those differences are not protected.
- **One report at a time.** The rules protect the figures within a report; comparing two
  reports whose filters differ by a handful of people is stopped by the threshold on
  each, not by coordinating suppression across every possible report.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from app.report.shape import SuppressionNote

BELOW_THRESHOLD = "below threshold"
SECONDARY = "secondary"
# A count the report never shows (the days of a period outside its whole months), which
# counts as a hidden cell of its group, like any other, but needs no note.
UNSHOWN = "unshown"


@dataclass(eq=False)
class Cell:
    """One count in a report and, once suppressed, why it is hidden."""

    where: str
    count: int
    reason: str | None = None

    @property
    def hidden(self) -> bool:
        return self.reason is not None

    @property
    def shown_count(self) -> int | None:
        return None if self.hidden else self.count


def is_small(count: int | None, threshold: int) -> bool:
    """From 1 to ``threshold - 1``: a count that could point at a few people."""
    return count is not None and 0 < count < threshold


def unshown(count: int) -> Cell:
    """The part of a total no shown cell covers (see ``UNSHOWN``)."""
    return Cell("", count, UNSHOWN)


def hide_small_counts(cells: Iterable[Cell], threshold: int) -> None:
    """Primary suppression: hide every count below the threshold."""
    for cell in cells:
        if not cell.hidden and is_small(cell.count, threshold):
            cell.reason = BELOW_THRESHOLD


def group_is_safe(cells: Sequence[Cell], threshold: int) -> bool:
    """No hidden cell of a group with a shown total can be worked out from the rest."""
    hidden = [cell for cell in cells if cell.hidden]
    hidden_sum = sum(cell.count for cell in hidden)
    return hidden_sum == 0 or (len(hidden) >= 2 and hidden_sum >= threshold)


def protect_group(cells: Sequence[Cell], threshold: int) -> bool:
    """Secondary suppression for cells that add up to a shown total.

    Hides the next-smallest shown cells until the group is safe. Returns False when
    that is impossible, and the caller must hide the total as well.
    """
    while not group_is_safe(cells, threshold):
        hidden_sum = sum(cell.count for cell in cells if cell.hidden)
        shown = [cell for cell in cells if not cell.hidden]
        if hidden_sum < threshold:
            # Only a count above zero brings the hidden sum up to the threshold.
            shown = [cell for cell in shown if cell.count > 0]
        if not shown:
            return False
        min(shown, key=lambda cell: cell.count).reason = SECONDARY
    return True


def protect_complements(cells: Iterable[Cell], answered: Cell, threshold: int) -> None:
    """Multiple choice: hide an option whose complement (answered − count) is small."""
    if answered.hidden:
        return
    for cell in cells:
        if not cell.hidden and is_small(answered.count - cell.count, threshold):
            cell.reason = SECONDARY


def indicator_is_small(answered: int, positives: int, threshold: int) -> bool:
    """An indicator hides when those answering, the positives or the rest are too few."""
    return any(is_small(count, threshold) for count in (answered, positives, answered - positives))


def percent(count: int | None, denominator: int | None) -> float | None:
    """One decimal; None when either part is hidden or there is nothing to divide by."""
    if count is None or not denominator:
        return None
    return round(100.0 * count / denominator, 1)


def suppression_notes(cells: Iterable[Cell]) -> list[SuppressionNote]:
    """One note for each hidden count the report would otherwise have shown."""
    return [
        SuppressionNote(where=cell.where, reason=cell.reason)
        for cell in cells
        if cell.reason is not None and cell.reason != UNSHOWN
    ]


@dataclass(eq=False)
class Rate:
    """A percentage positive (an indicator in a period or a trend bucket) and its parts."""

    where: str
    positives: int
    answered: int
    reason: str | None = None

    @property
    def hidden(self) -> bool:
        return self.reason is not None

    @property
    def value(self) -> float | None:
        """The percentage shown: None when hidden or when nobody answered."""
        return None if self.hidden else percent(self.positives, self.answered)

    def parts(self) -> tuple[Cell, Cell]:
        """Its positives and non-positives, hidden together with it."""
        return (
            Cell(self.where, self.positives, self.reason),
            Cell(self.where, self.answered - self.positives, self.reason),
        )


def unshown_rate(positives: int, answered: int) -> Rate:
    return Rate("", positives, answered, UNSHOWN)


def hide_small_rates(rates: Iterable[Rate], threshold: int) -> None:
    """Primary suppression of percentages: too few answering, positives or the rest."""
    for rate in rates:
        if not rate.hidden and indicator_is_small(rate.answered, rate.positives, threshold):
            rate.reason = BELOW_THRESHOLD


def rates_are_safe(rates: Sequence[Rate], threshold: int) -> bool:
    """Rates whose positives and non-positives add up to a shown rate's (as a trend's
    months add up to the quarter): neither hidden part can be worked out."""
    positives, negatives = (
        zip(*(rate.parts() for rate in rates), strict=True) if rates else ((), ())
    )
    return group_is_safe(positives, threshold) and group_is_safe(negatives, threshold)


def protect_rates(rates: Sequence[Rate], threshold: int) -> bool:
    """Secondary suppression for rates that add up to a shown rate (see ``protect_group``)."""
    while not rates_are_safe(rates, threshold):
        hidden = [rate for rate in rates if rate.hidden]
        short = sum(r.positives for r in hidden) < threshold or (
            sum(r.answered - r.positives for r in hidden) < threshold
        )
        shown = [rate for rate in rates if not rate.hidden and (rate.answered > 0 or not short)]
        if not shown:
            return False
        min(shown, key=lambda rate: rate.answered).reason = SECONDARY
    return True


def rate_notes(rates: Iterable[Rate]) -> list[SuppressionNote]:
    return [
        SuppressionNote(where=rate.where, reason=rate.reason)
        for rate in rates
        if rate.reason is not None and rate.reason != UNSHOWN
    ]
