""" "Read it to me" reads what is on the page, each thing once, for every audience: the
start page, a question page and check your answers (and, for a care leaver who does not
feel safe, the page after the concern). The browser's speech is replaced by a recorder,
so the test hears exactly the text that would be spoken."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.walker import answer_current_page

AUDIENCES = {
    "child": "lac-review-child",
    "young person": "lac-review-young-person",
    "care leaver": "care-leaver-accommodation",
    "parent or carer": "lac-review-parent-carer",
    "professional": "lac-review-professional",
}
RECORD_SPEECH = """
window.__spoken = []
Object.defineProperty(window, 'speechSynthesis', {
  configurable: true,
  value: { speak (u) { window.__spoken.push(u.text) }, cancel () {}, getVoices () { return [] } },
})
"""


def spoken(page: Page) -> list[str]:
    """Press "Read it to me" and return what was said, split where the parts join."""
    button = page.locator("[data-sayso-read-aloud]")
    assert button.is_visible(), f"no read aloud on {page.url}"
    button.click()
    said = page.evaluate("window.__spoken.at(-1)")
    assert said, f"nothing said on {page.url}"
    return said.split(". ")


def words(page: Page, selector: str) -> list[str]:
    return [
        re.sub(r"\s+", " ", text).strip()
        for text in page.locator(f"main {selector}").all_inner_texts()
        if text.strip()
    ]


def assert_each_once(said: list[str], expected: list[str], where: str) -> None:
    joined = ". ".join(said)
    for text in expected:
        times = len(re.findall(rf"(?<!\w){re.escape(text)}(?!\w)", joined))
        assert times == 1, f"{text!r} said {times} times on {where}: {joined}"


@pytest.mark.parametrize("audience", AUDIENCES)
def test_read_aloud_reads_each_thing_once(browser: Browser, live_server: str, audience: str):
    survey_id = AUDIENCES[audience]
    context = browser.new_context(viewport={"width": 320, "height": 640})
    context.add_init_script(RECORD_SPEECH)
    page = context.new_page()
    page.goto(f"{live_server}/s/{survey_id}")

    said = spoken(page)
    assert_each_once(said, words(page, "h1") + words(page, "h2"), f"{audience} start")
    assert "Start now" not in " ".join(said)

    with page.expect_navigation():
        page.locator("main form button").first.click()
    hints_heard = questions_heard = 0
    for _ in range(30):
        if page.url.endswith("/check"):
            break
        said = spoken(page)
        questions = words(page, "legend") + words(page, "label.govuk-label")
        hints = [
            hint for hint in words(page, ".govuk-hint:not(.govuk-character-count__message)") if hint
        ]
        assert_each_once(said, questions + hints, f"{audience} {page.url}")
        questions_heard += len(questions)
        hints_heard += len(hints)
        assert len(said) == len(set(said)), f"something said twice on {page.url}: {said}"
        answer_current_page(page)
        with page.expect_navigation():
            page.locator("main form button[value=continue]").click()
    assert questions_heard and hints_heard, (audience, questions_heard, hints_heard)

    said = spoken(page)
    assert said[0] == "Check your answers"
    assert_each_once(said, words(page, ".govuk-summary-list__key"), f"{audience} check")
    context.close()


def test_read_aloud_on_the_page_after_a_concern(browser: Browser, live_server: str):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    context.add_init_script(RECORD_SPEECH)
    page = context.new_page()
    page.goto(f"{live_server}/s/care-leaver-accommodation")
    with page.expect_navigation():
        page.locator("main form button").first.click()
    for _ in range(30):
        if page.url.endswith("/check"):
            break
        answer_current_page(page)
        if page.locator("input[name=feel_safe][value=no]").count():
            page.locator("input[name=feel_safe][value=no]").check()
        with page.expect_navigation():
            page.locator("main form button[value=continue]").click()
    with page.expect_navigation():
        page.locator("main form button").last.click()
    assert page.locator("#concern").is_visible()
    said = spoken(page)
    assert_each_once(said, ["We want to make sure you are safe", "If you need help now"], "done")
    assert any("999" in part for part in said)
    context.close()
