"""Every catalog compiles, keeps each message's placeholders, and says if it was reviewed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent / "translations"
CATALOGS = sorted(ROOT.glob("*/LC_MESSAGES/*.po"))
PLACEHOLDER = re.compile(r"%\(\w+\)s|%s|%d")


@pytest.mark.parametrize("path", CATALOGS, ids=[f"{p.parts[-3]}-{p.stem}" for p in CATALOGS])
def test_catalog_keeps_placeholders_and_markup(path: Path):
    with path.open("rb") as handle:
        catalog = read_po(handle)
    for message in catalog:
        if not message.id or not message.string or isinstance(message.id, tuple):
            continue
        assert sorted(PLACEHOLDER.findall(message.string)) == sorted(
            PLACEHOLDER.findall(message.id)
        ), (path.name, message.id)


@pytest.mark.parametrize("path", CATALOGS, ids=[f"{p.parts[-3]}-{p.stem}" for p in CATALOGS])
def test_catalog_header_records_native_speaker_review(path: Path):
    with path.open("rb") as handle:
        catalog = read_po(handle)
    # Kept in the header comment, which "pybabel update" preserves (it drops unknown headers).
    comment = (catalog.header_comment or "").lower()
    assert "native-speaker review: yes" in comment or "native-speaker review: no" in comment


@pytest.mark.parametrize("path", CATALOGS, ids=[f"{p.parts[-3]}-{p.stem}" for p in CATALOGS])
def test_every_shipped_catalog_is_complete(path: Path):
    """A language with one untranslated message is no longer offered to respondents, and
    the every-language browser walk would quietly skip it: every message is translated.
    An empty informal form is the exception: the language has no separate one there, and
    the plain translation is shown (app/form_of_address.py)."""
    with path.open("rb") as handle:
        catalog = read_po(handle)
    missing = [
        str(message.id)[:60]
        for message in catalog
        if message.id
        and (message.context != "informal" or message.fuzzy or _partly(message.string))
        and (
            message.fuzzy
            or not message.string
            or (isinstance(message.string, tuple) and not all(message.string))
        )
    ]
    assert missing == [], f"{path}: {len(missing)} untranslated, first: {missing[:5]}"


def _partly(string: str | tuple[str, ...]) -> bool:
    """Some plural forms given and others not: never right, informal or not."""
    return isinstance(string, tuple) and any(string) and not all(string)


def test_an_empty_informal_form_leaves_a_language_complete(tmp_path: Path):
    """After an extraction, every language gets an informal form of each interface text
    that speaks to the reader; one with none of its own is still offered (its plain
    translation is shown), while an untranslated plain message still counts as missing."""
    from app.languages import _percent_translated_of

    path = tmp_path / "messages.po"
    path.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Check your answers"\nmsgstr "Sprawdź swoje odpowiedzi"\n\n'
        'msgctxt "informal"\nmsgid "Check your answers"\nmsgstr ""\n',
        encoding="utf-8",
    )
    assert _percent_translated_of(str(path), 1, 1) == (100, False)
    path.write_text(path.read_text(encoding="utf-8") + '\nmsgid "Start now"\nmsgstr ""\n')
    assert _percent_translated_of(str(path), 2, 2) == (50, False)
