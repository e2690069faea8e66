"""Who hears about an alert: the team's leads, then the escalation chain; the duty address
out of hours."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from app.extensions import db
from app.safeguard.models import Alert
from app.safeguard.notify import in_office_hours, recipients_for
from tests.auth.conftest import make_staff
from tests.safeguard.test_alerts import answer_safety


def test_office_hours_are_uk_weekdays():
    assert in_office_hours(datetime(2026, 11, 23, 10, 0), 9, 17)  # Monday 10:00 GMT
    assert not in_office_hours(datetime(2026, 11, 23, 18, 0), 9, 17)  # Monday evening
    assert not in_office_hours(datetime(2026, 11, 22, 10, 0), 9, 17)  # Sunday
    assert in_office_hours(datetime(2026, 7, 6, 8, 30), 9, 17)  # 09:30 BST in summer


def addresses(recipients) -> list[str]:
    return [recipient.address for recipient in recipients]


def test_leads_then_chain_then_duty_out_of_hours(app, safety):
    app.config["SAYSO_ESCALATION_CHAIN"] = ["manager@example.org", "head@example.org"]
    app.config["SAYSO_DUTY_EMAIL"] = "duty@example.org"
    make_staff("lead@example.org", "safeguarding_lead", team=None)
    make_staff("manager@example.org", "safeguarding_lead", team="Managers")
    make_staff("head@example.org", "safeguarding_lead", team="Managers")
    make_staff("gone@example.org", "safeguarding_lead").deactivated_at = datetime(2026, 1, 1)
    db.session.commit()
    answer_safety(app.test_client(), safety, "no", None)
    alert = db.session.scalars(select(Alert)).one()
    weekday = datetime(2026, 11, 23, 11, 0)
    night = datetime(2026, 11, 23, 23, 0)
    assert addresses(recipients_for(db.session, alert, 0, weekday)) == ["lead@example.org"]
    night_recipients = recipients_for(db.session, alert, 0, night)
    assert addresses(night_recipients) == ["duty@example.org", "lead@example.org"]
    assert [r.reader for r in night_recipients] == [False, True]
    assert addresses(recipients_for(db.session, alert, 1, weekday)) == ["manager@example.org"]
    assert addresses(recipients_for(db.session, alert, 2, weekday)) == ["head@example.org"]
    # Past the end of the chain: everyone who can read it is reminded.
    assert addresses(recipients_for(db.session, alert, 5, weekday)) == [
        "head@example.org",
        "lead@example.org",
        "manager@example.org",
    ]
