"""Every shipped questionnaire in every offered language, each page on a phone and on a
desktop (one walk, the window resized between the two), and on a phone with JavaScript off.

On every page: no English words on a page in another language (tests/english.py), no
axe-core violations (WCAG 2.2 A and AA), no request to another host,
no sideways scrolling, the right ``lang`` and ``dir``, answers and buttons at least 44 px
square, and every control reached by Tab in order with a visible focus; the walk with
JavaScript on answers every question by keyboard alone.
"""

from __future__ import annotations

from pathlib import Path

import html5lib
import pytest
from babel.messages.pofile import read_po
from playwright.sync_api import Browser, Page, Route

from app.languages import KNOWN
from app.survey.loader import definition_files, load_definition
from tests.browser.axe import (
    AxeLog,
    assert_accessible,
    assert_no_sideways_scroll,
    assert_works_without_script,
    copy_page_without_scripts,
)
from tests.browser.keyboard import assert_keyboard_accessible
from tests.browser.walker import answer_current_page, typed_answer
from tests.conftest import SURVEYS
from tests.english import english_on_page

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
            # An empty informal form is not missing: the plain translation is shown.
            done = done and all(
                m.string and not m.fuzzy
                for m in catalog
                if m.id and (m.context != "informal" or any(m.string or ()))
            )
        if done:
            found.append(code)
    return found


LANGUAGES = complete_languages()
SURVEY_IDS = [load_definition(p).id for p in definition_files([SURVEYS])]


def check_page(
    page: Page, axe_log: AxeLog, label: str, language: str, answer: bool = False
) -> None:
    """Every check for one page; with ``answer``, its questions are answered by keyboard."""
    assert page.evaluate("document.documentElement.lang") == language
    assert page.evaluate("document.documentElement.dir") == KNOWN[language].direction
    # As the browser shows it, after scripts ran (the character count writes its message).
    tree = html5lib.HTMLParser(namespaceHTMLElements=True).parse(page.content())
    typed = (typed_answer("", "", textarea=True), typed_answer("", ""))
    english = english_on_page(tree, language, typed)
    assert not english, f"English on {label}: {sorted(set(english))}"
    assert_accessible(page, axe_log, label)
    assert_no_sideways_scroll(page)
    small = page.evaluate("""() => [...document.querySelectorAll(
        'main .govuk-radios__input, main .govuk-checkboxes__input, main .govuk-button')]
        .filter(el => el.offsetParent !== null || el.type === 'radio' || el.type === 'checkbox')
        .map(el => { const r = el.getBoundingClientRect();
                     return [el.className, Math.round(r.width), Math.round(r.height)] })
        .filter(([, w, h]) => w < 44 || h < 44)""")
    assert not small, f"touch targets under 44px on {label}: {small}"
    assert_keyboard_accessible(page, label, axe_log, answer=answer)


def check_at_every_size(
    page: Page, axe_log: AxeLog, label: str, language: str, answer: bool = False
) -> None:
    """Every check for one page at each size in ``SIZES``, the page loaded once: the
    window is resized between them, as a phone turned or a window widened would be. The
    questions are answered by keyboard at the first size (a phone's, the narrowest); at
    the others the keyboard walk still reaches every control, focus shown and uncovered.
    The page is left at the first size for the next page to load at."""
    for index, (width, height) in enumerate(SIZES):
        page.set_viewport_size({"width": width, "height": height})
        page.evaluate("() => window.scrollTo(0, 0)")
        tag = f"[{language} {width}px]"
        check_page(page, axe_log, f"{label} {tag}", language, answer=answer and index == 0)
    width, height = SIZES[0]
    page.set_viewport_size({"width": width, "height": height})


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("survey_id", SURVEY_IDS)
def test_questionnaire_in_language(
    browser: Browser, live_server: str, axe_log: AxeLog, survey_id: str, language: str
):
    """The whole questionnaire, every page checked on a phone and on a desktop."""
    width, height = SIZES[0]
    context = browser.new_context(
        viewport={"width": width, "height": height}, bypass_csp=True, locale="en-GB"
    )
    page = context.new_page()
    hosts: set[str] = set()
    page.on("request", lambda request: hosts.add(request.url.split("/")[2]))
    page.goto(f"{live_server}/s/{survey_id}?lang={language}")
    check_at_every_size(page, axe_log, f"{survey_id} start", language)
    with page.expect_navigation():
        page.locator("main form button").first.click()
    for number in range(60):
        if page.url.endswith("/check"):
            break
        check_at_every_size(page, axe_log, f"{survey_id} page {number + 1}", language, True)
        with page.expect_navigation():
            page.locator("main form button[value=continue]").click()
    else:
        raise AssertionError("never reached check your answers")
    check_at_every_size(page, axe_log, f"{survey_id} check", language)
    with page.expect_navigation():
        page.locator("main form button").last.click()
    assert page.url.endswith("/done")
    check_at_every_size(page, axe_log, f"{survey_id} done", language)
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
    for number in ("999", "116 123"):
        assert number in page.content()
    assert "0800 1111" not in page.content(), "Childline is for under-19s"
    check_page(page, axe_log, f"care-leaver concern page [{language} 320px]", language)
    context.close()


