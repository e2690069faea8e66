"""Ten wrong passwords in 15 minutes pause an account's sign-in for 15 minutes."""

from __future__ import annotations

from sqlalchemy import select

from app.auth.models import AuditEvent
from app.extensions import db
from tests.auth.conftest import PASSWORD, make_staff, sign_in

THROTTLED = "There have been too many attempts to sign in to this account"


def fail(client, times: int) -> list[str]:
    return [
        " ".join(sign_in(client, "chair@example.org", f"wrong guess {n}").error_summary())
        for n in range(times)
    ]


def test_tenth_failure_throttles_even_the_right_password_until_time_passes(client, time_machine):
    user = make_staff("chair@example.org")
    messages = fail(client, 10)
    assert all(THROTTLED not in m for m in messages[:9])
    assert THROTTLED in messages[9]

    page = sign_in(client, "chair@example.org", PASSWORD)
    assert page.h1() == "Sign in"
    assert THROTTLED in " ".join(page.error_summary())
    assert "Wait 15 minutes" in page.text()

    time_machine.advance(minutes=14)
    assert sign_in(client, "chair@example.org", PASSWORD).h1() == "Sign in"

    time_machine.advance(minutes=1, seconds=1)
    assert sign_in(client, "chair@example.org", PASSWORD).h1() == "Staff home"

    actions = db.session.scalars(
        select(AuditEvent.action).where(AuditEvent.object_id == str(user.id))
    ).all()
    assert actions.count("sign_in_failed") == 10
    assert actions.count("account_throttled") == 1
    assert actions.count("sign_in_throttled") == 2
    assert actions[-1] == "sign_in"


def test_failures_spread_over_more_than_15_minutes_do_not_throttle(client, time_machine):
    make_staff("chair@example.org")
    fail(client, 9)
    time_machine.advance(minutes=16)
    messages = fail(client, 9)
    assert all(THROTTLED not in m for m in messages)
    assert sign_in(client, "chair@example.org").h1() == "Staff home"


def test_throttling_one_account_leaves_others_alone(client, new_client, time_machine):
    make_staff("chair@example.org")
    make_staff("lead@example.org", role="participation_lead")
    fail(client, 10)
    assert sign_in(new_client(), "lead@example.org").h1() == "Staff home"
