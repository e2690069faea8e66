"""Disclosure control: the one door every count passes through on its way out of Sayso.

Sayso lets staff build their own tables (any questionnaire, whole period, one filter),
so protecting one table at a time is not enough: two tables that differ by one person
would give that person away by subtraction. This module follows the cell key method
the ONS used for Census 2021 custom tables (see ``docs/disclosure-control.md``):

- every response (and every invitation) gets a fixed random **record key** from 0 to
  ``KEY_RANGE - 1`` when it is stored, and keeps it;
- a cell's **cell key** is the sum of its records' keys modulo ``KEY_RANGE``: the
  database adds the keys up in the same GROUP BY that counts the records;
- the cell's **perturbation** is looked up from its count and cell key in a small fixed
  table, so the same set of people always shows the same number in every report, page,
  export, email and API answer, while the difference between two overlapping cells is
  the true difference plus noise nobody can take back out;
- a perturbed count below the threshold is shown as "fewer than N", zeros included;
- a scope whose perturbed base is below the threshold shows nothing at all;
- percentages are worked out from perturbed counts, and only when both parts are shown.

:func:`protect_count` is the function; everything else here is its rules written down.
Raw counts and key sums never leave the process: only what it returns does.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _

from app.responses.filters import Filters
from app.responses.keys import KEY_RANGE, new_record_key
from app.responses.periods import Period

__all__ = ["KEY_RANGE", "new_record_key"]  # re-exported: the rules in one place
# The largest change perturbation makes to a count, either way. Published: the noise
# protects because nobody knows which way a given cell moved, not because its size is secret.
PERTURBATION_BOUND = 2
# Counts at or above this use the last row of the table.
TABLE_ROWS = 5
# How many cell keys (out of KEY_RANGE) move a count by -2, -1, 0, +1 and +2. Counts of
# one and two can only go down as far as zero, so their rows differ; a zero is never moved
# (an empty cell has no records, and no key).
_SPREAD: dict[int, tuple[tuple[int, int], ...]] = {
    1: ((-1, 64), (0, 96), (1, 64), (2, 32)),
    2: ((-2, 24), (-1, 56), (0, 96), (1, 56), (2, 24)),
}
_DEFAULT_SPREAD = ((-2, 32), (-1, 56), (0, 80), (1, 56), (2, 32))
# Filters a person can stack on top of the questionnaire: at most one of these at a time.
FINE_FILTERS = ("team_id", "chair_id", "age_band", "language")
MAX_FINE_FILTERS = 1
PERIOD_KINDS = ("month", "quarter", "year", "financial_year")


def _table_row(spread: tuple[tuple[int, int], ...]) -> tuple[int, ...]:
    """One row of the table: each change repeated as often as its share of the keys.

    The row starts with its "no change" band, so cell key 0 leaves a count as it is
    (which tests use to check exact arithmetic); which key means what is no secret.
    """
    ordered = sorted(spread, key=lambda item: (item[0] != 0, item[0] < 0, abs(item[0])))
    row: list[int] = []
    for change, width in ordered:
        row.extend([change] * width)
    if len(row) != KEY_RANGE:
        raise AssertionError("a perturbation row must cover every cell key once")
    return tuple(row)


# The perturbation table: PERTURBATION_TABLE[min(count, TABLE_ROWS)][cell key].
PERTURBATION_TABLE: dict[int, tuple[int, ...]] = {
    rows: _table_row(_SPREAD.get(rows, _DEFAULT_SPREAD)) for rows in range(1, TABLE_ROWS + 1)
}


@dataclass(frozen=True)
class Tally:
    """A true count and the sum of its records' keys, as the database returned them.

    Never shown: only :func:`protect_count` turns it into something that can be.
    """

    count: int
    key_sum: int = 0

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.count + other.count, self.key_sum + other.key_sum)

    def __sub__(self, other: Tally) -> Tally:
        """The records of ``self`` that are not in ``other`` (``other`` lies inside it)."""
        return Tally(self.count - other.count, self.key_sum - other.key_sum)

    @property
    def cell_key(self) -> int:
        return self.key_sum % KEY_RANGE


EMPTY = Tally(0, 0)


def perturbed(tally: Tally) -> int:
    """The count after its cell's perturbation: never negative, zero stays zero."""
    if tally.count <= 0:
        return 0
    row = PERTURBATION_TABLE[min(tally.count, TABLE_ROWS)]
    return max(0, tally.count + row[tally.cell_key])


def protect_count(tally: Tally, threshold: int) -> int | None:
    """The number Sayso may show for a cell: perturbed, or None for "fewer than N".

    Every count that leaves Sayso goes through here: report pages, CSV, XLSX, board
    pack, emails, the API, theme pages, a reviewing officer's feedback, response rates.
    """
    value = perturbed(tally)
    return value if value >= threshold else None