# Welsh (left to right) and Arabic (right to left) stand for every language here: the
# markup without JavaScript is the same in each, and each walk costs about as much as one
# with JavaScript on.
NO_SCRIPT_LANGUAGES = [code for code in ("cy", "ar") if code in LANGUAGES]
PHONE = {"width": 320, "height": 640}


@pytest.mark.parametrize("language", NO_SCRIPT_LANGUAGES)
@pytest.mark.parametrize("survey_id", SURVEY_IDS)
def test_questionnaire_without_javascript(
    browser: Browser, live_server: str, axe_log: AxeLog, survey_id: str, language: str
):
    """With JavaScript off, every page works and passes the same checks: each is copied,
    scripts removed, into a page where axe-core and the keyboard recorder can run."""
    context = browser.new_context(viewport=PHONE, java_script_enabled=False, locale="en-GB")
    checker = browser.new_context(viewport=PHONE, bypass_csp=True, locale="en-GB")
    copy = checker.new_page()
    page = context.new_page()
    hosts: set[str] = set()
    for each in (page, copy):
        each.on("request", lambda request: hosts.add(request.url.split("/")[2]))
    tag = f"[{language} 320px no JS]"

    def check(name: str) -> None:
        assert_works_without_script(page)
        copy_page_without_scripts(page, copy, live_server)
        check_page(copy, axe_log, f"{survey_id} {name} {tag}", language)

    page.goto(f"{live_server}/s/{survey_id}?lang={language}")
    check("start")
    with page.expect_navigation():
        page.locator("main form button").first.click()
    for number in range(60):
        if page.url.endswith("/check"):
            break
        check(f"page {number + 1}")
        answer_current_page(page)
        with page.expect_navigation():
            page.locator("main form button[value=continue]").click()
    else:
        raise AssertionError("never reached check your answers")
    check("check")
    with page.expect_navigation():
        page.locator("main form button").last.click()
    assert page.url.endswith("/done")
    check("done")
    context.close()
    checker.close()
    assert hosts == {live_server.split("/")[2]}, f"requests left Sayso: {hosts}"


@pytest.mark.parametrize("language", NO_SCRIPT_LANGUAGES)
def test_exit_link_without_javascript_forgets_the_visit(
    browser: Browser, live_server: str, language: str
):
    """With JavaScript off, Enter on "Exit this page" follows the link to Sayso's exit,
    which sends the browser to another website, and coming back finds nothing to carry on
    from."""
    context = browser.new_context(viewport=PHONE, java_script_enabled=False, locale="en-GB")
    exits: list[tuple[int, str]] = []

    def exit_offline(route: Route) -> None:
        # Chromium follows redirects without routing them again, and this machine is
        # offline: keep Sayso's real answer (status, cookies) but land on a Sayso page.
        # Interception hides the fetch metadata Chromium sends on a same-origin link
        # (Sec-Fetch-Site: same-origin), which Sayso's exit reads to know the request came
        # from its own page: it is put back for the refetch.
        sent = route.request.all_headers() | {"sec-fetch-site": "same-origin"}
        answer = route.fetch(max_redirects=0, headers=sent)
        exits.append((answer.status, answer.headers.get("location", "")))
        route.fulfill(response=answer, headers=answer.headers | {"location": "/healthz"})

    context.route(f"{live_server}/exit", exit_offline)
    page = context.new_page()
    start = f"{live_server}/s/lac-review-young-person?lang={language}"
    page.goto(start)
    with page.expect_navigation():
        page.locator("main form button").first.click()
    answer_current_page(page)
    with page.expect_navigation():
        page.locator("main form button[value=continue]").click()
    page.goto(start)
    assert page.locator("main a.govuk-button--start").count() == 1, "no way to carry on"
    for _ in range(4):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('a.govuk-exit-this-page__button')"):
            break
    else:
        raise AssertionError("Tab never reached Exit this page")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    [(status, elsewhere)] = exits
    assert status == 303
    assert elsewhere.startswith("https://") and live_server not in elsewhere
    left = [cookie["name"] for cookie in context.cookies()]
    assert not left, f"the visit's cookies outlived the exit: {left}"
    page.goto(start)
    assert page.locator("main a.govuk-button--start").count() == 0, "the visit was remembered"
    assert page.locator("main form button").count() == 1
    context.close()
