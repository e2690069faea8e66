"""Assisted coding pages in real Chromium: axe at desktop and phone widths, no sideways
scroll, right to left, and every control reached and seen by keyboard."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, expect
from sqlalchemy import select

from app import languages
from app.auth.models import Team
from app.coding.coding import set_human_codes
from app.extensions import db
from app.languages import KNOWN
from tests.browser.axe import AxeLog
from tests.browser.keyboard import assert_keyboard_accessible
from tests.browser.staff import SIZES, check, signed_in_page
from tests.coding.factories import FOOTBALL, WIFI, comments
from tests.conftest import make_app

SURVEY = "every-type"
THEMES = f"/reports/{SURVEY}/2026-Q3/themes"
MODEL = f"/reports/{SURVEY}/themes/model?period=2026-Q3"


@pytest.fixture(scope="session")
def coding_comments(live_database_url: str, chair_and_lead: None) -> None:
    """Team North's comments: twelve about wifi and twelve about football, reviewed; twelve
    of each waiting, which no codebook theme fits; and sixteen about feeling safe."""
    app = make_app(live_database_url)
    with app.app_context():
        north = db.session.scalars(select(Team).where(Team.name == "North")).one()
        for texts, theme in ((WIFI, "accommodation"), (FOOTBALL, "health_wellbeing")):
            for answer in comments(SURVEY, texts, team_id=north.id):
                set_human_codes(db.session, answer.id, [theme], None)
        comments(SURVEY, WIFI + FOOTBALL, team_id=north.id)  # said again, not reviewed yet
        comments(
            SURVEY,
            ["I feel safe where I live now", "I do not feel safe walking home from school"],
            team_id=north.id,
        )
        # Enough about feeling safe for the report, and so its theme page, to show them.
        comments(SURVEY, [f"I feel safe at my nan's {n}" for n in range(14)], team_id=north.id)
        db.session.commit()
        db.session.remove()
        db.engine.dispose()


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
