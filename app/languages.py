"""Which language a page is shown in. English is the source; more come with translations."""

from __future__ import annotations

from flask import g, request, session

SUPPORTED = {"en": ("English", "ltr")}
DEFAULT = "en"


def current_language() -> str:
    """The visit's language: an explicit choice, else the browser's, else English."""
    chosen = getattr(g, "sayso_language", None)
    if chosen:
        return chosen
    asked = request.args.get("lang") if request else None
    if asked in SUPPORTED:
        session["lang"] = asked
    remembered = session.get("lang")
    if remembered in SUPPORTED:
        return remembered
    best = request.accept_languages.best_match(SUPPORTED.keys()) if request else None
    return best or DEFAULT


def text_direction(language: str) -> str:
    return SUPPORTED.get(language, ("", "ltr"))[1]
