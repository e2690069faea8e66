"""Which language a page is shown in.

The order of precedence: the invitation's language (stored in the session when a link
is opened), then ``?lang=xx`` on any URL (remembered for the visit), then the browser's
Accept-Language, then English. Only English (the source) and languages whose catalogs in
``translations/`` are complete are offered.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from flask import current_app, g, has_request_context, request, session
from markupsafe import Markup

from app.form_of_address import INFORMAL

DEFAULT = "en"
# Where the session remembers the language a visitor chose.
LANGUAGE_SESSION_KEY = "lang"


@dataclass(frozen=True)
class Language:
    code: str
    name: str  # in its own language and script
    direction: str  # "ltr" or "rtl"


KNOWN = {
    "en": Language("en", "English", "ltr"),
    "cy": Language("cy", "Cymraeg", "ltr"),
    "ar": Language("ar", "العربية", "rtl"),
    "fa": Language("fa", "فارسی (دری)", "rtl"),
    "ps": Language("ps", "پښتو", "rtl"),
    "pl": Language("pl", "Polski", "ltr"),
    "ro": Language("ro", "Română", "ltr"),
    "uk": Language("uk", "Українська", "ltr"),
}


@dataclass(frozen=True)
class CatalogStatus:
    """How complete a language's catalogs are, and whether a native speaker reviewed them."""

    language: Language
    ui_percent: int
    survey_percent: int
    reviewed: bool

    @property
    def complete(self) -> bool:
        return self.ui_percent == 100 and self.survey_percent == 100


def _percent_translated(path: Path) -> tuple[int, bool]:
    """Share of messages translated (not fuzzy), and the review flag in the header."""
    if not path.exists():
        return 0, False
    stat = path.stat()
    return _percent_translated_of(str(path.resolve()), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=64)
def _percent_translated_of(path: str, _mtime_ns: int, _size: int) -> tuple[int, bool]:
    """``_percent_translated`` of one version of a catalog file (its time and size tell
    versions apart), read once per process however many apps the process builds."""
    from babel.messages.pofile import read_po

    with open(path, "rb") as handle:
        catalog = read_po(handle)
    # An empty informal form is not missing: the plain translation is shown instead.
    messages = [
        m for m in catalog if m.id and not (m.context == INFORMAL and not _has_translation(m))
    ]
    done = sum(
        1
        for m in messages
        if m.string and not m.fuzzy and (all(m.string) if isinstance(m.string, tuple) else True)
    )
    reviewed = "native-speaker review: yes" in (catalog.header_comment or "").lower()
    return (100 * done // len(messages) if messages else 100), reviewed


def _has_translation(message: Any) -> bool:
    """Whether a catalog message has any translation at all (any plural form)."""
    string = message.string
    return any(string) if isinstance(string, tuple) else bool(string)


def catalog_statuses() -> list[CatalogStatus]:
    """Every known language other than English, with its catalogs' state."""
    cached = current_app.extensions.get("sayso_catalogs")
    if cached is None:
        root = Path(current_app.root_path) / current_app.config["BABEL_TRANSLATION_DIRECTORIES"]
        cached = []
        for code, language in KNOWN.items():
            if code == DEFAULT:
                continue
            folder = root / code / "LC_MESSAGES"
            ui, ui_reviewed = _percent_translated(folder / "messages.po")
            surveys, survey_reviewed = _percent_translated(folder / "surveys.po")
            cached.append(CatalogStatus(language, ui, surveys, ui_reviewed and survey_reviewed))
        current_app.extensions["sayso_catalogs"] = cached
    return cached


def available_languages() -> list[Language]:
    """English plus every language whose catalogs are complete: a half-translated page
    would claim a language it does not speak."""
    return [KNOWN[DEFAULT]] + [s.language for s in catalog_statuses() if s.complete]


def current_language() -> str:
    """The visit's language code."""
    if not has_request_context():
        return DEFAULT
    chosen = g.get("sayso_language")
    if chosen:
        return chosen
    codes = [lang.code for lang in available_languages()]
    asked = request.args.get("lang")
    if asked in codes:
        session[LANGUAGE_SESSION_KEY] = asked
    remembered = session.get(LANGUAGE_SESSION_KEY)
    if remembered in codes:
        language = remembered
    else:
        language = request.accept_languages.best_match(codes) or DEFAULT
    g.sayso_language = language
    return language


def text_direction(code: str) -> str:
    return KNOWN.get(code, KNOWN[DEFAULT]).direction


def language_name(code: str) -> Markup:
    """A language's own name, marked with its language so a screen reader says it right."""
    language = KNOWN.get(code)
    if language is None:
        return Markup('<span translate="no">{}</span>').format(code)
    return Markup('<span lang="{}" dir="{}">{}</span>').format(
        language.code, language.direction, language.name
    )
