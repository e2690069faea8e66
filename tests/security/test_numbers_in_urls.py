"""Numbers in URLs that no record can have (too large for the database, or digits other
than 0-9) are a friendly 404, never a server error: in routes and in query strings."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from hypothesis import given
from hypothesis import strategies as st

from app.extensions import db
from app.numbers import LARGEST_ID, parse_number
from tests.api.conftest import SURVEY, bearer, token_for, two_teams
from tests.auth.conftest import make_staff, sign_in
from tests.security.conftest import assert_friendly
from tests.security.test_fuzz_routes import FUZZ

HUGE = "99999999999999999999"
# Digits Python's int() accepts or isdigit() says yes to, none of them 0-9.
NOT_ASCII = ["²", "١٢", "۳", "１２", "৪২", "߁", "𝟗"]

large_numbers = st.integers(min_value=LARGEST_ID + 1, max_value=10**40).map(str)
unicode_digits = st.text(
    st.characters(categories=["Nd", "No"], exclude_characters="0123456789"), min_size=1, max_size=6
)
unusable = st.one_of(large_numbers, unicode_digits, st.sampled_from([HUGE, *NOT_ASCII]))


def id_rules(app: Flask) -> list[tuple[str, str]]:
    """(rule, method) for every route with an id in its path."""
    found = []
    for rule in app.url_map.iter_rules():
        if "<int:" in rule.rule:
            method = "GET" if "GET" in (rule.methods or ()) else "POST"
            found.append((rule.rule, method))
    return sorted(found)


def with_number(rule: str, number: str) -> str:
    return re.sub(r"<int:\w+>", number, rule)


def test_parse_number_takes_ascii_digits_in_range_only() -> None:
    assert parse_number("42") == 42
    assert parse_number(str(LARGEST_ID)) == LARGEST_ID
    for text in (HUGE, str(LARGEST_ID + 1), "-1", "", " 4", "4.0", *NOT_ASCII):
        assert parse_number(text) is None, text


@pytest.fixture
def admin_browser(sqlite_app: Flask):  # type: ignore[no-untyped-def]
    make_staff("admin@example.org", "admin", team=None)
    browser = sqlite_app.test_client()
    sign_in(browser, "admin@example.org")
    return browser


@FUZZ
@given(number=unusable)
def test_an_id_no_record_can_have_is_page_not_found_on_every_route(
    sqlite_app, admin_browser, number
):
    for rule, method in id_rules(sqlite_app):
        url = with_number(rule, number)
        response = admin_browser.open(url, method=method)
        assert response.status_code == 404, (method, url, response.status_code)
        assert_friendly(response, (method, url))


def test_a_meeting_number_too_large_for_the_database_is_page_not_found(sqlite_app):
    make_staff("iro@example.org", "iro")
    browser = sqlite_app.test_client()
    sign_in(browser, "iro@example.org")
    for number in (HUGE, "١٢", "²"):
        response = browser.get(f"/staff/meetings/{number}")
        assert response.status_code == 404
        assert "Page not found" in response.get_data(as_text=True)


def test_a_page_number_too_large_is_page_not_found(app, every_type):
    make_staff("lead@example.org", "participation_lead", team=None)
    browser = app.test_client()
    sign_in(browser, "lead@example.org")
    themes = "/reports/every-type/2026-Q3/themes/safety"
    assert browser.get(f"{themes}?page=2").status_code == 200
    for page in (HUGE, "0", "²", "-3", "two"):
        response = browser.get(f"{themes}?page={page}")
        assert response.status_code == 404, page
        assert_friendly(response, page)


def test_an_audit_log_page_link_sayso_never_made_is_page_not_found(app, admin_browser_any_db):
    browser = admin_browser_any_db
    assert browser.get("/admin/audit").status_code == 200
    for cursor in (f"20260101T000000000000-{HUGE}", "20260101T000000000000-١٢", "yesterday"):
        for name in ("older_than", "newer_than"):
            response = browser.get(f"/admin/audit?{name}={cursor}")
            assert response.status_code == 404, (name, cursor)
            assert_friendly(response, cursor)


@pytest.fixture
def admin_browser_any_db(app: Flask):  # type: ignore[no-untyped-def]
    make_staff("admin@example.org", "admin", team=None)
    browser = app.test_client()
    sign_in(browser, "admin@example.org")
    return browser


def test_a_team_number_no_team_can_have_is_a_json_404_on_the_api(client):
    two_teams()
    headers = bearer(token_for(role="admin"))
    url = f"/api/v1/reports/{SURVEY}/2026-Q3"
    for team in ("²", "١٢", HUGE):
        response = client.get(f"{url}?team={team}", headers=headers)
        assert response.status_code == 404, team
        assert response.get_json()["error"]["code"] == "unknown_team"
    assert client.get(f"{url}?team=north", headers=headers).status_code == 400
    db.session.rollback()
