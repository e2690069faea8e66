"""One register per audience in Welsh, Ukrainian and Romanian: "ti" / "ти" / "tu" or
"chi" / "ви" / "dumneavoastră".

Children, young people and care leavers are spoken to informally (ti, ти, tu), as a
Welsh, Ukrainian or Romanian speaker would speak to them; parents, carers and
professionals formally (chi, ви, dumneavoastră), and so are staff. Each questionnaire's
translated text, and each string only staff pages show, is searched for the other
register's pronouns and verb forms.

A questionnaire string shared by questionnaires for audiences of both registers has one
translation only, so the check also fails when such a string speaks to the reader.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
import yaml
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from app.survey.extract import extract_surveys
from tests.conftest import SURVEYS

ROOT = Path(__file__).resolve().parent.parent
REGISTER = {
    "child": "informal",
    "young_person": "informal",
    "care_leaver": "informal",
    "parent_carer": "formal",
    "professional": "formal",
}
# Words that belong to one register only: pronouns, possessives and the verb forms that
# agree with them. "Chi" and "ви" are also plural, but Sayso always speaks to one reader.
FORMS = {
    "cy": {
        "informal": (
            "ti di dy dych dwyt wyt rwyt gennyt iti atat arnat amdanat hoffet "
            "fyddet byddet gallet allet teimlet wnest oeddet roeddet fedri elli gelli "
            "byddi fyddi wnei gei ddywedaist"
        ),
        "formal": (
            "chi eich ichi gennych ydych rydych oeddech roeddech hoffech byddech fyddech "
            "gallech allech arnoch amdanoch atoch wnaethoch byddwch fyddwch ddywedoch"
        ),
    },
    "uk": {
        "informal": "ти тебе тобі тобою твій твоя твоє твої твого твоєї твоїй твоїм твоїх твою",
        "formal": "ви вас вам вами ваш ваша ваше ваші вашого вашої вашій вашим ваших вашу",
    },
    # Romanian: verb forms that are also plural ("tu și oamenii ... vorbiți") are left out.
    "ro": {
        "informal": (
            "tu te ți îți tine ție tău ta tăi tale ești poți vrei știi crezi spui ceri "
            "te-a te-am ne-ai ți-a ți-ar"
        ),
        "formal": (
            "dumneavoastră dvs vă v-a v-am v-ați v-ar ne-ați sunteți aveți puteți doriți "
            "vreți știți credeți spuneți cereți doreați"
        ),
    },
}
# Code that only staff pages (and staff emails) use.
STAFF_ONLY = (
    "app/auth/",
    "app/admin/",
    "app/safeguard/",
    "app/report/",
    "app/coding/",
    "app/api/",
    "app/actions/templates/actions/",
    "app/actions/views.py",
    "app/actions/forms.py",
    "app/invite/views.py",
    "app/invite/forms.py",
    "app/invite/templates/invite/meeting.html",
    "app/invite/templates/invite/my_meetings.html",
    "app/invite/templates/invite/my_feedback.html",
    "app/invite/templates/invite/new_campaign.html",
    "app/invite/templates/invite/new_meeting.html",
)


def other(register: str) -> str:
    return "formal" if register == "informal" else "informal"


def pattern(language: str, register: str) -> re.Pattern[str]:
    words = "|".join(FORMS[language][register].split())
    # Not inside a word, nor a prefix ("di-waith") or an elided form ("i'w").
    return re.compile(rf"(?<![\w’'-])(?:{words})(?![\w-])", re.IGNORECASE)


@cache
def catalog(language: str, domain: str) -> Catalog:
    with (ROOT / "translations" / language / "LC_MESSAGES" / f"{domain}.po").open("rb") as f:
        return read_po(f)


def survey_strings(path: Path) -> list[str]:
    with path.open("rb") as handle:
        return [message for _line, _f, message, _c in extract_surveys(handle, None, None, {})]


def translated(language: str, domain: str, text: str) -> str:
    message = catalog(language, domain).get(text)
    assert message is not None and message.string, f"{language}: no translation of {text!r}"
    return message.string if isinstance(message.string, str) else " ".join(message.string)


def wrong_register(language: str, register: str, texts: list[str], domain: str) -> list[str]:
    found = pattern(language, other(register))
    return [
        f"{text[:60]!r} → {translated(language, domain, text)[:120]!r}"
        for text in texts
        if found.search(translated(language, domain, text))
    ]


@pytest.mark.parametrize("language", ["cy", "uk", "ro"])
@pytest.mark.parametrize("path", sorted(SURVEYS.glob("*.yaml")), ids=lambda p: p.stem)
def test_each_questionnaire_speaks_to_its_audience_in_one_register(path: Path, language: str):
    audience = yaml.safe_load(path.read_text(encoding="utf-8"))["audience"]
    register = REGISTER[audience]
    wrong = wrong_register(language, register, survey_strings(path), "surveys")
    assert not wrong, f"{path.name} ({audience}, {register}) in {language}: {wrong}"


@pytest.mark.parametrize("language", ["cy", "uk", "ro"])
def test_staff_pages_are_formal(language: str):
    texts = [
        message.id if isinstance(message.id, str) else message.id[0]
        for message in catalog(language, "messages")
        if message.id
        and message.locations
        and all(place.startswith(STAFF_ONLY) for place, _line in message.locations)
    ]
    assert len(texts) > 300  # the staff interface, not an empty selection
    wrong = wrong_register(language, "formal", texts, "messages")
    assert not wrong, f"informal words on staff pages in {language}: {wrong}"


def test_the_check_knows_both_registers():
    """Each pattern finds its own register and not the other's."""
    assert pattern("cy", "informal").search("Wyt ti'n teimlo'n ddiogel?")
    assert not pattern("cy", "formal").search("Wyt ti'n teimlo'n ddiogel?")
    assert pattern("cy", "formal").search("Ydych chi'n teimlo'n ddiogel?")
    assert pattern("uk", "informal").search("Чи почуваєшся ти в безпеці?")
    assert pattern("uk", "formal").search("Чи почуваєтеся Ви в безпеці?")
    assert not pattern("uk", "formal").search("Чи почуваєшся ти в безпеці?")
    assert pattern("ro", "informal").search("Vrei să te contacteze cineva?")
    assert not pattern("ro", "formal").search("Vrei să te contacteze cineva?")
    assert pattern("ro", "formal").search("Vreți să vă contacteze cineva despre ce ne-ați spus?")
    assert not pattern("ro", "informal").search("Vreți să vă contacteze cineva?")
