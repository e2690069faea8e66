"""Turning a draft into a response, exactly once, and reading responses back out."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import asdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from app.clock import utcnow
from app.responses.models import Answer, Draft, Response
from app.survey.conditions import relevant_answers
from app.survey.models import SurveyVersion
from app.survey.publishing import survey_for_version
from app.survey.questions import question_type
from app.survey.schema import Survey


def answer_rows(survey: Survey, answers: dict[str, Any]) -> list[Answer]:
    """The stored rows for a set of answers, as each question's type stores it (one per
    chosen option for multiple choice, one per option with its position for a ranking)."""
    rows: list[Answer] = []
    for question_id, value in relevant_answers(survey, answers).items():
        question = survey.question(question_id)
        for stored in question_type(question.type).stored_values(question, value):
            rows.append(Answer(question_id=question_id, **asdict(stored)))
    return rows


def find_response_by_key(session: Session, submission_key: str) -> Response | None:
    return session.scalar(select(Response).where(Response.submission_key == submission_key))


def submit_draft(
    session: Session,
    draft: Draft,
    version: SurveyVersion | None = None,
    channel: str = "open",
    context: Mapping[str, Any] | None = None,
) -> tuple[Response, bool]:
    """Store the draft's answers as a response and delete the draft.

    Returns ``(response, created)``. Sending the same draft twice, even at the same
    moment from two requests, gives the one response: the submission key is unique, and
    the loser of a race finds the winner's row. Call it first in a transaction (a lost
    race rolls the transaction back); never commits. ``version``: the draft's survey
    version when the caller has it loaded already (else it is read). ``context``: what
    the response records about where it came from (a personal link's meeting, team and
    age band), given by the caller that knows the link.
    """
    submission_key = draft.submission_key
    # No look for an earlier response first: the draft is deleted in the transaction that
    # stores its response, so a draft that is still here was sent by nobody, unless by a
    # request sending it at this moment, which the unique key catches below.
    if version is None:
        version = session.get(SurveyVersion, draft.survey_version_id)
    assert version is not None and version.id == draft.survey_version_id
    survey = survey_for_version(version)
    context = dict(context or {})
    response = Response(
        survey_id=version.survey_id,
        survey_version_id=version.id,
        submission_key=draft.submission_key,
        language=draft.language,
        channel="invitation" if draft.invitation_id else channel,
        invitation_id=draft.invitation_id,
        context=context,
        audience=survey.audience,
        team_id=context.get("team_id"),
        chair_id=context.get("chair_id"),
        age_band=context.get("age_band"),
        submitted_at=utcnow(),
        answers=answer_rows(survey, draft.answers or {}),
    )
    session.add(response)
    try:
        session.flush()
    except IntegrityError:
        # Another request sent this draft first. Nothing else is in this transaction
        # yet, so rolling it back loses nothing; then return the winner's response.
        session.rollback()
        winner = find_response_by_key(session, submission_key)
        if winner is None:
            raise
        return winner, False
    session.delete(draft)
    session.flush()
    return response, True


def iter_responses(session: Session, survey_id: str, batch: int = 500) -> Iterator[Response]:
    """Every submitted response to a survey, oldest first, with answers loaded in batches."""
    last_id = 0
    while True:
        rows = session.scalars(
            select(Response)
            .where(Response.survey_id == survey_id, Response.id > last_id)
            .order_by(Response.id)
            .limit(batch)
            .options(selectinload(Response.answers))
        ).all()
        if not rows:
            return
        yield from rows
        last_id = rows[-1].id
        session.expunge_all()
