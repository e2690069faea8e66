"""The learned layer, run after the request on the high-priority queue.

The submit request screens with patterns and rules and records a :class:`ModelScreen`
row in the same transaction. The ``screen-response`` task (queued after the commit) runs
the encoder and classifier over the response's free text and may raise the decision: a
new alert, or a review item raised to an alert. A beat sweep every ``SWEEP_SECONDS``
screens whatever the task missed (a lost message, Redis down), so every response is read
by the model within a minute. No Celery here: the task and the sweep call these.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import clock
from app.responses.models import Response
from app.safeguard.alerts import SEVERITY_ORDER, Finding, new_alert, queue_for_review
from app.safeguard.learned import screen_texts
from app.safeguard.models import Alert, ModelScreen
from app.survey.models import SurveyVersion
from app.survey.publishing import survey_for_version
from app.survey.schema import Survey

SWEEP_SECONDS = 15
URGENCY = ("none", "review", "alert")
GRACE_SECONDS = 10  # the task usually finishes first; the sweep takes what it left


def free_texts(survey: Survey, response: Response) -> list[tuple[str, str]]:
    """(question id, text) of the answers the screen reads: free text on a survey that
    asks for screening."""
    if not survey.settings.safeguarding_screen:
        return []
    found = []
    for answer in response.answers:
        try:
            question = survey.question(answer.question_id)
        except KeyError:
            continue
        if answer.text and question.is_free_text:
            found.append((question.id, answer.text))
    return found


def queue_model_screen(session: Session, survey: Survey, response: Response) -> bool:
    """Record that ``response`` waits for the model (in the caller's transaction)."""
    if not free_texts(survey, response) or session.get(ModelScreen, response.id):
        return False
    session.add(ModelScreen(response_id=response.id, queued_at=clock.utcnow()))
    return True


def screen_with_model(session: Session, response_id: int, ack_minutes: int) -> Alert | None:
    """Run the learned layer over one response; return an alert that is new or raised
    (its readers must be told), else None. Idempotent: a screened response is skipped."""
    pending = session.get(ModelScreen, response_id, with_for_update=True)
    if pending is None or pending.screened_at is not None:
        return None
    response = session.get(Response, response_id)
    if response is None:
        session.delete(pending)
        return None
    survey = survey_for_version(session.get_one(SurveyVersion, response.survey_version_id))
    answers = free_texts(survey, response)
    results = screen_texts([text for _, text in answers], response.language)
    pending.screened_at = clock.utcnow()
    findings = [
        Finding(qid, r.severity, tuple(r.reasons), r.route)
        for (qid, _), r in zip(answers, results, strict=True)
        if r.route != "none"
    ]
    pending.route = max((f.route for f in findings), key=URGENCY.index, default="none")
    if pending.route == "review":
        # A person reads it within a working day (once: an alert or item may exist).
        if session.scalar(select(Alert.id).where(Alert.response_id == response.id)) is None:
            queue_for_review(session, response, findings)
        return None
    if pending.route == "none":
        return None
    return _raise(session, response, findings, ack_minutes)


def _raise(
    session: Session, response: Response, findings: list[Finding], ack_minutes: int
) -> Alert | None:
    severity = max((f.severity or "low" for f in findings), key=lambda s: SEVERITY_ORDER[s])
    reasons = sorted({reason for f in findings for reason in f.reasons})
    questions = sorted({f.question_id for f in findings})
    alert = session.scalar(select(Alert).where(Alert.response_id == response.id))
    if alert is None:
        return new_alert(session, response, severity, reasons, questions, ack_minutes)
    if SEVERITY_ORDER[severity] <= SEVERITY_ORDER.get(alert.severity, 0):
        return None
    alert.severity = severity
    alert.reasons = sorted(set(alert.reasons) | set(reasons))
    alert.questions = sorted(set(alert.questions) | set(questions))
    alert.next_escalation_at = clock.utcnow() + timedelta(minutes=ack_minutes)
    return alert


def due_model_screens(session: Session, limit: int = 200) -> list[int]:
    """Responses the task has not screened within ``GRACE_SECONDS``, oldest first."""
    before = clock.utcnow() - timedelta(seconds=GRACE_SECONDS)
    return list(
        session.scalars(
            select(ModelScreen.response_id)
            .where(ModelScreen.screened_at.is_(None), ModelScreen.queued_at <= before)
            .order_by(ModelScreen.queued_at)
            .limit(limit)
        )
    )
