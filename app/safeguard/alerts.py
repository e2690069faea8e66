"""Screening a response inside the submit request, and raising an alert when it may
disclose harm. No Celery here: the alert is a row in the response's own transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import clock
from app.responses.models import Response
from app.safeguard.models import Alert, ReviewItem
from app.safeguard.screening import screen_text
from app.survey.schema import Survey

SEVERITY_ORDER = {None: 0, "low": 1, "medium": 2, "high": 3}
RISK_ANSWER_SEVERITY = "medium"


@dataclass(frozen=True)
class Finding:
    question_id: str
    severity: str | None
    reasons: tuple[str, ...]
    route: str = "alert"


def findings_for(survey: Survey, response: Response) -> list[Finding]:
    """What in this response may need a safeguarding lead: risky free text and risk answers."""
    found: list[Finding] = []
    for answer in response.answers:
        try:
            question = survey.question(answer.question_id)
        except KeyError:
            continue
        if answer.text and question.is_free_text and survey.settings.safeguarding_screen:
            result = screen_text(answer.text, response.language)
            if result.route != "none":
                found.append(
                    Finding(question.id, result.severity, tuple(result.reasons), result.route)
                )
        elif answer.choice and answer.choice in question.risk_signal:
            found.append(Finding(question.id, RISK_ANSWER_SEVERITY, ("risk_answer",)))
    return found


def raise_alert(
    session: Session, survey: Survey, response: Response, ack_minutes: int
) -> Alert | None:
    """Screen ``response``; add an alert to the session if anything was found.

    Idempotent: a response has at most one alert. The caller commits, with the response.
    Findings routed to review (and none to an alert) go to the review queue instead.
    """
    findings = findings_for(survey, response)
    if not any(f.route == "alert" for f in findings):
        if findings:
            queue_for_review(session, response, findings)
        return None
    existing = session.scalar(select(Alert).where(Alert.response_id == response.id))
    if existing is not None:
        return existing
    severity = max((f.severity or "low" for f in findings), key=lambda s: SEVERITY_ORDER[s])
    reasons = sorted({reason for f in findings for reason in f.reasons})
    questions = sorted({f.question_id for f in findings})
    return new_alert(session, response, severity, reasons, questions, ack_minutes)


def new_alert(
    session: Session,
    response: Response,
    severity: str,
    reasons: list[str],
    questions: list[str],
    ack_minutes: int,
) -> Alert:
    """Add the alert for ``response`` to the session (the caller commits)."""
    now = clock.utcnow()
    alert = Alert(
        response_id=response.id,
        survey_id=response.survey_id,
        team_id=(response.context or {}).get("team_id"),
        severity=severity,
        reasons=reasons,
        questions=questions,
        anonymous=response.invitation_id is None,
        status="new",
        created_at=now,
        next_escalation_at=now + timedelta(minutes=ack_minutes),
    )
    session.add(alert)
    flag_disclosures(response, set(questions))
    session.flush()
    return alert


def queue_for_review(session: Session, response: Response, findings: list[Finding]) -> ReviewItem:
    """Put the response on the review queue (once), its words flagged until a lead decides."""
    existing = session.scalar(select(ReviewItem).where(ReviewItem.response_id == response.id))
    if existing is not None:
        return existing
    severities = [f.severity for f in findings if f.severity]
    item = ReviewItem(
        response_id=response.id,
        survey_id=response.survey_id,
        team_id=(response.context or {}).get("team_id"),
        severity=max(severities, key=lambda s: SEVERITY_ORDER[s]) if severities else None,
        reasons=sorted({reason for f in findings for reason in f.reasons}),
        questions=sorted({f.question_id for f in findings}),
        status="waiting",
        created_at=clock.utcnow(),
    )
    session.add(item)
    flag_disclosures(response, set(item.questions))
    session.flush()
    return item


def flag_disclosures(response: Response, question_ids: set[str]) -> None:
    """Mark the free text that raised the alert, so only safeguarding leads read it."""
    for answer in response.answers:
        if answer.text and answer.question_id in question_ids:
            answer.flagged = True
