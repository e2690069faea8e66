"""Every shipped questionnaire in every offered language, on a phone and a desktop.

On every page: no axe-core violations (WCAG 2.2 A and AA), no request to another host,
no sideways scrolling, the right ``lang`` and ``dir``, answers and buttons at least 44 px
square, and every control reachable by keyboard with a visible focus.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from playwright.sync_api import Browser, Page

from app.languages import KNOWN
from app.survey.loader import definition_files, load_definition
from tests.browser.axe import AxeLog, assert_accessible, assert_no_sideways_scroll
from tests.browser.walker import answer_current_page
from tests.conftest import SURVEYS

ROOT = Path(__file__).resolve().parents[2]
SIZES = [(320, 640), (1280, 800)]


def complete_languages() -> list[str]:
    """English plus each language whose two catalogs are fully translated."""
    found = ["en"]
    for code in KNOWN:
        folder = ROOT / "translations" / code / "LC_MESSAGES"
        paths = [folder / "messages.po", folder / "surveys.po"]
        if code == "en" or not all(p.exists() for p in paths):
            continue
        done = True
        for path in paths:
            with path.open("rb") as handle:
                catalog = read_po(handle)
            done = done and all(m.string and not m.fuzzy for m in catalog if m.id)
        if done:
            found.append(code)
    return found


LANGUAGES = complete_languages()
SURVEY_IDS = [load_definition(p).id for p in definition_files([SURVEYS])]


def check_page(page: Page, axe_log: AxeLog, label: str, language: str) -> None:
    assert page.evaluate("document.documentElement.lang") == language
    assert page.evaluate("document.documentElement.dir") == KNOWN[language].direction
    assert_accessible(page, axe_log, label)
    assert_no_sideways_scroll(page)
    small = page.evaluate("""() => [...document.querySelectorAll(
        'main .govuk-radios__input, main .govuk-checkboxes__input, main .govuk-button')]
        .filter(el => el.offsetParent !== null || el.type === 'radio' || el.type === 'checkbox')
        .map(el => { const r = el.getBoundingClientRect();
                     return [el.className, Math.round(r.width), Math.round(r.height)] })
        .filter(([, w, h]) => w < 44 || h < 44)""")
    assert not small, f"touch targets under 44px on {label}: {small}"


def check_keyboard(page: Page, label: str) -> None:
    """Tab reaches every control in the form, and each shows a visible focus."""
    controls = page.evaluate("""() => [...document.querySelectorAll(
        'main form input:not([type=hidden]), main form textarea, main form button')].length""")
    seen = 0
    for _ in range(controls + 12):
        page.keyboard.press("Tab")
        state = page.evaluate("""() => { const el = document.activeElement;
            if (!el || !el.closest('main form')) return null;
            const s = getComputedStyle(el);
            const box = el.closest('.govuk-radios__item, .govuk-checkboxes__item');
            const label = box ? getComputedStyle(box.querySelector('label'), '::before') : null;
            return { visible: s.outlineStyle !== 'none' || s.boxShadow !== 'none'
                              || (label && label.boxShadow !== 'none') } }""")
        if state is not None:
            seen += 1
            assert state["visible"], f"no visible focus on {label}"
    assert seen > 0, f"keyboard never reached the form on {label}"


@pytest.mark.parametrize("size", SIZES, ids=["phone", "desktop"])
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("survey_id", SURVEY_IDS)
def test_questionnaire_in_language(
    browser: Browser,
    live_server: str,
    axe_log: AxeLog,
    survey_id: str,
    language: str,
    size: tuple[int, int],
):
    width, height = size
    context = browser.new_context(
        viewport={"width": width, "height": height}, bypass_csp=True, locale="en-GB"
    )
    page = context.new_page()
    hosts: set[str] = set()
    page.on("request", lambda request: hosts.add(request.url.split("/")[2]))
    tag = f"[{language} {width}px]"
    page.goto(f"{live_server}/s/{survey_id}?lang={language}")
    check_page(page, axe_log, f"{survey_id} start {tag}", language)
    with page.expect_navigation():
        page.locator("main form button").first.click()
    for number in range(60):
        if page.url.endswith("/check"):
            break
        label = f"{survey_id} page {number + 1} {tag}"
        check_page(page, axe_log, label, language)
        if number == 0:
            check_keyboard(page, label)
        answer_current_page(page)
        with page.expect_navigation():
            page.locator("main form button[value=continue]").click()
    else:
        raise AssertionError("never reached check your answers")
    check_page(page, axe_log, f"{survey_id} check {tag}", language)
    with page.expect_navigation():
        page.locator("main form button").last.click()
    assert page.url.endswith("/done")
    check_page(page, axe_log, f"{survey_id} done {tag}", language)
    context.close()
    assert hosts == {live_server.split("/")[2]}, f"requests left Sayso: {hosts}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_concern_page_in_language(
    browser: Browser, live_server: str, axe_log: AxeLog, language: str
):
    """A care leaver who says they do not feel safe is told, in their language, who will
    help and where to get help now."""
    context = browser.new_context(viewport={"width": 320, "height": 640}, bypass_csp=True)
    page = context.new_page()
    page.goto(f"{live_server}/s/care-leaver-accommodation?lang={language}")
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
    for number in ("999", "0800 1111", "116 123"):
        assert number in page.content()
    check_page(page, axe_log, f"care-leaver concern page [{language} 320px]", language)
    context.close()
