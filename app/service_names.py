"""The service's and the council's names, in the language of the page.

A council sets ``SAYSO_SERVICE_NAME`` and ``SAYSO_COUNCIL_NAME`` in English and may add a
name for each language, ``SAYSO_SERVICE_NAME_CY``, ``SAYSO_COUNCIL_NAME_UK`` and so on.
A page in a language with no name of its own shows the built-in defaults translated, or
the council's English name when it set one (a proper name is better than a wrong one).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import gettext as _
from markupsafe import Markup, escape

from app.languages import current_language

DEFAULT_SERVICE_NAME = "Have your say"
DEFAULT_COUNCIL_NAME = "Your council"


def service_name(config: Mapping[str, Any], language: str | None = None) -> str:
    """The service's name in ``language``, or the page's language. For a language other
    than the page's, call it inside ``force_locale(language)`` so the default translates."""
    named = config.get("SAYSO_SERVICE_NAMES", {}).get(language or current_language())
    if named:
        return named
    english = config["SAYSO_SERVICE_NAME"]
    return _("Have your say") if english == DEFAULT_SERVICE_NAME else english


def council_name(config: Mapping[str, Any], language: str | None = None) -> str:
    """The council's name in ``language``, or the page's language (see ``service_name``)."""
    named = config.get("SAYSO_COUNCIL_NAMES", {}).get(language or current_language())
    if named:
        return named
    english = config["SAYSO_COUNCIL_NAME"]
    return _("Your council") if english == DEFAULT_COUNCIL_NAME else english


class NameInPageLanguage:
    """A template global that is worked out each time a page shows it, in the page's
    language, and escaped like any other text (a council's name may hold "&")."""

    def __init__(self, name: Any, config: Mapping[str, Any]) -> None:
        self._name = name
        self._config = config

    def __str__(self) -> str:
        return str(self._name(self._config))

    def __html__(self) -> Markup:
        return escape(str(self))

    def __eq__(self, other: object) -> bool:
        return str(self) == other

    def __hash__(self) -> int:
        return hash(str(self))

    def __bool__(self) -> bool:
        return bool(str(self))
