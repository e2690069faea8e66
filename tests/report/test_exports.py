"""Report downloads: CSV with one row per figure and a workbook with a sheet per section."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from app.report.exports import FIGURE_COLUMNS, report_csv, report_xlsx
from app.responses.shape import QuoteResult, ThemeSummary
from tests.report.sample_reports import option, question, sample_report

FORMULA_STARTS = ['=HYPERLINK("x")', "+1+2", "-3+4", "@SUM(A1)", "\tTAB", "\rCR"]


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def workbook(report):  # type: ignore[no-untyped-def]
    return load_workbook(io.BytesIO(report_xlsx(report)))


def test_csv_has_one_row_per_figure_with_the_stable_columns():
    text = report_csv(sample_report())
    assert text.splitlines()[0] == ",".join(FIGURE_COLUMNS)
    rows = csv_rows(text)
    responses = next(r for r in rows if r["measure"] == "responses" and r["section"] == "summary")
    assert responses["value"] == "40"
    yes = [r for r in rows if r["section"] == "question" and r["breakdown"] == "Yes"]
    assert {(r["measure"], r["value"]) for r in yes} == {("count", "28"), ("percent", "70.0")}
    indicator = next(r for r in rows if r["id"] == "report_in_time" and r["section"] == "indicator")
    assert (indicator["value"], indicator["target"], indicator["rating"]) == (
        "72.5",
        "80.0",
        "amber",
    )


def test_csv_carries_suppression_as_an_empty_value_marked_suppressed():
    rows = csv_rows(report_csv(sample_report()))
    not_sure = [r for r in rows if r["breakdown"] == "Not sure"]
    assert not_sure and all(r["value"] == "" and r["suppressed"] == "true" for r in not_sure)
    assert {r["reason"] for r in not_sure} == {"below threshold"}
    listened = next(r for r in rows if r["section"] == "indicator" and r["id"] == "listened")
    assert (listened["value"], listened["reason"]) == ("", "secondary")
    hidden_month = [r for r in rows if r["section"] == "trend" and r["breakdown"] == "2025-02"]
    assert hidden_month and all(r["value"] == "" for r in hidden_month)
    shown = [r for r in rows if r["breakdown"] == "Yes"]
    assert all(r["suppressed"] == "false" and r["reason"] == "" for r in shown)


def test_csv_gives_every_audience_of_the_triangulation():
    rows = [r for r in csv_rows(report_csv(sample_report())) if r["section"] == "triangulation"]
    assert {(r["breakdown"], r["value"]) for r in rows} == {
        ("parent_carer", "64.0"),
        ("professional", ""),
    }


@pytest.mark.parametrize("hostile", FORMULA_STARTS)
def test_csv_cells_that_look_like_formulas_are_escaped(hostile):
    report = sample_report(
        questions=[question(text=hostile, options=[option(hostile, 20, 100.0)])],
    )
    rows = csv_rows(report_csv(report))
    cells = [r["label"] for r in rows if r["section"] == "question"]
    cells += [r["breakdown"] for r in rows if r["section"] == "question" and r["breakdown"]]
    assert cells and all(cell == "'" + hostile for cell in cells)


@pytest.mark.parametrize("hostile", FORMULA_STARTS)
def test_workbook_cells_that_look_like_formulas_are_text(hostile):
    theme = ThemeSummary(
        id="t", label=hostile, count=12, positive=2, negative=10, quotes=[QuoteResult(hostile)]
    )
    report = sample_report(
        questions=[question(text=hostile, options=[option(hostile, 20, 100.0)])], themes=[theme]
    )
    book = workbook(report)
    strings = [
        cell
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    ]
    escaped = [cell for cell in strings if cell.value.startswith("'" + hostile.strip("\t\r"))]
    escaped += [cell for cell in strings if cell.value in ("'\t" + "TAB", "'\n" + "CR")]
    assert len(escaped) >= 4  # the question, the answer, the theme and the quote
    assert all(cell.data_type == "s" for cell in strings)
    assert not [c.value for c in strings if c.value.startswith(("=", "+", "-", "@", "\t", "\r"))]


def test_workbook_has_a_sheet_per_section_with_headings_in_bold():
    book = workbook(sample_report())
    assert book.sheetnames == [
        "Summary",
        "Questions",
        "Indicators",
        "Trend",
        "What each group said",
        "Themes",
        "You said, we did",
    ]
    for sheet in book.worksheets:
        assert all(cell.font.bold for cell in sheet[1] if cell.value)
        assert sheet.freeze_panes == "A2"


def test_workbook_shows_suppressed_cells_as_fewer_than_the_threshold():
    book = workbook(sample_report(threshold=5))
    answers = {row[2]: row[3] for row in book["Questions"].iter_rows(min_row=2, values_only=True)}
    assert answers == {"Yes": 28, "No": 12, "Not sure": "fewer than 5"}
    indicators = list(book["Indicators"].iter_rows(min_row=2, values_only=True))
    assert indicators[0][1:] == ("Got the report in time", 72.5, 80.0, 70.0, "Amber", 65.0)
    assert indicators[1][2] == "not shown"  # hidden to protect another figure: maybe larger
    trend = list(book["Trend"].iter_rows(values_only=True))
    assert trend[0] == ("Period", "Responses", "Got the report in time", "Felt listened to")
    assert trend[2][:2] == ("2025-02", "fewer than 5")
    groups = list(book["What each group said"].iter_rows(values_only=True))
    assert groups == [
        ("Indicator", "Parents and carers", "Professionals"),
        ("Felt listened to", 64.0, "fewer than 5"),
    ]


def test_workbook_summary_says_what_was_hidden_and_why():
    book = workbook(sample_report())
    summary = dict(book["Summary"].iter_rows(min_row=2, values_only=True))
    assert summary["Responses"] == 40
    assert summary["Response rate (per cent)"] == 62.5
    assert summary["Smallest number shown"] == 10
    assert summary["Responses in 2026-Q2"] == 32
    not_sure = "Hidden: “Not sure” as an answer to “Did you get the report before the meeting?”"
    assert summary[not_sure] == "fewer than 10, so the number is hidden"
    assert "worked out from the totals" in summary["Hidden: Felt listened to"]
    assert summary["Hidden: Responses in 2025-02"].startswith("fewer than 10")
    assert summary["Hidden: Felt listened to, as Professionals answered it"]
    assert summary["Hidden: Comments on “Rare theme”"].startswith("fewer than 10")


def test_workbook_keeps_themes_quotes_and_actions():
    book = workbook(sample_report())
    themes = list(book["Themes"].iter_rows(min_row=2, values_only=True))
    assert themes[0] == (
        "Waiting for the report",
        14,
        3,
        11,
        "I only got it the night before [NAME]. (Parents and carers)",
    )
    assert themes[1][1:4] == ("fewer than 10",) * 3
    actions = list(book["You said, we did"].iter_rows(min_row=2, values_only=True))
    assert actions == [
        (
            "Waiting for the report",
            "Reports arrive too late to read",
            "Reports now go out five working days before",
            "Done",
            "2026-08-01",
            "Yes",
        )
    ]


def banded_report():  # type: ignore[no-untyped-def]
    from app.responses.shape import IndicatorResult, SuppressionNote

    report = sample_report()
    report.indicators.append(
        IndicatorResult(
            id="knew_meeting",
            label="Knew their review meeting was happening",
            value=None,
            target=80.0,
            rag="green",
            suppressed=True,
            survey="cp-conference-family",
            answered=120,
            amber=65.0,
            hidden_because="other",
            at_least=90,
        )
    )
    report.themes[0].positive = None  # its tone was too few to show; its count was not
    report.suppression += [
        SuppressionNote("indicators.cp-conference-family.knew_meeting", "below threshold"),
        SuppressionNote("themes/waiting/tone", "below threshold"),
    ]
    return report


def test_a_banded_indicator_is_a_band_with_its_rating_in_every_file():
    rows = csv_rows(report_csv(banded_report()))
    knew = [r for r in rows if r["section"] == "indicator" and r["id"] == "knew_meeting"]
    assert {(r["measure"], r["value"], r["rating"]) for r in knew} == {
        ("percent", "", "green"),
        ("percent at least", "90", "green"),
    }
    book = workbook(banded_report())
    indicators = {row[1]: row for row in book["Indicators"].iter_rows(min_row=2, values_only=True)}
    assert indicators["Knew their review meeting was happening"][2:6] == (
        "90% or more",
        80.0,
        65.0,
        "Green",
    )


def test_workbook_themes_never_call_a_hidden_count_no_answers():
    themes = list(banded_report_book()["Themes"].iter_rows(min_row=2, values_only=True))
    assert themes[0][1:4] == (14, "fewer than 10", 11)
    assert "no answers" not in [cell for row in themes for cell in row]


def banded_report_book():  # type: ignore[no-untyped-def]
    return workbook(banded_report())
