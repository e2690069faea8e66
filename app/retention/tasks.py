"""Drafts and data past their retention period. The tasks and their beat entries.

Thin: the work is in ``app/retention/``. Every task takes ids, not objects, is safe to
run twice, and is acknowledged only after it finishes (``task_acks_late``), so a killed
worker's task is redelivered.
"""

from __future__ import annotations

import logging
import time

from celery import shared_task
from celery.schedules import crontab
from flask import current_app
from sqlalchemy.exc import OperationalError

from app import clock
from app.extensions import db
from app.respond.drafts import purge_expired_drafts
from app.retention.purge import PurgeCounts, RetentionSettings, purge_expired
from app.tasks import retried_on

log = logging.getLogger(__name__)
# The nightly purge commits every few batches, starts no new round after three minutes
# (inside the soft time limit) and queues itself to carry on.
BATCHES_PER_COMMIT = 10
SECONDS = 180


@shared_task(name="purge-expired-drafts", max_retries=3, default_retry_delay=60)
def purge_expired_drafts_task() -> int:
    """Delete drafts past their expiry (idempotent: a second run finds nothing)."""
    removed = purge_expired_drafts(db.session)
    db.session.commit()
    log.info("purged %d expired drafts", removed)
    return removed


@shared_task(
    bind=True,
    name="purge-expired-data",
    max_retries=3,
    default_retry_delay=300,
    retry_backoff=True,
    retry_backoff_max=3600,
)
def purge_expired_data_task(self) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Beat, nightly: remove responses, closed alerts, drafts and invitation addresses
    past their periods; returns the counts (never any content)."""
    settings = RetentionSettings.from_config(current_app.config)
    started = time.monotonic()
    total = PurgeCounts()
    with retried_on(self, OperationalError):
        while True:
            counts = purge_expired(
                db.session, clock.utcnow(), settings, max_batches=BATCHES_PER_COMMIT
            )
            db.session.commit()
            total.add(counts)
            if counts.finished:
                break
            if time.monotonic() - started > SECONDS:
                purge_expired_data_task.delay()
                break
    log.info("retention purge: %s", total.counts())
    return total.counts()


BEAT = {
    "purge-expired-drafts": {"task": purge_expired_drafts_task.name, "schedule": 60 * 60},
    # Nightly, at a quiet hour (UTC): what is past its retention period (purge.py).
    "purge-expired-data": {
        "task": purge_expired_data_task.name,
        "schedule": crontab(hour=2, minute=30),
    },
}
