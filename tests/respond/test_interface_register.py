"""The words around the questions speak to the reader as the questions do.

A young person's questionnaire in Welsh, Ukrainian or Romanian says "ti" / "ти" / "tu";
so must its start page, buttons, errors, character count, check your answers, save and
resume pages, the thank-you page and the part after a worrying answer. A parent's or a
professional's pages stay formal ("chi" / "Ви" / "dumneavoastră"). Each respondent page
is walked with the test client, as ``tests/respond/test_every_language_text.py`` walks
them, and its text searched for the other register's pronouns, possessives and
imperatives.

Only the interface's words are searched: the questionnaire's own text is left out (its
register is tests/test_register.py's to check), and so are the service and council names
(a council's settings, the same on every page) and "Read it to me", the reader's own
words to the page.
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
from tests.test_register import FORMS, catalog, survey_strings

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
# Romanian: the imperatives and verb forms interface text uses, beside the pronouns of
# tests/test_register.py. The informal list has only words that cannot be a third person
# ("continuă" can: "it continues").
MORE["ro"] = {
    "formal": (
        "dumneavoastră vă v-a v-am ați ne-ați sunteți aveți puteți vreți apăsați "
        "introduceți selectați alegeți verificați trimiteți salvați continuați începeți "
        "sunați notați deschideți folosiți primiți spuneți vedeți dați puneți așteptați "
        "schimbați încercați ștergeți"
    ),
    "informal": (
        "tu ți tău tale tine ești poți vrei apasă introdu selectează salvează notează "
        "folosește primește"
    ),
}
ELIDED_FORMAL = {"cy": r"|(?<=\w)['’]ch(?![\w-])", "uk": "", "ro": ""}
LANGUAGES = ["cy", "uk", "ro"]
YOUNG = [
    "lac-review-young-person",
    "care-leaver-accommodation",
    "lac-review-child",
    "pathway-plan-review",
]
ADULT = ["lac-review-parent-carer", "cp-conference-professional", "cp-conference-family"]
# Pages whose words always speak to the reader, so an adult's must show the formal forms.
ADDRESSING = ("start", "errors", "saved", "resumed", "opened elsewhere", "done")


def markers(language: str, register: str) -> re.Pattern[str]:
    own = FORMS.get(language, {}).get(register, "")
    words = "|".join((own + " " + MORE[language][register]).split())
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
        text = " ".join(" ".join(visible_text(page.tree, self.language)).split())
        for left_out in self.names:
            # Whole words only: the questionnaire's "Da" (yes) is not the start of "Dacă".
            text = re.sub(rf"(?<!\w){re.escape(left_out)}(?!\w)", " ", text)
        self.texts[name] = " ".join(text.split())
        for register in ("formal", "informal"):
            words = markers(self.language, register).findall(text)
            if words:
                self.found[register][name] = sorted(set(words))
        return page


def questionnaire_text(survey_id: str, language: str) -> list[str]:
    """The questionnaire's own words in ``language``, each paragraph apart, longest first:
    tests/test_register.py checks them, so here they are taken out of the page."""
    found = set()
    for english in survey_strings(SURVEYS / f"{survey_id}.yaml"):
        message = catalog(language, "surveys").get(english)
        text = message.string if message is not None and message.string else english
        found.update(" ".join(part.split()) for part in text.split("\n\n"))
    return sorted(found - {""}, key=len, reverse=True)


def walked(app: Flask, survey_id: str, language: str) -> RegisterWalk:
    with app.test_request_context(f"/?lang={language}"):
        names = (
            *questionnaire_text(survey_id, language),
            service_name(app.config, language),
            council_name(app.config, language),
            "Darllen e i fi",
            "Прочитай мені",
            "Citește-mi cu voce tare",
        )
    walk = RegisterWalk(app.test_client(), language, names)
    walk_survey(walk, survey_for_version(current_version(db.session, survey_id)), app)
    return walk


@pytest.fixture
def published(sqlite_app: Flask) -> Flask:
    publish_directory(db.session, SURVEYS)
    db.session.commit()
    return sqlite_app


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("survey_id", YOUNG)
def test_young_readers_pages_speak_informally_throughout(
    published: Flask, survey_id: str, language: str
):
    walk = walked(published, survey_id, language)
    assert not walk.found["formal"], f"formal words on {survey_id} in {language}: {walk.found}"
    # Something on these pages does speak to the reader: the check is not empty.
    assert {"start", "saved", "done"} <= set(walk.found["informal"]), walk.found


@pytest.mark.parametrize("language", LANGUAGES)
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
        ("ro", ("că ești în siguranță", "Dacă ai nevoie de ajutor acum")),
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
