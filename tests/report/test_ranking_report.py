"""A ranking question in a report: each option's average position, lowest first, with
how many ranked it; hidden under the threshold like every other figure."""

from __future__ import annotations

import csv
import io
from datetime import datetime

import pytest
from openpyxl import load_workbook

from app.extensions import db
from app.report.build import build_report
from app.report.exports import report_csv
from app.responses.filters import Filters
from app.responses.periods import parse_period
from app.responses.shape import Report
from tests.auth.conftest import make_staff, sign_in
from tests.conftest import DATA, publish
from tests.pages import get
from tests.report.factories import respond_many

SURVEY = "ranking-check"
JULY = datetime(2026, 7, 6, 10)
SAFE_FIRST = ["feeling_safe", "seeing_family", "school", "own_space"]
FAMILY_FIRST = ["seeing_family", "own_space", "feeling_safe", "school"]


def report(threshold: int) -> Report:
    return build_report(db.session, SURVEY, parse_period("2026-Q3"), Filters(), threshold)


def home(built: Report):
    return next(q for q in built.questions if q.id == "home_order")


@pytest.fixture
def ranked(app):
    """Six people put feeling safe first, four put seeing their family first; two more
    answered without ranking anything."""
    publish(DATA / "surveys" / "ranking.yaml")
    respond_many(SURVEY, {"home_order": SAFE_FIRST}, 6, JULY)
    respond_many(SURVEY, {"home_order": FAMILY_FIRST}, 4, JULY)
    respond_many(SURVEY, {}, 2, JULY)
    db.session.commit()


def test_average_positions_come_lowest_first_with_the_number_who_ranked(ranked):
    question = home(report(threshold=3))
    assert question.answered == 10
    assert question.options == []
    averages = [(r.value, r.average, r.ranked) for r in question.average_ranks]
    # feeling safe: (6×1 + 4×3) / 10; seeing family: (6×2 + 4×1) / 10; and so on.
    assert averages == [
        ("seeing_family", 1.6, 10),
        ("feeling_safe", 1.8, 10),
        ("own_space", 3.2, 10),
        ("school", 3.4, 10),
    ]


def test_a_ranking_answered_by_fewer_than_the_threshold_is_hidden(ranked):
    # Twelve responses clear a threshold of 11, but only ten of them ranked.
    question = home(report(threshold=11))
    assert question.answered is None and question.suppressed
    assert [r.average for r in question.average_ranks] == [None] * 4
    assert all(r.ranked is None and r.suppressed for r in question.average_ranks)


def test_a_report_too_small_to_show_hides_the_ranking_too(ranked):
    question = home(report(threshold=13))
    assert all(r.average is None for r in question.average_ranks)


def test_the_csv_and_workbook_carry_average_positions(ranked):
    built = report(threshold=3)
    rows = list(csv.DictReader(io.StringIO(report_csv(built))))
    averages = {
        r["breakdown"]: r["value"]
        for r in rows
        if r["id"] == "home_order" and r["measure"] == "average_rank"
    }
    assert averages == {
        "Seeing my family": "1.6",
        "Feeling safe": "1.8",
        "Having my own space": "3.2",
        "Being near my school": "3.4",
    }
    hidden = list(csv.DictReader(io.StringIO(report_csv(report(threshold=11)))))
    assert {
        r["suppressed"]
        for r in hidden
        if r["id"] == "home_order" and r["measure"] == "average_rank"
    } == {"true"}


@pytest.mark.random_record_keys
def test_with_real_record_keys_the_average_stays_on_the_scale_and_never_changes(ranked):
    first = [(r.value, r.average) for r in home(report(threshold=3)).average_ranks]
    again = [(r.value, r.average) for r in home(report(threshold=3)).average_ranks]
    assert first == again
    assert all(1.0 <= average <= 4.0 for _value, average in first)


def test_the_report_page_and_workbook_show_the_ranking(ranked, app):
    make_staff("lead@example.org", "participation_lead", team=None)
    app.config["SAYSO_SUPPRESSION_THRESHOLD"] = 3
    client = app.test_client()
    sign_in(client, "lead@example.org")
    page = get(client, f"/reports/{SURVEY}/2026-Q3")
    rows = [
        [
            " ".join("".join(cell.itertext()).split())
            for cell in row
            if str(cell.tag).endswith(("th", "td"))
        ]
        for table in page.select("table")
        for row in table.iter()
        if str(row.tag).endswith("tr")
    ]
    assert ["Seeing my family", "1.6", "10"] in rows
    assert ["Being near my school", "3.4", "10"] in rows
    response = client.get(f"/reports/{SURVEY}/2026-Q3.xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.data))
    sheet = [list(r) for r in book["Rankings"].iter_rows(min_row=2, values_only=True)]
    assert sheet[0][2:] == ["Seeing my family", 1.6, 10]
