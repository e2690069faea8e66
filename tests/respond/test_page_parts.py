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
    "Need to talk to someone now?": "Angen siarad â rhywun nawr?",
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
