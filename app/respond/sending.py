"""Sending answers: the one use case that turns a draft into a response.

It stores the response, marks a personal link used, screens the answers for anything
worrying, commits once, and only then queues the follow-up work (telling safeguarding
readers, the learned screen, theming), so a worker never looks for a row that is not
there yet. Views call :func:`send_draft`; nothing else stores a submission.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app
from sqlalchemy.orm import Session

from app.coding.tasks import code_new_comments_task
from app.invite.invitations import mark_completed, response_context
from app.invite.models import Invitation
from app.responses.models import Draft, Response
from app.responses.storing import submit_draft
from app.safeguard.alerts import raise_alert
from app.safeguard.model_screens import queue_model_screen
from app.safeguard.tasks import notify_alert_task, screen_response_task
from app.survey.models import SurveyVersion
from app.survey.publishing import survey_for_version
from app.tasks import enqueue, enqueue_sweep, runs_in_process


@dataclass(frozen=True)
class Sent:
    response: Response
    created: bool  # False: this draft was sent before (a double tap, a retry)
    concern: bool  # the answers raised a safeguarding alert


def store_draft(
    session: Session, draft: Draft, version: SurveyVersion | None = None
) -> tuple[Response, bool]:
    """Store the draft as a response with where it came from, and mark its personal link
    used. Never commits (see :func:`app.responses.storing.submit_draft`)."""
    invitation = session.get(Invitation, draft.invitation_id) if draft.invitation_id else None
    context = response_context(invitation) if invitation is not None else {}
    response, created = submit_draft(session, draft, version, context=context)
    if created and invitation is not None:
        mark_completed(invitation)
        session.flush()
    return response, created


def send_draft(session: Session, draft: Draft, version: SurveyVersion) -> Sent:
    """Store, screen and commit the draft's answers once; then queue what follows."""
    response, created = store_draft(session, draft, version)
    alert = None
    model_screen = wrote = False
    if created:
        survey = survey_for_version(version)
        ack_minutes = int(current_app.config["SAYSO_ALERT_ACK_MINUTES"])
        alert = raise_alert(session, survey, response, ack_minutes)
        model_screen = queue_model_screen(session, survey, response)
        wrote = any(answer.text for answer in response.answers)
    session.commit()
    if alert is not None:
        enqueue(notify_alert_task, alert.id, 0, urgent=True)
    if model_screen:
        enqueue(screen_response_task, response.id, urgent=True)
    if wrote and not runs_in_process():
        # In process, theming would make the respondent wait; there the report pages
        # code new comments when they are opened instead.
        enqueue_sweep(code_new_comments_task)
    return Sent(response, created, alert is not None)
