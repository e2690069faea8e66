"""The audit trail records who did what, in codes, never free text."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.auth.audit import record_event
from app.auth.models import AuditEvent
from app.extensions import db
from tests.auth.conftest import make_staff, sign_in, sign_out


def test_sign_in_outcomes_and_sign_out_are_recorded(client):
    user = make_staff("chair@example.org")
    sign_in(client, "nobody@example.org", "whatever it was")
    sign_in(client, "chair@example.org", "not the right one")
    sign_in(client, "chair@example.org")
    sign_out(client)
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action != "account_created").order_by(AuditEvent.id)
    ).all()
    # Sign-in events carry their source: a keyed hash of the email and address, never either.
    sources = [e.details.pop("source", None) for e in events]
    assert [(e.action, e.actor_id, e.object_id, e.details) for e in events] == [
        ("sign_in_failed", None, None, {"reason": "unknown"}),
        ("sign_in_failed", None, str(user.id), {"reason": "wrong_password"}),
        ("sign_in", user.id, str(user.id), {}),
        ("sign_out", user.id, str(user.id), {}),
    ]
    assert sources[0] != sources[1] == sources[2]
    assert all(len(source) == 32 for source in sources[:3]) and sources[3] is None
    assert all(e.at is not None for e in events)


def test_record_event_refuses_free_text_in_details(app):
    with pytest.raises(ValueError, match="free text"):
        record_event(db.session, None, "note_added", details={"email": "a@example.org"})
    with pytest.raises(ValueError, match="free text"):
        record_event(db.session, None, "note_added", details={"note": "it was me"})
    with pytest.raises(ValueError):
        record_event(db.session, None, "note_added", details={"list": ["a"]})  # type: ignore[dict-item]
    event = record_event(db.session, None, "report_viewed", "survey", "lac-review", {"rows": 12})
    db.session.commit()
    assert (event.object_type, event.object_id, event.details) == (
        "survey",
        "lac-review",
        {"rows": 12},
    )
