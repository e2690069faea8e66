"""An alert is marked notified only when a lead who can open it was emailed; each address
is emailed once; a refused address does not stop the others (real worker, real SMTP)."""

from __future__ import annotations

import time
from collections import Counter

import pytest
from sqlalchemy import select, text

from app.extensions import db
from app.safeguard.models import Alert, AlertDelivery
from tests.auth.conftest import make_staff, sign_in
from tests.conftest import DATA, app_with_worker, publish
from tests.mail_server import body_text, smtp_server
from tests.pages import get
from tests.safeguard.test_alerts import answer_safety
from tests.workers import wait_for_worker_commit

LEADS = ["lead.a@example.org", "lead.b@example.org", "lead.c@example.org"]


@pytest.fixture
def duty_setup(postgres_database: str):  # type: ignore[no-untyped-def]
    with (
        smtp_server() as (smtp_url, mailbox),
        app_with_worker(postgres_database, smtp_url, SAYSO_DUTY_EMAIL="duty@example.org") as app,
    ):
        yield app, mailbox


def delivered_to(alert_id: int, address: str) -> AlertDelivery | None:
    return db.session.scalar(
        select(AlertDelivery).where(
            AlertDelivery.alert_id == alert_id,
            AlertDelivery.address == address,
            AlertDelivery.sent_at.is_not(None),
        )
    )


def sweep(app) -> None:  # type: ignore[no-untyped-def]
    """Two minutes on, beat's sweep queues the alert's notification again."""
    db.session.execute(text("UPDATE alert SET created_at = created_at - interval '3 min'"))
    db.session.commit()
    app.extensions["celery"].send_task("escalate-alerts", queue=app.config["SAYSO_QUEUE_PREFIX"])


def test_with_no_lead_the_alert_stays_unnotified_and_the_duty_address_is_told(duty_setup):
    app, mailbox = duty_setup
    survey_id = publish(DATA / "surveys" / "safety-check.yaml")
    make_staff("admin@example.org", "admin", team=None)
    answer_safety(app.test_client(), survey_id, "yes", "my stepdad hits me")
    alert = db.session.scalars(select(Alert)).one()

    [duty] = mailbox.wait_for(1)
    assert duty["To"] == "duty@example.org"
    assert "Only a designated safeguarding lead can open the alert" in body_text(duty)
    assert "stepdad" not in body_text(duty)
    assert wait_for_worker_commit(lambda: delivered_to(alert.id, "duty@example.org"))
    db.session.expire_all()
    assert db.session.get(Alert, alert.id).notified_at is None
    admin = app.test_client()
    sign_in(admin, "admin@example.org")
    assert "Nobody receives safeguarding alerts" in get(admin, "/staff").text()

    # A lead is added; the next sweep tells them, and only them.
    make_staff("lead@example.org", "safeguarding_lead", team=None)
    sweep(app)
    messages = mailbox.wait_for(2)
    assert [m["To"] for m in messages] == ["duty@example.org", "lead@example.org"]
    assert wait_for_worker_commit(lambda: db.session.get(Alert, alert.id).notified_at)
    sweep(app)
    time.sleep(3)  # long enough for the worker to run the sweep and find nothing to send
    assert len(mailbox.messages) == 2


def test_a_refused_address_does_not_stop_the_others_and_is_retried_alone(mail_setup):
    app, mailbox, _ = mail_setup
    survey_id = publish(DATA / "surveys" / "safety-check.yaml")
    for address in LEADS:
        make_staff(address, "safeguarding_lead", team=None)
    mailbox.refused.add("lead.b@example.org")
    answer_safety(app.test_client(), survey_id, "yes", "my stepdad hits me")
    alert = db.session.scalars(select(Alert)).one()

    messages = mailbox.wait_for(2)
    assert sorted(m["To"] for m in messages) == ["lead.a@example.org", "lead.c@example.org"]
    assert wait_for_worker_commit(lambda: db.session.get(Alert, alert.id).notified_at)
    refused = wait_for_worker_commit(
        lambda: db.session.scalar(
            select(AlertDelivery).where(AlertDelivery.last_failure == "refused")
        )
    )
    assert refused is not None and refused.address == "lead.b@example.org"
    lead = app.test_client()
    sign_in(lead, "lead.a@example.org")
    page = get(lead, f"/alerts/{alert.id}").text()
    assert "lead.b@example.org: the mail server refused this address" in page

    # The mailbox is fixed; the retry sends to the refused address alone.
    mailbox.refused.clear()
    app.extensions["celery"].send_task(
        "notify-alert", (alert.id, 0), queue=app.config["SAYSO_QUEUE_PREFIX"] + "-high"
    )
    mailbox.wait_for(3)
    assert wait_for_worker_commit(lambda: delivered_to(alert.id, "lead.b@example.org"))
    counts = Counter(m["To"] for m in mailbox.messages)
    assert counts == Counter(LEADS)
