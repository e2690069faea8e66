"""Staff can sign in and move around by keyboard alone, always seeing where focus is."""

from __future__ import annotations

from playwright.sync_api import Browser

from tests.browser.axe import AxeLog
from tests.browser.keyboard import assert_keyboard_accessible


def test_sign_in_and_staff_home_by_keyboard(
    browser: Browser, live_server: str, chair_and_lead, axe_log: AxeLog
):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(f"{live_server}/staff/sign-in")
    assert_keyboard_accessible(page, "/staff/sign-in @1280px", axe_log)
    page.reload()
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "email":
            break
    page.keyboard.type("chair@example.org")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "password"
    page.keyboard.type("plum tractor velvet harbour")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/staff")
    assert assert_keyboard_accessible(page, "/staff (an IRO) @1280px", axe_log) >= 3
    context.close()
