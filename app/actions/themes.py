"""The themes an action can answer, with their labels, as the default codebook names them."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

# The default codebook's theme ids and English labels. Kept here until the codebook file
# can be read instead; an action stores only the id, so relabelling never touches data.
THEMES = {
    "listened_to": _l("Being listened to"),
    "understanding_plan": _l("Understanding the plan"),
    "social_worker_change": _l("Changes of social worker"),
    "relationship_with_worker": _l("Relationship with their worker"),
    "contact_family": _l("Contact with family"),
    "placement_carers": _l("Placement and carers"),
    "safety": _l("Feeling safe"),
    "school_education": _l("School and education"),
    "health_wellbeing": _l("Health and wellbeing"),
    "money": _l("Money"),
    "accommodation": _l("Where they live"),
    "loneliness": _l("Loneliness"),
    "independence_skills": _l("Skills for living independently"),
    "meetings_reviews": _l("Meetings and reviews"),
    "respect_identity": _l("Respect and identity"),
    "other": _l("Other"),
}


def theme_label(theme_id: str | None) -> str:
    """A theme's label in the current language; an id no longer in the codebook as is."""
    if theme_id is None:
        return str(THEMES["other"])
    label = THEMES.get(theme_id)
    return str(label) if label is not None else theme_id
