"""A respondent answering the safety survey through the app, page by page."""

from __future__ import annotations

from flask.testing import FlaskClient

from tests.pages import Page, get


def answer_safety_survey(client: FlaskClient, survey_id: str, feel_safe: str, comment: str) -> Page:
    """Answer every page; returns the check-answers page, not yet sent."""
    page = get(client, f"/s/{survey_id}").form().submit(client)
    page = page.form().submit(client, {"feel_safe": feel_safe})
    page = page.form().submit(client, {"what_would_help": comment})
    page = page.form().submit(client, {"contact_me": "no"})
    assert page.h1() == "Check your answers", page.text()[:300]
    return page


def send(client: FlaskClient, check_page: Page) -> Page:
    """Press "Send" on the check-answers page and follow where it leads."""
    return check_page.form().submit(client)
