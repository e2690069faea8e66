"""Coding runs that tasks, views and the command line share: new comments, a whole
survey, and the comments nobody has reviewed when people change what codes them.

Runs commit after each batch, so a long run keeps what it has done if it is stopped, and
each is safe to run twice: what is already up to date is not coded again.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.coding.analysis import current_analyser
from app.coding.coding import (
    BATCH,
    code_answers,
    coded_answer_ids,
    recode_answers,
    uncoded_answer_ids,
)
from app.coding.model_choice import model_in_use, used_since
from app.coding.models import CommentCoding, CommentTheme
from app.tasks import runs_in_process

MAX_BATCHES = 20


def code_new_comments(session: Session, max_batches: int = MAX_BATCHES) -> int:
    """Code every comment not coded yet, a batch per transaction; returns how many."""
    analyse, source = current_analyser(session)
    total = 0
    for _ in range(max_batches):
        ids = uncoded_answer_ids(session, BATCH)
        if not ids:
            break
        total += code_answers(session, ids, analyse, source)
        session.commit()
    return total


def code_comments_if_embedded(session: Session) -> int:
    """Without Redis no worker codes comments as they arrive: code them before a page
    shows them. With Redis, the worker's job; nothing is done here."""
    return code_new_comments(session) if runs_in_process() else 0


def recode_survey(session: Session, survey_ids: Sequence[str]) -> int:
    """Code a survey's comments again with what codes comments now (people's codes stay)."""
    analyse, source = current_analyser(session)
    ids = coded_answer_ids(session, survey_ids)
    total = 0
    for start in range(0, len(ids), BATCH):
        total += recode_answers(session, ids[start : start + BATCH], analyse, source)
        session.commit()
    return total + code_new_comments(session)


def out_of_date_answer_ids(session: Session, limit: int = BATCH) -> list[int]:
    """Unreviewed comments not coded by what people chose: with a model in use, those
    analysed before it was chosen; without one, those a model coded."""
    model = model_in_use(session)
    query = select(CommentCoding.answer_id).where(CommentCoding.reviewed_at.is_(None))
    chosen_at = used_since(model) if model is not None else None
    if chosen_at is not None:
        query = query.where(CommentCoding.analysed_at < chosen_at)
    else:
        by_model = select(CommentTheme.answer_id).where(CommentTheme.source == "model")
        query = query.where(CommentCoding.answer_id.in_(by_model))
    return list(session.scalars(query.order_by(CommentCoding.answer_id).limit(limit)))


def recode_unreviewed(
    session: Session, max_batches: int = MAX_BATCHES, batch: int = BATCH
) -> tuple[int, bool]:
    """Bring unreviewed comments up to date with what codes comments now.

    Returns how many were coded and whether any are left for another run.
    """
    analyse, source = current_analyser(session)
    total = 0
    for _ in range(max_batches):
        ids = out_of_date_answer_ids(session, batch)
        if not ids:
            return total, False
        total += recode_answers(session, ids, analyse, source)
        session.commit()
    return total, bool(out_of_date_answer_ids(session, 1))
