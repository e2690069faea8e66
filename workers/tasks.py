"""Tasks: thin wrappers that call plain functions in ``app/`` inside one transaction each."""

from __future__ import annotations

import logging

from celery import shared_task

from app.extensions import db
from app.respond.drafts import purge_expired_drafts

log = logging.getLogger(__name__)


@shared_task(name="purge-expired-drafts", max_retries=3, default_retry_delay=60)
def purge_expired_drafts_task() -> int:
    """Delete drafts past their expiry (idempotent: a second run finds nothing)."""
    removed = purge_expired_drafts(db.session)
    db.session.commit()
    log.info("purged %d expired drafts", removed)
    return removed
