"""Signing in and out through the pages, on SQLite and PostgreSQL."""

from __future__ import annotations

import logging

from sqlalchemy import select

from app.auth import signin
from app.auth.models import StaffSession
from app.auth.tokens import hash_token
from app.extensions import db
from tests.auth.conftest import PASSWORD, make_staff, sign_in, sign_out, staff_token
from tests.pages import get

WRONG = "Enter a correct email address and password"


def test_sign_in_page_has_labelled_fields_with_autocomplete(client):
    page = get(client, "/staff/sign-in")
    assert page.h1() == "Sign in"
    email = page.select("input", name="email")[0]
    password = page.select("input", name="password")[0]
    assert email.get("autocomplete") == "username" and email.get("type") == "email"
    assert password.get("autocomplete") == "current-password"
    assert password.get("type") == "password"
    for field in (email, password):
        assert page.select("label", for_=field.get("id"))


def test_staff_sign_in_and_see_who_they_are(client):
    make_staff("Chair@Example.org", role="iro", team="IRO service")
    page = sign_in(client, "chair@example.org")
    assert page.response.request.path == "/staff"
    assert page.h1() == "Staff home"
    text = page.text()
    assert "chair@example.org" in text
    assert "Independent reviewing officer or conference chair" in text
    assert "IRO service" in text


def test_email_is_matched_whatever_its_case_and_spaces(client):
    make_staff("chair@example.org")
    page = sign_in(client, "  CHAIR@example.ORG ")
    assert page.h1() == "Staff home"


def test_wrong_password_is_refused_with_a_plain_message(client):
    make_staff("chair@example.org")
    page = sign_in(client, "chair@example.org", "not the right password")
    assert page.h1() == "Sign in"
    assert page.title.startswith("Error:")
    assert page.error_summary() == [WRONG]
    assert page.field_errors() == [WRONG]
    assert page.select("input", name="email")[0].get("value") == "chair@example.org"
    assert page.select("input", name="password")[0].get("value") in (None, "")
    assert staff_token(client) is None


def test_unknown_email_gets_the_same_message_and_the_same_work(client, monkeypatch):
    make_staff("chair@example.org")
    dummy_checks: list[str] = []
    real = signin.waste_time_like_verify
    monkeypatch.setattr(
        signin, "waste_time_like_verify", lambda pw: (dummy_checks.append("x"), real(pw))
    )
    known = sign_in(client, "chair@example.org", "not the right password")
    unknown = sign_in(client, "nobody@example.org", "not the right password")
    assert unknown.error_summary() == known.error_summary() == [WRONG]
    assert unknown.response.status_code == known.response.status_code
    assert dummy_checks == ["x"]


def test_account_waiting_for_its_password_cannot_sign_in(client):
    make_staff("new@example.org", password=None)
    page = sign_in(client, "new@example.org", "")
    assert page.error_summary() == ["Enter your password"]
    page = sign_in(client, "new@example.org", "anything at all here")
    assert page.error_summary() == [WRONG]


def test_empty_form_says_what_to_enter(client):
    page = get(client, "/staff/sign-in").form().submit(client, {"email": "", "password": ""})
    assert page.error_summary() == ["Enter your email address", "Enter your password"]


def test_sign_in_without_csrf_token_is_refused(client):
    make_staff("chair@example.org")
    response = client.post(
        "/staff/sign-in", data={"email": "chair@example.org", "password": PASSWORD}
    )
    assert response.status_code == 400
    assert staff_token(client) is None


def test_session_cookie_is_http_only_and_same_site(client):
    make_staff("chair@example.org")
    page = get(client, "/staff/sign-in")
    response = (
        page.form()
        .submit(client, {"email": "chair@example.org", "password": PASSWORD}, follow=False)
        .response
    )
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_each_sign_in_starts_a_new_session(client):
    make_staff("chair@example.org")
    # A token planted before sign-in (session fixation) must not become the session.
    with client.session_transaction() as session:
        session["staff_session"] = "planted-by-someone-else"
    sign_in(client, "chair@example.org")
    first = staff_token(client)
    assert first and first != "planted-by-someone-else"
    sign_out(client)
    sign_in(client, "chair@example.org")
    second = staff_token(client)
    assert second and second != first
    rows = db.session.scalars(select(StaffSession).order_by(StaffSession.id)).all()
    assert [row.revoked for row in rows] == [True, False]


def test_signed_in_person_skips_sign_in_and_a_get_cannot_sign_them_out(client):
    make_staff("chair@example.org")
    sign_in(client, "chair@example.org")
    first = staff_token(client)
    assert get(client, "/staff/sign-in").h1() == "Staff home"
    assert client.get("/staff/sign-out").status_code == 405
    assert staff_token(client) == first


def test_sign_out_ends_the_session_on_the_server(client, new_client):
    make_staff("chair@example.org")
    sign_in(client, "chair@example.org")
    copied = client.get_cookie("session")
    assert copied is not None
    page = sign_out(client)
    assert page.h1() == "Sign in"
    assert "You have signed out." in page.text()

    # Someone who copied the cookie before sign-out gets nowhere with it.
    thief = new_client()
    thief.set_cookie("session", copied.value)
    response = thief.get("/staff")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/staff/sign-in")


def test_sign_out_without_csrf_token_is_refused(client):
    make_staff("chair@example.org")
    sign_in(client, "chair@example.org")
    assert client.post("/staff/sign-out").status_code == 400
    assert get(client, "/staff").h1() == "Staff home"


def test_anonymous_visitor_is_sent_to_sign_in_and_brought_back(client):
    make_staff("admin@example.org", role="admin")
    response = client.get("/admin/users?page=2")
    assert response.status_code == 302
    assert response.headers["Location"] == "/staff/sign-in?next=/admin/users?page%3D2"
    page = get(client, response.headers["Location"])
    page = page.form().submit(client, {"email": "admin@example.org", "password": PASSWORD})
    assert page.response.request.path == "/admin/users"


def test_next_cannot_send_people_to_another_site(client):
    make_staff("chair@example.org")
    for target in ("//evil.example/x", "https://evil.example/", "/\\evil.example", "staff"):
        page = sign_in(client, "chair@example.org", next_path=target)
        assert page.response.request.path == "/staff", target
        assert page.response.request.host == "localhost"
        sign_out(client)


def test_session_token_is_stored_only_as_a_hash(client):
    make_staff("chair@example.org")
    sign_in(client, "chair@example.org")
    token = staff_token(client)
    row = db.session.scalars(select(StaffSession)).one()
    assert row.token_hash == hash_token(token) and row.token_hash != token
    assert len(token) >= 43  # 256 random bits


def test_no_password_or_email_is_ever_logged(client, caplog):
    caplog.set_level(logging.DEBUG)
    make_staff("chair@example.org")
    sign_in(client, "chair@example.org", "wrong horse battery")
    sign_in(client, "someone@example.org", "another wrong one")
    sign_in(client, "chair@example.org")
    sign_out(client)
    assert "signed in: staff_user=" in caplog.text
    assert "sign-in failed" in caplog.text
    for secret in (PASSWORD, "wrong horse battery", "another wrong one"):
        assert secret not in caplog.text
    assert "@example.org" not in caplog.text


def test_the_chosen_language_stays_through_signing_in_and_out(client):
    make_staff("chair@example.org")
    get(client, "/staff/sign-in?lang=cy")
    page = sign_in(client, "chair@example.org")
    assert page.response.request.path == "/staff"
    assert page.tree.get("lang") == "cy"
    assert page.h1() == "Hafan staff"
    page = sign_out(client)
    assert page.tree.get("lang") == "cy"
    assert staff_token(client) is None
