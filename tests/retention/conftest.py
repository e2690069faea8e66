"""Factories for the retention tests: responses, alerts, drafts and invitations dated
either side of a retention cutoff, built through the real submit path."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from app.coding.runs import code_new_comments
from app.extensions import db
from app.respond.drafts import create_draft
from app.responses.models import Draft, Response
from app.retention.purge import RetentionSettings
from app.safeguard.models import Alert, AlertNote
from tests.report.factories import make_invitation, publish_shipped, respond

YOUNG = "lac-review-young-person"
NOW = datetime(2026, 11, 28, 2, 30)
SETTINGS = RetentionSettings(response_days=1096, alert_days=2194)
RESPONSE_CUTOFF = NOW - timedelta(days=SETTINGS.response_days)
ALERT_CUTOFF = NOW - timedelta(days=SETTINGS.alert_days)
SECOND = timedelta(seconds=1)


@pytest.fixture
def young(app) -> str:
    publish_shipped(YOUNG)
    db.session.commit()
    return YOUNG


def comment(at: datetime, text: str = "The meeting was good and I was listened to") -> Response:
    """A response with a choice and a long comment (which the theming codes)."""
    return respond(YOUNG, {"felt_listened_to": "agree", "what_was_good": text}, at)


def theme_comments() -> None:
    db.session.commit()
    code_new_comments(db.session)
    db.session.commit()


def raise_alert(response: Response, *, closed_at: datetime | None, note: bool = False) -> Alert:
    """An alert on ``response``: closed at ``closed_at``, or still being worked on."""
    alert = Alert(
        response_id=response.id,
        survey_id=response.survey_id,
        severity="high",
        reasons=["harm"],
        questions=["what_was_good"],
        status="closed" if closed_at else "acknowledged",
        created_at=response.submitted_at,
        closed_at=closed_at,
    )
    if note:
        alert.notes.append(AlertNote(text="Spoke to the social worker", at=response.submitted_at))
    db.session.add(alert)
    db.session.flush()
    return alert


def draft_expiring(at: datetime) -> Draft:
    draft, _token = create_draft(db.session, _current_version_id(), "k", 14)
    draft.expires_at = at
    db.session.flush()
    return draft


def _current_version_id() -> int:
    from app.survey.publishing import current_version

    version = current_version(db.session, YOUNG)
    assert version is not None
    return version.id


def invitation_with_email(expires_at: datetime, email: str) -> int:
    invitation = make_invitation(YOUNG)
    invitation.email = email
    invitation.expires_at = expires_at
    db.session.flush()
    return invitation.id
