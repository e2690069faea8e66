"""The nightly purge of data past its retention period (thin: the work is in app/retention).

Idempotent (a second run finds nothing), acknowledged late, retried on a database hiccup,
and bounded: it commits every few batches, starts no new round after three minutes
(inside the soft time limit) and queues itself to carry on.
"""

from __future__ import annotations

import logging
import time

from celery import shared_task
from flask import current_app
from sqlalchemy.exc import OperationalError

from app import clock
from app.extensions import db
from app.retention import PurgeCounts, RetentionSettings, purge_expired
from workers.retry import retried_on

log = logging.getLogger(__name__)
BATCHES_PER_COMMIT = 10
SECONDS = 180


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
