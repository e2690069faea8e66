"""Tasks: thin wrappers that call plain functions in ``app/``, one transaction each.

Every task takes ids, not objects, is safe to run twice, and is acknowledged only
after it finishes (``task_acks_late``), so a killed worker's task is redelivered.
"""

from __future__ import annotations

import logging
from pathlib import Path

from celery import shared_task
from flask import current_app
from sqlalchemy.exc import OperationalError

from app import clock
from app.auth.warnings import send_sign_in_warning
from app.extensions import db
from app.invite.sending import (
    due_reminder_ids,
    send_invitation,
    send_reminder,
    unsent_invitation_ids,
)
from app.invite.texting import text_invitation
from app.mail import MailBounced, MailError, send_email
from app.messaging.notify import NotifyError
from app.report.build import rebuild_stale_snapshots
from app.report.subscriptions import due_subscription_ids, send_report_email
from app.respond.drafts import purge_expired_drafts
from app.safeguard.model_screens import due_model_screens, screen_with_model
from app.safeguard.notify import (
    due_escalations,
    finish_notification,
    pending_recipients,
    review_digest_email,
    send_alert_email,
    unnotified_alert_ids,
)
from app.safeguard.review import digest_lines, record_digest
from workers.retry import retried_on

log = logging.getLogger(__name__)


@shared_task(name="purge-expired-drafts", max_retries=3, default_retry_delay=60)
def purge_expired_drafts_task() -> int:
    """Delete drafts past their expiry (idempotent: a second run finds nothing)."""
    removed = purge_expired_drafts(db.session)
    db.session.commit()
    log.info("purged %d expired drafts", removed)
    return removed


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


@shared_task(bind=True, name="send-sign-in-warning", max_retries=8, default_retry_delay=60)
def send_sign_in_warning_task(self, user_id: int) -> str:  # type: ignore[no-untyped-def]
    """Tell an account holder about many failed sign-ins (queued once a day at most)."""
    with retried_on(self, MailError):
        outcome = send_sign_in_warning(db.session, user_id)
        db.session.rollback()
    log.info("sign-in warning for staff_user %d: %s", user_id, outcome)
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


@shared_task(
    bind=True,
    name="notify-alert",
    max_retries=20,
    default_retry_delay=30,
    retry_backoff=True,
    retry_backoff_max=600,
)
def notify_alert_task(self, alert_id: int, level: int = 0) -> str:  # type: ignore[no-untyped-def]
    """Email the people due to hear about a safeguarding alert (high-priority queue).

    One commit per email, so a worker killed half-way leaves a record of who was sent
    theirs and the retry or sweep sends only to the rest. A refused address does not stop
    the others; the task is retried later for it alone.
    """
    refused: MailBounced | None = None
    for recipient in pending_recipients(db.session, alert_id, level):
        db.session.rollback()
        try:
            with retried_on(self, OperationalError):
                send_alert_email(db.session, alert_id, level, recipient)
                db.session.commit()
        except MailBounced as exc:
            db.session.commit()  # keeps the refusal on the delivery's record
            refused = exc
        except MailError as exc:
            db.session.commit()
            raise self.retry(exc=exc) from exc
    with retried_on(self, OperationalError):
        outcome = finish_notification(db.session, alert_id, level)
        db.session.commit()
    if refused is not None:
        log.warning(
            "alert %d level %d: the mail server refused an address; retrying it later",
            alert_id,
            level,
        )
        raise self.retry(exc=refused)
    log.info("alert %d level %d: %s", alert_id, level, outcome)
    return outcome


@shared_task(bind=True, name="send-review-digest", max_retries=8, default_retry_delay=300)
def send_review_digest_task(self) -> int:  # type: ignore[no-untyped-def]
    """Beat, daily: one email to each lead with answers waiting for review; once per
    address a day (each is recorded as the mail server takes it)."""
    day = clock.utcnow().date()
    config = current_app.config
    lines = digest_lines(db.session, day, config["SAYSO_DUTY_EMAIL"])
    db.session.rollback()
    for line in lines:
        with retried_on(self, MailError):
            send_email(
                review_digest_email(line),
                smtp_url=config["SAYSO_SMTP_URL"],
                sender=config["SAYSO_MAIL_FROM"],
                sender_name="Sayso safeguarding",
                outbox=Path(current_app.instance_path) / "mail",
            )
            record_digest(db.session, day, line.address)
            db.session.commit()
    log.info("review digest: %d emails", len(lines))
    return len(lines)


