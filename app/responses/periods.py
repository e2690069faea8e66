"""Report periods as people write them: 2026, 2026-Q3, 2026-07, FY2026-27, or a range of days.

Reports take whole months, quarters, years and financial years (April to March) only
(see :func:`app.responses.disclosure.check_request`); a range of days is still read here
because "you said, we did" actions are dated with one. Every boundary is midnight in UK
local time (:func:`utc_boundary`), whatever the season.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask_babel import gettext as _

MAX_RANGE_YEARS = 5
TREND_YEARS = 2
UK = ZoneInfo("Europe/London")

_YEAR = re.compile(r"^(\d{4})$")
_QUARTER = re.compile(r"^(\d{4})\s*-?\s*[Qq](\d+)$")
_QUARTER_FIRST = re.compile(r"^[Qq](\d+)\s*[-/ ]?\s*(\d{4})$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_MONTH_NAMED = re.compile(r"^([^\W\d_]+)\.?[\s,]*(\d{4})$")
_RANGE = re.compile(r"^(\S+)\s*\.\.\s*(\S+)$")
_FINANCIAL_YEAR = re.compile(
    r"^(?:FY\s*(\d{4})(?:\s*[-/]\s*(\d{2}|\d{4}))?|(\d{4})\s*[-/]\s*(\d{2}|\d{4}))$",
    re.IGNORECASE,
)
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
# English month names and their short forms, always understood; the reader's own
# language's names are understood too (see ``_month_number``).
_ENGLISH_MONTHS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
} | {"sept": 9}


@dataclass(frozen=True)
class Period:
    """Dates from ``start`` up to but not including ``end``."""

    start: date
    end: date  # exclusive
    label: str
    kind: str  # "year" | "quarter" | "month" | "financial_year" | "range"

    def __contains__(self, day: date) -> bool:
        return self.start <= day < self.end


def parse_period(text: str) -> Period:
    """Read a period; a ``ValueError`` says in plain words what is wrong with it.

    Accepted: 2026; 2026-Q3 or Q3 2026; 2026-07 or July 2026; FY2026/27, FY2026-27 or
    2026-27 (a financial year, April to March); and a range of days 2026-07-01..2026-07-31.
    """
    cleaned = " ".join((text or "").split())
    if not cleaned:
        raise ValueError(_("Enter a period.") + " " + accepted_forms())
    if match := _YEAR.match(cleaned):
        return year_period(_year(match.group(1)))
    if match := _QUARTER.match(cleaned):
        return _quarter(match.group(1), match.group(2))
    if match := _QUARTER_FIRST.match(cleaned):
        return _quarter(match.group(2), match.group(1))
    if match := _MONTH.match(cleaned):
        if int(match.group(2)) == (int(match.group(1)) + 1) % 100 and int(match.group(2)) > 12:
            return financial_year_period(_year(match.group(1)))  # 2026-27
        return _month(match.group(1), int(match.group(2)))
    if match := _FINANCIAL_YEAR.match(cleaned):
        return _financial_year(match)
    if match := _MONTH_NAMED.match(cleaned):
        month = _month_number(match.group(1))
        if month is not None:
            return _month(match.group(2), month)
    if match := _RANGE.match(cleaned):
        return range_period(_day(match.group(1)), _day(match.group(2)))
    raise ValueError(_("“%(text)s” is not a period.", text=cleaned) + " " + accepted_forms())


def accepted_forms() -> str:
    """The ways of writing a period that :func:`parse_period` reads, in the reader's language."""
    return _(
        "Write a year (2026), a quarter (2026-Q3 or Q3 2026), a month (2026-07 or "
        "July 2026) or a financial year, April to March (FY2026/27 or 2026-27)."
    )


def _quarter(year_text: str, quarter_text: str) -> Period:
    quarter = int(quarter_text)
    if not 1 <= quarter <= 4:
        raise ValueError(
            _(
                "There is no quarter %(quarter)s: quarters are Q1 to Q4, as in 2026-Q3.",
                quarter=quarter,
            )
        )
    return quarter_period(_year(year_text), quarter)


def _month(year_text: str, month: int) -> Period:
    if not 1 <= month <= 12:
        raise ValueError(
            _(
                "There is no month %(month)s: months are 01 to 12, as in 2026-07.",
                month=month,
            )
        )
    return month_period(_year(year_text), month)


def _month_number(name: str) -> int | None:
    """1 to 12 for a month's name in English or in the reader's language, else None."""
    lowered = name.casefold()
    if lowered in _ENGLISH_MONTHS:
        return _ENGLISH_MONTHS[lowered]
    for width in ("wide", "abbreviated"):
        for context in ("format", "stand-alone"):
            names = _local_month_names(width, context)
            for number, local in names.items():
                if local.casefold().rstrip(".") == lowered:
                    return number
    return None


def _local_month_names(width: str, context: str) -> dict[int, str]:
    from flask import has_request_context
    from flask_babel import get_locale

    if not has_request_context():
        return {}
    locale = get_locale()
    return dict(locale.months[context][width]) if locale is not None else {}


