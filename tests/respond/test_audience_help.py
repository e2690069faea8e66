"""Each audience's help, contact and exit wording comes from one table (app/respond/
audience_help.py): children get child words, care leavers get adult services."""

from __future__ import annotations

import pytest
from flask import Flask

from app.respond.audience_help import BY_AUDIENCE
from app.survey.schema import AUDIENCES
from tests.conftest import SURVEYS, publish
from tests.pages import get
from tests.respond.test_shipped_surveys import walk

QUESTIONNAIRES = {
    "child": "lac-review-child",
    "young_person": "lac-review-young-person",
    "care_leaver": "care-leaver-accommodation",
    "parent_carer": "lac-review-parent-carer",
    "professional": "lac-review-professional",
}
# What each audience must never be told, on the start page or the thank-you page.
NEVER = {
    "child": ["working day", "Samaritans", "browser history", "Shift", "incognito"],
    "care_leaver": ["Childline", "0800 1111", "a teacher you trust"],
    "parent_carer": ["Childline", "0800 1111"],
    "professional": ["Childline", "0800 1111"],
}
MUST = {
    "child": ["0800 1111", "999", "a grown-up you trust"],
    "young_person": ["0800 1111", "999"],
    "care_leaver": ["116 123", "999", "personal adviser"],
    "parent_carer": ["0808 800 5000", "999"],
    "professional": ["0808 800 5000", "999"],
}


def test_every_audience_has_its_wording():
    assert set(AUDIENCES) <= set(BY_AUDIENCE)


@pytest.mark.parametrize("audience", QUESTIONNAIRES)
def test_start_and_thank_you_pages_speak_to_their_audience(sqlite_app: Flask, audience: str):
    survey_id = publish(SURVEYS / f"{QUESTIONNAIRES[audience]}.yaml")
    client = sqlite_app.test_client()
    start = get(client, f"/s/{survey_id}").text()
    check, _ = walk(client, survey_id, "first")
    done = check.form().submit(client).text()
    for text in (start, done):
        for words in NEVER.get(audience, []):
            assert words not in text, (audience, words)
    for words in MUST[audience]:
        assert words in start + done, (audience, words)


def test_a_child_after_a_concern_is_not_told_about_working_days(sqlite_app: Flask):
    from app.respond.audience_help import help_for

    with sqlite_app.test_request_context("/"):
        said = str(help_for("child").after_concern)
    assert "working day" not in said and "grown-up" in said