def protect_percent(part: Tally, whole: Tally, threshold: int) -> float | None:
    """A percentage from perturbed counts, one decimal; None unless the part, the rest
    and the whole are each shown (a rate of 0% or 100% would show a hidden zero)."""
    shown_part = protect_count(part, threshold)
    shown_rest = protect_count(whole - part, threshold)
    shown_whole = protect_count(whole, threshold)
    if shown_part is None or shown_rest is None or shown_whole is None:
        return None
    return min(100.0, round(100.0 * shown_part / shown_whole, 1))


def protect_mean(total: float, tally: Tally, threshold: int, typical: float) -> float | None:
    """The average of a value over a cell's records (a ranking's positions), or None when
    the cell's count is hidden. The total is moved by the cell's perturbation times a
    typical value, the same for the same people every time, so two overlapping cells
    cannot be subtracted to find one person's value."""
    if protect_count(tally, threshold) is None:
        return None
    return (total + (perturbed(tally) - tally.count) * typical) / tally.count


# Bands are whole multiples of this many percentage points.
BAND_STEP = 10
# Why a percentage is not shown exactly: which of its parts is below the threshold.
BASE_HIDDEN = "answered"  # fewer than the threshold answered at all
PART_HIDDEN = "positive"  # fewer than the threshold gave the positive answer
REST_HIDDEN = "other"  # fewer than the threshold gave any other answer
BOTH_HIDDEN = "both"  # fewer than the threshold on each side


@dataclass(frozen=True)
class PercentBand:
    """What may be said of a percentage that cannot be shown exactly.

    ``hidden`` names the part below the threshold; ``at_least`` ("90% or more") or
    ``at_most`` ("10% or less") is set when a band says something true and useful.
    """

    hidden: str
    at_least: int | None = None
    at_most: int | None = None


def percent_band(part: Tally, whole: Tally, threshold: int) -> PercentBand | None:
    """A band for a percentage :func:`protect_percent` will not show; None when it would.

    The band is worked out from nothing but the shown base, the threshold, the published
    perturbation bound and which side is hidden, the same fact "fewer than N" shows for
    any cell. A hidden side holds at most ``threshold - 1 + PERTURBATION_BOUND`` people,
    and the base is at least its shown value less the bound, so the band is true of the
    real percentage, and it never reaches 0% or 100% (no hidden zero is shown).
    """
    shown_whole = protect_count(whole, threshold)
    if shown_whole is None:
        return PercentBand(BASE_HIDDEN)
    part_hidden = protect_count(part, threshold) is None
    rest_hidden = protect_count(whole - part, threshold) is None
    if not (part_hidden or rest_hidden):
        return None
    if part_hidden and rest_hidden:
        return PercentBand(BOTH_HIDDEN)
    # The most people the hidden side can hold, over the fewest the base can hold.
    most_hidden = threshold - 1 + PERTURBATION_BOUND
    fewest_whole = shown_whole - PERTURBATION_BOUND
    if fewest_whole <= 0:
        return PercentBand(PART_HIDDEN if part_hidden else REST_HIDDEN)
    share = 100.0 * most_hidden / fewest_whole
    if rest_hidden:
        bound = int((100.0 - share) // BAND_STEP) * BAND_STEP
        return PercentBand(REST_HIDDEN, at_least=bound) if bound > 0 else PercentBand(REST_HIDDEN)
    bound = -int(-share // BAND_STEP) * BAND_STEP
    return PercentBand(PART_HIDDEN, at_most=bound) if bound < 100 else PercentBand(PART_HIDDEN)


def share_of(part: Tally, whole: Tally, threshold: int) -> float | None:
    """An option's share of those answering: both counts shown, from perturbed counts."""
    shown_part = protect_count(part, threshold)
    shown_whole = protect_count(whole, threshold)
    if shown_part is None or shown_whole is None:
        return None
    return min(100.0, round(100.0 * shown_part / shown_whole, 1))


class RequestTooFine(ValueError):
    """A report asked for more detail than Sayso gives: the message says what to change."""


def check_request(period: Period, filters: Filters) -> None:
    """Whole months, quarters, years or financial years, and at most one fine filter."""
    if period.kind not in PERIOD_KINDS:
        raise RequestTooFine(
            _(
                "Reports cover whole months, quarters, years or financial years "
                "(July 2026, Q3 2026, 2026 or FY2026/27), not a range of days."
            )
        )
    chosen = [name for name in FINE_FILTERS if getattr(filters, name) is not None]
    if len(chosen) > MAX_FINE_FILTERS:
        raise RequestTooFine(
            _(
                "Choose at most one of team, reviewing officer, age band and language: "
                "more than one narrows a report down to a handful of people."
            )
        )
