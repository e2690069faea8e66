"""Comparison with others: figures a lead uploads, shown beside the council's, never in it."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime

import pytest
from flask import Flask
from flask.testing import FlaskClient
from openpyxl import load_workbook
from sqlalchemy import select

from app.auth.models import AuditEvent
from app.extensions import db
from app.report.benchmarks import known_indicators, read_benchmarks
from app.report.models import IndicatorBenchmark
from tests.api.conftest import bearer, token_for
from tests.auth.conftest import make_staff, sign_in
from tests.pages import Page, get
from tests.report.factories import publish_shipped, respond_many

FAMILY = "cp-conference-family"
AUGUST = datetime(2026, 8, 3, 10, 0)
REPORT = f"/reports/{FAMILY}/2026-Q3"
HEADER = "survey,indicator,source,year,value\r\n"
GOOD = (
    HEADER
    + f"{FAMILY},got_report,Regional CP survey,2024-25,71.5\r\n"
    + f"{FAMILY},got_report,National DfE statistic,2025,64\r\n"
)


@pytest.fixture
def world(app: Flask) -> Flask:
    """Fifteen families who got the report and ten who did not (60% of 25), and staff."""
    publish_shipped(FAMILY)
    make_staff("lead@example.org", "participation_lead", team=None)
    make_staff("admin@example.org", "admin", team="Quality")
    make_staff("iro@example.org", "iro", team="North")
    make_staff("dsl@example.org", "safeguarding_lead", team="North")
    respond_many(FAMILY, {"got_report": "yes", "felt_listened_to": "agree"}, 15, AUGUST)
    respond_many(FAMILY, {"got_report": "no", "felt_listened_to": "agree"}, 10, AUGUST)
    db.session.commit()
    return app


def signed_in(app: Flask, email: str = "lead@example.org") -> FlaskClient:
    client = app.test_client()
    sign_in(client, email)
    return client


def upload(client: FlaskClient, text: str) -> Page:
    page = get(client, "/reports/benchmarks")
    (index,) = [
        i
        for i, form in enumerate(page.select("form"))
        if form.get("enctype") == "multipart/form-data"
    ]
    form = page.form(index)
    return form.submit(client, {"figures": (io.BytesIO(text.encode()), "figures.csv")})


def remove_form(page: Page, source: str) -> int:
    """The index of the form that removes the figure from ``source``, found by what its
    button says to a screen reader."""
    (index,) = [
        i
        for i, form in enumerate(page.select("form"))
        if form.get("action", "").endswith("/remove") and source in "".join(form.itertext())
    ]
    return index


def stored() -> list[tuple[str, str, str, str, float]]:
    db.session.expire_all()
    return [
        (b.survey_id, b.indicator_id, b.source, b.year, b.value)
        for b in db.session.scalars(select(IndicatorBenchmark).order_by(IndicatorBenchmark.source))
    ]


def got_report_row(page: Page) -> list[str]:
    for row in page.select("tr"):
        cells = [" ".join("".join(c.itertext()).split()) for c in row]
        if cells and cells[0] == "Got the report before the meeting":
            return cells
    raise AssertionError("no row for the indicator")


def test_a_lead_uploads_figures_and_the_upload_is_audited(world):
    client = signed_in(world)
    page = upload(client, GOOD)
    assert page.status == 200
    assert "2 figures saved." in page.text()
    assert stored() == [
        (FAMILY, "got_report", "National DfE statistic", "2025", 64.0),
        (FAMILY, "got_report", "Regional CP survey", "2024-25", 71.5),
    ]
    assert "Regional CP survey" in page.text()  # listed as saved
    event = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "benchmarks_uploaded")
    ).one()
    assert event.details == {"rows": 2}


def test_uploading_again_replaces_the_figure_for_the_same_indicator_source_and_year(world):
    client = signed_in(world, "admin@example.org")
    upload(client, GOOD)
    upload(client, HEADER + f"{FAMILY},got_report,Regional CP survey,2024/25,75\r\n")
    assert stored() == [
        (FAMILY, "got_report", "National DfE statistic", "2025", 64.0),
        (FAMILY, "got_report", "Regional CP survey", "2024-25", 75.0),
    ]


def test_a_bad_file_names_each_bad_line_and_keeps_what_was_stored(world):
    client = signed_in(world)
    upload(client, GOOD)
    bad = (
        HEADER
        + f"{FAMILY},got_report,Regional CP survey,2024-25,99\r\n"  # good, but not saved
        + f"{FAMILY},no_such_indicator,Regional,2025,50\r\n"
        + "no-such-survey,got_report,Regional,2025,50\r\n"
        + f"{FAMILY},got_report,,2025,50\r\n"
        + f"{FAMILY},got_report,Regional,last year,50\r\n"
        + f"{FAMILY},got_report,Regional,2025,150\r\n"
    )
    page = upload(client, bad)
    assert page.error_summary() == ["5 problems are listed below"]
    assert "Nothing has been saved" in page.text()
    problems = [
        [" ".join("".join(c.itertext()).split()) for c in row]
        for row in page.select("div", id="problems")[0].iter("{http://www.w3.org/1999/xhtml}tr")
    ][1:]
    assert [row[:2] for row in problems] == [
        ["3", "indicator"],
        ["4", "survey"],
        ["5", "source"],
        ["6", "year"],
        ["7", "value"],
    ]
    assert "has no indicator called “no_such_indicator”" in problems[0][2]
    assert stored()[1][4] == 71.5  # the figure uploaded before is unchanged
    assert len(stored()) == 2


def test_a_file_without_the_columns_says_which_columns_it_needs(world):
    rows, problems = read_benchmarks(b"survey,value\r\nx,1\r\n", known_indicators(db.session))
    assert rows == []
    assert problems[0].line == 1
    assert "survey, indicator, source, year, value" in problems[0].message


def test_the_same_figure_twice_in_one_file_is_refused(world):
    text = GOOD + f"{FAMILY},got_report,regional cp survey,2024-25,70\r\n"
    rows, problems = read_benchmarks(text.encode(), known_indicators(db.session))
    assert rows == []
    assert [(p.line, p.message) for p in problems] == [
        (4, "Line 2 has a figure for the same indicator, source and year.")
    ]


@pytest.mark.parametrize("email", ["iro@example.org", "dsl@example.org"])
def test_other_roles_may_not_upload_or_see_figures(world, email):
    upload(signed_in(world), GOOD)
    client = signed_in(world, email)
    assert client.get("/reports/benchmarks").status_code == 403
    response = client.post(
        "/reports/benchmarks",
        data={"figures": (io.BytesIO(GOOD.encode()), "figures.csv")},
    )
    assert response.status_code in (400, 403)
    assert len(stored()) == 2


def test_the_report_shows_others_figures_beside_the_councils_with_source_and_year(world):
    client = signed_in(world)
    before = get(client, REPORT)
    assert "Elsewhere (not counted here)" not in before.text()
    upload(client, GOOD)

    page = get(client, REPORT)
    row = got_report_row(page)
    assert row[1] == "60%"  # the council's own 15 of 25, as before
    assert row[-1] == "64% (National DfE statistic, 2025)" + "71.5% (Regional CP survey, 2024-25)"
    pack = get(client, REPORT + "/board-pack")
    assert "71.5% (Regional CP survey, 2024-25)" in pack.text()


def test_others_figures_are_never_counted_into_the_councils(world):
    client = signed_in(world)
    before = client.get(REPORT + ".csv").get_data(as_text=True)
    upload(client, GOOD)
    after = list(csv.DictReader(io.StringIO(client.get(REPORT + ".csv").get_data(as_text=True))))

    own = [r for r in after if r["section"] != "benchmark"]
    assert own == list(csv.DictReader(io.StringIO(before)))
    assert [
        (r["id"], r["breakdown"], r["value"]) for r in after if r["section"] == "benchmark"
    ] == [
        ("got_report", "National DfE statistic, 2025", "64.0"),
        ("got_report", "Regional CP survey, 2024-25", "71.5"),
    ]


def test_the_workbook_and_the_json_report_carry_the_figures_beside_the_indicator(world):
    client = signed_in(world)
    upload(client, GOOD)
    workbook = load_workbook(io.BytesIO(client.get(REPORT + ".xlsx").data))
    sheet = list(workbook["Indicators"].values)
    column = sheet[0].index("Elsewhere (not counted here)")
    got = next(r for r in sheet if r[1] == "Got the report before the meeting")
    assert got[2] == 60
    assert got[column] == "64% (National DfE statistic, 2025)\n71.5% (Regional CP survey, 2024-25)"

    result = world.test_cli_runner().invoke(
        args=["report", "build", "--survey", FAMILY, "--period", "2026-Q3"]
    )
    report = json.loads(result.output)
    indicator = next(i for i in report["indicators"] if i["id"] == "got_report")
    assert indicator["value"] == 60.0
    assert indicator["benchmarks"] == [
        {"source": "National DfE statistic", "year": "2025", "value": 64.0},
        {"source": "Regional CP survey", "year": "2024-25", "value": 71.5},
    ]


def test_a_stored_report_shows_figures_uploaded_after_it_was_built(world):
    client = signed_in(world)
    get(client, REPORT)  # stores the report
    upload(client, GOOD)
    assert got_report_row(get(client, REPORT))[-1].startswith("64% (National DfE statistic")


def test_the_api_carries_the_figures_beside_the_indicator(world):
    upload(signed_in(world), GOOD)
    token = token_for("api.lead@example.org")
    response = world.test_client().get(f"/api/v1/reports/{FAMILY}/2026-Q3", headers=bearer(token))
    assert response.status_code == 200
    indicator = next(i for i in response.get_json()["indicators"] if i["id"] == "got_report")
    assert (indicator["value"], indicator["rag"]) == (60.0, "red")
    assert indicator["benchmarks"] == [
        {"source": "National DfE statistic", "year": "2025", "value": 64.0},
        {"source": "Regional CP survey", "year": "2024-25", "value": 71.5},
    ]


def test_a_lead_removes_a_figure_and_reports_stop_showing_it(world):
    client = signed_in(world)
    upload(client, GOOD)
    page = get(client, "/reports/benchmarks")
    removed = page.form(remove_form(page, "Regional CP survey")).submit(client)

    assert "Figure removed: got_report, Regional CP survey, 2024-25." in removed.text()
    assert stored() == [(FAMILY, "got_report", "National DfE statistic", "2025", 64.0)]
    assert got_report_row(get(client, REPORT))[-1] == "64% (National DfE statistic, 2025)"
    event = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "benchmark_removed")
    ).one()
    assert event.details == {"survey": FAMILY, "indicator": "got_report"}


@pytest.mark.parametrize("email", ["iro@example.org", "dsl@example.org"])
def test_other_roles_may_not_remove_a_figure(world, email):
    upload(signed_in(world), GOOD)
    figure = db.session.scalars(select(IndicatorBenchmark)).first()
    client = signed_in(world, email)
    response = client.post(f"/reports/benchmarks/{figure.id}/remove")
    assert response.status_code in (400, 403)
    assert len(stored()) == 2


def test_removing_needs_the_pages_token_and_a_figure_that_exists(world):
    client = signed_in(world)
    upload(client, GOOD)
    figure = db.session.scalars(select(IndicatorBenchmark)).first()
    assert client.post(f"/reports/benchmarks/{figure.id}/remove").status_code == 400
    page = get(client, "/reports/benchmarks")
    form = page.form(remove_form(page, "Regional CP survey"))
    token = form.values("csrf_token")[0]
    missing = client.post("/reports/benchmarks/999999/remove", data={"csrf_token": token})
    assert missing.status_code == 404
    assert len(stored()) == 2


def _row_text(page: Page, contains: str) -> list[str]:
    for row in page.select("tr"):
        cells = [" ".join("".join(c.itertext()).split()) for c in row]
        if any(contains in cell for cell in cells):
            return cells
    raise AssertionError(f"no row with {contains}")


def test_the_page_names_questionnaires_and_indicators_in_words_beside_their_ids(world):
    """A lead writing the file sees which id is which indicator, and a saved figure is
    listed by the indicator's words, not only by its id; in the page's language."""
    client = signed_in(world)
    page = upload(client, GOOD)
    saved = _row_text(page, "Regional CP survey")
    assert "Got the report before the meeting" in saved[1] and "got_report" in saved[1]
    assert "cp-conference-family" in saved[0] and saved[0] != "cp-conference-family"
    listed = _row_text(page, f"{FAMILY}, got_report")
    assert listed[1] == "Got the report before the meeting"

    welsh = get(client, "/reports/benchmarks?lang=cy")
    assert "Got the report before the meeting" not in welsh.text()
    assert f"{FAMILY}, got_report" in welsh.text()
