"""An administrator reads and filters the audit trail in real Chromium: axe, 320 px, keyboard."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.axe import AxeLog, assert_accessible, assert_no_sideways_scroll
from tests.browser.keyboard import assert_keyboard_accessible
from tests.browser.test_staff_pages import run_cli

AUDITOR = "auditor@example.org"
PASSWORD = "plum tractor velvet harbour"
SIZES = [pytest.param(1280, 800, id="desktop"), pytest.param(320, 640, id="phone")]


@pytest.fixture(scope="module")
def auditor(live_server: str, live_database_url: str) -> str:
    run_cli(
        live_database_url,
        *("users", "create", "--email", AUDITOR, "--role", "admin", "--password-stdin"),
        stdin=PASSWORD + "\n",
    )
    return AUDITOR


def check(page: Page, axe_log: AxeLog, label: str) -> None:
    assert_accessible(page, axe_log, label)
    assert_no_sideways_scroll(page)
    assert_keyboard_accessible(page, label, axe_log)


def press_tab_until(page: Page, element_id: str, limit: int = 80) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == element_id:
            return
    raise AssertionError(f"Tab never reached #{element_id}")


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_audit_trail_is_accessible_and_filtered_by_keyboard(
    browser: Browser,
    live_server: str,
    auditor: str,
    axe_log: AxeLog,
    width: int,
    height: int,
):
    context = browser.new_context(viewport={"width": width, "height": height}, bypass_csp=True)
    page = context.new_page()
    size = f"@{width}px"
    page.goto(f"{live_server}/staff/sign-in")
    page.get_by_label("Email address").fill(auditor)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="(audit trail)").click()
    expect(page.locator("h1")).to_have_text("Audit trail")
    expect(page.locator("tbody tr").first).to_contain_text("Signed in")
    check(page, axe_log, f"/admin/audit {size}")

    # By keyboard alone: choose "Signed in", type an impossible date, send the form.
    press_tab_until(page, "action")
    page.keyboard.type("Signed in")
    press_tab_until(page, "date_from-day")
    page.keyboard.type("31")
    page.keyboard.press("Tab")
    page.keyboard.type("2")
    page.keyboard.press("Tab")
    page.keyboard.type("2026")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter a real date, like 27 3 2025"
    )
    expect(page.locator("#action")).to_have_value("sign_in")
    check(page, axe_log, f"/admin/audit (error) {size}")

    page.get_by_role("link", name="Clear filters").click()
    page.locator("#action").select_option("sign_in")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator("tbody tr").first).to_contain_text(auditor)
    assert "action=sign_in" in page.url
    context.close()
