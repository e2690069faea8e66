"""A young person completes their questionnaire on a small phone, leaves, and resumes."""

from __future__ import annotations

from urllib.parse import urlparse

from playwright.sync_api import Browser, Page

from tests.browser.axe import (
    AxeLog,
    assert_accessible,
    assert_no_sideways_scroll,
    assert_works_without_script,
    copy_page_without_scripts,
)
from tests.browser.keyboard import assert_keyboard_accessible
from tests.browser.walker import walk_to_check_answers

SURVEY = "lac-review-young-person"
PHONE = {"width": 320, "height": 640}


def check_page(page: Page, axe_log: AxeLog, label: str | None = None) -> None:
    label = label or urlparse(page.url).path
    assert_accessible(page, axe_log, label)
    assert_no_sideways_scroll(page)
    assert_keyboard_accessible(page, label, axe_log)


def test_young_person_leaves_halfway_and_resumes_with_a_code(
    browser: Browser, live_server: str, axe_log: AxeLog
):
    phone = browser.new_context(viewport={"width": 320, "height": 640}, bypass_csp=True)
    page = phone.new_page()
    hosts: set[str] = set()
    page.on("request", lambda request: hosts.add(request.url.split("/")[2]))

    page.goto(f"{live_server}/s/{SURVEY}")
    check_page(page, axe_log)
    with page.expect_navigation():
        page.get_by_role("button", name="Start now").click()
    answered = walk_to_check_answers(page, lambda p: check_page(p, axe_log), stop_after=3)
    assert answered == 3

    # Leave halfway: one tap on save gives the code; close the phone's browser.
    with page.expect_navigation():
        page.get_by_role("button", name="Save and come back later").click()
    check_page(page, axe_log)
    assert page.get_by_role("button", name="Get a code").count() == 0
    code = page.locator("#resume-code").inner_text().strip()
    assert len(code) == 9
    phone.close()

    # Another device: enter the code and finish.
    laptop = browser.new_context(viewport={"width": 320, "height": 640}, bypass_csp=True)
    page = laptop.new_page()
    page.on("request", lambda request: hosts.add(request.url.split("/")[2]))
    page.goto(f"{live_server}/s/{SURVEY}")
    with page.expect_navigation():
        page.get_by_role("link", name="I have a code").click()
    check_page(page, axe_log)
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()  # empty code: an error
    assert page.locator(".govuk-error-summary").is_visible()
    check_page(page, axe_log)
    page.get_by_label("Carry on with your code").fill(code.lower())
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()
    # The code used stops working; this device is given a fresh one.
    check_page(page, axe_log)
    fresh = page.locator("#resume-code").inner_text().strip()
    assert len(fresh) == 9 and fresh != code
    with page.expect_navigation():
        page.get_by_role("button", name="Carry on answering").click()
    # "Save" was pressed on page 4: its answers were kept and the journey opens it again.
    assert "Page 4 of" in page.locator("#progress").inner_text()
    walk_to_check_answers(page, lambda p: check_page(p, axe_log))
    check_page(page, axe_log)
    assert page.locator(".govuk-summary-list__row").count() > 5
    with page.expect_navigation():
        page.get_by_role("button", name="Send my answers").click()
    assert page.locator("h1").inner_text().strip() == "Thank you"
    assert "0800 1111" in page.content()
    check_page(page, axe_log)
    laptop.close()
    assert hosts == {live_server.split("/")[2]}, f"requests left Sayso: {hosts}"


def test_errors_are_announced_and_typed_answers_kept(
    browser: Browser, live_server: str, axe_log: AxeLog
):
    context = browser.new_context(viewport={"width": 320, "height": 640}, bypass_csp=True)
    page = context.new_page()
    page.goto(f"{live_server}/s/every-type")
    with page.expect_navigation():
        page.get_by_role("button", name="Start now").click()
    page.goto(f"{live_server}/s/every-type/q/score")
    page.get_by_label("Out of 10, how good was it?").fill("12")
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()
    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible()
    assert "Out of 10, how good was it?: Enter a whole number from 0 to 10" in summary.inner_text()
    assert page.get_by_label("Out of 10, how good was it?").input_value() == "12"
    check_page(page, axe_log, "/s/every-type/q/score (error)")
    page.goto(f"{live_server}/s/every-type/q/when")
    page.get_by_label("Day").fill("31")
    page.get_by_label("Month").fill("2")
    page.get_by_label("Year").fill("2026")
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()
    assert "Enter a real date" in page.locator(".govuk-error-summary").inner_text()
    assert page.get_by_label("Day").input_value() == "31"
    check_page(page, axe_log, "/s/every-type/q/when (error)")
    context.close()


def test_journey_works_with_javascript_off(browser: Browser, live_server: str, axe_log: AxeLog):
    """Every question type answered with JavaScript off; each page, copied without its
    scripts into a page where they can run, passes axe and the keyboard walk."""
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    checker = browser.new_context(viewport=PHONE, bypass_csp=True)
    copy = checker.new_page()
    page = context.new_page()

    def check(page: Page) -> None:
        assert_works_without_script(page)
        assert_no_sideways_scroll(page)
        copy_page_without_scripts(page, copy, live_server)
        check_page(copy, axe_log, f"{urlparse(page.url).path} (no JS)")

    page.goto(f"{live_server}/s/every-type")
    check(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Start now").click()
    walk_to_check_answers(page, check)
    check(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Send my answers").click()
    assert page.locator("h1").inner_text().strip() == "Thank you"
    check(page)
    context.close()
    checker.close()
