"""Creating, listing and deactivating staff accounts, and one-time set-password links."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session, selectinload

from app import clock
from app.auth.audit import record_event
from app.auth.models import SetPasswordToken, StaffSession, StaffUser, Team
from app.auth.passwords import hash_password, password_problem
from app.auth.roles import ROLES
from app.auth.tokens import hash_token, new_token

log = logging.getLogger(__name__)

SET_PASSWORD_LINK_LIFETIME = timedelta(hours=72)
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class AccountError(ValueError):
    """An account cannot be created or changed as asked; the message says why."""


@dataclass(frozen=True)
class LinkCheck:
    """What a set-password token opens: its row, or why it opens nothing."""

    token: SetPasswordToken | None
    problem: str | None  # "unknown", "used" or "expired"


def normalise_email(email: str) -> str:
    return email.strip().lower()


def slugify(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def find_or_create_team(session: Session, name_or_slug: str) -> Team:
    """The team with this name or slug, created if there is none."""
    name = name_or_slug.strip()
    slug = slugify(name)
    if not slug:
        raise AccountError("A team needs a name with letters or numbers in it.")
    team = session.scalar(select(Team).where(or_(Team.slug == slug, Team.name == name)))
    if team is None:
        team = Team(name=name, slug=slug)
        session.add(team)
        session.flush()
    return team


def find_account(session: Session, email: str) -> StaffUser | None:
    return session.scalar(select(StaffUser).where(StaffUser.email == normalise_email(email)))


def create_account(
    session: Session,
    email: str,
    role: str,
    team_name: str | None = None,
    actor_id: int | None = None,
) -> StaffUser:
    """Create an account with no password yet; raises AccountError if it cannot."""
    address = normalise_email(email)
    if not EMAIL_PATTERN.match(address) or len(address) > 254:
        raise AccountError("Enter an email address in the correct format, like name@example.org")
    if role not in ROLES:
        raise AccountError(f"Role must be one of: {', '.join(ROLES)}")
    if find_account(session, address) is not None:
        raise AccountError("There is already an account with that email address.")
    team = find_or_create_team(session, team_name) if team_name else None
    user = StaffUser(email=address, role=role, team=team, created_at=clock.utcnow())
    session.add(user)
    session.flush()
    record_event(session, actor_id, "account_created", "staff_user", user.id, {"role": role})
    log.info("staff account created: staff_user=%s role=%s", user.id, role)
    return user


def set_password(
    session: Session, user: StaffUser, password: str, actor_id: int | None = None
) -> None:
    """Store a new password hash and end every session signed in with the old one."""
    problem = password_problem(password, user.email)
    if problem:
        raise AccountError(problem)
    user.password_hash = hash_password(password)
    user.throttled_until = None
    revoke_all_sessions(session, user.id)
    record_event(session, actor_id, "password_set", "staff_user", user.id)
    log.info("password set: staff_user=%s", user.id)


def issue_set_password_link(session: Session, user: StaffUser, actor_id: int | None = None) -> str:
    """A new one-time token for ``user`` (earlier unused ones stop working)."""
    session.execute(
        delete(SetPasswordToken).where(
            SetPasswordToken.user_id == user.id, SetPasswordToken.used_at.is_(None)
        )
    )
    token = new_token()
    now = clock.utcnow()
    session.add(
        SetPasswordToken(
            token_hash=hash_token(token),
            user_id=user.id,
            created_at=now,
            expires_at=now + SET_PASSWORD_LINK_LIFETIME,
        )
    )
    session.flush()
    record_event(session, actor_id, "password_link_issued", "staff_user", user.id)
    return token


def check_set_password_link(session: Session, token: str) -> LinkCheck:
    """Whether ``token`` can still be used to set a password."""
    row = session.scalar(
        select(SetPasswordToken).where(SetPasswordToken.token_hash == hash_token(token))
    )
    if row is None or not row.user.is_active:
        return LinkCheck(None, "unknown")
    if row.used_at is not None:
        return LinkCheck(None, "used")
    if row.expires_at <= clock.utcnow():
        return LinkCheck(None, "expired")
    return LinkCheck(row, None)


def use_set_password_link(session: Session, link: SetPasswordToken, password: str) -> None:
    """Set the password through a checked link, which cannot then be used again."""
    set_password(session, link.user, password, actor_id=link.user_id)
    link.used_at = clock.utcnow()


def deactivate_account(session: Session, user: StaffUser, actor_id: int | None) -> None:
    """Stop an account signing in, and sign it out everywhere at once."""
    if not user.is_active:
        return
    user.deactivated_at = clock.utcnow()
    revoke_all_sessions(session, user.id)
    session.execute(
        delete(SetPasswordToken).where(
            SetPasswordToken.user_id == user.id, SetPasswordToken.used_at.is_(None)
        )
    )
    record_event(session, actor_id, "account_deactivated", "staff_user", user.id)
    log.info("staff account deactivated: staff_user=%s", user.id)


def revoke_all_sessions(session: Session, user_id: int) -> None:
    session.execute(
        update(StaffSession)
        .where(StaffSession.user_id == user_id, StaffSession.revoked.is_(False))
        .values(revoked=True)
    )


def list_accounts(session: Session) -> list[StaffUser]:
    """Every account, active ones first, then by email."""
    users = session.scalars(
        select(StaffUser).options(selectinload(StaffUser.team)).order_by(StaffUser.email)
    ).all()
    return sorted(users, key=lambda user: not user.is_active)
