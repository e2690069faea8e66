"""Who may read which team's figures: a participation lead in a team sees only that team."""

from __future__ import annotations

from app.auth.access import current_staff
from app.auth.models import StaffUser, Team

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
