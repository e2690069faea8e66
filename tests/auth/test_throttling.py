"""Repeated failed sign-ins meet growing delays at the address they come from, never a lock
on the account: an attacker cannot keep a safeguarding lead out, nor learn which accounts
exist, and the account holder is told."""

from __future__ import annotations

from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default
from pathlib import Path

from flask import Flask
from sqlalchemy import select

from app.auth.models import AuditEvent
from app.auth.signin import delay_after
from app.extensions import db
from tests.auth.conftest import PASSWORD, make_staff, sign_in
from tests.ratelimit.conftest import client_at

WAIT = "There have been too many attempts to sign in."
LEAD = "lead@example.org"


def fail(client, email: str, times: int) -> list[str]:  # type: ignore[no-untyped-def]
    return [
        " ".join(sign_in(client, email, f"wrong guess {n}").error_summary()) for n in range(times)
    ]


def outbox(app: Flask) -> list[EmailMessage]:
    folder = Path(app.instance_path) / "mail"
    paths = sorted(folder.glob("*.eml")) if folder.exists() else []
    return [message_from_bytes(p.read_bytes(), policy=default) for p in paths]  # type: ignore[misc]


def test_delays_grow_with_each_failure_and_are_capped() -> None:
    waits = [delay_after(n).total_seconds() for n in range(1, 15)]
    assert waits[:2] == [0, 0]
    assert waits[2:6] == [5, 10, 20, 40]
    assert waits == sorted(waits)
    assert max(waits) == 15 * 60


def test_failures_from_one_address_make_it_wait_longer_each_time(app, time_machine):
    make_staff("chair@example.org")
    client = client_at(app, "203.0.113.9")
    messages = fail(client, "chair@example.org", 3)
    assert all(WAIT not in m for m in messages)

    page = sign_in(client, "chair@example.org", PASSWORD)
    assert page.h1() == "Sign in"
    assert "Wait 5 seconds, then try again." in page.text()

    time_machine.advance(seconds=6)
    assert WAIT not in fail(client, "chair@example.org", 1)[0]  # the 4th failure
    assert "Wait 10 seconds" in fail(client, "chair@example.org", 1)[0]
    time_machine.advance(seconds=11)
    assert sign_in(client, "chair@example.org", PASSWORD).h1() == "Staff home"


def test_an_attacker_elsewhere_cannot_keep_a_safeguarding_lead_out(app, time_machine):
    make_staff(LEAD, role="safeguarding_lead")
    for round_ in range(3):  # a quarter of an hour of attack from 12 addresses
        for number in range(12):
            fail(client_at(app, f"198.51.100.{number + 1}"), LEAD, 1)
        lead = client_at(app, "192.0.2.44")
        assert sign_in(lead, LEAD, PASSWORD).h1() == "Staff home", f"round {round_}"
        time_machine.advance(minutes=5)


def test_the_refusal_is_the_same_whether_or_not_the_account_exists(app, time_machine):
    make_staff("chair@example.org")
    client = client_at(app, "203.0.113.9")
    real = fail(client, "chair@example.org", 5)
    unknown = fail(client, "nobody@example.org", 5)
    assert real == unknown
    assert WAIT in real[-1]
    assert [WAIT in m for m in real] == [False, False, False, True, True]


def test_the_account_holder_is_told_once_about_many_failures(app, time_machine):
    user = make_staff(LEAD, role="safeguarding_lead")
    for number in range(14):
        fail(client_at(app, f"198.51.100.{number + 1}"), LEAD, 1)
    emails = outbox(app)
    assert len(emails) == 1
    assert emails[0]["To"] == LEAD
    body = " ".join(emails[0].get_content().split())
    assert "unsuccessful attempts to sign in" in body
    assert "Your account has not been locked" in body
    actions = db.session.scalars(
        select(AuditEvent.action).where(AuditEvent.object_id == str(user.id))
    ).all()
    assert actions.count("sign_in_warning_sent") == 1

    time_machine.advance(days=1, minutes=1)
    for number in range(10):
        fail(client_at(app, f"198.51.100.{number + 1}"), LEAD, 1)
    assert len(outbox(app)) == 2


def test_a_few_failures_tell_nobody(app):
    make_staff(LEAD)
    fail(client_at(app, "198.51.100.1"), LEAD, 2)
    assert outbox(app) == []
