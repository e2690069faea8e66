"""Factories for API tests: staff with tokens, and answers from two teams."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from app.api.tokens import create_api_token
from app.auth.models import StaffUser, Team
from app.extensions import db
from tests.auth.conftest import make_staff
from tests.report.factories import make_invitation, make_meeting, publish_shipped, respond_many

SECRET = "test-secret-key-not-for-production"  # make_app's SECRET_KEY
SURVEY = "cp-conference-family"
AUGUST = datetime(2026, 8, 3, 10, 0)


def token_for(
    email: str = "lead@example.org", role: str = "participation_lead", team: str | None = None
) -> str:
    """A committed account with one live token; returns the token."""
    user = make_staff(email, role, team=team)
    new = create_api_token(db.session, user, "Dashboard", SECRET)
    db.session.commit()
    return new.token


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def answers_from(team_name: str, count: int, got_report: str) -> None:
    """``count`` parents in a team answering after one conference."""
    team = db.session.scalars(select(Team).where(Team.name == team_name)).one_or_none()
    if team is None:
        make_staff(f"chair@{team_name.lower()}.example.org", "iro", team=team_name)
        team = db.session.scalars(select(Team).where(Team.name == team_name)).one()
    chair = db.session.scalars(
        select(StaffUser).where(StaffUser.team_id == team.id, StaffUser.role == "iro")
    ).first()
    meeting = make_meeting(kind="cp_conference", team=team, chair=chair)
    for _ in range(count):
        invitation = make_invitation(SURVEY, meeting=meeting, role="parent")
        respond_many(
            SURVEY,
            {"got_report": got_report, "felt_listened_to": "agree"},
            1,
            AUGUST,
            invitation=invitation,
        )
    db.session.commit()


def two_teams() -> None:
    """Twelve answers from North (all got the report) and eleven from South (none did)."""
    publish_shipped(SURVEY)
    answers_from("North", 12, "yes")
    answers_from("South", 11, "no")
