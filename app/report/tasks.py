"""Stored reports kept up to date, and the report emails. The tasks and their beat entries.

Thin: the work is in ``app/report/``. Every task takes ids, not objects, is safe to run
twice, and is acknowledged only after it finishes (``task_acks_late``), so a killed
worker's task is redelivered.
"""

from __future__ import annotations

import logging

from celery import shared_task
from sqlalchemy.exc import OperationalError

from app import clock
from app.extensions import db
from app.mail import MailError
from app.report.build import rebuild_stale_snapshots
from app.report.subscriptions import due_subscription_ids, send_report_email
from app.tasks import retried_on

log = logging.getLogger(__name__)


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


BEAT = {
    "rebuild-report-snapshots": {"task": rebuild_report_snapshots_task.name, "schedule": 5 * 60},
    # Hourly, so an email goes soon after each month or quarter ends; each period once.
    "send-report-emails": {"task": send_report_emails_task.name, "schedule": 60 * 60},
}
