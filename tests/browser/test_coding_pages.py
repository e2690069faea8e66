"""Assisted coding pages in real Chromium: axe at desktop and phone widths, no sideways
scroll, right to left, and every control reached and seen by keyboard."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, expect

from app import languages
from app.languages import KNOWN
from tests.browser.axe import AxeLog
from tests.browser.coding_data import SURVEY
from tests.browser.keyboard import assert_keyboard_accessible
from tests.browser.staff import SIZES, check, signed_in_page

THEMES = f"/reports/{SURVEY}/2026-Q3/themes"
MODEL = f"/reports/{SURVEY}/themes/model?period=2026-Q3"


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_a_theme_s_comments_and_a_correction_are_accessible(
    browser: Browser, live_server: str, coding_comments: None, axe_log: AxeLog, width, height
):
    page = signed_in_page(browser, live_server, width, height)
    size = f"@{width}px"
    page.goto(f"{live_server}{THEMES}/safety")
    expect(page.locator("h1")).to_have_text("Feeling safe")
    expect(page.locator("main")).to_contain_text("your own team, North, only")
    check(page, axe_log, f"{THEMES}/safety {size}")

    first = page.locator("main form").first
    ticked = first.locator("input[type=checkbox]:checked")
    while ticked.count():
        ticked.first.uncheck()
    first.get_by_role("button").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose at least one theme")
    check(page, axe_log, f"{THEMES}/safety (error) {size}")

    first = page.locator("main form").first
    first.get_by_label("Feeling safe").check()
    first.get_by_role("button").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Saved.")
    expect(page.locator("main")).to_contain_text("Reviewed by a person")
    page.context.close()


def test_the_theme_page_by_keyboard(
    browser: Browser, live_server: str, coding_comments: None, axe_log: AxeLog
):
    page = signed_in_page(browser, live_server, 1280, 800)
    page.goto(f"{live_server}{THEMES}/safety")
    assert assert_keyboard_accessible(page, f"{THEMES}/safety @1280px", axe_log) > 20
    page.context.close()


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_training_and_reading_the_model_page(
    browser: Browser, live_server: str, coding_comments: None, axe_log: AxeLog, width, height
):
    page = signed_in_page(browser, live_server, width, height)
    page.goto(f"{live_server}{MODEL}")
    expect(page.locator("h1")).to_have_text("How far to trust automatic coding")
    train = page.get_by_role("button", name="Train a model")
    if train.count():  # the first size trains it; the second reads it
        train.first.click()
        expect(page.locator(".govuk-notification-banner")).to_contain_text("trained")
    expect(page.locator("table")).to_contain_text("Accommodation")
    check(page, axe_log, f"{MODEL} {size_label(width)}")
    if width == 1280:
        assert_keyboard_accessible(page, f"{MODEL} @1280px", axe_log)
    page.context.close()


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_finding_and_deciding_emerging_themes(
    browser: Browser, live_server: str, coding_comments: None, axe_log: AxeLog, width, height
):
    page = signed_in_page(browser, live_server, width, height)
    page.goto(f"{live_server}{THEMES}/emerging")
    expect(page.locator("h1")).to_have_text("Comments no theme fits")
    page.get_by_role("button", name="Look").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("The search has finished")
    # About 12: the group's size is perturbed like every other count.
    expect(page.locator("main section").first).to_contain_text(re.compile(r"About 1\d comments"))
    check(page, axe_log, f"{THEMES}/emerging {size_label(width)}")

    section = page.locator("main section").first
    section.get_by_label("Short code").fill("Not a code!")
    section.get_by_role("button", name="Add to the codebook").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Use only lower-case letters")
    check(page, axe_log, f"{THEMES}/emerging (error) {size_label(width)}")
    if width == 1280:
        assert_keyboard_accessible(page, f"{THEMES}/emerging @1280px", axe_log)
    page.context.close()


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_coding_pages_read_right_to_left(
    browser: Browser,
    live_server: str,
    coding_comments: None,
    axe_log: AxeLog,
    width,
    height,
    monkeypatch: pytest.MonkeyPatch,
):
    # Offer Arabic even while its catalog is being completed: this is about direction and
    # layout, not wording (the live server runs in this process).
    monkeypatch.setattr(languages, "available_languages", lambda: [KNOWN["en"], KNOWN["ar"]])
    page = signed_in_page(browser, live_server, width, height)
    for path in (f"{THEMES}/safety", f"{THEMES}/emerging", MODEL):
        joiner = "&" if "?" in path else "?"
        page.goto(f"{live_server}{path}{joiner}lang=ar")
        expect(page.locator("html")).to_have_attribute("dir", "rtl")
        check(page, axe_log, f"{path} (ar) {size_label(width)}")
    page.goto(f"{live_server}/reports?lang=en")
    page.context.close()


def size_label(width: int) -> str:
    return f"@{width}px"


def test_a_correction_works_without_javascript(
    browser: Browser, live_server: str, coding_comments: None
):
    page = signed_in_page(browser, live_server, 1280, 800)
    quiet = browser.new_context(java_script_enabled=False, bypass_csp=True)
    quiet.add_cookies(page.context.cookies())
    plain = quiet.new_page()
    plain.goto(f"{live_server}{THEMES}/safety")
    first = plain.locator("main form").first
    first.get_by_label("Money").check()
    first.get_by_role("button").click()
    expect(plain.locator(".govuk-notification-banner")).to_contain_text("Money")
    quiet.close()
    page.context.close()
