"""Staff can sign in and move around by keyboard alone, always seeing where focus is."""

from __future__ import annotations

from playwright.sync_api import Browser

FOCUS_VISIBLE = """() => { const el = document.activeElement; if (!el || el === document.body)
  return null; const s = getComputedStyle(el);
  return s.outlineStyle !== 'none' || s.boxShadow !== 'none' ||
         s.backgroundColor === 'rgb(255, 221, 0)'; }"""


def test_sign_in_and_staff_home_by_keyboard(browser: Browser, live_server: str, chair_and_lead):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(f"{live_server}/staff/sign-in")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "email":
            break
    assert page.evaluate(FOCUS_VISIBLE)
    page.keyboard.type("chair@example.org")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "password"
    page.keyboard.type("plum tractor velvet harbour")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/staff")
    visited = 0
    for _ in range(12):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_VISIBLE)
        if state is not None:
            visited += 1
            assert state, "focus is not visible"
    assert visited >= 3
    context.close()
