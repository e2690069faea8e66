"""Interface text in the reader's register: the informal form where a language has one,
the plain translation otherwise, and both forms kept by every extraction."""

from __future__ import annotations

from io import BytesIO

from babel.messages.extract import extract
from flask import Flask

from app.form_of_address import addressed, naddressed, speak_informally

# Each request below has its own app context, so its own language and register (both
# are kept in ``g``).


def test_a_young_reader_gets_the_informal_form_and_an_adult_the_plain_one(sqlite_app: Flask):
    with sqlite_app.app_context(), sqlite_app.test_request_context("/?lang=cy"):
        assert addressed("Check your answers") == "Gwirio eich atebion"
        speak_informally(True)
        assert addressed("Check your answers") == "Gwirio dy atebion"
        assert addressed("Your answers are kept until %(date)s.", date="1 Ionawr") == (
            "Caiff dy atebion eu cadw tan 1 Ionawr."
        )
    with sqlite_app.app_context(), sqlite_app.test_request_context("/?lang=uk"):
        speak_informally(True)
        assert naddressed(
            "You have %(count)s character too many",
            "You have %(count)s characters too many",
            3,
            count=3,
        ) == ("У тебе на 3 символи забагато")


def test_a_language_without_an_informal_form_keeps_its_translation(sqlite_app: Flask):
    for language, expected in (("pl", "Sprawdź swoje odpowiedzi"), ("en", "Check your answers")):
        with sqlite_app.app_context(), sqlite_app.test_request_context(f"/?lang={language}"):
            speak_informally(True)
            assert addressed("Check your answers") == expected


def test_extraction_gives_each_addressed_message_plain_and_informal():
    template = b'<h1>{{ addressed("Check your answers") }}</h1>{{ _("Start now") }}'
    found = list(
        extract(
            "app.form_of_address.extract_jinja2",
            BytesIO(template),
            options={"extensions": "jinja2.ext.do"},
        )
    )
    assert [(message, context) for _line, message, _c, context in found] == [
        ("Check your answers", None),
        ("Check your answers", "informal"),
        ("Start now", None),
    ]
    source = b'message = naddressed("%(n)s thing", "%(n)s things", n)\n'
    found = list(extract("app.form_of_address.extract_python", BytesIO(source)))
    assert [(message, context) for _line, message, _c, context in found] == [
        (("%(n)s thing", "%(n)s things"), None),
        (("%(n)s thing", "%(n)s things"), "informal"),
    ]
