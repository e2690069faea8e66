"""An IRO sends links and a safeguarding lead reads an alert, in real Chromium: every page
passes axe, fits a 320 px phone, and every control is reached by Tab with a visible focus."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from tests.browser.axe import AxeLog
from tests.browser.staff import SIZES, check_with_keyboard, new_page, sign_in
from tests.browser.walker import send_safety_check


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_iro_sends_links_after_a_review(
    browser: Browser, live_server: str, chair_and_lead, axe_log: AxeLog, width: int, height: int
):
    page = new_page(browser, width, height)
    size = f"@{width}px"
    sign_in(page, live_server, "chair@example.org")
    page.goto(f"{live_server}/staff/meetings")
    check_with_keyboard(page, axe_log, f"/staff/meetings {size}")
    with page.expect_navigation():
        page.get_by_role("button", name="Send links after a meeting").click()
    check_with_keyboard(page, axe_log, f"/staff/meetings/new {size}")
    with page.expect_navigation():
        page.get_by_role("button", name="Create the links").click()
    assert page.locator(".govuk-error-summary").is_visible()
    check_with_keyboard(page, axe_log, f"/staff/meetings/new (errors) {size}")
    page.get_by_label("Looked-after child review").check()
    page.get_by_label("Day").fill("3")
    page.get_by_label("Month").fill("11")
    page.get_by_label("Year").fill("2026")
    page.get_by_label("How old is the child or young person?").fill("14")
    first = page.locator("fieldset.sayso-person").first
    first.get_by_label("Role").select_option("child")
    first.get_by_label("Email address").fill("yp@example.org")
    second = page.locator("fieldset.sayso-person").nth(1)
    second.get_by_label("Role").select_option("carer")
    with page.expect_navigation():
        page.get_by_role("button", name="Create the links").click()
    assert "Links for the meeting on 3 November 2026" in page.locator("h1").inner_text()
    # The emailed link is never shown; the one to pass on by hand is, this once.
    assert page.locator("svg.sayso-qr").count() == 1
    check_with_keyboard(page, axe_log, f"/staff/meetings/<id> {size}")
    page.goto(f"{live_server}/staff/my-feedback")
    check_with_keyboard(page, axe_log, f"/staff/my-feedback {size}")
    page.context.close()


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_lead_reads_and_acknowledges_an_alert(
    browser: Browser, live_server: str, chair_and_lead, axe_log: AxeLog, width: int, height: int
):
    respondent = browser.new_context(viewport={"width": 320, "height": 640}, bypass_csp=True)
    young = send_safety_check(respondent, live_server, "No", "my stepdad hits me")
    assert "We want to make sure you are safe" in young.content()
    # The safety check is a care leavers' questionnaire: adult services, their adviser.
    assert "talk to your personal adviser, or someone you trust" in young.content()
    check_with_keyboard(young, axe_log, "/s/safety-check/done (concern)")
    # Seen from the top, as a fresh visit would be: a reload would restore the scroll the
    # keyboard walk left, with the sticky exit button over whatever sits under it.
    young.evaluate("() => { history.scrollRestoration = 'manual'; }")
    young.reload()
    young.evaluate("() => window.scrollTo(0, 0)")
    assert "We want to make sure you are safe" not in young.content()
    check_with_keyboard(young, axe_log, "/s/safety-check/done (after a reload)")
    respondent.close()

    page = new_page(browser, width, height)
    size = f"@{width}px"
    sign_in(page, live_server, "lead@example.org")
    page.goto(f"{live_server}/alerts")
    check_with_keyboard(page, axe_log, f"/alerts {size}")
    with page.expect_navigation():
        page.locator("table a").first.click()
    assert "my stepdad hits me" in page.content()
    check_with_keyboard(page, axe_log, f"/alerts/<id> {size}")
    with page.expect_navigation():
        page.get_by_role("button", name="Acknowledge").click()
    assert "is now “Acknowledged”" in page.content()
    check_with_keyboard(page, axe_log, f"/alerts/<id> (acknowledged) {size}")
    page.context.close()


def test_campaign_page_is_accessible(
    browser: Browser, live_server: str, chair_and_lead, axe_log: AxeLog, tmp_path
):
    page = new_page(browser, 320, 640)
    sign_in(page, live_server, "plead@example.org")
    page.goto(f"{live_server}/staff/campaigns/new")
    check_with_keyboard(page, axe_log, "/staff/campaigns/new")
    bad = tmp_path / "people.csv"
    bad.write_text("email\nnot-an-email\n")
    page.get_by_label("CSV file of people to ask").set_input_files(str(bad))
    with page.expect_navigation():
        page.get_by_role("button", name="Check the file and send").click()
    assert "Nothing has been sent" in page.content()
    check_with_keyboard(page, axe_log, "/staff/campaigns/new (problems)")
    page.context.close()
