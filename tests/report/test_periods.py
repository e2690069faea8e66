from datetime import date, timedelta
from itertools import pairwise

import pytest

from app.responses.filters import Filters
from app.responses.periods import (
    Period,
    _add_months,
    default_trend_by,
    parse_period,
    previous_period,
    trend_buckets,
)


@pytest.mark.parametrize(
    ("text", "start", "end", "label", "kind"),
    [
        ("2026", date(2026, 1, 1), date(2027, 1, 1), "2026", "year"),
        ("2026-Q3", date(2026, 7, 1), date(2026, 10, 1), "2026-Q3", "quarter"),
        ("2026-q4", date(2026, 10, 1), date(2027, 1, 1), "2026-Q4", "quarter"),
        ("2026-07", date(2026, 7, 1), date(2026, 8, 1), "2026-07", "month"),
        ("2026-12", date(2026, 12, 1), date(2027, 1, 1), "2026-12", "month"),
        (
            " 2026-07-01..2026-09-30 ",
            date(2026, 7, 1),
            date(2026, 10, 1),
            "2026-07-01..2026-09-30",
            "range",
        ),
        (
            "2026-07-04..2026-07-04",
            date(2026, 7, 4),
            date(2026, 7, 5),
            "2026-07-04..2026-07-04",
            "range",
        ),
    ],
)
def test_periods_are_read_as_people_write_them(text, start, end, label, kind):
    assert parse_period(text) == Period(start, end, label, kind)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-Q5", "no quarter 5"),
        ("2026-Q0", "no quarter 0"),
        ("2026-13", "no month 13"),
        ("2026-00", "no month 0"),
        ("2026-09-30..2026-07-01", r"ends \(2026-07-01\) before it starts \(2026-09-30\)"),
        ("2020-01-01..2025-01-01", "at most 5 years"),
        ("2026-02-30..2026-03-31", "2026-02-30 is not a real date"),
        ("2026-7-1..2026-8-1", "is not a date"),
        ("last quarter", "is not a period"),
        ("Q5 2026", "no quarter 5"),
        ("Smarch 2026", "is not a period"),
        ("2026-28", "no month 28"),
        ("FY2026/28", "April to March"),
        ("FY2026-2028", "April to March"),
        ("2026-Q3-07", "is not a period"),
        ("", "Enter a period"),
        ("0026", "not a year"),
    ],
)
def test_bad_periods_say_what_is_wrong(text, message):
    with pytest.raises(ValueError, match=message):
        parse_period(text)


def test_a_range_of_exactly_five_years_is_allowed():
    period = parse_period("2020-01-01..2024-12-31")
    assert (period.start, period.end) == (date(2020, 1, 1), date(2025, 1, 1))


@pytest.mark.parametrize(
    ("text", "previous"),
    [
        ("2026", "2025"),
        ("2026-Q1", "2025-Q4"),
        ("2026-Q3", "2026-Q2"),
        ("2026-01", "2025-12"),
        ("2026-07-11..2026-07-20", "2026-07-01..2026-07-10"),
    ],
)
def test_previous_period_is_the_same_length_just_before(text, previous):
    assert previous_period(parse_period(text)).label == previous


def test_trend_by_month_covers_the_two_years_ending_with_the_period():
    buckets = trend_buckets(parse_period("2026-Q3"), "month")
    assert [b.label for b in buckets[:2]] == ["2024-10", "2024-11"]
    assert buckets[-1].label == "2026-09"
    assert len(buckets) == 24
    assert all(a.end == b.start for a, b in pairwise(buckets))


def test_trend_by_quarter_ends_with_the_quarter_holding_the_periods_last_day():
    buckets = trend_buckets(parse_period("2026-02-10..2026-05-03"), "quarter")
    assert [b.label for b in buckets] == [
        "2024-Q3",
        "2024-Q4",
        "2025-Q1",
        "2025-Q2",
        "2025-Q3",
        "2025-Q4",
        "2026-Q1",
        "2026-Q2",
    ]


def test_trend_goes_only_by_month_or_quarter():
    with pytest.raises(ValueError, match="by month or by quarter"):
        trend_buckets(parse_period("2026"), "week")


def test_filters_show_only_what_is_set():
    assert Filters().as_dict() == {}
    assert Filters(team_id=3, language="cy").as_dict() == {"team_id": 3, "language": "cy"}
    assert Filters(team_id=3, language="cy").key() == Filters(language="cy", team_id=3).key()
    assert Filters(team_id=3).key() != Filters(chair_id=3).key()


@pytest.mark.parametrize("text", ["2026-11-30..2026-12-01", "2026-01-31..2026-02-02"])
def test_a_range_starting_late_in_a_month_is_read_not_a_crash(text):
    period = parse_period(text)
    assert default_trend_by(period) == "month"
    assert previous_period(period).end == period.start


def test_months_added_to_a_late_day_land_on_the_shorter_months_last_day():
    assert _add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert _add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert _add_months(date(2026, 7, 1), -7) == date(2025, 12, 1)


@pytest.mark.parametrize("text", ["2026-Q3", "2026-07", "2026", "FY2026-27"])
def test_trend_buckets_are_whole_months_or_quarters_ending_with_the_period(text):
    period = parse_period(text)
    for by in ("month", "quarter"):
        buckets = trend_buckets(period, by)
        assert period.end - timedelta(days=1) in buckets[-1]
        if by == default_trend_by(period):
            assert buckets[-1].end == period.end
        assert all(a.end == b.start for a, b in pairwise(buckets))
        assert all(b.start.day == 1 and b.end.day == 1 for b in buckets)
        assert all(parse_period(b.label) == b for b in buckets)


@pytest.mark.parametrize(
    ("text", "label", "kind"),
    [
        ("2026-Q3", "2026-Q3", "quarter"),
        ("Q3 2026", "2026-Q3", "quarter"),
        ("q3  2026", "2026-Q3", "quarter"),
        ("2026 Q3", "2026-Q3", "quarter"),
        ("July 2026", "2026-07", "month"),
        ("july 2026", "2026-07", "month"),
        ("Jul 2026", "2026-07", "month"),
        ("Sept 2026", "2026-09", "month"),
        ("2026-07", "2026-07", "month"),
        ("2026", "2026", "year"),
        ("FY2026/27", "FY2026-27", "financial_year"),
        ("FY2026-27", "FY2026-27", "financial_year"),
        ("2026-27", "FY2026-27", "financial_year"),
        ("2026/27", "FY2026-27", "financial_year"),
        ("2026-2027", "FY2026-27", "financial_year"),
        ("FY2099/00", "FY2099-00", "financial_year"),
    ],
)
def test_every_form_people_say_a_period_in_is_read(text, label, kind):
    period = parse_period(text)
    assert (period.label, period.kind) == (label, kind)
    assert parse_period(period.label) == period  # the label is itself a period


@pytest.mark.parametrize("text", ["", "last quarter", "2026-Q3-07", "Smarch 2026"])
def test_a_period_not_understood_lists_every_accepted_form(text):
    with pytest.raises(ValueError) as raised:
        parse_period(text)
    for form in ("2026", "2026-Q3", "Q3 2026", "2026-07", "July 2026", "FY2026/27", "2026-27"):
        assert form in str(raised.value)


def test_a_month_is_understood_in_the_readers_language(app):
    with app.test_request_context("/?lang=cy"):
        assert parse_period("Gorffennaf 2026").label == "2026-07"
        assert parse_period("July 2026").label == "2026-07"
