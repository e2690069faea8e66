"""The review queue, a personal link opened by signed-in staff, a fresh link, and the
staff home's safeguarding warnings, in real Chromium: axe, 320 px, keyboard, no JS needed."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser

from tests.browser.axe import AxeLog
from tests.browser.staff import SIZES, check, check_with_keyboard, new_page, sign_in
from tests.browser.walker import send_safety_check


def send_past_harm(browser: Browser, live_server: str) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 640}, bypass_csp=True)
    young = send_safety_check(context, live_server, "Yes", "I used to cut myself years ago")
    assert "Thank you" in young.locator("h1").inner_text()
    context.close()


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_lead_works_through_the_review_queue(
    browser: Browser, live_server: str, chair_and_lead, axe_log: AxeLog, width: int, height: int
):
    send_past_harm(browser, live_server)
    page = new_page(browser, width, height)
    size = f"@{width}px"
    sign_in(page, live_server, "lead@example.org")
    check_with_keyboard(page, axe_log, f"/staff (lead, with warnings) {size}")
    page.goto(f"{live_server}/alerts")
    with page.expect_navigation():
        page.get_by_role("link", name="Answers to review").click()
    check_with_keyboard(page, axe_log, f"/alerts/review {size}")
    with page.expect_navigation():
        page.locator("table a").first.click()
    assert "I used to cut myself years ago" in page.content()
    check_with_keyboard(page, axe_log, f"/alerts/review/<id> {size}")
    with page.expect_navigation():
        page.get_by_role("button", name="Save the decision").click()
    assert page.locator(".govuk-error-summary").is_visible()
    check_with_keyboard(page, axe_log, f"/alerts/review/<id> (error) {size}")
    page.get_by_label("No, it is not a concern").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Save the decision").click()
    assert "Recorded as not a concern." in page.content()
    check(page, axe_log, f"/alerts/review (decided) {size}")
    page.context.close()


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_a_chair_cannot_open_a_personal_link_and_makes_a_fresh_one(
    browser: Browser, live_server: str, chair_and_lead, axe_log: AxeLog, width: int, height: int
):
    page = new_page(browser, width, height)
    size = f"@{width}px"
    sign_in(page, live_server, "chair@example.org")
    page.goto(f"{live_server}/staff/meetings/new")
    page.get_by_label("Looked-after child review").check()
    page.get_by_label("Day").fill("4")
    page.get_by_label("Month").fill("11")
    page.get_by_label("Year").fill("2026")
    page.get_by_label("How old is the child or young person?").fill("12")
    page.locator("fieldset.sayso-person").first.get_by_label("Role").select_option("child")
    with page.expect_navigation():
        page.get_by_role("button", name="Create the links").click()
    meeting = page.url
    link = page.locator("textarea.sayso-copy-source").first.input_value()
    page.goto(live_server + urlparse(link).path)
    assert "This link is for the person it was made for" in page.locator("h1").inner_text()
    check_with_keyboard(page, axe_log, f"/r/<token> (signed-in staff) {size}")
    page.goto(meeting)
    assert page.locator("textarea.sayso-copy-source").count() == 0
    check_with_keyboard(page, axe_log, f"/staff/meetings/<id> (links passed on) {size}")
    with page.expect_navigation():
        page.get_by_role("button", name="Make a fresh link").first.click()
    assert "Here is a fresh link to pass on" in page.content()
    assert page.locator("textarea.sayso-copy-source").count() == 1
    check_with_keyboard(page, axe_log, f"/staff/meetings/<id> (fresh link) {size}")
    page.context.close()
