"""Small factories for report tests: published questionnaires, meetings, invitations and
responses sent through the real submit path (then dated where the test needs them)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from app.auth.models import StaffUser, Team
from app.extensions import db
from app.invite.invitations import create_invitation
from app.invite.models import Invitation, Meeting
from app.respond.drafts import create_draft
from app.respond.sending import store_draft
from app.responses.models import Response
from app.survey.publishing import current_version
from tests.conftest import SURVEYS, publish

KEY = "report-test-key"


def publish_shipped(*survey_ids: str) -> None:
    for survey_id in survey_ids:
        publish(SURVEYS / f"{survey_id}.yaml")


def make_team(slug: str = "north") -> Team:
    team = Team(name=slug.title(), slug=slug)
    db.session.add(team)
    db.session.flush()
    return team


def make_chair(email: str = "chair@example.gov.uk", team: Team | None = None) -> StaffUser:
    chair = StaffUser(email=email, role="iro", team_id=team.id if team else None)
    db.session.add(chair)
    db.session.flush()
    return chair


def make_meeting(
    *,
    kind: str = "lac_review",
    team: Team | None = None,
    chair: StaffUser | None = None,
    child_age: int | None = None,
) -> Meeting:
    meeting = Meeting(
        kind=kind,
        held_on=date(2026, 7, 1),
        team_id=team.id if team else None,
        chair_id=chair.id if chair else None,
        child_age=child_age,
    )
    db.session.add(meeting)
    db.session.flush()
    return meeting


def make_invitation(
    survey_id: str,
    *,
    meeting: Meeting | None = None,
    created_at: datetime | None = None,
    language: str = "en",
    role: str = "child",
) -> Invitation:
    invitation = create_invitation(
        db.session,
        survey_id=survey_id,
        key=KEY,
        days=30,
        language=language,
        meeting_id=meeting.id if meeting else None,
        team_id=meeting.team_id if meeting else None,
        respondent_role=role,
    ).invitation
    if created_at is not None:
        invitation.created_at = created_at
    db.session.flush()
    return invitation


def respond(
    survey_id: str,
    answers: dict[str, Any],
    at: datetime,
    *,
    invitation: Invitation | None = None,
    language: str = "en",
) -> Response:
    """One response, submitted as a respondent would, dated ``at``."""
    version = current_version(db.session, survey_id)
    assert version is not None, f"publish {survey_id} first"
    draft, _token = create_draft(
        db.session,
        version.id,
        KEY,
        days=7,
        language=language,
        invitation_id=invitation.id if invitation else None,
    )
    draft.answers = answers
    response, created = store_draft(db.session, draft)
    assert created
    response.submitted_at = at
    db.session.flush()
    return response


def respond_many(
    survey_id: str, answers: dict[str, Any], count: int, at: datetime, **kwargs: Any
) -> None:
    """``count`` identical responses, a minute apart from ``at``."""
    for index in range(count):
        respond(survey_id, answers, at + timedelta(minutes=index), **kwargs)
