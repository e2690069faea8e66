"""The embedded default (no Redis, `make run`) runs beat's schedule in the web process:
an unacknowledged alert escalates there too, and with several web processes each due
job runs once."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

import pytest
from celery.schedules import crontab
from flask_migrate import upgrade
from sqlalchemy import select

from app import clock
from app.extensions import db
from app.periodic.schedule import claim_due_job, is_due, run_due_jobs
from app.safeguard.models import Alert
from tests.auth.conftest import make_staff
from tests.conftest import DATA, make_app, publish
from tests.faults.servers import wait_until
from tests.mail_server import smtp_server
from tests.safeguard.test_alerts import answer_safety


def subjects(mailbox) -> list[str]:  # type: ignore[no-untyped-def]
    return [message["Subject"] for message in mailbox.messages]


def test_an_unacknowledged_alert_escalates_in_the_embedded_default(app, safety, monkeypatch):
    with smtp_server() as (smtp_url, mailbox):
        app.config["SAYSO_SMTP_URL"] = smtp_url
        assert app.config["SAYSO_REDIS_URL"] is None
        make_staff("lead@example.org", "safeguarding_lead", team=None)
        answer_safety(app.test_client(), safety, "yes", "my stepdad hits me")
        alert_id = db.session.scalars(select(Alert.id)).one()
        assert subjects(mailbox) == [f"New safeguarding alert {alert_id}"]

        run_due_jobs(app)  # every job runs once at start; nothing is due to escalate
        assert len(mailbox.messages) == 1
        later = clock.utcnow() + timedelta(minutes=61)
        monkeypatch.setattr(clock, "utcnow", lambda: later)
        assert "escalate-alerts" in run_due_jobs(app)
        assert subjects(mailbox)[-1] == f"Safeguarding alert {alert_id} needs acknowledging"
        db.session.expire_all()
        assert db.session.get(Alert, alert_id).escalation_level == 1
        # Run again at the same moment: nothing is due, nothing is sent twice.
        assert "escalate-alerts" not in run_due_jobs(app)
        assert len(mailbox.messages) == 2


def test_the_web_process_starts_its_own_beat_thread(tmp_path, monkeypatch):
    with smtp_server() as (smtp_url, mailbox):
        app = make_app(
            f"sqlite:///{tmp_path / 'sayso.db'}",
            str(tmp_path / "instance"),
            SAYSO_SMTP_URL=smtp_url,
            SAYSO_EMBEDDED_BEAT=True,
            SAYSO_EMBEDDED_BEAT_SECONDS=0.2,
        )
        with app.app_context():
            upgrade()
            survey_id = publish(DATA / "surveys" / "safety-check.yaml")
            make_staff("lead@example.org", "safeguarding_lead", team=None)
            try:
                answer_safety(app.test_client(), survey_id, "yes", "my stepdad hits me")
                mailbox.wait_for(1)
                later = clock.utcnow() + timedelta(minutes=61)
                monkeypatch.setattr(clock, "utcnow", lambda: later)
                wait_until(
                    lambda: any("needs acknowledging" in s for s in subjects(mailbox)),
                    20,
                    "the escalation email",
                )
            finally:
                app.extensions["sayso_embedded_beat"].set()
                db.session.remove()
                db.engine.dispose()


def test_with_two_web_processes_a_due_job_runs_once(app):
    now = clock.utcnow()
    other = make_app(app.config["SQLALCHEMY_DATABASE_URI"])
    barrier = threading.Barrier(2)
    taken: list[bool] = []

    def claim(flask_app) -> None:  # type: ignore[no-untyped-def]
        with flask_app.app_context():
            barrier.wait()
            taken.append(claim_due_job(db.session, "escalate-alerts", 60, now))
            db.session.commit()
            db.session.remove()

    threads = [threading.Thread(target=claim, args=(a,)) for a in (app, other)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    with other.app_context():
        db.engine.dispose()
    assert sorted(taken) == [False, True]


@pytest.mark.parametrize(
    ("last", "now", "due"),
    [
        (None, datetime(2026, 12, 7, 10, 0), True),
        (datetime(2026, 12, 7, 2, 30), datetime(2026, 12, 7, 10, 0), False),
        (datetime(2026, 12, 6, 2, 30), datetime(2026, 12, 7, 2, 29), False),
        (datetime(2026, 12, 6, 2, 30), datetime(2026, 12, 7, 2, 31), True),
    ],
)
def test_nightly_jobs_are_due_once_a_night(last, now, due):
    assert is_due(crontab(hour=2, minute=30), last, now) is due
