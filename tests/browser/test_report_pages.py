"""Report pages in real Chromium: axe at desktop and phone widths, no sideways scroll,
the form by keyboard, right to left, and the board pack as it prints."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from playwright.sync_api import Browser, expect
from sqlalchemy import select

from app import languages
from app.auth.models import StaffUser, Team
from app.extensions import db
from app.languages import KNOWN
from tests.browser.axe import AxeLog
from tests.browser.staff import SIZES, check, signed_in_page
from tests.conftest import make_app
from tests.report.factories import make_invitation, make_meeting, respond

SURVEY = "cp-conference-family"
REPORT = f"/reports/{SURVEY}/2026-Q3"


@pytest.fixture(scope="session")
def report_answers(live_database_url: str, chair_and_lead: None) -> None:
    """Thirty families in team North answered in August 2026, twelve of them unhappy: enough
    on each side for the indicators to show once every count is perturbed."""
    app = make_app(live_database_url)
    with app.app_context():
        north = db.session.scalars(select(Team).where(Team.name == "North")).one()
        chair = db.session.scalars(
            select(StaffUser).where(StaffUser.email == "chair@example.org")
        ).one()
        meeting = make_meeting(kind="cp_conference", team=north, chair=chair)
        for index in range(30):
            invitation = make_invitation(SURVEY, meeting=meeting, role="parent")
            listened = "disagree" if index < 12 else "agree"
            got_report = "no" if index % 5 < 2 else "yes"
            respond(
                SURVEY,
                {"got_report": got_report, "felt_listened_to": listened},
                datetime(2026, 8, 3, 10, index),
                invitation=invitation,
            )
        db.session.commit()
        db.session.remove()
        db.engine.dispose()


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_report_form_and_page_are_accessible(
    browser: Browser, live_server: str, report_answers: None, axe_log: AxeLog, width, height
):
    page = signed_in_page(browser, live_server, width, height)
    size = f"@{width}px"
    page.get_by_role("link", name="Read themed reports").click()
    expect(page.locator("h1")).to_have_text("Participation reports")
    check(page, axe_log, f"/reports {size}")

    page.get_by_label("Questionnaire or family").select_option(SURVEY)
    page.get_by_label("Period").fill("2026-Q5")
    page.get_by_role("button", name="Show the report").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("There is no quarter 5")
    expect(page.get_by_label("Period")).to_have_value("2026-Q5")
    check(page, axe_log, f"/reports (error) {size}")

    page.get_by_label("Period").fill("2026-Q3")
    page.get_by_role("button", name="Show the report").click()
    expect(page.locator("h1")).to_contain_text("July – September 2026")
    assert page.url.split("?")[0].endswith(REPORT)
    expect(page.locator("main")).to_contain_text("your own team, North, only")
    check(page, axe_log, f"{REPORT} {size}")
    figure = page.locator("figure").first
    chart = figure.locator("svg")
    expect(chart).to_have_attribute("role", "img")
    caption = figure.locator("figcaption")
    expect(caption).to_have_attribute("id", chart.get_attribute("aria-labelledby") or "")
    page.context.close()


def test_report_form_by_keyboard_alone(
    browser: Browser, live_server: str, report_answers: None, axe_log: AxeLog
):
    page = signed_in_page(browser, live_server, 1280, 800)
    page.goto(f"{live_server}/reports")
    reached = []
    for _ in range(30):
        page.keyboard.press("Tab")
        name = page.evaluate("document.activeElement.name || document.activeElement.id")
        reached.append(name)
        if name == "survey":
            page.keyboard.press("End")  # a select takes arrow and Home/End keys
            page.keyboard.press("Home")
            page.keyboard.press("ArrowDown")
        if name == "period":
            page.keyboard.type("2026-Q3")
        if name == "language":
            break
    assert {"survey", "period", "chair", "audience", "age_band", "language"} <= set(reached)
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none" or (
        page.evaluate("getComputedStyle(document.activeElement).boxShadow") != "none"
    )
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").strip() == "Show the report"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("h1")).to_contain_text("July – September 2026")
    page.context.close()


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_report_reads_right_to_left(
    browser: Browser,
    live_server: str,
    report_answers: None,
    axe_log: AxeLog,
    width,
    height,
    monkeypatch: pytest.MonkeyPatch,
):
    # Offer Arabic even while its catalog is being completed: this is about direction and
    # layout, not wording (the live server runs in this process).
    monkeypatch.setattr(languages, "available_languages", lambda: [KNOWN["en"], KNOWN["ar"]])
    page = signed_in_page(browser, live_server, width, height)
    page.goto(f"{live_server}{REPORT}?lang=ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    check(page, axe_log, f"{REPORT}?lang=ar @{width}px")
    # Bars grow from the right, and the chart's numbers still read left to right.
    chart = page.locator("figure svg").first
    expect(chart).to_have_attribute("direction", "ltr")
    bar = chart.locator("rect[fill='#1d70b8']").first
    chart_box, bar_box = chart.bounding_box(), bar.bounding_box()
    assert abs((bar_box["x"] + bar_box["width"]) - (chart_box["x"] + chart_box["width"])) < 2
    page.goto(f"{live_server}/reports?lang=en")
    page.context.close()


def test_board_pack_prints_on_a4_without_page_furniture(
    browser: Browser, live_server: str, report_answers: None, axe_log: AxeLog
):
    page = signed_in_page(browser, live_server, 1280, 800)
    page.goto(f"{live_server}{REPORT}")
    page.get_by_role("link", name="Board pack to print or save as PDF").click()
    expect(page.locator("h1")).to_contain_text("July – September 2026")
    button = page.get_by_role("button", name="Print or save as PDF")
    expect(button).to_be_visible()
    check(page, axe_log, f"{REPORT}/board-pack")

    page.emulate_media(media="print")
    expect(button).to_be_hidden()
    expect(page.locator("footer")).to_be_hidden()
    expect(page.locator(".govuk-back-link")).to_be_hidden()
    expect(page.locator(".sayso-header__account")).to_have_count(0)
    breaks = page.eval_on_selector_all(
        ".sayso-page-break", "nodes => nodes.map(n => getComputedStyle(n).breakBefore)"
    )
    assert breaks and set(breaks) == {"page"}
    trend = page.locator(".sayso-chart--fixed").first
    assert trend.bounding_box()["width"] <= page.viewport_size["width"]
    pdf = page.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page\n") + pdf.count(b"/Type/Page") >= 2
    page.context.close()


def test_board_pack_reads_without_javascript(
    browser: Browser, live_server: str, report_answers: None, axe_log: AxeLog
):
    page = signed_in_page(browser, live_server, 1280, 800)
    cookies = page.context.cookies()
    quiet = browser.new_context(java_script_enabled=False, bypass_csp=True)
    quiet.add_cookies(cookies)
    plain = quiet.new_page()
    plain.goto(f"{live_server}{REPORT}/board-pack")
    expect(plain.locator("h1")).to_contain_text("July – September 2026")
    expect(plain.get_by_role("button", name="Print or save as PDF")).to_be_hidden()
    expect(plain.locator("main")).to_contain_text("choose “Save as PDF” as the printer")
    expect(plain.locator("main")).to_contain_text("Got the report before the meeting")
    quiet.close()
    page.context.close()


def test_board_pack_fits_a_few_a4_pages_with_no_table_cut_off(
    browser: Browser, live_server: str, report_answers: None
):
    page = signed_in_page(browser, live_server, 1280, 800)
    page.goto(f"{live_server}{REPORT}/board-pack")
    page.emulate_media(media="print")
    # A4 less the pack's 12 mm margins, at 96 pixels to the inch.
    page.set_viewport_size({"width": round((210 - 24) / 25.4 * 96), "height": 1000})
    overflowing = page.eval_on_selector_all(
        "table",
        "tables => tables.filter(t => t.getBoundingClientRect().right >"
        " document.documentElement.clientWidth + 1).map(t => t.caption && t.caption.textContent)",
    )
    assert overflowing == []
    assert page.locator("text=Answers to each question").count() == 0
    expect(page.locator("main")).to_contain_text("Numbers hidden in this report:")
    pdf = page.pdf(format="A4", print_background=True)
    pages = len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))
    assert 1 <= pages <= 12
    page.context.close()
