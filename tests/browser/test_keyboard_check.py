"""The keyboard check itself: it passes a page that works by keyboard and names what is
wrong on pages that do not, so a green suite means something."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.keyboard import assert_keyboard_accessible

STYLE = """<style>
  a:focus, button:focus, input:focus { outline: 3px solid #fd0; }
  .bare:focus { outline: none; }
  .cover { position: fixed; inset: 0 0 auto 0; height: 120px; background: #fff; z-index: 5; }
</style>"""
GOOD = """<h1>Questions</h1>
<form data-sayso-question-page>
  <fieldset><legend>Were you listened to?</legend>
    <input type="radio" id="yes" name="heard" value="yes"><label for="yes">Yes</label>
    <input type="radio" id="no" name="heard" value="no"><label for="no">No</label>
  </fieldset>
  <input type="checkbox" id="tea" name="drinks" value="tea"><label for="tea">Tea</label>
  <input type="checkbox" id="milk" name="drinks" value="milk"><label for="milk">Milk</label>
  <label for="why">Why?</label><textarea id="why" name="why"></textarea>
  <button>Continue</button>
</form>"""


@pytest.fixture
def blank_page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 320, "height": 640})
    yield context.new_page()
    context.close()


def show(page: Page, body: str) -> None:
    page.set_content(f"<!DOCTYPE html><html lang='en'><head>{STYLE}</head><body>{body}</body>")


def test_a_page_that_works_by_keyboard_passes_and_is_answered_by_keys(blank_page: Page):
    page = blank_page
    show(page, f"<main>{GOOD}</main>")
    assert assert_keyboard_accessible(page, "good page", answer=True) == 5
    assert page.locator("#yes").is_checked()
    assert page.locator("#tea").is_checked() and not page.locator("#milk").is_checked()
    assert page.locator("#why").input_value() == "It was fine, thank you."


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ("<a href='#a'>One</a><button class='bare'>Two</button>", "no visible focus on button"),
        ("<a href='#a'>One</a><a href='#b' tabindex='2'>Two</a>", "positive tabindex"),
        ("<div class='cover'></div><a href='#a'>Under the banner</a>", "focus hidden behind"),
        (
            "<a href='#a'>One</a><div style='overflow:auto;height:20px'>"
            + "words " * 200
            + "</div><a href='#b'>Two</a>",
            "Tab 2 reached",
        ),
    ],
    ids=["no focus style", "positive tabindex", "covered by a banner", "unexpected stop"],
)
def test_a_page_with_a_keyboard_problem_fails_with_its_name(
    blank_page: Page, body: str, problem: str
):
    show(blank_page, body)
    with pytest.raises(AssertionError, match=problem):
        assert_keyboard_accessible(blank_page, "bad page")
