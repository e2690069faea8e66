"""Every shipped questionnaire, answered end to end without JavaScript (the test client runs
none), once choosing first answers and once choosing last answers so follow-ups show."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from app.extensions import db
from app.responses.models import Response
from app.survey.loader import definition_files, load_definition
from app.survey.schema import PREFER_NOT_TO_SAY, Question
from tests.conftest import SURVEYS, publish
from tests.pages import Page, get

SHIPPED = definition_files([SURVEYS])


def test_eight_questionnaires_are_shipped():
    ids = {load_definition(path).id for path in SHIPPED}
    assert ids == {
        "lac-review-young-person",
        "lac-review-child",
        "lac-review-parent-carer",
        "lac-review-professional",
        "care-leaver-accommodation",
        "cp-conference-family",
        "cp-conference-professional",
        "pathway-plan-review",
    }


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_each_questionnaire_has_free_text_and_indicators(path: Path):
    survey = load_definition(path)
    assert sum(q.is_free_text for q in survey.questions()) >= 2
    assert len(survey.indicators) >= 2


def answer_for(question: Question, pick: str) -> object:
    options = [o.value for o in question.all_options() if o.value != PREFER_NOT_TO_SAY]
    if question.type == "multiple_choice":
        return [options[0]] if pick == "first" else options[-2:]
    if question.type == "ranking":
        order = options if pick == "first" else options[::-1]
        return [f"{value}:{n}" for n, value in enumerate(order, start=1)]
    if question.is_choice:
        return options[0] if pick == "first" else options[-1]
    if question.type == "number":
        return str(int(question.min if question.min is not None else 1))
    if question.type == "date":
        return ["1", "6", "2025"]
    return f"Answer to {question.id}"


def walk(client: FlaskClient, survey_id: str, pick: str) -> tuple[Page, set[str]]:
    from app.survey.publishing import current_version, survey_for_version

    survey = survey_for_version(current_version(db.session, survey_id))
    page = get(client, f"/s/{survey_id}").form().submit(client)
    answered: set[str] = set()
    for _ in range(80):
        if page.h1() == "Check your answers":
            return page, answered
        assert page.status == 200, page.text()[:300]
        assert not page.error_summary(), page.error_summary()
        names = {el.get("name") for el in page.form().node_inputs()} - {"csrf_token", None}
        data = {}
        for name in names:
            data[name] = answer_for(survey.question(name), pick)
            answered.add(name)
        page = page.form().submit(client, data)
    raise AssertionError("never reached check your answers")


@pytest.mark.parametrize("pick", ["first", "last"])
@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_questionnaire_can_be_completed_without_javascript(sqlite_app, path: Path, pick: str):
    survey_id = publish(path)
    client = sqlite_app.test_client()
    check, answered = walk(client, survey_id, pick)
    assert "Not answered" not in check.text()
    done = check.form().submit(client)
    assert done.h1() == "Thank you"
    response = db.session.scalars(select(Response)).one()
    assert {a.question_id for a in response.answers} == answered


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_each_questionnaire_says_who_reads_and_when_we_must_share(path: Path):
    privacy = load_definition(path).privacy.lower()
    assert "skip" in privacy or "do not have to answer" in privacy
    assert "safe" in privacy and ("pass" in privacy or "share" in privacy or "tell" in privacy)
