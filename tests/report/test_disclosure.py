"""The one function every count leaves Sayso through, and the rules about what a report
may ask for (app/responses/disclosure.py)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.report.indicators import band_rag
from app.responses.disclosure import (
    KEY_RANGE,
    PERTURBATION_BOUND,
    PERTURBATION_TABLE,
    PercentBand,
    RequestTooFine,
    Tally,
    check_request,
    percent_band,
    perturbed,
    protect_count,
    protect_percent,
)
from app.responses.filters import Filters
from app.responses.periods import parse_period, previous_period, utc_boundary

THRESHOLD = 10
keys = st.lists(st.integers(0, KEY_RANGE - 1), min_size=0, max_size=60)


def tally(record_keys: list[int]) -> Tally:
    return Tally(len(record_keys), sum(record_keys))


def test_every_row_of_the_table_covers_every_cell_key_within_the_bound():
    for row in PERTURBATION_TABLE.values():
        assert len(row) == KEY_RANGE
        assert all(abs(change) <= PERTURBATION_BOUND for change in row)
        assert row[0] == 0  # cell key 0 leaves a count as it is


@given(keys)
def test_the_same_people_always_show_the_same_number(record_keys):
    shuffled = list(reversed(record_keys))
    assert protect_count(tally(record_keys), THRESHOLD) == protect_count(tally(shuffled), THRESHOLD)


@given(keys)
def test_a_shown_count_is_near_the_truth_and_never_below_the_threshold(record_keys):
    shown = protect_count(tally(record_keys), THRESHOLD)
    if shown is not None:
        assert shown >= THRESHOLD
        assert abs(shown - len(record_keys)) <= PERTURBATION_BOUND


def test_zero_is_never_shown_and_never_moved():
    assert perturbed(Tally(0, 0)) == 0
    assert protect_count(Tally(0, 0), THRESHOLD) is None


def test_one_more_person_does_not_always_show_as_one_more():
    """Adding one record changes the cell key, so the shown difference varies: over many
    random cells, differences other than +1 are common."""
    import random

    rng = random.Random(4)
    differences = set()
    for _ in range(300):
        base = [rng.randrange(KEY_RANGE) for _ in range(30)]
        one_more = [*base, rng.randrange(KEY_RANGE)]
        differences.add(perturbed(tally(one_more)) - perturbed(tally(base)))
    assert {-1, 0, 2, 3} <= differences


def test_a_percentage_needs_its_part_its_rest_and_its_base_shown():
    everyone = Tally(30, 0)
    assert protect_percent(Tally(30, 0), everyone, THRESHOLD) is None  # rest is zero
    assert protect_percent(Tally(5, 0), everyone, THRESHOLD) is None  # part is small
    assert protect_percent(Tally(15, 0), everyone, THRESHOLD) == 50.0


@pytest.mark.parametrize(
    "text", ["2026-07-01..2026-07-31", "2026-09-29..2026-09-30", "2026-07-04..2026-07-04"]
)
def test_a_range_of_days_is_refused_with_a_plain_message(app, text):
    with pytest.raises(RequestTooFine, match="whole months, quarters, years or financial years"):
        check_request(parse_period(text), Filters())


@pytest.mark.parametrize(
    "filters",
    [
        Filters(team_id=1, language="cy"),
        Filters(age_band="12-15", chair_id=3),
        Filters(team_id=1, age_band="8-11", language="en"),
    ],
)
def test_more_than_one_narrowing_filter_is_refused(app, filters):
    with pytest.raises(RequestTooFine, match="at most one of team"):
        check_request(parse_period("2026-Q3"), filters)


@pytest.mark.parametrize(
    "filters", [Filters(), Filters(team_id=1), Filters(language="cy", audience="child")]
)
def test_one_narrowing_filter_and_an_audience_are_allowed(app, filters):
    check_request(parse_period("2026-Q3"), filters)


@pytest.mark.parametrize("text", ["FY2026-27", "fy2026", "2026/27", "FY 2026/27"])
def test_financial_years_run_april_to_march(app, text):
    period = parse_period(text)
    assert (period.start, period.end, period.label, period.kind) == (
        date(2026, 4, 1),
        date(2027, 4, 1),
        "FY2026-27",
        "financial_year",
    )
    assert previous_period(period).label == "FY2025-26"
    check_request(period, Filters())


def test_a_financial_year_must_end_in_the_next_year(app):
    with pytest.raises(ValueError, match="April to March"):
        parse_period("FY2026-29")


def test_period_boundaries_are_uk_midnight_in_summer_and_in_winter():
    assert utc_boundary(date(2026, 7, 1)) == datetime(2026, 6, 30, 23, 0)
    assert utc_boundary(date(2026, 12, 1)) == datetime(2026, 12, 1, 0, 0)


def test_a_small_other_side_gives_a_band_at_or_above_with_a_rating_it_decides():
    band = percent_band(Tally(118), Tally(120), 10)
    assert band == PercentBand("other", at_least=90)
    assert band_rag(band.at_least, band.at_most, target=80, amber=65) == "green"
    assert band_rag(band.at_least, band.at_most, target=95, amber=65) is None


def test_a_small_positive_side_gives_a_band_at_or_below():
    band = percent_band(Tally(2), Tally(120), 10)
    assert band == PercentBand("positive", at_most=10)
    assert band_rag(band.at_least, band.at_most, target=80, amber=65) == "red"
    assert band_rag(band.at_least, band.at_most, target=80, amber=5) is None


def test_no_band_where_a_percentage_shows_or_a_band_would_say_nothing():
    assert percent_band(Tally(60), Tally(120), 10) is None
    assert percent_band(Tally(3), Tally(5), 10) == PercentBand("answered")
    assert percent_band(Tally(5), Tally(12), 10) == PercentBand("both")
    assert percent_band(Tally(12), Tally(12), 10) == PercentBand("other")  # no band fits
    assert percent_band(Tally(0), Tally(14), 10) == PercentBand("positive")


def test_every_band_is_true_and_never_all_or_none():
    checked = 0
    for whole in range(10, 160):
        for hidden in range(0, 12):
            for key in range(0, KEY_RANGE, 7):
                for part in (whole - hidden, hidden):
                    band = percent_band(Tally(part, key), Tally(whole, key * 3), 10)
                    if band is None or (band.at_least is None and band.at_most is None):
                        continue
                    checked += 1
                    percent = 100.0 * part / whole
                    if band.at_least is not None:
                        assert band.at_least <= percent and band.at_least < 100
                    if band.at_most is not None:
                        assert percent <= band.at_most and band.at_most > 0
    assert checked > 1000


def test_a_band_depends_only_on_the_shown_base_and_which_side_is_hidden():
    """Whatever the hidden few are (0 to 11 people, any keys), the same shown base and
    the same hidden side give the same band: it says no more than "fewer than 10"."""
    seen: dict[tuple[int, str], set[PercentBand]] = {}
    for whole in range(40, 140):
        for hidden in range(0, 12):
            for key in range(0, KEY_RANGE, 5):
                for part in (whole - hidden, hidden):
                    whole_tally, part_tally = Tally(whole, key * 11), Tally(part, key)
                    band = percent_band(part_tally, whole_tally, 10)
                    if band is None:
                        continue
                    shown = protect_count(whole_tally, 10)
                    seen.setdefault((shown, band.hidden), set()).add(band)
    assert seen and all(len(bands) == 1 for bands in seen.values())
