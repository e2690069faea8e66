"""Tasks that theme free-text answers (thin: the work is in app/coding)."""

from __future__ import annotations

import logging

from celery import shared_task

from app.coding.runs import code_new_comments, recode_survey
from app.extensions import db

log = logging.getLogger(__name__)


@shared_task(name="code-new-comments", max_retries=3, default_retry_delay=60)
def code_new_comments_task() -> int:
    """Theme comments that arrived since the last run (beat runs it; submit queues it)."""
    coded = code_new_comments(db.session)
    log.info("coded %d new comments", coded)
    return coded


@shared_task(name="code-survey", max_retries=3, default_retry_delay=60)
def code_survey_task(survey_ids: list[str]) -> int:
    """Theme a survey's comments again, on a participation lead's request."""
    coded = recode_survey(db.session, survey_ids)
    log.info("recoded %d comments of %d surveys", coded, len(survey_ids))
    return coded
