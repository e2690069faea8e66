"""Whole numbers stay whole: on a 0 to 10 scale "5.5" is refused, each question's error
names its question, and answers are shown as typed ("7", never "7.0")."""

from __future__ import annotations

from flask import Flask

from app.survey.loader import load_definition
from tests.auth.conftest import make_staff, sign_in
from tests.conftest import SURVEYS, publish
from tests.pages import Page, get
from tests.respond.test_shipped_surveys import answer_for

CARE_LEAVER = SURVEYS / "care-leaver-accommodation.yaml"
WELLBEING = ["life_satisfaction", "worthwhile", "happy_yesterday", "anxious_yesterday"]


def pages_until(client, survey_id: str, stop: str, answers: dict[str, object]) -> Page:
    """From the start, answer each page (``answers`` first, else the first choice) until
    a page asks ``stop``."""
    survey = load_definition(CARE_LEAVER)
    page = get(client, f"/s/{survey_id}").form().submit(client)
    for _ in range(30):
        names = {el.get("name") for el in page.form().node_inputs()} - {"csrf_token", None}
        if stop in names:
            return page
        data = {n: answers.get(n, answer_for(survey.question(n), "first")) for n in names}
        page = page.form().submit(client, data)
    raise AssertionError(f"never reached {stop}")


def test_each_number_error_names_its_question(sqlite_app: Flask):
    survey_id = publish(CARE_LEAVER)
    client = sqlite_app.test_client()
    page = pages_until(client, survey_id, "life_satisfaction", {})
    boxes = [page.select("input", name=name)[0] for name in WELLBEING]
    assert {box.get("inputmode") for box in boxes} == {"numeric"}
    page = page.form().submit(client, dict.fromkeys(WELLBEING, "5.5"))
    summary = page.error_summary()
    assert len(summary) == 4 and len(set(summary)) == 4, summary
    assert summary[2] == (
        "Overall, how happy did you feel yesterday?: Enter a whole number from 0 to 10"
    )
    assert page.form().values("worthwhile") == ["5.5"]


def test_whole_number_errors_are_translated(sqlite_app: Flask):
    survey_id = publish(CARE_LEAVER)
    client = sqlite_app.test_client()
    get(client, f"/s/{survey_id}?lang=cy")
    page = pages_until(client, survey_id, "life_satisfaction", {})
    page = page.form().submit(client, {"happy_yesterday": "5.5"})
    [message] = page.error_summary()
    assert message.endswith(": Rho rif cyfan o 0 i 10")


def test_alert_page_shows_whole_numbers_without_a_fraction(sqlite_app: Flask):
    survey_id = publish(CARE_LEAVER)
    respondent = sqlite_app.test_client()
    answers = {"feel_safe": "no", "what_would_help": "he hits me"} | dict.fromkeys(WELLBEING, "7")
    page = pages_until(respondent, survey_id, "life_satisfaction", answers)
    page = page.form().submit(respondent, dict.fromkeys(WELLBEING, "7"))
    for _ in range(10):
        if page.h1() == "Check your answers":
            break
        page = page.form().submit(respondent, {})
    assert "7.0" not in page.text()
    page.form().submit(respondent)
    from sqlalchemy import select

    from app.extensions import db
    from app.safeguard.models import Alert

    alert_id = db.session.scalars(select(Alert.id)).one()
    make_staff("lead@example.org", "safeguarding_lead", team=None)
    lead = sqlite_app.test_client()
    sign_in(lead, "lead@example.org")
    text = get(lead, f"/alerts/{alert_id}").text()
    assert "7.0" not in text
    assert "how happy did you feel yesterday? 7" in text
