"""Save and come back later cannot lose answers: one tap gives the code, the start page
says so, and coming back opens the page where save was pressed."""

from __future__ import annotations

from flask import Flask

from app.survey.loader import load_definition
from tests.conftest import SURVEYS, publish
from tests.pages import get
from tests.respond.test_shipped_surveys import answer_for

YOUNG_PERSON = SURVEYS / "lac-review-young-person.yaml"


def test_start_page_advice_matches_how_saving_works(sqlite_app: Flask):
    survey_id = publish(YOUNG_PERSON)
    text = get(sqlite_app.test_client(), f"/s/{survey_id}").text()
    assert "You will get a code straight away" in text
    assert "even after closing a private or incognito window" in text


def test_one_tap_saves_and_gives_the_code_and_coming_back_opens_that_page(sqlite_app: Flask):
    survey_id = publish(YOUNG_PERSON)
    survey = load_definition(YOUNG_PERSON)
    client = sqlite_app.test_client()
    page = get(client, f"/s/{survey_id}").form().submit(client)
    for _ in range(2):  # answer two pages, then save on the third
        names = {el.get("name") for el in page.form().node_inputs()} - {"csrf_token", None}
        page = page.form().submit(
            client, {n: answer_for(survey.question(n), "first") for n in names}
        )
    third = page.response.request.path
    third_h1 = page.h1()
    names = {el.get("name") for el in page.form().node_inputs()} - {"csrf_token", None}
    typed = {n: answer_for(survey.question(n), "first") for n in names}
    saved = page.form().submit(client, typed | {"action": "save"})
    assert saved.h1() == "Your answers are saved"
    [code] = saved.select("p", id="resume-code")
    assert len((code.text or "").replace("-", "")) == 8
    assert saved.link("Carry on answering") == third

    # The same device: the start page's "carry on" opens the saved page, answers kept.
    start = get(client, f"/s/{survey_id}")
    again = get(client, start.link("Carry on where you left off"))
    assert again.h1() == third_h1
    for name, value in typed.items():
        values = again.form().values(name)
        assert values == (value if isinstance(value, list) else [value]), name

    # Another device, with the code: the same page.
    other = sqlite_app.test_client()
    opened = get(other, f"/s/{survey_id}/resume").form().submit(other, {"code": code.text})
    assert opened.h1() == "Your answers are open here"
    assert get(other, opened.link("Carry on answering")).h1() == third_h1
