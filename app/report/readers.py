"""Who may read which reports: a participation lead in a team sees only that team."""

from __future__ import annotations

from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from app.auth.access import current_staff
from app.auth.models import StaffUser, Team
from app.extensions import db
from app.report.forms import ReportForm
from app.report.subjects import report_subjects

CHAIR_ROLES = ("iro",)
# Who decides which comments reports quote: participation leads only, each kept to their
# own team like in reports (administrators read reports but do not approve quotes).
QUOTE_APPROVERS = ("participation_lead",)


def kept_team_id(user: StaffUser | None) -> int | None:
    """The team ``user`` is kept to in reports, or None when they may read every team."""
    if user is not None and user.role == "participation_lead":
        return user.team_id
    return None


def own_team() -> Team | None:
    """The team the person signed in is kept to; None for anyone who may see every team."""
    user = current_staff()
    return user.team if kept_team_id(user) is not None else None  # type: ignore[union-attr]


def report_form(args: MultiDict[str, str], team: Team | None) -> ReportForm:
    """The report-choosing form, offering only what the reader may choose."""
    teams = [team] if team else list(db.session.scalars(select(Team).order_by(Team.name)))
    chairs = select(StaffUser).where(StaffUser.role.in_(CHAIR_ROLES)).order_by(StaffUser.email)
    if team is not None:
        chairs = chairs.where(StaffUser.team_id == team.id)
    form = ReportForm(formdata=args)
    form.set_choices(
        report_subjects(db.session),
        [(t.id, t.name) for t in teams],
        [(chair.id, chair.email) for chair in db.session.scalars(chairs)],
        all_teams=team is None,
    )
    if team is not None:
        form.team.data = str(team.id)  # whatever the address asks
    return form
