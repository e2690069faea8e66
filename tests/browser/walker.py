"""Answer a questionnaire in the browser as a respondent would, one page at a time."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import BrowserContext, Page


def answer_current_page(page: Page) -> None:
    """Give an answer to every question on the page (first choice, short texts, numbers,
    a ranking in the order shown)."""
    form = page.locator("main form").first
    for group in form.locator(".govuk-radios").all():
        group.locator(".govuk-radios__label").first.click()
    for group in form.locator(".govuk-checkboxes").all():
        group.locator(".govuk-checkboxes__label").first.click()
    for group in form.locator(".sayso-ranking").all():
        for position, select in enumerate(group.locator("select").all(), start=1):
            select.select_option(index=position)
    for box in form.locator("textarea").all():
        box.fill(typed_answer("", "", textarea=True))
    for box in form.locator("input.govuk-input").all():
        box.fill(typed_answer(box.get_attribute("id") or "", box.get_attribute("inputmode") or ""))


def typed_answer(box_id: str, inputmode: str, textarea: bool = False) -> str:
    """What the walk types in a text box: a real date, a number, or a few plain words."""
    if textarea:
        return "It was fine, thank you."
    for part, value in (("-day", "12"), ("-month", "3"), ("-year", "2026")):
        if box_id.endswith(part):
            return value
    return "5" if inputmode in ("decimal", "numeric") else "Nothing else"


def walk_to_check_answers(
    page: Page,
    on_each_page: Callable[[Page], None],
    limit: int = 60,
    stop_after: int | None = None,
) -> int:
    """From a question page, answer and continue until "Check your answers" (or
    ``stop_after`` pages). Returns the number of question pages answered."""
    count = 0
    while page.locator("h1").first.inner_text().strip() != "Check your answers":
        on_each_page(page)
        answer_current_page(page)
        with page.expect_navigation():
            page.get_by_role("button", name="Continue").click()
        count += 1
        assert count < limit, "the questionnaire never reached check your answers"
        if stop_after is not None and count >= stop_after:
            break
    return count


def send_safety_check(context: BrowserContext, live_server: str, safe: str, comment: str) -> Page:
    """As a young person in ``context``: answer the safety check (``safe`` is the label of
    the answer to "do you feel safe", ``comment`` what would make them feel safer), send
    it, and return the page that follows."""
    page = context.new_page()
    page.goto(f"{live_server}/s/safety-check")
    with page.expect_navigation():
        page.get_by_role("button", name="Start now").click()
    page.get_by_label(safe, exact=True).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()
    page.get_by_label("What would make you feel safer?").fill(comment)
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()
    walk_to_check_answers(page, lambda p: None)
    with page.expect_navigation():
        page.get_by_role("button", name="Send my answers").click()
    return page
