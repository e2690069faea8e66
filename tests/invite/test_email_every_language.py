"""The invitation and its reminder, as each invited person reads them: no English left in
a translated email, and dates in the person's own language."""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree.ElementTree import Element

import html5lib
import pytest
from babel.dates import get_month_names
from flask import Flask

from app.extensions import db
from app.invite.emails import invitation_email
from tests.conftest import SURVEYS, publish
from tests.english import english_on_page
from tests.report.factories import make_invitation, make_meeting

LANGUAGES = ("cy", "ar", "fa", "ps", "pl", "ro", "uk")
# A personal link is a code, not words: its random token can spell "how" or "ten".
LINK = re.compile(r"https?://[^\s\"<>]+")


def as_tree(text: str) -> Element:
    tree = Element("body")
    tree.text = text
    return tree


@pytest.mark.parametrize("reminder", [False, True], ids=["first", "reminder"])
def test_the_invitation_email_has_no_english_in_any_language(
    sqlite_app: Flask, reminder: bool
) -> None:
    publish(Path(SURVEYS) / "lac-review-young-person.yaml")
    with sqlite_app.test_request_context():
        meeting = make_meeting()
        for language in LANGUAGES:
            invitation = make_invitation(
                "lac-review-young-person", meeting=meeting, language=language
            )
            invitation.email = "young.person@example.org"
            db.session.flush()
            email = invitation_email(invitation, reminder=reminder)

            html = html5lib.parse(LINK.sub("", email.html), namespaceHTMLElements=True)
            found = english_on_page(html, language)
            found += english_on_page(as_tree(email.subject), language)
            found += english_on_page(as_tree(LINK.sub("", email.text)), language)
            assert found == [], (language, found)

            # The meeting was on 1 July: its month, and the link's last day, in words of
            # the person's language, never "July".
            july = get_month_names("wide", locale=language)[7]
            assert july in email.text and july in email.html, (language, email.text)
            assert "July" not in email.text


def test_the_invitation_email_names_the_council_as_it_asked_in_that_language(
    sqlite_app: Flask,
) -> None:
    publish(Path(SURVEYS) / "lac-review-young-person.yaml")
    sqlite_app.config["SAYSO_COUNCIL_NAME"] = "Northshire Council"
    sqlite_app.config["SAYSO_COUNCIL_NAMES"] = {"cy": "Cyngor Swydd y Gogledd"}
    with sqlite_app.test_request_context("/?lang=en"):
        welsh = make_invitation("lac-review-young-person", language="cy")
        polish = make_invitation("lac-review-young-person", language="pl")
        for invitation in (welsh, polish):
            invitation.email = "young.person@example.org"
        db.session.flush()
        assert "Cyngor Swydd y Gogledd" in invitation_email(welsh).text
        # No Polish name set: the council's own name, not a translated placeholder.
        assert "Northshire Council" in invitation_email(polish).text
