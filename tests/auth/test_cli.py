"""``sayso users create`` and ``sayso users set-password-link``."""

from __future__ import annotations

import logging

from sqlalchemy import select

from app.auth.models import AuditEvent, StaffUser, Team
from app.extensions import db
from tests.auth.conftest import PASSWORD, sign_in
from tests.pages import get


def create(runner, *args: str, stdin: str | None = None):
    return runner.invoke(args=["users", "create", *args], input=stdin)


def test_create_with_password_from_stdin_can_sign_in(runner, client):
    result = create(
        runner,
        "--email",
        "Lead@Example.org",
        "--role",
        "participation_lead",
        "--team",
        "Participation team",
        "--password-stdin",
        stdin=PASSWORD + "\n",
    )
    assert result.exit_code == 0, result.output
    assert "Created participation lead account" in result.output
    assert "set-password" not in result.output
    user = db.session.scalars(select(StaffUser)).one()
    assert (user.email, user.role, user.team.slug) == (
        "lead@example.org",
        "participation_lead",
        "participation-team",
    )
    assert sign_in(client, "lead@example.org").h1() == "Staff home"


def test_create_without_password_prints_a_one_time_link(app, runner, client):
    app.config["SAYSO_BASE_URL"] = "https://sayso.example.gov.uk"
    result = create(runner, "--email", "chair@example.org", "--role", "iro")
    assert result.exit_code == 0, result.output
    link = result.output.strip().splitlines()[-1]
    prefix = "https://sayso.example.gov.uk/staff/set-password/"
    assert link.startswith(prefix)
    page = get(client, link.removeprefix("https://sayso.example.gov.uk"))
    assert page.h1() == "Create a password"
    assert db.session.scalars(select(StaffUser)).one().team is None


def test_team_is_found_by_name_or_slug_and_created_once(runner):
    create(runner, "--email", "a@example.org", "--role", "iro", "--team", "IRO Service")
    create(runner, "--email", "b@example.org", "--role", "iro", "--team", "iro-service")
    create(runner, "--email", "c@example.org", "--role", "iro", "--team", "IRO Service")
    teams = db.session.scalars(select(Team)).all()
    assert [(t.name, t.slug) for t in teams] == [("IRO Service", "iro-service")]


def test_weak_password_from_stdin_creates_nothing(runner):
    result = create(
        runner,
        "--email",
        "a@example.org",
        "--role",
        "admin",
        "--password-stdin",
        stdin="password1234\n",
    )
    assert result.exit_code == 1
    assert "too easy to guess" in result.output
    assert db.session.scalars(select(StaffUser)).all() == []


def test_duplicate_email_and_bad_values_are_refused(runner):
    assert create(runner, "--email", "a@example.org", "--role", "admin").exit_code == 0
    duplicate = create(runner, "--email", "A@example.org", "--role", "iro")
    assert duplicate.exit_code == 1
    assert "already an account" in duplicate.output
    assert create(runner, "--email", "not-an-email", "--role", "iro").exit_code == 1
    assert create(runner, "--email", "b@example.org", "--role", "superuser").exit_code == 2


def test_account_creation_and_password_are_audited_without_the_email(runner):
    create(
        runner,
        "--email",
        "a@example.org",
        "--role",
        "admin",
        "--password-stdin",
        stdin=PASSWORD + "\n",
    )
    events = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
    assert [(e.action, e.actor_id, e.object_type) for e in events] == [
        ("account_created", None, "staff_user"),
        ("password_set", None, "staff_user"),
    ]
    assert events[0].details == {"role": "admin"}


def test_new_link_for_an_existing_account(runner, client):
    create(runner, "--email", "a@example.org", "--role", "admin")
    result = runner.invoke(args=["users", "set-password-link", "--email", "a@example.org"])
    assert result.exit_code == 0
    path = "/" + result.output.strip().split("/", 3)[3]
    assert get(client, path).h1() == "Create a password"
    missing = runner.invoke(args=["users", "set-password-link", "--email", "x@example.org"])
    assert missing.exit_code == 1


def test_cli_logs_no_password_token_or_email(runner, caplog):
    caplog.set_level(logging.DEBUG)
    create(
        runner,
        "--email",
        "a@example.org",
        "--role",
        "admin",
        "--password-stdin",
        stdin=PASSWORD + "\n",
    )
    result = create(runner, "--email", "b@example.org", "--role", "iro")
    token = result.output.strip().rsplit("/", 1)[1]
    assert "staff account created" in caplog.text
    for secret in (PASSWORD, token, "@example.org"):
        assert secret not in caplog.text
