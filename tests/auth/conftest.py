"""Factories and fixtures for the staff account tests."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from urllib.parse import quote

import pytest
from flask.testing import FlaskClient

from app import clock
from app.auth.accounts import create_account
from app.auth.models import StaffUser
from app.auth.passwords import hash_password
from app.extensions import db
from tests.pages import Page, get

PASSWORD = "plum tractor velvet harbour"


def make_staff(
    email: str = "chair@example.org",
    role: str = "iro",
    password: str | None = PASSWORD,
    team: str | None = "IRO service",
) -> StaffUser:
    """A committed account; ``password=None`` leaves it waiting for its set-password link."""
    user = create_account(db.session, email, role, team)
    if password is not None:
        user.password_hash = hash_password(password)
    db.session.commit()
    return user


def sign_in(
    client: FlaskClient, email: str, password: str = PASSWORD, next_path: str | None = None
) -> Page:
    """Fill in and send the sign-in form; returns the page it leads to."""
    path = "/staff/sign-in" + (f"?next={quote(next_path, safe='')}" if next_path else "")
    page = get(client, path)
    return page.form().submit(client, {"email": email, "password": password})


def sign_out(client: FlaskClient) -> Page:
    """Press the sign-out button every staff page shows."""
    page = get(client, "/staff")
    actions = [form.get("action") for form in page.select("form")]
    return page.form(actions.index("/staff/sign-out")).submit(client)


def staff_token(client: FlaskClient) -> str | None:
    """The session token this browser's signed cookie carries."""
    with client.session_transaction() as session:
        return session.get("staff_session")


@dataclass
class Clock:
    """The time as the app sees it; ``advance`` moves it on."""

    now: datetime = field(default_factory=lambda: datetime(2026, 11, 23, 9, 0, 0))

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def time_machine(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(clock, "utcnow", lambda: fake.now)
    return fake


@pytest.fixture
def new_client(app) -> Callable[[], FlaskClient]:  # type: ignore[no-untyped-def]
    """A second (third, ...) browser on the same app."""
    return app.test_client
