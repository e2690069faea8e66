"""The words around the questions speak to the reader as the questions do.

A young person's questionnaire in Welsh or Ukrainian says "ti" / "ти"; so must its start
page, buttons, errors, character count, check your answers, save and resume pages, the
thank-you page and the part after a worrying answer. A parent's or a professional's
pages stay formal ("chi" / "Ви"). Each respondent page is walked with the test client, as
``tests/respond/test_every_language_text.py`` walks them, and its text searched for the
other register's pronouns, possessives and imperatives.

The service and council names are a council's settings, the same on every page, and are
left out; so is "Read it to me", the reader's own words to the page.
"""

from __future__ import annotations

import re

import pytest
from flask import Flask

from app.extensions import db
from app.service_names import council_name, service_name
from app.survey.publishing import current_version, publish_directory, survey_for_version
from tests.conftest import SURVEYS
from tests.english import visible_text
from tests.pages import Page
from tests.respond.test_every_language_text import Walk, walk_survey
from tests.test_register import FORMS

# Beyond the pronouns and verb forms of tests/test_register.py: the imperatives and the
# elided possessive ("gyda'ch") that interface text uses.
MORE = {
    "cy": {
        "formal": (
            "rhowch pwyswch dewiswch ffoniwch gwiriwch anfonwch defnyddiwch agorwch "
            "ysgrifennwch tynnwch arhoswch dechreuwch dywedwch ewch dilëwch gallwch allwch"
        ),
        "informal": (
            "rho pwysa dewisa ffonia gwiria anfona defnyddia dyweda arhosa dechreua "
            "ysgrifenna tynna gelli"
        ),
    },
    "uk": {
        "formal": (
            "натисніть введіть виберіть перевірте надішліть зачекайте телефонуйте "
            "зателефонуйте подивіться дайте запишіть сфотографуйте відкрийте отримайте "
            "почніть скористайтеся продовжуйте розставте використайте скажіть спробуйте "
            "видаліть можете хочете захочете отримаєте зможете"
        ),
        "informal": (
            "натисни введи вибери перевір надішли зачекай телефонуй зателефонуй подивися "
            "дай запиши сфотографуй відкрий отримай почни скористайся продовжуй розстав "
            "використай скажи спробуй видали можеш хочеш захочеш отримаєш зможеш"
        ),
    },
}
ELIDED_FORMAL = {"cy": r"|(?<=\w)['’]ch(?![\w-])", "uk": ""}
YOUNG = ["lac-review-young-person", "care-leaver-accommodation", "lac-review-child"]
ADULT = ["lac-review-parent-carer", "cp-conference-professional"]
# Pages whose words always speak to the reader, so an adult's must show the formal forms.
ADDRESSING = ("start", "errors", "saved", "resumed", "opened elsewhere", "done")


def markers(language: str, register: str) -> re.Pattern[str]:
    words = "|".join((FORMS[language][register] + " " + MORE[language][register]).split())
    elided = ELIDED_FORMAL[language] if register == "formal" else ""
    return re.compile(rf"(?<![\w’'-])(?:{words})(?![\w-]){elided}", re.IGNORECASE)


class RegisterWalk(Walk):
    """A walk that notes, page by page, the words of either register it meets."""

    def __init__(self, client, language: str, names: tuple[str, ...]) -> None:
        super().__init__(client, language)
        self.names = names
        self.found: dict[str, dict[str, list[str]]] = {"formal": {}, "informal": {}}
        self.texts: dict[str, str] = {}

    def check(self, page: Page, name: str) -> Page:
        text = " ".join(visible_text(page.tree, self.language))
        for left_out in self.names:
            text = text.replace(left_out, " ")
        self.texts[name] = " ".join(text.split())
        for register in ("formal", "informal"):
            words = markers(self.language, register).findall(text)
            if words:
                self.found[register][name] = sorted(set(words))
        return page


def walked(app: Flask, survey_id: str, language: str) -> RegisterWalk:
    with app.test_request_context(f"/?lang={language}"):
        names = (
            service_name(app.config, language),
            council_name(app.config, language),
            "Darllen e i fi",
            "Прочитай мені",
        )
    walk = RegisterWalk(app.test_client(), language, names)
    walk_survey(walk, survey_for_version(current_version(db.session, survey_id)), app)
    return walk


@pytest.fixture
def published(sqlite_app: Flask) -> Flask:
    publish_directory(db.session, SURVEYS)
    db.session.commit()
    return sqlite_app


@pytest.mark.parametrize("language", ["cy", "uk"])
@pytest.mark.parametrize("survey_id", YOUNG)
def test_young_readers_pages_speak_informally_throughout(
    published: Flask, survey_id: str, language: str
):
    walk = walked(published, survey_id, language)
    assert not walk.found["formal"], f"formal words on {survey_id} in {language}: {walk.found}"
    # Something on these pages does speak to the reader: the check is not empty.
    assert {"start", "saved", "done"} <= set(walk.found["informal"]), walk.found


@pytest.mark.parametrize("language", ["cy", "uk"])
@pytest.mark.parametrize("survey_id", ADULT)
def test_adult_readers_pages_stay_formal(published: Flask, survey_id: str, language: str):
    walk = walked(published, survey_id, language)
    assert not walk.found["informal"], f"informal words on {survey_id} in {language}: {walk.found}"
    shown = {name.split(" on page")[0] for name in walk.found["formal"]}
    missing = [name for name in ADDRESSING if name not in shown]
    assert not missing, f"no formal words on {missing} of {survey_id} in {language}"


def test_the_concern_part_speaks_to_a_care_leaver_informally(published: Flask):
    """The care leaver who says they do not feel safe (as the walk answers) is told in the
    informal register that someone will check they are safe, and whom to call."""
    for language, words in (
        ("cy", ("dy fod ti'n ddiogel", "Os oes angen help arnat ti nawr")),
        ("uk", ("що ти в безпеці", "Якщо тобі потрібна допомога зараз")),
    ):
        walk = walked(published, "care-leaver-accommodation", language)
        for expected in words:
            assert expected in walk.texts["done"], (language, walk.texts["done"])


def test_a_formal_page_after_an_informal_one_is_formal(published: Flask):
    """Parts of pages are kept once rendered (app/templating.py): kept by register as well
    as language, a parent's page after a young person's does not reuse the young
    person's words."""
    client = published.test_client()
    young = client.get("/s/lac-review-young-person?lang=uk").get_data(as_text=True)
    adult = client.get("/s/lac-review-parent-carer?lang=uk").get_data(as_text=True)
    again = client.get("/s/lac-review-young-person?lang=uk").get_data(as_text=True)
    assert 'aria-label="Вибери мову"' in young
    assert 'aria-label="Виберіть мову"' in adult
    assert 'aria-label="Вибери мову"' in again
