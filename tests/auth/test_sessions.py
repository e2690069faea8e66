"""Staff sessions end after 30 idle minutes and after 12 hours whatever happens."""

from __future__ import annotations

from sqlalchemy import select

from app.auth.accounts import deactivate_account
from app.auth.models import StaffSession
from app.config import load_settings
from app.extensions import db
from tests.auth.conftest import make_staff, sign_in
from tests.pages import get


def assert_signed_out(client) -> None:
    response = client.get("/staff")
    assert response.status_code == 302
    assert response.headers["Location"] == "/staff/sign-in?next=/staff"
    page = get(client, response.headers["Location"])
    assert "You have been signed out to keep your account safe" in page.text()


def test_session_survives_activity_but_ends_after_30_idle_minutes(client, time_machine):
    make_staff("chair@example.org")
    sign_in(client, "chair@example.org")
    time_machine.advance(minutes=29)
    assert get(client, "/staff").h1() == "Staff home"
    time_machine.advance(minutes=29)  # counted from the last page, not from sign-in
    assert get(client, "/staff").h1() == "Staff home"
    time_machine.advance(minutes=30, seconds=1)
    assert_signed_out(client)
    assert db.session.scalars(select(StaffSession)).one().revoked


def test_session_ends_after_12_hours_even_when_busy(client, time_machine):
    make_staff("chair@example.org")
    sign_in(client, "chair@example.org")
    for _ in range(12 * 3):
        time_machine.advance(minutes=20)
        assert get(client, "/staff").h1() == "Staff home"
    time_machine.advance(minutes=1)
    assert_signed_out(client)


def test_time_limits_come_from_settings(app, client, time_machine):
    app.config["SAYSO_STAFF_IDLE_MINUTES"] = 5
    make_staff("chair@example.org")
    sign_in(client, "chair@example.org")
    time_machine.advance(minutes=6)
    assert_signed_out(client)


def test_deactivated_account_is_signed_out_at_once(client):
    user = make_staff("chair@example.org")
    sign_in(client, "chair@example.org")
    deactivate_account(db.session, user, actor_id=None)
    db.session.commit()
    assert_signed_out(client)


def test_cookie_is_secure_in_production_and_limits_have_defaults(tmp_path):
    production = load_settings(
        {"SAYSO_ENV": "production", "SAYSO_SECRET_KEY": "k" * 40}, instance_path=str(tmp_path)
    )
    assert production["SESSION_COOKIE_SECURE"] is True
    assert production["SESSION_COOKIE_HTTPONLY"] is True
    assert production["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert (production["SAYSO_STAFF_IDLE_MINUTES"], production["SAYSO_STAFF_MAX_HOURS"]) == (30, 12)
    custom = load_settings(
        {"SAYSO_STAFF_IDLE_MINUTES": "10", "SAYSO_STAFF_MAX_HOURS": "8"},
        instance_path=str(tmp_path),
    )
    assert (custom["SAYSO_STAFF_IDLE_MINUTES"], custom["SAYSO_STAFF_MAX_HOURS"]) == (10, 8)
