"""Who may read an alert: the one rule behind both who is emailed and who can open it.

- An alert from a team is read by that team's active safeguarding leads.
- A team with no lead of its own falls back to the council-wide leads (leads with no
  team), and an alert with no team (an open survey) goes to them too.
- An alert with no team, in a council with no council-wide lead, is read by every active
  safeguarding lead: an open survey belongs to the whole council.
- Once an alert is escalated to level n, the safeguarding leads named in the first n
  addresses of ``SAYSO_ESCALATION_CHAIN`` read it as well.

Nobody else ever reads an alert. When this rule finds nobody, the duty address
(``SAYSO_DUTY_EMAIL``) is told that an alert is waiting; see :mod:`app.safeguard.notify`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.auth.models import StaffUser, Team

LEAD_ROLE = "safeguarding_lead"


def _active_leads(session: Session) -> list[StaffUser]:
    return list(
        session.scalars(
            select(StaffUser)
            .where(StaffUser.role == LEAD_ROLE, StaffUser.deactivated_at.is_(None))
            .order_by(StaffUser.email)
        )
    )


def alert_readers(
    session: Session,
    team_id: int | None,
    escalation_level: int = 0,
    chain: Sequence[str] = (),
) -> list[StaffUser]:
    """The staff who may read (and are told about) an alert from ``team_id`` at
    ``escalation_level``, given the escalation ``chain`` of addresses."""
    leads = _active_leads(session)
    own = [lead for lead in leads if team_id is not None and lead.team_id == team_id]
    council_wide = [lead for lead in leads if lead.team_id is None]
    readers = own or council_wide or ([] if team_id is not None else leads)
    escalated = {address.lower() for address in chain[: max(escalation_level, 0)]}
    extra = [lead for lead in leads if lead.email.lower() in escalated and lead not in readers]
    return [*readers, *extra]


def may_read_alert(
    session: Session,
    staff: StaffUser,
    team_id: int | None,
    escalation_level: int,
    chain: Sequence[str] = (),
) -> bool:
    """Whether ``staff`` may open an alert: exactly those :func:`alert_readers` names."""
    if staff.role != LEAD_ROLE or staff.deactivated_at is not None:
        return False
    return any(
        reader.id == staff.id for reader in alert_readers(session, team_id, escalation_level, chain)
    )


def N_(text: str) -> str:
    """Marks text for the catalogs; pages translate it when shown, logs keep English."""
    return text


NO_LEADS = N_("Nobody receives safeguarding alerts: there is no active safeguarding lead. Add one.")
TEAM_WITHOUT_LEAD = N_(
    "Team %(team)s has no safeguarding lead and there is no council-wide lead, so its "
    "alerts reach nobody who can open them."
)
CHAIN_WITHOUT_ACCOUNT = N_(
    "Step %(step)s of the escalation chain (SAYSO_ESCALATION_CHAIN) is not an active "
    "safeguarding lead's account, so it is skipped: it could not open the alert."
)
DUTY_TOLD = N_(
    "Until this is fixed, the duty address (SAYSO_DUTY_EMAIL) is told when such an alert "
    "is waiting, but it cannot open alerts."
)
NOBODY_TOLD = N_("SAYSO_DUTY_EMAIL is not set either, so nobody is told about such alerts.")
NO_SMTP = N_(
    "SAYSO_SMTP_URL is not set: alert emails are written to a folder on the server, not sent."
)


@dataclass(frozen=True)
class CoverageGap:
    """Something that stops alerts reaching someone who can act, in plain words."""

    code: str
    template: str
    values: dict[str, str | int]

    @property
    def message(self) -> str:
        """In English, for logs and /readyz (team names are not personal data)."""
        return self.template % self.values if self.values else self.template


def coverage_gaps(
    session: Session, chain: Sequence[str], duty_email: str | None, smtp_url: str | None
) -> list[CoverageGap]:
    """Where alerts would reach nobody who can open them, and what happens instead."""
    leads = _active_leads(session)
    gaps: list[CoverageGap] = []
    if not smtp_url:
        gaps.append(CoverageGap("no_smtp", NO_SMTP, {}))
    if not leads:
        gaps.append(CoverageGap("no_leads", NO_LEADS, {}))
    else:
        covered = {lead.team_id for lead in leads}
        if None not in covered:
            for team in session.scalars(select(Team).order_by(Team.name)):
                if team.id not in covered:
                    gaps.append(
                        CoverageGap("team_without_lead", TEAM_WITHOUT_LEAD, {"team": team.name})
                    )
    if any(gap.code in ("no_leads", "team_without_lead") for gap in gaps):
        gaps.append(CoverageGap("duty", DUTY_TOLD if duty_email else NOBODY_TOLD, {}))
    emails = {lead.email.lower() for lead in leads}
    for position, address in enumerate(chain, start=1):
        if address.lower() not in emails:
            gaps.append(
                CoverageGap("chain_without_account", CHAIN_WITHOUT_ACCOUNT, {"step": position})
            )
    return gaps


def current_coverage_gaps(session: Session, config: Mapping[str, Any]) -> list[CoverageGap]:
    """:func:`coverage_gaps` for the app's settings."""
    return coverage_gaps(
        session,
        [a for a in config["SAYSO_ESCALATION_CHAIN"] if a],
        config["SAYSO_DUTY_EMAIL"],
        config["SAYSO_SMTP_URL"],
    )


SETTING_NAME = re.compile(r"\bSAYSO_[A-Z0-9_]+\b")


def settings_marked(text: str) -> Markup:
    """A gap's message with each setting's name (``SAYSO_SMTP_URL``) shown as code and
    marked not to be translated: the name is the same in every language."""
    parts: list[Markup] = []
    last = 0
    for match in SETTING_NAME.finditer(text):
        parts.append(escape(text[last : match.start()]))
        parts.append(Markup('<code translate="no" dir="ltr">{}</code>').format(match.group(0)))
        last = match.end()
    parts.append(escape(text[last:]))
    return Markup("").join(parts)
