"""Page parts rendered once and reused (app/templating.py) still fit each visitor's page."""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import DATA, publish
from tests.pages import Page, get

WELSH = {
    "Skip to main content": "Neidio i'r prif gynnwys",
    "Exit this page": "Gadael y dudalen hon",
    "Continue": "Parhau",
    "Save and come back later": "Cadw a dod yn ôl yn nes ymlaen",
    "Support links": "Dolenni cymorth",
}


def first_question(client: FlaskClient, survey_id: str, query: str = "") -> Page:
    start = get(client, f"/s/{survey_id}{query}")
    return start.form().submit(client)


def test_shared_page_parts_follow_each_visitors_language(app: Flask, every_type, monkeypatch):
    from app.languages import KNOWN

    monkeypatch.setattr("app.languages.available_languages", lambda: [KNOWN["en"], KNOWN["cy"]])
    english, welsh = app.test_client(), app.test_client()
    for _ in range(2):  # the second time round, every part comes from the store
        english_page = first_question(english, every_type).text()
        welsh_page = first_question(welsh, every_type, "?lang=cy").text()
        for source, translation in WELSH.items():
            assert source in english_page and translation not in english_page
            assert translation in welsh_page and source not in welsh_page


def test_save_for_later_button_only_where_the_survey_allows_it(
    app: Flask, every_type, tmp_path: Path
):
    no_saving = tmp_path / "no-saving.yaml"
    definition = (DATA / "surveys" / "every-type.yaml").read_text(encoding="utf-8")
    no_saving.write_text(
        definition.replace("id: every-type", "id: no-saving", 1).replace(
            "save_and_resume: true", "save_and_resume: false", 1
        ),
        encoding="utf-8",
    )
    other = publish(no_saving)
    client = app.test_client()
    assert "Save and come back later" in first_question(client, every_type).text()
    page = first_question(client, other)
    assert "Continue" in page.text()
    assert "Save and come back later" not in page.text()
    assert "Save and come back later" in first_question(client, every_type).text()


# Fields are kept by question, language and the choice made (app/templating.py
# cached_field): each respondent must still see their own answers, and nothing typed may
# be kept.


def question_page(client: FlaskClient, survey_id: str, page_id: str) -> Page:
    return get(client, f"/s/{survey_id}/q/{page_id}")


def answer(client: FlaskClient, survey_id: str, page_id: str, **data: object) -> Page:
    return question_page(client, survey_id, page_id).form().submit(client, data)


def test_each_respondent_sees_their_own_choices_when_they_come_back(app: Flask, every_type):
    first, second, third = app.test_client(), app.test_client(), app.test_client()
    for client in (first, second, third):
        first_question(client, every_type)
    answer(first, every_type, "feeling", feeling="good")
    answer(second, every_type, "feeling", feeling="not_good")
    answer(first, every_type, "how", how=["came", "advocate"], where="school")
    answer(second, every_type, "how", how=["wrote"], where="home")
    for _ in range(2):  # the second time round, the fields come from the store
        feeling = question_page(first, every_type, "feeling").form()
        assert feeling.values("feeling") == ["good"]
        assert question_page(second, every_type, "feeling").form().values("feeling") == ["not_good"]
        assert question_page(third, every_type, "feeling").form().values("feeling") == []
        how = question_page(first, every_type, "how").form()
        assert how.values("how") == ["came", "advocate"] and how.values("where") == ["school"]
        how = question_page(second, every_type, "how").form()
        assert how.values("how") == ["wrote"] and how.values("where") == ["home"]
        how = question_page(third, every_type, "how").form()
        assert how.values("how") == [] and how.values("where") == []
    assert app.extensions["sayso_fields"], "the fields were not kept: this test tests nothing"
    answer(first, every_type, "how", how=["wrote"], where="home")
    how = question_page(first, every_type, "how").form()
    assert how.values("how") == ["wrote"] and how.values("where") == ["home"]


def test_typed_answers_are_shown_back_but_never_kept(app: Flask, every_type):
    typist, other = app.test_client(), app.test_client()
    for client in (typist, other):
        first_question(client, every_type)
        question_page(client, every_type, "name")  # the empty field, kept
    answer(typist, every_type, "name", better="Canary-7f3a more snacks")
    answer(typist, every_type, "score", score="7")
    for _ in range(2):
        assert question_page(typist, every_type, "name").form().values("better") == [
            "Canary-7f3a more snacks"
        ]
        assert question_page(typist, every_type, "score").form().values("score") == ["7"]
        assert question_page(other, every_type, "name").form().values("better") == [""]
        assert question_page(other, every_type, "score").form().values("score") == [""]
    kept = "".join(app.extensions["sayso_fields"].values())
    assert 'name="better"' in kept  # the empty field is kept...
    assert "Canary-7f3a" not in kept and 'value="7"' not in kept  # ...what was typed is not


def test_a_mistake_shows_on_a_kept_page_and_only_for_who_made_it(app: Flask, every_type):
    careless, careful = app.test_client(), app.test_client()
    for client in (careless, careful):
        first_question(client, every_type)
        question_page(client, every_type, "knew")
    mistake = answer(careless, every_type, "knew")
    assert mistake.field_errors() == ["Select an answer"]
    assert question_page(careful, every_type, "knew").field_errors() == []
    again = answer(careless, every_type, "knew")
    assert again.field_errors() == ["Select an answer"]


def test_a_mistake_is_told_in_the_respondents_language(app: Flask, every_type, monkeypatch):
    from app.languages import KNOWN

    monkeypatch.setattr("app.languages.available_languages", lambda: [KNOWN["en"], KNOWN["cy"]])
    english, welsh = app.test_client(), app.test_client()
    first_question(english, every_type)
    first_question(welsh, every_type, "?lang=cy")
    for _ in range(2):  # the page's form is made once per language, then reused
        assert answer(english, every_type, "knew").field_errors() == ["Select an answer"]
        # A young person's questionnaire: "ti", so "Dewisa", not "Dewiswch".
        assert answer(welsh, every_type, "knew").field_errors() == ["Dewisa ateb"]
        # WTForms' own messages too (a value that is none of the options)
        assert answer(english, every_type, "knew", knew="maybe").field_errors() == [
            "Not a valid choice."
        ]
        assert answer(welsh, every_type, "knew", knew="maybe").field_errors() == [
            "Nid yw hwn yn ddewis dilys"
        ]


def test_page_forms_are_kept_per_app_and_made_afresh_while_templates_reload(
    app: Flask, sqlite_app: Flask
):
    from app.respond.forms import page_form_class
    from app.survey.schema import Question

    questions = [Question(id="how", type="single_choice", text="How was it?")]
    texts = {"how": ("How was it?", None)}

    def made(flask_app: Flask, lang: str = "en") -> type:
        with flask_app.test_request_context(f"/?lang={lang}"):
            return page_form_class(questions, texts)

    assert made(app) is made(app)  # serving: one class per page and language
    assert made(app, "cy") is not made(app)
    assert made(sqlite_app) is not made(app)  # each app its own
    sqlite_app.jinja_env.auto_reload = True  # development: edits show at once
    assert made(sqlite_app) is not made(sqlite_app)
