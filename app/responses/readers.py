"""The form a reader chooses a report with, offering only what they may choose (team
access itself is ``app/auth/teams.py``)."""

from __future__ import annotations

from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from app.auth.models import StaffUser, Team
from app.auth.teams import CHAIR_ROLES
from app.extensions import db
from app.responses.scope_choice import ReportForm
from app.responses.subjects import report_subjects


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
