"""Invitation emails: sent by a real Celery worker on Redis through a real SMTP server."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from app import clock
from app.extensions import db
from app.invite.invitations import create_invitation, invitation_link
from app.invite.models import Invitation
from app.invite.sending import send_reminder
from app.invite.tasks import queue_due_reminders_task, send_invitation_task
from app.tasks import enqueue
from tests.conftest import MAIL_SECRET as SECRET
from tests.mail_server import body_html, body_text
from tests.workers import wait_for_worker_commit


def test_worker_emails_the_link_in_the_persons_language(mail_setup):
    from tests.conftest import DATA, publish

    _app, mailbox, _ = mail_setup
    publish(DATA / "surveys" / "every-type.yaml")
    new = create_invitation(
        db.session,
        survey_id="every-type",
        key=SECRET,
        days=28,
        email="young.person@example.org",
        language="en",
    )
    db.session.commit()
    assert enqueue(send_invitation_task, new.invitation.id)

    message = mailbox.wait_for(1)[0]
    assert message["To"] == "young.person@example.org"
    assert message["Subject"] == "Tell us what you thought"
    text = body_text(message)
    link = invitation_link(new.invitation, SECRET, "https://feedback.example.gov.uk")
    assert link in text and link in body_html(message)
    assert "Northshire Council" in text
    assert "confidential" in text and "at risk of harm" in text
    assert re.search(r"works until \d+ \w+ \d{4}", text)

    assert wait_for_worker_commit(lambda: db.session.get(Invitation, new.invitation.id).sent_at)
    # Queued again (a redelivered message): the worker sends nothing more.
    enqueue(send_invitation_task, new.invitation.id)
    with pytest.raises(AssertionError):
        mailbox.wait_for(2, timeout=3)


def test_one_reminder_only_and_never_after_completion(mail_setup, monkeypatch):
    from tests.conftest import DATA, publish

    _app, mailbox, _ = mail_setup
    publish(DATA / "surveys" / "every-type.yaml")
    pending = create_invitation(
        db.session, survey_id="every-type", key=SECRET, days=28, email="carer@example.org"
    ).invitation
    done = create_invitation(
        db.session, survey_id="every-type", key=SECRET, days=28, email="done@example.org"
    ).invitation
    now = clock.utcnow()
    pending.sent_at = done.sent_at = now - timedelta(days=8)
    done.completed_at = now
    db.session.commit()

    assert enqueue(queue_due_reminders_task)
    message = mailbox.wait_for(1)[0]
    assert message["To"] == "carer@example.org"
    assert message["Subject"] == "Reminder: tell us what you thought"
    reminded = wait_for_worker_commit(lambda: db.session.get(Invitation, pending.id).reminded_at)
    assert reminded is not None
    assert send_reminder(db.session, pending.id, after_days=7) == "not due"
    assert send_reminder(db.session, done.id, after_days=7) == "not due"
    enqueue(queue_due_reminders_task)
    with pytest.raises(AssertionError):
        mailbox.wait_for(2, timeout=3)
