"""Safeguarding leads see, act on and close alerts; nobody else sees their content."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from app import clock
from app.auth.models import AuditEvent
from app.extensions import db
from app.safeguard.models import Alert
from app.safeguard.notify import due_escalations
from tests.auth.conftest import make_staff, sign_in
from tests.pages import get
from tests.safeguard.test_alerts import answer_safety


@pytest.fixture
def alert_id(app, safety) -> int:
    answer_safety(
        app.test_client(), safety, "no", "my stepdad hits me", contact="yes", how="07700 900123"
    )
    return db.session.scalars(select(Alert.id)).one()


def test_lead_reads_the_whole_response_and_every_view_is_audited(app, client, alert_id):
    lead = make_staff("lead@example.org", "safeguarding_lead", team=None)
    sign_in(client, "lead@example.org")
    listing = get(client, "/alerts")
    assert f"Alert {alert_id}" in listing.text()
    page = get(client, f"/alerts/{alert_id}")
    text = page.text()
    assert "my stepdad hits me" in text and "07700 900123" in text
    assert "This answer was anonymous" in text
    events = db.session.scalars(
        select(AuditEvent.action).where(AuditEvent.actor_id == lead.id)
    ).all()
    assert "alert.viewed" in events and "alerts.listed" in events


def test_acknowledging_stops_escalation(app, client, alert_id, monkeypatch):
    make_staff("lead@example.org", "safeguarding_lead")
    sign_in(client, "lead@example.org")
    page = get(client, f"/alerts/{alert_id}")
    forms = page.select("form")
    from tests.pages import Form

    action = Form(forms[-1], f"/alerts/{alert_id}/acknowledge")
    done = action.submit(client, {"outcome": "Called the young person; safe tonight."})
    assert "is now “Acknowledged”" in done.text()
    alert = db.session.get(Alert, alert_id)
    db.session.refresh(alert)
    assert alert.status == "acknowledged" and alert.acknowledged_at is not None
    later = clock.utcnow() + timedelta(hours=3)
    monkeypatch.setattr(clock, "utcnow", lambda: later)
    assert due_escalations(db.session) == []


def test_unacknowledged_alert_escalates_each_interval(app, alert_id, monkeypatch):
    start = clock.utcnow()
    monkeypatch.setattr(clock, "utcnow", lambda: start + timedelta(minutes=59))
    assert due_escalations(db.session) == []
    monkeypatch.setattr(clock, "utcnow", lambda: start + timedelta(minutes=61))
    assert due_escalations(db.session) == [(alert_id, 1)]
    monkeypatch.setattr(clock, "utcnow", lambda: start + timedelta(minutes=90))
    assert due_escalations(db.session) == []
    monkeypatch.setattr(clock, "utcnow", lambda: start + timedelta(minutes=122))
    assert due_escalations(db.session) == [(alert_id, 2)]


@pytest.mark.parametrize("role", ["admin", "participation_lead", "iro"])
def test_other_roles_never_see_alert_content(app, alert_id, role):
    make_staff(f"{role}@example.org", role)
    client = app.test_client()
    sign_in(client, f"{role}@example.org")
    response = client.get(f"/alerts/{alert_id}")
    assert response.status_code == 403
    assert "stepdad" not in response.get_data(as_text=True)


def test_lead_of_another_team_cannot_open_a_teams_alert(app, alert_id):
    from app.auth.accounts import find_or_create_team

    alert = db.session.get(Alert, alert_id)
    alert.team_id = find_or_create_team(db.session, "North").id
    db.session.commit()
    make_staff("south@example.org", "safeguarding_lead", team="South")
    client = app.test_client()
    sign_in(client, "south@example.org")
    assert client.get(f"/alerts/{alert_id}").status_code == 404


def test_alert_times_are_shown_in_uk_time(app, client, alert_id):
    """Stored in UTC; a lead in July reads British Summer Time, an hour on."""
    from datetime import datetime

    from app.responses.models import Response

    alert = db.session.get(Alert, alert_id)
    summer = datetime(2026, 7, 1, 11, 30)
    alert.created_at = summer
    db.session.get(Response, alert.response_id).submitted_at = summer
    db.session.commit()
    make_staff("lead@example.org", "safeguarding_lead", team=None)
    sign_in(client, "lead@example.org")
    for path in ("/alerts", f"/alerts/{alert_id}"):
        text = get(client, path).text()
        assert "1 July 2026, 12:30" in text, path
        assert "11:30" not in text, path
