"""Which language a page is shown in.

The order of precedence: the invitation's language (stored in the session when a link
is opened), then ``?lang=xx`` on any URL (remembered for the visit), then the browser's
Accept-Language, then English. Only languages with a catalog in ``translations/`` (and
English, the source) are offered.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from flask import current_app, g, has_request_context, request, session

DEFAULT = "en"


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


def available_languages() -> list[Language]:
    """English plus every known language that has a UI catalog."""
    cached = current_app.extensions.get("sayso_languages")
    if cached is None:
        root = Path(current_app.root_path) / current_app.config["BABEL_TRANSLATION_DIRECTORIES"]
        cached = [KNOWN[DEFAULT]] + [
            lang
            for code, lang in KNOWN.items()
            if code != DEFAULT and (root / code / "LC_MESSAGES" / "messages.po").exists()
        ]
        current_app.extensions["sayso_languages"] = cached
    return cached


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
        session["lang"] = asked
    remembered = session.get("lang")
    if remembered in codes:
        language = remembered
    else:
        language = request.accept_languages.best_match(codes) or DEFAULT
    g.sayso_language = language
    return language


def text_direction(code: str) -> str:
    return KNOWN.get(code, KNOWN[DEFAULT]).direction
