"""``sayso report build``: the report as JSON or CSV, and clear refusals."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime

import pytest

from app.extensions import db
from tests.report.factories import (
    make_chair,
    make_invitation,
    make_meeting,
    make_team,
    publish_shipped,
    respond,
    respond_many,
)

YOUNG = "lac-review-young-person"
JULY = datetime(2026, 7, 6, 10)


@pytest.fixture
def answered(app):
    publish_shipped(YOUNG)
    respond_many(YOUNG, {"felt_listened_to": "agree"}, 14, JULY)
    respond_many(YOUNG, {"felt_listened_to": "disagree"}, 3, JULY)
    db.session.commit()


def build(runner, *args: str):
    return runner.invoke(args=["report", "build", *args])


def test_json_is_the_reports_published_shape(runner, answered):
    result = build(runner, "--survey", YOUNG, "--period", "2026-Q3")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["survey"], data["period"], data["filters"], data["responses"]) == (
        YOUNG,
        "2026-Q3",
        {},
        17,
    )
    listened = next(q for q in data["questions"] if q["id"] == "felt_listened_to")
    disagree = next(o for o in listened["options"] if o["value"] == "disagree")
    assert disagree == {
        "value": "disagree",
        "label": "Disagree",
        "count": None,
        "percent": None,
        "suppressed": True,
    }
    assert result.stdout.startswith('{\n  "survey"')


def test_csv_has_a_row_per_figure_with_suppressed_cells_marked(runner, answered):
    result = build(runner, "--survey", YOUNG, "--period", "2026-07", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {"section", "survey", "id", "label", "value", "suppressed"} <= set(rows[0])
    responses = next(r for r in rows if r["section"] == "summary" and r["measure"] == "responses")
    assert responses["value"] == "17"
    hidden = [r for r in rows if r["id"] == "felt_listened_to" and r["suppressed"] == "true"]
    assert hidden and all(r["value"] == "" for r in hidden)


def test_filters_by_team_chair_and_age_band_one_at_a_time(runner, app):
    publish_shipped(YOUNG)
    team = make_team("north-iro")
    chair = make_chair("Chair@Example.gov.uk", team)
    for _ in range(11):
        meeting = make_meeting(team=team, chair=chair, child_age=17)
        respond(YOUNG, {}, JULY, invitation=make_invitation(YOUNG, meeting=meeting))
    respond_many(YOUNG, {}, 12, JULY)
    db.session.commit()

    for flag, value, name, expected in (
        ("--team", "north-iro", "team_id", team.id),
        ("--chair", "chair@example.gov.uk", "chair_id", chair.id),
        ("--age-band", "16-18", "age_band", "16-18"),
    ):
        result = build(runner, "--survey", YOUNG, "--period", "2026", flag, value)
        assert result.exit_code == 0, result.output
        data = json.loads(result.stdout)
        assert (data["responses"], data["filters"]) == (11, {name: expected})


def test_stacked_filters_are_refused(runner, app):
    publish_shipped(YOUNG)
    make_team("north-iro")
    result = build(
        runner,
        *("--survey", YOUNG, "--period", "2026", "--team", "north-iro", "--language", "en"),
    )
    assert result.exit_code == 2
    assert "Choose at most one of team, reviewing officer, age band and language" in result.output


def test_a_higher_threshold_hides_more(runner, answered):
    result = build(runner, "--survey", YOUNG, "--period", "2026-Q3", "--threshold", "20")
    data = json.loads(result.stdout)
    assert (data["responses"], data["threshold"]) == (None, 20)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--survey", YOUNG, "--period", "2026-Q5"), "There is no quarter 5"),
        (("--survey", YOUNG, "--period", "2026-13"), "There is no month 13"),
        (("--survey", YOUNG, "--period", "summer 2026"), "Q3 2026"),
        (("--survey", "nope", "--period", "2026"), "no published survey or family"),
        (("--survey", YOUNG, "--period", "2026", "--team", "nowhere"), "no team"),
        (("--survey", YOUNG, "--period", "2026", "--chair", "x@y.z"), "no member of staff"),
        (("--survey", YOUNG, "--period", "2026", "--threshold", "3"), "cannot be below"),
        # The same codes as the report form and the API: an unknown language is refused.
        (("--survey", YOUNG, "--period", "2026", "--language", "klingon"), "'klingon'"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_exit_code_2(runner, answered, args, message):
    result = build(runner, *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("typed", "label"),
    [
        ("Q3 2026", "2026-Q3"),
        ("July 2026", "2026-07"),
        ("2026-27", "FY2026-27"),
        ("FY2026/27", "FY2026-27"),
    ],
)
def test_periods_are_read_as_people_say_them(runner, answered, typed, label):
    result = build(runner, "--survey", YOUNG, "--period", typed, "--threshold", "10")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["period"] == label
    assert report["responses"] == 17
