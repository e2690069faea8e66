""" "You said, we did", API token and report email pages in real Chromium: axe at desktop
and phone widths, no sideways scroll, and the public page right to left."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from app import languages
from app.extensions import db
from app.languages import KNOWN
from tests.actions.conftest import make_action
from tests.browser.axe import AxeLog
from tests.browser.staff import SIZES, check, new_page, signed_in_page
from tests.conftest import make_app

ARABIC = ("قلتم إنكم لم تعرفوا من سيحضر.", "نرسل الآن رسالة قبل أسبوع.")
ENGLISH_ONLY = "You said the allowance ran out before the end of the month."


@pytest.fixture(scope="session")
def published_actions(live_database_url: str, live_server: str) -> None:
    """Two published actions: one also written in Arabic, one in English only."""
    app = make_app(live_database_url)
    with app.app_context():
        make_action(published=True, theme="meetings_reviews", translations={"ar": ARABIC})
        make_action(
            published=True,
            survey_key="care-leaver-accommodation",
            theme="money",
            period="2026-10",
            status="planned",
            happens_on=None,
            heard=ENGLISH_ONLY,
            did="We are asking the council to review the allowance.",
        )
        db.session.remove()
        db.engine.dispose()


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_public_page_is_accessible(
    browser: Browser, live_server: str, published_actions: None, axe_log: AxeLog, width, height
):
    page = new_page(browser, width, height)
    page.goto(f"{live_server}/you-said-we-did")
    expect(page.locator("h1")).to_have_text("You said, we did")
    expect(page.locator("main")).to_contain_text(ENGLISH_ONLY)
    expect(page.locator(".govuk-exit-this-page")).to_be_visible()
    check(page, axe_log, f"/you-said-we-did @{width}px")
    page.context.close()


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_public_page_reads_right_to_left_with_english_marked(
    browser: Browser,
    live_server: str,
    published_actions: None,
    axe_log: AxeLog,
    width,
    height,
    monkeypatch: pytest.MonkeyPatch,
):
    # Offer Arabic even while its catalog is being completed: this is about the actions'
    # own text and the page's direction (the live server runs in this process).
    monkeypatch.setattr(languages, "available_languages", lambda: [KNOWN["en"], KNOWN["ar"]])
    page = new_page(browser, width, height)
    page.goto(f"{live_server}/you-said-we-did?lang=ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("main")).to_contain_text(ARABIC[0])
    english = page.locator("main span[lang='en']")
    expect(english.first).to_have_attribute("dir", "ltr")
    expect(english.first).to_contain_text(ENGLISH_ONLY)
    check(page, axe_log, f"/you-said-we-did?lang=ar @{width}px")
    page.goto(f"{live_server}/you-said-we-did?lang=en")
    page.context.close()


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_recording_translating_and_publishing_an_action(
    browser: Browser, live_server: str, chair_and_lead: None, axe_log: AxeLog, width, height
):
    page = signed_in_page(browser, live_server, width, height)
    size = f"@{width}px"
    page.get_by_role("link", name="Record what changed as a result").click()
    expect(page.locator("h1")).to_have_text("You said, we did")
    check(page, axe_log, f"/staff/actions {size}")

    page.get_by_role("button", name="Record an action").click()  # a link styled as a button
    check(page, axe_log, f"/staff/actions/new {size}")
    page.get_by_label("Survey").select_option("lac-review")
    page.get_by_label("Period the feedback is from").fill("2026-Q5")
    page.get_by_role("button", name="Save action").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("There is no quarter 5")
    expect(page.get_by_label("Period the feedback is from")).to_have_value("2026-Q5")
    check(page, axe_log, f"/staff/actions/new (error) {size}")

    page.get_by_label("Theme").select_option("listened_to")
    page.get_by_label("Period the feedback is from").fill("2026-Q3")
    page.get_by_label("Done").check()
    page.locator("#happens_on-day").fill("1")
    page.locator("#happens_on-month").fill("10")
    page.locator("#happens_on-year").fill("2026")
    page.get_by_label("You said: what we heard").fill("You said nobody explained the plan.")
    page.get_by_label("We did: what we did about it").fill("Chairs now explain it at the end.")
    page.get_by_role("button", name="Save action").click()
    expect(page.locator("h1")).to_have_text("Being listened to")
    check(page, axe_log, f"/staff/actions/<id> {size}")

    page.get_by_role("link", name="Add the text in العربية").click()
    expect(page.locator("textarea[lang='ar'][dir='rtl']")).to_have_count(2)
    check(page, axe_log, f"/staff/actions/<id>/translations/ar {size}")
    page.get_by_label("You said: what we heard").fill(ARABIC[0])
    page.get_by_label("We did: what we did about it").fill(ARABIC[1])
    page.get_by_role("button", name="Save text").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Text in العربية saved.")

    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Published.")
    check(page, axe_log, f"/staff/actions/<id> (published) {size}")
    page.context.close()


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_token_and_report_email_pages_are_accessible(
    browser: Browser, live_server: str, chair_and_lead: None, axe_log: AxeLog, width, height
):
    page = signed_in_page(browser, live_server, width, height)
    size = f"@{width}px"
    page.get_by_role("link", name="Let other systems read reports").click()
    expect(page.locator("h1")).to_have_text("API tokens")
    check(page, axe_log, f"/staff/api-tokens {size}")
    page.get_by_role("button", name="Create a token").click()
    page.get_by_role("button", name="Create token").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a name for the token")
    check(page, axe_log, f"/staff/api-tokens/new (error) {size}")
    page.get_by_label("Name").fill(f"Dashboard {width}")
    page.get_by_role("button", name="Create token").click()
    expect(page.locator("h1")).to_have_text("Your new token")
    assert page.locator("#token").input_value().startswith("sayso_")
    check(page, axe_log, f"/staff/api-tokens/new (created) {size}")

    page.goto(f"{live_server}/staff")
    page.get_by_role("link", name="Get a report by email").click()
    expect(page.locator("h1")).to_have_text("Reports by email")
    check(page, axe_log, f"/reports/subscriptions {size}")
    page.get_by_role("button", name="Get a report by email").click()
    # The form's page, loaded, before axe reads it (it once read the page mid-navigation).
    expect(page.get_by_role("button", name="Subscribe")).to_be_visible()
    check(page, axe_log, f"/reports/subscriptions/new {size}")
    page.get_by_role("button", name="Subscribe").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose every month")
    check(page, axe_log, f"/reports/subscriptions/new (error) {size}")
    page.context.close()
