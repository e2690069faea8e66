"""Key findings: plain sentences from a built report's shown figures, each naming its table."""

from __future__ import annotations

import pytest

from app.report.findings import key_findings
from app.responses.shape import BenchmarkResult, IndicatorResult, QuoteResult, TriangulationRow
from tests.report.sample_reports import sample_report


@pytest.fixture
def words(app):
    with app.test_request_context("/"):
        yield


def red_indicator() -> IndicatorResult:
    return IndicatorResult(
        id="safe",
        label="Feels safe where they live",
        value=51.0,
        target=90.0,
        rag="red",
        survey="cp-conference-family",
        previous=80.0,
        key="safe",
    )


def test_findings_say_what_changed_most_what_is_red_and_what_people_wrote(words):
    report = sample_report()
    report.indicators.append(red_indicator())
    found = key_findings(report)
    texts = [f.text for f in found]
    # The direction of the change is said, and a Red indicator comes with its target.
    assert texts[0] == (
        "“Feels safe where they live” fell from 80% to 51% since "
        "April\u2009–\u2009June 2026: the biggest change."
    )
    assert "“Feels safe where they live” is Red: 51% against a target of 90%." in texts
    assert "The themes written about most: “Waiting for the report”." in texts
    assert all(f.part in {"indicators", "groups", "themes", "headline"} for f in found)
    # A theme the report hides is never named.
    assert not any("Rare theme" in text for text in texts)


def test_findings_compare_groups_only_where_both_are_shown(words):
    report = sample_report()
    report.triangulation = [
        TriangulationRow(
            "listened", "Felt listened to", {"parent_carer": 82.0, "professional": 55.0}
        ),
        TriangulationRow("report", "Got the report", {"parent_carer": 70.0, "professional": 72.0}),
        TriangulationRow("hidden", "Hidden one", {"parent_carer": 90.0, "professional": None}),
    ]
    texts = [f.text for f in key_findings(report) if f.part == "groups"]
    assert texts == [
        "On “Felt listened to”, Parents and carers (82%) and Professionals (55%) see things "
        "differently.",
        "On “Got the report”, every group that can be shown gives much the same answer.",
    ]


def test_a_report_showing_no_figures_has_one_finding_that_says_so(words):
    report = sample_report()
    report.responses = None
    (only,) = key_findings(report)
    assert "Too few people answered" in only.text


def test_findings_read_in_welsh(app):
    report = sample_report()
    report.indicators.append(red_indicator())
    with app.test_request_context("/?lang=cy"):
        texts = [f.text for f in key_findings(report)]
    assert texts[0] == (
        "Gostyngodd “Feels safe where they live” o 80% i 51% ers "
        "Ebrill\u2009–\u2009Mehefin 2026: y newid mwyaf."
    )
    assert "Mae “Feels safe where they live” yn Goch: 51% o'i gymharu â tharged o 90%." in texts


def test_a_rise_is_said_to_be_a_rise(words):
    report = sample_report()
    rising = red_indicator()
    report.indicators = [
        IndicatorResult(**{**rising.__dict__, "value": 88.0, "previous": 60.0, "rag": "amber"})
    ]
    texts = [f.text for f in key_findings(report)]
    assert texts[0] == (
        "“Feels safe where they live” rose from 60% to 88% since "
        "April\u2009–\u2009June 2026: the biggest change."
    )
    # Nothing fell, so nothing is said to have fallen.
    assert not any("fell" in text for text in texts)
    # None is Red, and the board is told how many were rated and how many are Amber.
    assert (
        "The one indicator with a target is not Red. 1 is Amber, a little below its target."
        in texts
    )


def test_each_top_theme_carries_an_approved_quote_and_who_said_it(words):
    report = sample_report()
    quoted, hidden = report.themes[0], report.themes[-1]
    texts = [f.text for f in key_findings(report)]
    assert (
        "“Waiting for the report”: “I only got it the night before [NAME].” (Parents and carers)"
    ) in texts
    hidden.quotes = [QuoteResult("never to be seen")]
    assert not any("never to be seen" in f.text for f in key_findings(report))
    quoted.quotes = [QuoteResult("No label here.")]  # who said it is not always shown
    assert "“Waiting for the report”: “No label here.”" in [f.text for f in key_findings(report)]


def test_findings_set_an_indicator_beside_others_figures_only_where_it_is_shown(words):
    report = sample_report()
    shown = red_indicator()
    shown.benchmarks = [
        BenchmarkResult("Bright Spots national", "2024-25", 81.5),
        BenchmarkResult("Regional survey", "2025", 70.0),
    ]
    hidden = red_indicator()
    hidden.id = hidden.key = "hidden"
    hidden.label = "Knew who to ask for help"
    hidden.value, hidden.suppressed, hidden.rag, hidden.previous = None, True, None, None
    hidden.benchmarks = [BenchmarkResult("Bright Spots national", "2024-25", 60.0)]
    report.indicators += [shown, hidden]
    texts = [f.text for f in key_findings(report)]
    assert (
        "“Feels safe where they live”: 51% here; elsewhere, 81.5% (Bright Spots national, "
        "2024-25); 70% (Regional survey, 2025)." in texts
    ), texts
    # A hidden figure is not set beside anything, so nothing hints at it.
    assert not any("Knew who to ask for help" in t for t in texts)


def rise_and_falls() -> list[IndicatorResult]:
    """A rise of 28 points, a fall of 12 and a fall of 3."""
    base = red_indicator().__dict__
    return [
        IndicatorResult(**{**base, "value": 88.0, "previous": 60.0, "rag": "amber"}),
        IndicatorResult(
            **{
                **base,
                "id": "b",
                "label": "Got the report",
                "key": "b",
                "value": 70.0,
                "previous": 82.0,
            }
        ),
        IndicatorResult(
            **{
                **base,
                "id": "c",
                "label": "Knew who chaired",
                "key": "c",
                "value": 77.0,
                "previous": 80.0,
                "rag": "amber",
            }
        ),
    ]


def test_when_the_biggest_change_is_a_rise_the_largest_fall_is_named_too(words):
    report = sample_report()
    report.indicators = rise_and_falls()
    texts = [f.text for f in key_findings(report)]
    assert texts[0].startswith("“Feels safe where they live” rose from 60% to 88%")
    assert texts[1] == (
        "“Got the report” fell the most: from 82% to 70% since April\u2009–\u2009June 2026."
    )
    # A fall of three points is within what perturbation alone can make: not named.
    report.indicators.pop(1)
    assert not any("fell" in f.text for f in key_findings(report))


def test_the_largest_fall_reads_in_welsh(app):
    report = sample_report()
    report.indicators = rise_and_falls()
    with app.test_request_context("/?lang=cy"):
        welsh = [f.text for f in key_findings(report)]
    assert welsh[1] == (
        "Gostyngodd “Got the report” fwyaf: o 82% i 70% ers Ebrill\u2009–\u2009Mehefin 2026."
    )
