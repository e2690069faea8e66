"""The themes an action can answer: the default codebook's, and any that staff added.

Ids and English labels come from ``surveys/codebooks/`` (and the local themes table) and
nothing else; an action stores only the id. Labels are shown through the interface
catalog, so a page in another language shows them translated once translators have.
"""

from __future__ import annotations

from flask import has_app_context
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from app.coding.analysis import coding_theme_labels
from app.themes.codebook import named_codebook

FALLBACK = "other"

# The default codebook's labels, written out so ``pybabel extract`` puts them in the
# interface catalog. tests/actions/test_themes.py checks they match the codebook.
CODEBOOK_LABELS = (
    _l("Being listened to"),
    _l("Understanding the plan"),
    _l("Changes of social worker"),
    _l("Relationship with workers"),
    _l("Contact with family"),
    _l("Placement and carers"),
    _l("Feeling safe"),
    _l("School and education"),
    _l("Health and wellbeing"),
    _l("Money"),
    _l("Accommodation"),
    _l("Loneliness"),
    _l("Independence and life skills"),
    _l("Meetings and reviews"),
    _l("Respect and identity"),
    _l("Something else"),
)


def theme_labels(session: Session) -> dict[str, str]:
    """Every theme, id to English label, in codebook order (themes staff added last)."""
    return coding_theme_labels(session)


def codebook_labels() -> dict[str, str]:
    """The default codebook's themes, id to English label."""
    return {theme.id: theme.label for theme in named_codebook().themes}


def theme_label(theme_id: str | None, labels: dict[str, str] | None = None) -> str:
    """A theme's label in the page's language; an id nobody knows any more is shown as is."""
    known = labels if labels is not None else codebook_labels()
    english = known.get(theme_id or FALLBACK)
    if english is None:
        return theme_id or ""
    return _(english) if has_app_context() else english
