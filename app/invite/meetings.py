"""After a review or conference: the right questionnaire for each person asked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from app.invite.invitations import NewInvitation, create_invitation
from app.invite.models import RESPONDENT_ROLES, Meeting
from app.survey.schema import MEETING_KINDS

LAC_KINDS = {"lac_review", "pathway_plan_review"}
CP_KINDS = {"cp_conference", "cp_review_conference"}
CHILD_SURVEY_AGE = 12  # under 12: the easy-read questionnaire
PATHWAY_PLAN_SURVEY = "pathway-plan-review"


@dataclass(frozen=True)
class Person:
    """One row of the meeting form: who to ask and how to reach them (never a name)."""

    role: str
    language: str
    email: str | None
    mobile: str | None = None


def survey_for(kind: str, role: str, child_age: int | None) -> str:
    """The questionnaire a person in ``role`` gets after a meeting of ``kind``."""
    if kind not in MEETING_KINDS or role not in RESPONDENT_ROLES:
        raise ValueError(f"unknown meeting kind {kind!r} or role {role!r}")
    professional = role in ("social_worker", "other_professional")
    if kind in CP_KINDS:
        return "cp-conference-professional" if professional else "cp-conference-family"
    if professional:
        return "lac-review-professional"
    if role in ("parent", "carer"):
        return "lac-review-parent-carer"
    if kind == "pathway_plan_review":
        return PATHWAY_PLAN_SURVEY  # care leavers 16 to 25, whatever the age typed
    if child_age is not None and child_age < CHILD_SURVEY_AGE:
        return "lac-review-child"
    return "lac-review-young-person"


def create_meeting(
    session: Session,
    *,
    kind: str,
    held_on: date,
    team_id: int | None,
    chair_id: int | None,
    child_age: int | None,
    case_reference: str | None,
    people: list[Person],
    key: str,
    days: int,
) -> tuple[Meeting, list[NewInvitation]]:
    """Record the meeting and make one invitation per person; the caller commits."""
    meeting = Meeting(
        kind=kind,
        held_on=held_on,
        team_id=team_id,
        chair_id=chair_id,
        child_age=child_age,
        case_reference=case_reference or None,
    )
    session.add(meeting)
    session.flush()
    invitations = [
        _with_mobile(
            create_invitation(
                session,
                survey_id=survey_for(kind, person.role, child_age),
                key=key,
                days=days,
                language=person.language,
                email=person.email,
                meeting_id=meeting.id,
                created_by_id=chair_id,
                team_id=team_id,
                respondent_role=person.role,
            ),
            person.mobile,
        )
        for person in people
    ]
    return meeting, invitations


def _with_mobile(new: NewInvitation, mobile: str | None) -> NewInvitation:
    new.invitation.mobile = mobile
    return new
