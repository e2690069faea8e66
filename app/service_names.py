"""The service's and the council's names, in the language of the page.

A council sets ``SAYSO_SERVICE_NAME`` and ``SAYSO_COUNCIL_NAME`` in English and may add a
name for each language, ``SAYSO_SERVICE_NAME_CY``, ``SAYSO_COUNCIL_NAME_UK`` and so on.
A page in a language with no name of its own shows the built-in defaults translated, or
the council's English name when it set one (a proper name is better than a wrong one).
"""

from __future__ import annotations

from flask import current_app
from flask_babel import gettext as _
from flask_babel.speaklater import LazyString

from app.languages import current_language

DEFAULT_SERVICE_NAME = "Have your say"
DEFAULT_COUNCIL_NAME = "Your council"


def service_name() -> str:
    """The service's name in the page's language."""
    named = current_app.config.get("SAYSO_SERVICE_NAMES", {}).get(current_language())
    if named:
        return named
    english = current_app.config["SAYSO_SERVICE_NAME"]
    return _("Have your say") if english == DEFAULT_SERVICE_NAME else english


def council_name() -> str:
    """The council's name in the page's language."""
    named = current_app.config.get("SAYSO_COUNCIL_NAMES", {}).get(current_language())
    if named:
        return named
    english = current_app.config["SAYSO_COUNCIL_NAME"]
    return _("Your council") if english == DEFAULT_COUNCIL_NAME else english


# For templates: each is worked out when the page shows it, in the page's language.
lazy_service_name = LazyString(service_name)
lazy_council_name = LazyString(council_name)
