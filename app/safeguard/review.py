"""The review queue: answers the screen is unsure about, read by a safeguarding lead
within a working day. No escalation chain; one digest email a day; each decision is kept
as a labelled example (:class:`~app.safeguard.models.ScreenExample`) for the screen."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import clock
from app.auth.models import StaffUser
from app.responses.models import Answer, Response
from app.safeguard.models import Alert, ReviewDigest, ReviewItem, ScreenExample
from app.safeguard.readers import alert_readers, may_read_alert

DECISIONS = ("concern", "not_concern")
# What a lead's "this is a concern" becomes: an alert that is told and escalated at once.
CONCERN_SEVERITY = "medium"


def waiting_items(session: Session, limit: int = 500) -> list[ReviewItem]:
    return list(
        session.scalars(
            select(ReviewItem)
            .where(ReviewItem.status == "waiting")
            .order_by(ReviewItem.created_at)
            .limit(limit)
        )
    )


def readable_review_items(session: Session, staff: StaffUser) -> list[ReviewItem]:
    """The waiting items ``staff`` may read: the alert rule, asked once per team."""
    readable: dict[int | None, bool] = {}
    found = []
    for item in waiting_items(session):
        if item.team_id not in readable:
            readable[item.team_id] = may_read_alert(session, staff, item.team_id, 0)
        if readable[item.team_id]:
            found.append(item)
    return found


def flagged_answers(session: Session, item: ReviewItem) -> list[Answer]:
    """The answers that put the response on the queue (their text is for leads only)."""
    return list(
        session.scalars(
            select(Answer)
            .where(Answer.response_id == item.response_id, Answer.question_id.in_(item.questions))
            .order_by(Answer.id)
        )
    )


def decide_review(
    session: Session, item: ReviewItem, decision: str, staff_id: int, ack_minutes: int
) -> Alert | None:
    """Record a lead's decision and keep it as a labelled example; "concern" raises an alert
    (returned: the caller commits, then queues its notification). "not_concern" lets the
    words back into reports. The caller audits and commits."""
    if decision not in DECISIONS:
        raise ValueError(f"decision must be one of {DECISIONS}")
    now = clock.utcnow()
    response = session.get(Response, item.response_id)
    assert response is not None
    answers = flagged_answers(session, item)
    for answer in answers:
        if answer.text:
            session.add(
                ScreenExample(
                    text=answer.text,
                    language=response.language,
                    label=decision,
                    reasons=list(item.reasons),
                    review_item_id=item.id,
                    decided_by_id=staff_id,
                    created_at=now,
                )
            )
    item.status, item.decided_at, item.decided_by_id = decision, now, staff_id
    if decision == "not_concern":
        for answer in answers:
            answer.flagged = False
        return None
    alert = Alert(
        response_id=response.id,
        survey_id=response.survey_id,
        team_id=item.team_id,
        severity=CONCERN_SEVERITY,
        reasons=list(item.reasons),
        questions=list(item.questions),
        anonymous=response.invitation_id is None,
        status="new",
        created_at=now,
        next_escalation_at=now + timedelta(minutes=ack_minutes),
    )
    session.add(alert)
    session.flush()
    item.alert_id = alert.id
    return alert


@dataclass(frozen=True)
class DigestLine:
    address: str
    waiting: int


def digest_lines(session: Session, day: date, duty_email: str | None) -> list[DigestLine]:
    """Who gets today's digest and how many answers wait for them: each waiting answer
    counts for those who may read it (the alert rule), or the duty address if nobody
    may. Addresses already sent today's digest are left out."""
    waiting: Counter[str] = Counter()
    for item in waiting_items(session):
        readers = [r.email for r in alert_readers(session, item.team_id)]
        for address in readers or ([duty_email] if duty_email else []):
            waiting[address] += 1
    sent = set(session.scalars(select(ReviewDigest.address).where(ReviewDigest.day == day)))
    return [DigestLine(a, n) for a, n in sorted(waiting.items()) if a not in sent]


def record_digest(session: Session, day: date, address: str) -> None:
    session.add(ReviewDigest(day=day, address=address, sent_at=clock.utcnow()))