@shared_task(name="escalate-alerts")
def escalate_alerts_task() -> int:
    """Beat: alerts not acknowledged in time go one step up the chain; lost notifications
    are queued again."""
    escalated = due_escalations(db.session)
    levels = {alert_id: level for alert_id, level in escalated}
    missed = unnotified_alert_ids(db.session)
    db.session.commit()
    for alert_id, level in levels.items():
        notify_alert_task.apply_async((alert_id, level), queue=_high_queue())
    for alert_id in missed:
        notify_alert_task.apply_async((alert_id, 0), queue=_high_queue())
    return len(escalated) + len(missed)


@shared_task(
    bind=True,
    name="screen-response",
    max_retries=10,
    default_retry_delay=5,
    retry_backoff=True,
    retry_backoff_max=30,
)
def screen_response_task(self, response_id: int) -> str:  # type: ignore[no-untyped-def]
    """Run the screen's learned layer over one response (high-priority queue); tell the
    readers of an alert it raised."""
    with retried_on(self, OperationalError):
        alert = screen_with_model(
            db.session, response_id, int(current_app.config["SAYSO_ALERT_ACK_MINUTES"])
        )
        alert_id, level = (alert.id, alert.escalation_level) if alert else (None, 0)
        db.session.commit()
    if alert_id is not None:
        notify_alert_task.apply_async((alert_id, level), queue=_high_queue())
    log.info(
        "response %d read by the model: %s", response_id, "raised" if alert_id else "no change"
    )
    return "raised" if alert_id else "no change"


@shared_task(name="sweep-model-screens")
def sweep_model_screens_task() -> int:
    """Beat: screen every response the task has not (a lost message, Redis down)."""
    ids = due_model_screens(db.session)
    db.session.rollback()
    for response_id in ids:
        screen_response_task.apply_async((response_id,), queue=_high_queue())
    return len(ids)


@shared_task(
    bind=True,
    name="rebuild-report-snapshots",
    max_retries=3,
    default_retry_delay=60,
    retry_backoff=True,
    retry_backoff_max=600,
)
def rebuild_report_snapshots_task(self) -> int:  # type: ignore[no-untyped-def]
    """Beat: rebuild the stored reports that new responses have made stale.

    Idempotent (a fresh snapshot is left alone) and bounded: it starts no new build after
    three minutes, inside the soft time limit, and the next run carries on.
    """
    with retried_on(self, OperationalError):
        rebuilt = rebuild_stale_snapshots(db.session, seconds=180)
        db.session.commit()
    log.info("rebuilt %d report snapshots", rebuilt)
    return rebuilt


@shared_task(name="send-report-emails")
def send_report_emails_task() -> int:
    """Beat: queue the report email of every subscription whose period has just ended."""
    ids = due_subscription_ids(db.session, clock.utcnow().date())
    db.session.rollback()
    for subscription_id in ids:
        send_report_email_task.delay(subscription_id)
    return len(ids)


@shared_task(
    bind=True,
    name="send-report-email",
    max_retries=8,
    default_retry_delay=60,
    retry_backoff=True,
    retry_backoff_max=3600,
)
def send_report_email_task(self, subscription_id: int) -> str:  # type: ignore[no-untyped-def]
    """One subscriber's email for the last completed period; a repeat sends nothing."""
    with retried_on(self, MailError, OperationalError):
        outcome = send_report_email(db.session, subscription_id, clock.utcnow().date())
        db.session.commit()
    log.info("report subscription %d: %s", subscription_id, outcome)
    return outcome


def _high_queue() -> str:
    return f"{current_app.config['SAYSO_QUEUE_PREFIX']}-high"


import workers.coding_tasks  # noqa: E402, F401 - registers the theming tasks too
from workers import retention_tasks  # noqa: E402, F401 - and the nightly retention purge
