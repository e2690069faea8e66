"""An administrator reads and filters the audit trail in real Chromium: axe, 320 px, keyboard."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.axe import AxeLog
from tests.browser.staff import PASSWORD, SIZES, check_with_keyboard, new_page, run_cli, sign_in

AUDITOR = "auditor@example.org"


@pytest.fixture(scope="module")
def auditor(live_server: str, live_database_url: str) -> str:
    run_cli(
        live_database_url,
        *("users", "create", "--email", AUDITOR, "--role", "admin", "--password-stdin"),
        stdin=PASSWORD + "\n",
    )
    return AUDITOR


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
    page = new_page(browser, width, height)
    size = f"@{width}px"
    sign_in(page, live_server, auditor)
    page.get_by_role("link", name="(audit trail)").click()
    expect(page.locator("h1")).to_have_text("Audit trail")
    expect(page.locator("tbody tr").first).to_contain_text("Signed in")
    check_with_keyboard(page, axe_log, f"/admin/audit {size}")

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
    check_with_keyboard(page, axe_log, f"/admin/audit (error) {size}")

    page.get_by_role("link", name="Clear filters").click()
    page.locator("#action").select_option("sign_in")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator("tbody tr").first).to_contain_text(auditor)
    assert "action=sign_in" in page.url
    page.context.close()
