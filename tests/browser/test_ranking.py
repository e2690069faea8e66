"""A young person puts things in order on a small phone with JavaScript off: a clear
error when two get the same number, what they chose kept, and the order on "check your
answers"."""

from __future__ import annotations

from urllib.parse import urlparse

from playwright.sync_api import Browser, Page

from tests.browser.axe import (
    AxeLog,
    assert_no_sideways_scroll,
    assert_works_without_script,
    copy_page_without_scripts,
)
from tests.browser.test_respondent_journey import PHONE, check_page

SURVEY = "ranking-check"


def rank(page: Page, order: dict[str, str]) -> None:
    for label, position in order.items():
        page.get_by_label(label, exact=True).select_option(label=position)


def carry_on(page: Page) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()


def test_ranking_without_javascript_on_a_small_phone(
    browser: Browser, live_server: str, axe_log: AxeLog
):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    checker = browser.new_context(viewport=PHONE, bypass_csp=True)
    copy = checker.new_page()
    page = context.new_page()

    def check(label: str) -> None:
        assert_works_without_script(page)
        assert_no_sideways_scroll(page)
        copy_page_without_scripts(page, copy, live_server)
        check_page(copy, axe_log, f"{urlparse(page.url).path} ({label}, no JS)")

    page.goto(f"{live_server}/s/{SURVEY}")
    with page.expect_navigation():
        page.get_by_role("button", name="Start now").click()
    fieldset = page.get_by_role("group", name="What matters most to you about where you live?")
    assert fieldset.get_by_role("combobox").count() == 4
    check("ranking")

    given = {
        "Feeling safe": "1",
        "Seeing my family": "2",
        "Being near my school": "2",
        "Having my own space": "3",
    }
    rank(page, given)
    carry_on(page)
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "You gave “Seeing my family” and “Being near my school” the same number, 2." in summary
    for label, position in given.items():
        chosen = page.get_by_label(label, exact=True).locator("option:checked").inner_text()
        assert chosen.strip() == position
    check("ranking error")

    rank(page, {"Being near my school": "4", "Having my own space": "3"})
    carry_on(page)
    rank(page, {"Sport": "2", "Seeing friends": "3", "=Gaming": "1"})
    carry_on(page)
    assert page.locator("h1").inner_text().strip() == "Check your answers"
    answers = page.locator(".govuk-summary-list__value").first.locator(".sayso-answer")
    assert answers.all_inner_texts() == [
        "1. Feeling safe",
        "2. Seeing my family",
        "3. Having my own space",
        "4. Being near my school",
    ]
    check("check answers")
    with page.expect_navigation():
        page.get_by_role("button", name="Send my answers").click()
    assert page.locator("h1").inner_text().strip() == "Thank you"
    context.close()
    checker.close()
