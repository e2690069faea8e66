"""Sign-in and set-password links refuse a guesser with a plain page, and nobody else."""

from __future__ import annotations

import logging

from app.auth.accounts import issue_set_password_link
from app.extensions import db
from tests.auth.conftest import PASSWORD, make_staff, sign_in
from tests.pages import get, parse
from tests.ratelimit.conftest import MakeApp, client_at

WRONG = "not the right password"
OFFICE, ELSEWHERE, HOME = "198.51.100.10", "203.0.113.20", "192.0.2.30"


def test_sign_in_refuses_an_address_after_too_many_failures_but_not_another(limited_app):
    app = limited_app(SAYSO_RATE_LIMIT_SIGN_IN="3 per minute")
    make_staff("chair@example.org")
    guesser = client_at(app, OFFICE)
    for name in ("ann", "bob", "cat"):  # one guess at each of many accounts
        assert sign_in(guesser, f"{name}@example.org", WRONG).status == 200

    refused = sign_in(guesser, "chair@example.org", PASSWORD)
    assert refused.status == 429
    assert refused.h1() == "Too many tries"
    assert "Wait a minute, then try again." in refused.text()
    assert 1 <= int(refused.response.headers["Retry-After"]) <= 60
    assert refused.link("Try again") == "/staff/sign-in"

    assert sign_in(client_at(app, ELSEWHERE), "chair@example.org").h1() == "Staff home"


def test_colleagues_signing_in_from_one_office_do_not_use_up_its_allowance(limited_app):
    app = limited_app(SAYSO_RATE_LIMIT_SIGN_IN="3 per minute")
    for number in range(5):
        make_staff(f"iro{number}@example.org")
        assert sign_in(client_at(app, OFFICE), f"iro{number}@example.org").h1() == "Staff home"
    for _ in range(3):
        assert sign_in(client_at(app, OFFICE), "iro0@example.org", WRONG).status == 200
    assert sign_in(client_at(app, OFFICE), "iro1@example.org").status == 429


def test_guesses_from_many_addresses_never_lock_the_account_holder_out(limited_app):
    app = limited_app(SAYSO_RATE_LIMIT_SIGN_IN="3 per minute")
    make_staff("chair@example.org")
    for number in range(6):
        sign_in(client_at(app, f"203.0.113.{number + 1}"), "chair@example.org", WRONG)

    assert sign_in(client_at(app, HOME), " CHAIR@example.org", PASSWORD).h1() == "Staff home"


def test_the_refusal_is_logged_without_the_email_or_the_address(limited_app, caplog):
    app = limited_app(SAYSO_RATE_LIMIT_SIGN_IN="1 per minute")
    caplog.set_level(logging.DEBUG)
    for _ in range(2):
        page = sign_in(client_at(app, OFFICE), "secret.person@example.org", WRONG)
    assert page.status == 429
    lines = [record.getMessage() for record in caplog.records]
    assert "rate limit hit: endpoint=auth.sign_in limit=1 per 1 minute" in lines
    assert not [line for line in lines if "secret.person" in line or OFFICE in line]


def test_refusal_page_is_in_the_visitors_language(limited_app, monkeypatch):
    from app.languages import KNOWN

    monkeypatch.setattr("app.languages.available_languages", lambda: [KNOWN["en"], KNOWN["cy"]])
    app = limited_app(SAYSO_RATE_LIMIT_SIGN_IN="1 per minute")
    client = client_at(app, OFFICE)
    form = {"email": "chair@example.org", "password": WRONG}
    page = get(client, "/staff/sign-in")
    token = page.form().values("csrf_token")[0]
    for _ in range(2):
        response = client.post(
            "/staff/sign-in", data=form | {"csrf_token": token}, headers={"Accept-Language": "cy"}
        )
    refused = parse(response)
    assert refused.status == 429
    assert refused.tree.get("lang") == "cy"
    assert refused.h1() == "Gormod o ymdrechion"


def test_guessing_set_password_links_is_refused_but_the_owner_elsewhere_gets_in(
    limited_app: MakeApp,
) -> None:
    app = limited_app(SAYSO_RATE_LIMIT_SIGN_IN="2 per minute")
    user = make_staff("new@example.org", password=None)
    link = f"/staff/set-password/{issue_set_password_link(db.session, user)}"
    db.session.commit()
    guesser = client_at(app, OFFICE)
    for number in range(2):
        get(guesser, f"/staff/set-password/guessed-token-{number:04d}", status=404)

    assert get(guesser, link, status=429).h1() == "Too many tries"
    assert get(client_at(app, HOME), link).h1() == "Create a password"
