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
    the every-language browser walk would quietly skip it: every message is translated."""
    with path.open("rb") as handle:
        catalog = read_po(handle)
    missing = [
        str(message.id)[:60]
        for message in catalog
        if message.id
        and (
            message.fuzzy
            or not message.string
            or (isinstance(message.string, tuple) and not all(message.string))
        )
    ]
    assert missing == [], f"{path}: {len(missing)} untranslated, first: {missing[:5]}"
