"""Every respondent page in every shipped language, with no English on it.

Each questionnaire is walked with the test client (no JavaScript) in each language:
start, every question page, a page with errors, save and come back (with its code, the
resume pages and the page another device sees), check your answers, and the thank-you
page (with the concern part for a care leaver who does not feel safe). Every word on
each page, including the messages the character count's script will show, is checked
against Sayso's English source text (tests/english.py).
"""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app.extensions import db
from app.languages import KNOWN
from app.survey.publishing import current_version, publish_directory, survey_for_version
from app.survey.schema import Question, Survey
from tests.conftest import SURVEYS
from tests.english import english_on_page
from tests.pages import Page, get
from tests.respond.test_shipped_surveys import answer_for

LANGUAGES = [code for code in KNOWN if code != "en"]


class Walk:
    """One respondent's visit, checking each page as it goes."""

    def __init__(self, client: FlaskClient, language: str) -> None:
        self.client = client
        self.language = language
        self.seen: dict[str, list[str]] = {}

    def check(self, page: Page, name: str) -> Page:
        english = english_on_page(page.tree, self.language)
        if english:
            self.seen[name] = sorted(set(english))
        return page


def good_answers(page: Page, survey: Survey, unsafe: bool) -> dict[str, object]:
    names = {el.get("name") for el in page.form().node_inputs()} - {"csrf_token", None}
    answers: dict[str, object] = {}
    for name in names:
        question = survey.question(name)
        answer = "no" if unsafe and name == "feel_safe" else answer_for(question, "first")
        # What a respondent types is theirs, in any language: digits stand for it here.
        answers[name] = "12345" if question.is_free_text else answer
    return answers


def bad_answers(questions: list[Question]) -> dict[str, object]:
    """Answers that each give an error: too long, not a number, not a date."""
    bad: dict[str, object] = {}
    for question in questions:
        if question.is_free_text:
            bad[question.id] = "x" * ((question.max_length or 2000) + 5)
        elif question.type == "number":
            bad[question.id] = "lots"
        elif question.type == "date":
            bad[question.id] = ["40", "", "2025"]
        elif question.type == "ranking":
            bad[question.id] = [f"{o.value}:1" for o in question.options]  # all first
    return bad


def walk_survey(walk: Walk, survey: Survey, app: Flask) -> None:
    client = walk.client
    unsafe = survey.id == "care-leaver-accommodation"
    page = walk.check(get(client, f"/s/{survey.id}?lang={walk.language}"), "start")
    page = walk.check(page.form().submit(client), "first page")
    errors_shown = saved = False
    for number in range(80):
        if "/check" in page.response.request.path:
            break
        assert page.status == 200, page.text()[:200]
        questions = [
            survey.question(el.get("name"))
            for el in page.form().node_inputs()
            if el.get("name") not in ("csrf_token", None)
        ]
        bad = bad_answers(questions)
        if bad and not errors_shown:
            wrong = walk.check(page.form().submit(client, bad), f"errors on page {number}")
            assert wrong.error_summary(), "bad answers gave no error"
            errors_shown = True
        if survey.settings.save_and_resume and not saved:
            saved = True
            page = save_and_resume(walk, survey, page, app)
            client = walk.client
        page = walk.check(
            page.form().submit(client, good_answers(page, survey, unsafe), action="continue"),
            f"page {number + 1}",
        )
    else:
        raise AssertionError("never reached check your answers")
    done = walk.check(page.form().submit(client), "done")
    assert done.status == 200
    if unsafe:
        assert done.select("h2", id="concern"), "no concern part on the thank-you page"


def save_and_resume(walk: Walk, survey: Survey, page: Page, app: Flask) -> Page:
    """Save, get a code, resume with it on another device (a wrong code first), see what
    the first device now shows; carry on from the second device."""
    client = walk.client
    answers = good_answers(page, survey, False)
    saved = walk.check(page.form().submit(client, answers, action="save"), "saved")
    if saved.select("form"):
        saved = walk.check(saved.form(0).submit(client), "saved with code")
    code = "".join(saved.select("p", id="resume-code")[0].itertext()).strip()
    other = app.test_client()
    resume = walk.check(get(other, f"/s/{survey.id}/resume?lang={walk.language}"), "resume")
    wrong = walk.check(resume.form().submit(other, {"code": "AAAA-AAAA"}), "wrong code")
    assert wrong.error_summary()
    resumed = walk.check(wrong.form().submit(other, {"code": code}), "resumed")
    elsewhere = client.get(f"/s/{survey.id}")
    from tests.pages import parse

    walk.check(parse(elsewhere), "opened elsewhere")
    walk.client = other
    href = resumed.link(
        re.sub(
            r"\s+", " ", "".join(resumed.select("a", class_="govuk-button")[-1].itertext()).strip()
        )
    )
    return walk.check(get(other, href), "carried on")


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_english_on_any_respondent_page(sqlite_app: Flask, language: str):
    published = publish_directory(db.session, SURVEYS)
    db.session.commit()
    ids = [result.survey_id for result in published]
    found: dict[str, dict[str, list[str]]] = {}
    for survey_id in ids:
        survey = survey_for_version(current_version(db.session, survey_id))
        walk = Walk(sqlite_app.test_client(), language)
        walk_survey(walk, survey, sqlite_app)
        if walk.seen:
            found[survey_id] = walk.seen
    assert not found, f"English on {language} pages: {found}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_english_on_the_pages_shown_when_something_goes_wrong(
    sqlite_app: Flask, monkeypatch: pytest.MonkeyPatch, language: str
):
    """A respondent reading in their language who meets an error reads it in their language
    too: the page for an address that leads nowhere, the "something went wrong" page with
    its error id, and the "try again" page when the database is away."""
    from sqlalchemy.exc import OperationalError

    client = sqlite_app.test_client()
    walk = Walk(client, language)
    walk.check(get(client, f"/s/no-such-questionnaire?lang={language}", 404), "not found")

    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a fault")

    monkeypatch.setattr("app.respond.views.current_version", explode)
    went_wrong = walk.check(get(client, f"/s/anything?lang={language}", 500), "went wrong")
    assert went_wrong.tree.get("lang") == language
    assert went_wrong.h1() != "Sorry, something went wrong"

    def outage(*args: object, **kwargs: object) -> None:
        raise OperationalError("SELECT", {}, Exception("connection refused"))

    monkeypatch.setattr("app.respond.views.current_version", outage)
    walk.check(get(client, f"/s/anything?lang={language}", 503), "try again")
    assert not walk.seen, f"English on {language} error pages: {walk.seen}"
