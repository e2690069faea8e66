"""What staff pages call an alert's status, severity and concerns, in the page's language.

The stored values are codes (``acknowledged``, ``high``, ``self_harm``); these are the
words for them, marked for the catalogs so every language shows its own.
"""

from __future__ import annotations

from collections.abc import Iterable

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

STATUS_LABELS = {
    "new": _l("New"),
    "acknowledged": _l("Acknowledged"),
    "actioned": _l("Actioned"),
    "closed": _l("Closed"),
}
SEVERITY_LABELS = {
    "high": _l("High"),
    "medium": _l("Medium"),
    "low": _l("Low"),
}
CONCERN_LABELS = {
    "physical_abuse": _l("physical abuse"),
    "sexual_abuse": _l("sexual abuse"),
    "emotional_abuse": _l("emotional abuse"),
    "neglect": _l("neglect"),
    "domestic_abuse": _l("domestic abuse"),
    "self_harm": _l("self-harm"),
    "suicidal_thoughts": _l("suicidal thoughts"),
    "criminal_exploitation": _l("criminal exploitation"),
    "sexual_exploitation": _l("sexual exploitation"),
    "going_missing": _l("going missing"),
    "bullying_threats": _l("bullying or threats"),
    "unsafe_accommodation": _l("unsafe accommodation"),
    "feeling_unsafe": _l("feeling unsafe"),
    "risk_answer": _l("an answer that needs a safeguarding lead"),
    "learned_screen": _l("the learned screen"),
}


def status_label(status: str) -> str:
    """An alert status in the page's language (the code itself if unknown)."""
    return str(STATUS_LABELS.get(status, status))


def severity_label(severity: str | None) -> str:
    """A severity in the page's language."""
    if not severity:
        return _("Not given")
    return str(SEVERITY_LABELS.get(severity, severity))


def concern_labels(reasons: Iterable[str] | None) -> str:
    """An alert's concerns, comma separated, in the page's language."""
    return ", ".join(
        str(CONCERN_LABELS.get(reason, reason.replace("_", " "))) for reason in reasons or ()
    )
