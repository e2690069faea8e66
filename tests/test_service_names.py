"""The service's and council's names, and dates, in the language of the page."""

from __future__ import annotations

from datetime import date

from flask import Flask, g
from flask_babel import refresh

from app.config import load_settings
from app.templating import long_date
from tests.conftest import SURVEYS, copy_of, make_app, publish
from tests.pages import get


def test_names_per_language_are_read_from_settings(tmp_path):
    settings = load_settings(
        {
            "SAYSO_SERVICE_NAME": "Tell us",
            "SAYSO_SERVICE_NAME_CY": "Dywedwch wrthym",
            "SAYSO_COUNCIL_NAME_UK": "Рада Нортширу",
            "SAYSO_SERVICE_NAME_XYZ": "ignored",
        },
        instance_path=str(tmp_path),
    )
    assert settings["SAYSO_SERVICE_NAMES"] == {"cy": "Dywedwch wrthym"}
    assert settings["SAYSO_COUNCIL_NAMES"] == {"uk": "Рада Нортширу"}


def test_header_title_and_footer_use_the_page_languages_names(tmp_path, migrated_sqlite):
    flask_app = make_app(
        copy_of(migrated_sqlite, tmp_path),
        str(tmp_path / "instance"),
        SAYSO_SERVICE_NAME="Tell us",
        SAYSO_COUNCIL_NAME="Northshire Council",
        SAYSO_SERVICE_NAMES={"cy": "Dywedwch wrthym"},
        SAYSO_COUNCIL_NAMES={"cy": "Cyngor Gogleddsir"},
    )
    with flask_app.app_context():
        survey_id = publish(SURVEYS / "lac-review-young-person.yaml")
        client = flask_app.test_client()
        welsh = get(client, f"/s/{survey_id}?lang=cy")
        assert welsh.title.endswith("– Dywedwch wrthym")
        header = welsh.select("header")[0]
        assert "Cyngor Gogleddsir" in "".join(header.itertext())
        assert "Tell us" not in welsh.text() and "Northshire" not in welsh.text()
        # No name of its own: the council's English name, never a wrong one.
        polish = get(client, f"/s/{survey_id}?lang=pl")
        assert polish.title.endswith("– Tell us")


def test_names_are_escaped_like_any_text(tmp_path, migrated_sqlite):
    flask_app = make_app(
        copy_of(migrated_sqlite, tmp_path),
        str(tmp_path / "instance"),
        SAYSO_COUNCIL_NAME="Bath & <North> East",
    )
    with flask_app.app_context():
        survey_id = publish(SURVEYS / "lac-review-young-person.yaml")
        html = flask_app.test_client().get(f"/s/{survey_id}").get_data(as_text=True)
        assert "Bath &amp; &lt;North&gt; East" in html and "<North>" not in html


def test_default_names_are_translated(sqlite_app: Flask):
    survey_id = publish(SURVEYS / "lac-review-young-person.yaml")
    page = get(sqlite_app.test_client(), f"/s/{survey_id}?lang=uk")
    assert page.title.endswith("– Висловіть свою думку")
    assert "Ваша рада" in page.text()
    assert "Have your say" not in page.text()


def test_dates_are_written_in_the_page_language(sqlite_app: Flask):
    for query, written in (
        ("?lang=ar", "20 ديسمبر 2026"),
        ("?lang=cy", "20 Rhagfyr 2026"),
        ("", "20 December 2026"),
    ):
        with sqlite_app.test_request_context(f"/{query}"):
            g.pop("sayso_language", None)
            refresh()  # Flask-Babel keeps the locale for the app context
            assert long_date(date(2026, 12, 20)) == written
