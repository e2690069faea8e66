"""Invitation emails, texts and reminders. The tasks and their beat entries.

Thin: the work is in ``app/invite/``. Every task takes ids, not objects, is safe to run
twice, and is acknowledged only after it finishes (``task_acks_late``), so a killed
worker's task is redelivered.
"""

from __future__ import annotations

import logging

from celery import shared_task
from flask import current_app

from app.extensions import db
from app.invite.sending import (
    due_reminder_ids,
    send_invitation,
    send_reminder,
    unsent_invitation_ids,
)
from app.invite.texting import text_invitation
from app.mail import MailError
from app.messaging.notify import NotifyError
from app.tasks import retried_on

log = logging.getLogger(__name__)


@shared_task(
    bind=True,
    name="send-invitation-email",
    max_retries=8,
    default_retry_delay=60,
    retry_backoff=True,
    retry_backoff_max=3600,
)
def send_invitation_task(self, invitation_id: int) -> str:  # type: ignore[no-untyped-def]
    with retried_on(self, MailError):
        outcome = send_invitation(db.session, invitation_id)
        db.session.commit()
    log.info("invitation %d: %s", invitation_id, outcome)
    return outcome


@shared_task(
    bind=True,
    name="send-reminder-email",
    max_retries=8,
    default_retry_delay=60,
    retry_backoff=True,
    retry_backoff_max=3600,
)
def send_reminder_task(self, invitation_id: int, by_hand: bool = False) -> str:  # type: ignore[no-untyped-def]
    after_days = None if by_hand else int(current_app.config["SAYSO_REMINDER_DAYS"])
    with retried_on(self, MailError):
        outcome = send_reminder(db.session, invitation_id, after_days)
        db.session.commit()
    log.info("reminder for invitation %d: %s", invitation_id, outcome)
    return outcome


@shared_task(
    bind=True,
    name="send-invitation-text",
    max_retries=8,
    default_retry_delay=60,
    retry_backoff=True,
    retry_backoff_max=3600,
)
def send_invitation_text_task(self, invitation_id: int) -> str:  # type: ignore[no-untyped-def]
    with retried_on(self, NotifyError):
        outcome = text_invitation(db.session, invitation_id)
        db.session.commit()
    log.info("invitation %d text: %s", invitation_id, outcome)
    return outcome


@shared_task(name="queue-due-reminders")
def queue_due_reminders_task() -> int:
    """Beat: queue the one reminder for every invitation that is due one."""
    ids = due_reminder_ids(db.session, int(current_app.config["SAYSO_REMINDER_DAYS"]))
    db.session.rollback()
    for invitation_id in ids:
        send_reminder_task.delay(invitation_id)
    return len(ids)


@shared_task(name="sweep-unsent-invitations")
def sweep_unsent_invitations_task() -> int:
    """Beat: queue again any invitation email whose task was lost."""
    ids = unsent_invitation_ids(db.session)
    db.session.rollback()
    for invitation_id in ids:
        send_invitation_task.delay(invitation_id)
    return len(ids)


BEAT = {
    "queue-due-reminders": {"task": queue_due_reminders_task.name, "schedule": 15 * 60},
    "sweep-unsent-invitations": {"task": sweep_unsent_invitations_task.name, "schedule": 5 * 60},
}
