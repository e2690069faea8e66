"""The quotes page in real Chromium: a participation lead approves a quote with words
taken out, is told plainly when they take out every word, and rejects one; axe at desktop
and phone widths, no sideways scroll, right to left, by keyboard and without JavaScript."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from app import languages
from app.languages import KNOWN
from tests.browser.axe import AxeLog
from tests.browser.keyboard import assert_keyboard_accessible
from tests.browser.staff import SIZES, check, signed_in_page

REPORT = "/reports/every-type/2026-Q3"
QUOTES = f"{REPORT}/themes/safety/quotes"


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_approving_a_quote_with_words_taken_out(
    browser: Browser,
    live_server: str,
    coding_comments: None,
    axe_log: AxeLog,
    width,
    height,
):
    page = signed_in_page(browser, live_server, width, height)
    size = f"@{width}px"
    page.goto(f"{live_server}{REPORT}")
    page.get_by_role("link", name="Choose quotes for “Feeling safe”").first.click()
    expect(page.locator("h1")).to_have_text("Quotes: Feeling safe")
    expect(page.locator("main")).to_contain_text("your own team, North, only")
    check(page, axe_log, f"{QUOTES} {size}")

    waiting = page.locator("main section", has_text="Waiting for approval").first
    boxes = waiting.locator("input[type=checkbox]")
    for index in range(boxes.count()):
        boxes.nth(index).check()
    waiting.get_by_role("button", name="Approve").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Leave some words in the quote")
    check(page, axe_log, f"{QUOTES} (error) {size}")

    waiting = page.locator("main section", has_text="Waiting for approval").first
    ticked = waiting.locator("input[type=checkbox]:checked")
    while ticked.count():
        ticked.first.uncheck()
    waiting.locator("input[type=checkbox]").last.check()
    waiting.get_by_role("button", name="Approve").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Approved.")
    approved = page.locator("main section", has_text="Approved").first
    expect(approved.locator("mark.sayso-removed")).to_contain_text("removed by a lead")
    check(page, axe_log, f"{QUOTES} (approved) {size}")

    page.goto(f"{live_server}{REPORT}")
    expect(page.locator(".sayso-quote-figure").first).to_contain_text("[removed]")
    page.context.close()


def test_rejecting_a_quote_by_keyboard(
    browser: Browser,
    live_server: str,
    coding_comments: None,
    axe_log: AxeLog,
):
    page = signed_in_page(browser, live_server, 1280, 800)
    page.goto(f"{live_server}{QUOTES}")
    assert assert_keyboard_accessible(page, f"{QUOTES} @1280px", axe_log) > 10
    waiting = page.locator("main section", has_text="Waiting for approval").first
    waiting.get_by_role("button", name="Reject").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Rejected.")
    page.context.close()


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_quotes_page_reads_right_to_left(
    browser: Browser,
    live_server: str,
    coding_comments: None,
    axe_log: AxeLog,
    width,
    height,
    monkeypatch: pytest.MonkeyPatch,
):
    monkeypatch.setattr(languages, "available_languages", lambda: [KNOWN["en"], KNOWN["ar"]])
    page = signed_in_page(browser, live_server, width, height)
    page.goto(f"{live_server}{QUOTES}?lang=ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("h1")).to_contain_text("اقتباسات")
    check(page, axe_log, f"{QUOTES} (ar) @{width}px")
    page.goto(f"{live_server}/reports?lang=en")
    page.context.close()


def test_approving_works_without_javascript(
    browser: Browser,
    live_server: str,
    coding_comments: None,
):
    page = signed_in_page(browser, live_server, 1280, 800)
    quiet = browser.new_context(java_script_enabled=False, bypass_csp=True)
    quiet.add_cookies(page.context.cookies())
    plain = quiet.new_page()
    plain.goto(f"{live_server}{QUOTES}")
    waiting = plain.locator("main section", has_text="Waiting for approval").first
    waiting.locator("input[type=checkbox]").first.check()
    waiting.get_by_role("button", name="Approve").click()
    expect(plain.locator(".govuk-notification-banner")).to_contain_text("Approved.")
    quiet.close()
    page.context.close()
