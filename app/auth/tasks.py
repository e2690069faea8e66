"""Warning a member of staff about sign-in attempts. The tasks and their beat entries.

Thin: the work is in ``app/auth/``. Every task takes ids, not objects, is safe to run
twice, and is acknowledged only after it finishes (``task_acks_late``), so a killed
worker's task is redelivered.
"""

from __future__ import annotations

import logging
from typing import Any

from celery import shared_task

from app.auth.warnings import send_sign_in_warning
from app.extensions import db
from app.mail import MailError
from app.tasks import retried_on

log = logging.getLogger(__name__)


@shared_task(bind=True, name="send-sign-in-warning", max_retries=8, default_retry_delay=60)
def send_sign_in_warning_task(self, user_id: int) -> str:  # type: ignore[no-untyped-def]
    """Tell an account holder about many failed sign-ins (queued once a day at most)."""
    with retried_on(self, MailError):
        outcome = send_sign_in_warning(db.session, user_id)
        db.session.rollback()
    log.info("sign-in warning for staff_user %d: %s", user_id, outcome)
    return outcome


BEAT: dict[str, dict[str, Any]] = {}
