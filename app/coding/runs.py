"""Coding runs that tasks, views and the command line share: new comments, a whole survey."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from app.coding.analysis import codebook_analyser
from app.coding.coding import (
    BATCH,
    code_answers,
    coded_answer_ids,
    recode_answers,
    uncoded_answer_ids,
)

MAX_BATCHES = 20


def code_new_comments(session: Session, max_batches: int = MAX_BATCHES) -> int:
    """Code every comment not coded yet, a batch per transaction; returns how many."""
    analyse = codebook_analyser()
    total = 0
    for _ in range(max_batches):
        ids = uncoded_answer_ids(session, BATCH)
        if not ids:
            break
        total += code_answers(session, ids, analyse)
        session.commit()
    return total


def recode_survey(session: Session, survey_ids: Sequence[str]) -> int:
    """Code a survey's comments again with the current codebook (people's codes stay)."""
    analyse = codebook_analyser()
    ids = coded_answer_ids(session, survey_ids)
    total = 0
    for start in range(0, len(ids), BATCH):
        total += recode_answers(session, ids[start : start + BATCH], analyse, "codebook")
        session.commit()
    return total + code_new_comments(session)