def year_period(year: int) -> Period:
    return Period(date(year, 1, 1), date(year + 1, 1, 1), f"{year:04d}", "year")


def financial_year_period(year: int) -> Period:
    """April ``year`` to March ``year + 1``, labelled FY2026-27."""
    start = date(year, 4, 1)
    label = f"FY{year:04d}-{(year + 1) % 100:02d}"
    return Period(start, _add_months(start, 12), label, "financial_year")


def _financial_year(match: re.Match[str]) -> Period:
    first, second = (match.group(1), match.group(2)) if match.group(1) else match.group(3, 4)
    year = _year(first)
    if second is not None and int(second) % 100 != (year + 1) % 100:
        raise ValueError(
            _(
                "A financial year runs April to March of the next year, as in FY%(year)s-%(next)s.",
                year=year,
                next=f"{(year + 1) % 100:02d}",
            )
        )
    if second is not None and len(second) == 4 and int(second) != year + 1:
        raise ValueError(
            _(
                "A financial year runs April to March of the next year, as in FY%(year)s-%(next)s.",
                year=year,
                next=f"{(year + 1) % 100:02d}",
            )
        )
    return financial_year_period(year)


def utc_boundary(day: date) -> datetime:
    """Midnight at the start of ``day`` in UK local time, as the naive UTC datetime
    timestamps are stored in: a report's months begin when they begin in the UK."""
    local = datetime.combine(day, time.min, tzinfo=UK)
    return local.astimezone(UTC).replace(tzinfo=None)


def quarter_period(year: int, quarter: int) -> Period:
    start = date(year, 3 * quarter - 2, 1)
    return Period(start, _add_months(start, 3), f"{year:04d}-Q{quarter}", "quarter")


def month_period(year: int, month: int) -> Period:
    start = date(year, month, 1)
    return Period(start, _add_months(start, 1), f"{year:04d}-{month:02d}", "month")


def range_period(first: date, last: date) -> Period:
    """The days from ``first`` to ``last``, both included."""
    if last < first:
        raise ValueError(
            _(
                "The period ends (%(last)s) before it starts (%(first)s).",
                last=last.isoformat(),
                first=first.isoformat(),
            )
        )
    if last >= _years_after(first, MAX_RANGE_YEARS):
        raise ValueError(_("A period can be at most %(years)s years long.", years=MAX_RANGE_YEARS))
    label = f"{first.isoformat()}..{last.isoformat()}"
    return Period(first, last + timedelta(days=1), label, "range")


def previous_period(period: Period) -> Period:
    """The period of the same kind just before: last year, last quarter, last month."""
    if period.kind == "year":
        return year_period(period.start.year - 1)
    if period.kind == "financial_year":
        return financial_year_period(period.start.year - 1)
    if period.kind == "quarter":
        start = _add_months(period.start, -3)
        return quarter_period(start.year, (start.month - 1) // 3 + 1)
    if period.kind == "month":
        start = _add_months(period.start, -1)
        return month_period(start.year, start.month)
    length = period.end - period.start
    return range_period(period.start - length, period.start - timedelta(days=1))


def trend_buckets(period: Period, by: str) -> list[Period]:
    """The months (``by="month"``) or quarters of the two years ending with ``period``."""
    if by not in ("month", "quarter"):
        raise ValueError(_("A trend goes by month or by quarter, not by %(by)s.", by=by))
    last_day = period.end - timedelta(days=1)
    if by == "month":
        last = month_period(last_day.year, last_day.month)
        count, step = 12 * TREND_YEARS, 1
    else:
        last = quarter_period(last_day.year, (last_day.month - 1) // 3 + 1)
        count, step = 4 * TREND_YEARS, 3
    buckets = []
    for back in range(count - 1, -1, -1):
        start = _add_months(last.start, -step * back)
        if by == "month":
            buckets.append(month_period(start.year, start.month))
        else:
            buckets.append(quarter_period(start.year, (start.month - 1) // 3 + 1))
    return buckets


def default_trend_by(period: Period) -> str:
    """Months for a month or quarter; quarters for anything longer."""
    if period.kind in ("month", "quarter"):
        return "month"
    if period.kind == "range" and period.end <= _add_months(period.start, 3):
        return "month"
    return "quarter"


def _year(text: str) -> int:
    year = int(text)
    if not 1900 <= year <= 2999:
        raise ValueError(_("%(year)s is not a year a report can cover.", year=year))
    return year


def _day(text: str) -> date:
    match = _DAY.match(text)
    if not match:
        raise ValueError(_("“%(text)s” is not a date: write dates as 2026-07-01.", text=text))
    try:
        return date(_year(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        raise ValueError(_("%(text)s is not a real date.", text=text)) from None


def _years_after(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year + years, day=28)


def _add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day when it is shorter
    (30 November plus three months is 28 February, not an error)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
