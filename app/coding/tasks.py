"""Tasks that theme free-text answers (thin: the work is in app/coding).

Each takes ids or codes, never objects, is safe to run twice, and does a bounded amount
of work: a run that leaves some over queues the next one, and the beat's sweep picks up
anything whose message was lost.
"""

from __future__ import annotations

import logging
from typing import Any

from celery import shared_task

from app.coding.candidates import find_candidates_for
from app.coding.learning import train_theme_model
from app.coding.model_choice import model_in_use
from app.coding.progress import report_training
from app.coding.runs import code_new_comments, recode_survey, recode_unreviewed
from app.extensions import db

log = logging.getLogger(__name__)
SWEEP_BATCHES = 2  # the beat's share of recoding left by lost messages, per minute


@shared_task(name="code-new-comments", max_retries=3, default_retry_delay=60)
def code_new_comments_task() -> int:
    """Theme comments that arrived since the last run (beat runs it; submit queues it).

    It also carries on recoding comments after people changed what codes them, in case
    the message that was doing so was lost.
    """
    coded = code_new_comments(db.session)
    recoded, _more = recode_unreviewed(db.session, SWEEP_BATCHES)
    log.info("coded %d new comments; brought %d up to date", coded, recoded)
    return coded


@shared_task(name="code-survey", max_retries=3, default_retry_delay=60)
def code_survey_task(survey_ids: list[str]) -> int:
    """Theme a survey's comments again, on a participation lead's request."""
    coded = recode_survey(db.session, survey_ids)
    log.info("recoded %d comments of %d surveys", coded, len(survey_ids))
    return coded


@shared_task(name="train-theme-model", max_retries=1, default_retry_delay=60)
def train_theme_model_task(staff_id: int | None) -> int | None:
    """Learn a classifier from every reviewed comment; returns the model's id. How far it
    has got is kept for the learning page (``app/coding/progress.py``)."""
    report_training("reading", 0, 1)
    model = train_theme_model(db.session, staff_id, report_training)
    db.session.commit()
    report_training("finished", 1, 1)
    if model is None:
        log.info("too few reviewed comments to train a theme model")
        return None
    log.info("theme model %d from %d reviewed comments", model.id, model.examples)
    return model.id


@shared_task(name="code-with-model", max_retries=3, default_retry_delay=60)
def code_with_model_task(model_id: int | None) -> int:
    """Code the comments nobody has reviewed with the model chosen (``None``: with the
    codebook again). A later choice supersedes this one and has its own task."""
    chosen = model_in_use(db.session)
    db.session.rollback()
    if (chosen.id if chosen else None) != model_id:
        return 0
    coded, more = recode_unreviewed(db.session)
    log.info("coded %d unreviewed comments with model %s", coded, model_id)
    if more:
        code_with_model_task.delay(model_id)
    return coded


@shared_task(name="find-emerging-themes", max_retries=1, default_retry_delay=60)
def find_emerging_themes_task(
    survey_key: str, period: str, filters: dict[str, Any], threshold: int
) -> int:
    """Group a report's unmatched comments into candidate themes, replacing undecided ones."""
    found = find_candidates_for(db.session, survey_key, period, filters, threshold)
    db.session.commit()
    log.info("found %d emerging theme candidates", found)
    return found


BEAT = {"code-new-comments": {"task": code_new_comments_task.name, "schedule": 60}}
