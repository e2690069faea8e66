"""Who is signed in, and which staff pages they may see. Access is denied by default.

Protect every staff view with :func:`staff_required`::

    @blueprint.get("/reports")
    @staff_required("participation_lead", "admin")
    def reports() -> ResponseReturnValue:
        user = current_staff()  # never None inside a protected view
        ...

``@staff_required()`` with no roles lets in any signed-in member of staff. Anyone not
signed in is sent to the sign-in page, which brings them back afterwards; a signed-in
person with another role gets 403. The browser's signed Flask cookie holds only a random
token; the server-side :class:`~app.auth.models.StaffSession` decides whether it is live.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from functools import wraps
from typing import Any, TypeVar
from urllib.parse import urlsplit

from flask import abort, current_app, flash, g, redirect, request, session, url_for
from flask_babel import gettext as _

from app.auth.models import StaffUser
from app.auth.roles import ROLES
from app.auth.staff_sessions import end_staff_session, find_live_staff_session, start_staff_session
from app.extensions import db
from app.languages import LANGUAGE_SESSION_KEY

SESSION_KEY = "staff_session"

View = TypeVar("View", bound=Callable[..., Any])


def current_staff() -> StaffUser | None:
    """The member of staff signed in on this request, or None."""
    if "staff_user" not in g:
        g.staff_user = _load_staff()
    return g.staff_user


def staff_required(*roles: str) -> Callable[[View], View]:
    """Let a view run only for signed-in staff, and only those with one of ``roles``."""
    unknown = [role for role in roles if role not in ROLES]
    if unknown:
        # Also catches ``@staff_required`` written without brackets.
        raise ValueError(f"unknown roles {unknown!r}; use @staff_required(...) with {list(ROLES)}")

    def decorator(view: View) -> View:
        @wraps(view)
        def protected(*args: Any, **kwargs: Any) -> Any:
            user = current_staff()
            # Save "last seen" (or the session's expiry) even if the view only reads.
            db.session.commit()
            if user is None:
                return redirect(url_for("auth.sign_in", next=_here()))
            if roles and user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return protected  # type: ignore[return-value]

    return decorator


def sign_browser_in(user: StaffUser) -> None:
    """Start a fresh server-side session for ``user`` and point this browser's cookie at it.

    Whatever the browser held before is revoked and the cookie emptied, so a session id
    planted before sign-in (session fixation) is never the one that gets signed in.
    """
    old_token = session.get(SESSION_KEY)
    if isinstance(old_token, str):
        end_staff_session(db.session, old_token)
    _empty_session()
    session[SESSION_KEY] = start_staff_session(db.session, user)
    g.staff_user = user


def sign_browser_out() -> int | None:
    """End this browser's session on the server and in the cookie; returns the user's id."""
    token = session.get(SESSION_KEY)
    _empty_session()
    g.staff_user = None
    if not isinstance(token, str):
        return None
    ended = end_staff_session(db.session, token)
    return ended.user_id if ended else None


def _empty_session() -> None:
    """Empty the browser's session but for the language it chose: signing in or out
    should not turn the pages into English."""
    language = session.get(LANGUAGE_SESSION_KEY)
    session.clear()
    if isinstance(language, str):
        session[LANGUAGE_SESSION_KEY] = language


def safe_next_path(value: str | None) -> str | None:
    """``value`` if it is a path on this site, else None (stops open redirects)."""
    if not value or not value.startswith("/") or value.startswith("//"):
        return None
    if "\\" in value or any(ord(ch) < 32 for ch in value):
        return None
    parts = urlsplit(value)
    if parts.scheme or parts.netloc:
        return None
    return value


def _load_staff() -> StaffUser | None:
    token = session.get(SESSION_KEY)
    if not isinstance(token, str):
        return None
    config = current_app.config
    record = find_live_staff_session(
        db.session,
        token,
        idle=timedelta(minutes=config["SAYSO_STAFF_IDLE_MINUTES"]),
        max_age=timedelta(hours=config["SAYSO_STAFF_MAX_HOURS"]),
    )
    if record is None:
        session.pop(SESSION_KEY, None)
        flash(_("You have been signed out to keep your account safe. Sign in again to continue."))
        return None
    return record.user


def _here() -> str:
    query = request.query_string.decode("utf-8", "replace")
    return f"{request.path}?{query}" if query else request.path
