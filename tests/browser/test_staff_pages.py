"""A member of staff signs in through real Chromium; staff pages pass axe and the keyboard
walk (every control reached by Tab with a visible focus) on desktop and phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.axe import AxeLog
from tests.browser.staff import PASSWORD, SIZES, check_with_keyboard, new_page, run_cli

ADMIN = "admin@example.org"
NEWCOMER = "newcomer@example.org"


@pytest.fixture(scope="session")
def staff_accounts(live_server: str, live_database_url: str) -> str:
    """An administrator with a password, and a newcomer with a set-password link (returned)."""
    run_cli(
        live_database_url,
        *("users", "create", "--email", ADMIN, "--role", "admin", "--team", "Quality"),
        "--password-stdin",
        stdin=PASSWORD + "\n",
    )
    output = run_cli(live_database_url, "users", "create", "--email", NEWCOMER, "--role", "iro")
    return "/staff/set-password/" + output.strip().rsplit("/", 1)[1]


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_staff_sign_in_home_and_accounts_pages_are_accessible(
    browser: Browser,
    live_server: str,
    staff_accounts: str,
    axe_log: AxeLog,
    width: int,
    height: int,
):
    page = new_page(browser, width, height)
    size = f"@{width}px"

    page.goto(f"{live_server}/staff/sign-in")
    check_with_keyboard(page, axe_log, f"/staff/sign-in {size}")
    page.get_by_label("Email address").fill(ADMIN)
    page.get_by_label("Password", exact=True).fill("not the right password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter a correct email address and password"
    )
    check_with_keyboard(page, axe_log, f"/staff/sign-in (error) {size}")

    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("h1")).to_have_text("Staff home")
    check_with_keyboard(page, axe_log, f"/staff {size}")

    page.get_by_role("link", name="Manage staff accounts").click()
    expect(page.locator("h1")).to_have_text("Staff accounts")
    check_with_keyboard(page, axe_log, f"/admin/users {size}")

    page.get_by_role("link", name=f"Deactivate ({NEWCOMER})").click()
    expect(page.locator("h1")).to_have_text(f"Deactivate {NEWCOMER}?")
    check_with_keyboard(page, axe_log, f"/admin/users/<id>/deactivate {size}")

    page.goto(f"{live_server}/admin/languages")
    expect(page.locator("h1")).to_have_text("Languages")
    check_with_keyboard(page, axe_log, f"/admin/languages {size}")

    page.get_by_role("button", name="Sign out").click()
    expect(page.locator("h1")).to_have_text("Sign in")
    page.goto(f"{live_server}/admin/users")
    expect(page.locator("h1")).to_have_text("Sign in")
    page.context.close()


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_set_password_page_is_accessible(
    browser: Browser,
    live_server: str,
    staff_accounts: str,
    axe_log: AxeLog,
    width: int,
    height: int,
):
    page = new_page(browser, width, height)
    page.goto(f"{live_server}{staff_accounts}")
    expect(page.locator("h1")).to_have_text("Create a password")
    check_with_keyboard(page, axe_log, f"/staff/set-password @{width}px")
    page.get_by_label("Create a password").fill("too short")
    page.get_by_role("button", name="Save password").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("12 characters or more")
    check_with_keyboard(page, axe_log, f"/staff/set-password (error) @{width}px")
    page.context.close()
