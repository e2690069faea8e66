"""What the staff pages' browser tests share: a ``sayso`` command on the live database, a
page at a screen size, signing in, and the checks every page gets (axe-core, no sideways
scroll, optionally the keyboard)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from app.extensions import db
from tests.browser.axe import AxeLog, assert_accessible, assert_no_sideways_scroll
from tests.browser.keyboard import assert_keyboard_accessible
from tests.conftest import make_app

PASSWORD = "plum tractor velvet harbour"
LEAD = "plead@example.org"
# Each staff page is checked on a desktop screen and a 320 px phone.
SIZES = [pytest.param(1280, 800, id="desktop"), pytest.param(320, 640, id="phone")]


def run_cli(database_url: str, *args: str, stdin: str | None = None) -> str:
    """Run a ``sayso`` command against the live server's database; returns its output."""
    app = make_app(database_url)
    with app.app_context():
        result = app.test_cli_runner().invoke(args=list(args), input=stdin)
        db.session.remove()
        db.engine.dispose()
    assert result.exit_code == 0, result.output
    return result.output


def new_page(browser: Browser, width: int, height: int) -> Page:
    """A page in a fresh context (no cookies) at this screen size."""
    context = browser.new_context(viewport={"width": width, "height": height}, bypass_csp=True)
    return context.new_page()


def sign_in(page: Page, live_server: str, email: str) -> None:
    """Sign in as ``email`` (every test account has ``PASSWORD``), by the form."""
    page.goto(f"{live_server}/staff/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()


def signed_in_page(
    browser: Browser, live_server: str, width: int, height: int, email: str = LEAD
) -> Page:
    """A new page at this size, signed in as ``email``, on the staff home page."""
    page = new_page(browser, width, height)
    sign_in(page, live_server, email)
    expect(page.locator("h1")).to_have_text("Staff home")
    return page


def check(page: Page, axe_log: AxeLog, label: str) -> None:
    """axe-core at WCAG 2.2 AA, and no sideways scroll."""
    assert_accessible(page, axe_log, label)
    assert_no_sideways_scroll(page)


def check_with_keyboard(page: Page, axe_log: AxeLog, label: str) -> None:
    """``check``, and every control reached by Tab in order with a visible focus."""
    check(page, axe_log, label)
    assert_keyboard_accessible(page, label, axe_log)
