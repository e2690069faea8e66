"""One-time links to choose a password: single use, 72 hours, hash-only storage."""

from __future__ import annotations

from sqlalchemy import select

from app.auth.accounts import issue_set_password_link
from app.auth.models import SetPasswordToken, StaffUser
from app.auth.tokens import hash_token
from app.extensions import db
from tests.auth.conftest import make_staff, sign_in
from tests.pages import get

NEW_PASSWORD = "seven orange lanterns drifting"


def new_link(email: str = "new@example.org") -> str:
    user = make_staff(email, password=None)
    token = issue_set_password_link(db.session, user)
    db.session.commit()
    return f"/staff/set-password/{token}"


def choose(client, link: str, password: str, confirm: str | None = None):
    page = get(client, link)
    return page.form().submit(
        client, {"password": password, "confirm": password if confirm is None else confirm}
    )


def test_set_password_page_asks_for_a_new_password_twice(client):
    page = get(client, new_link())
    assert page.h1() == "Create a password"
    assert "new@example.org" in page.text()
    fields = [page.select("input", name=name)[0] for name in ("password", "confirm")]
    assert [f.get("autocomplete") for f in fields] == ["new-password", "new-password"]
    for field in fields:
        assert page.select("label", for_=field.get("id"))


def test_password_set_through_the_link_signs_in(client):
    link = new_link()
    page = choose(client, link, NEW_PASSWORD)
    assert page.h1() == "Sign in"
    assert "Your password has been set" in page.text()
    assert sign_in(client, "new@example.org", NEW_PASSWORD).h1() == "Staff home"


def test_link_works_only_once(client):
    link = new_link()
    choose(client, link, NEW_PASSWORD)
    page = get(client, link, status=410)
    assert page.h1() == "This link has already been used"
    assert "Ask an administrator to send you a new link" in page.text()
    response = client.post(link, data={"password": "x", "confirm": "x"})
    assert response.status_code in (400, 410)


def test_link_expires_after_72_hours(client, time_machine):
    link = new_link()
    time_machine.advance(hours=71, minutes=59)
    assert get(client, link).h1() == "Create a password"
    time_machine.advance(minutes=2)
    page = get(client, link, status=410)
    assert page.h1() == "This link has expired"
    assert "Ask an administrator" in page.text()


def test_unknown_link_is_a_kind_404(client):
    page = get(client, "/staff/set-password/not-a-real-token", status=404)
    assert page.h1() == "This link does not work"
    assert "Ask an administrator" in page.text()


def test_new_link_replaces_an_unused_earlier_one(client):
    first = new_link()
    user = db.session.scalars(select(StaffUser)).one()
    second = f"/staff/set-password/{issue_set_password_link(db.session, user)}"
    db.session.commit()
    get(client, first, status=404)
    assert get(client, second).h1() == "Create a password"


def test_weak_or_mismatched_passwords_are_explained(client):
    link = new_link()
    page = choose(client, link, "too short")
    assert page.error_summary() == ["Password must be 12 characters or more"]
    page = choose(client, link, "password1234")
    assert "too easy to guess" in page.error_summary()[0]
    page = choose(client, link, NEW_PASSWORD, confirm="something else entirely")
    assert page.error_summary() == ["Enter the same password in both boxes"]
    page = choose(client, link, "new@example.org")
    assert page.error_summary() == ["Password must not be your email address"]
    assert get(client, link).h1() == "Create a password"  # still usable


def test_only_hashes_of_the_token_and_password_are_stored(client):
    link = new_link()
    token = link.rsplit("/", 1)[1]
    assert len(token) >= 22  # at least 128 random bits, URL-safe
    row = db.session.scalars(select(SetPasswordToken)).one()
    assert row.token_hash == hash_token(token) and token not in row.token_hash
    choose(client, link, NEW_PASSWORD)
    user = db.session.scalars(select(StaffUser)).one()
    assert user.password_hash.startswith("$argon2id$")
    assert NEW_PASSWORD not in user.password_hash


def test_setting_a_password_signs_out_other_sessions(client, new_client):
    make_staff("chair@example.org")
    sign_in(client, "chair@example.org")
    user = db.session.scalars(select(StaffUser)).one()
    token = issue_set_password_link(db.session, user)
    db.session.commit()
    choose(new_client(), f"/staff/set-password/{token}", NEW_PASSWORD)
    assert client.get("/staff").status_code == 302
