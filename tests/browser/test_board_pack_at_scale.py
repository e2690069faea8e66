"""The board pack and the report page at the scale of the demo data: a family of
questionnaires over a quarter, with two years of trend and every quote approved.

At this scale the pack once printed on 20 pages and more: a chart per indicator (nineteen
in the looked-after child review family) for every month of two years, the indicators'
chart taller than a page (its caption printed alone on a page), and a trend table of
twenty columns that fitted the paper only by breaking its words ("Peri / od").
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from playwright.sync_api import Browser, expect

from app.extensions import db
from tests.browser.axe import AxeLog
from tests.browser.printed import pack_on_paper, report_on_screen, squeezed
from tests.browser.staff import SIZES, check, new_page, sign_in
from tests.conftest import make_app
from tests.demo_database import build_demo_database
from tests.serving import serving

FAMILY = "lac-review"
QUARTER = "2026-Q3"
LEAD = "pack-lead@example.org"
# Enough for the quarter's themes to be shown with quotes; the trend and indicators are
# the family's whatever the number of responses.
RESPONSES = 1200
MOST_PAGES = 12


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Sayso on its own database filled by the demo (two years up to December 2026, every
    quote approved), with a council-wide participation lead."""
    folder = tmp_path_factory.mktemp("pack")
    app = make_app(f"sqlite:///{folder / 'sayso.db'}", str(folder))
    build_demo_database(app, RESPONSES, date(2026, 12, 7), 7, LEAD)
    with serving(app) as base:
        yield base
    with app.app_context():
        db.engine.dispose()


@pytest.mark.parametrize(
    ("period", "language"),
    [(QUARTER, "en"), ("2026", "en"), (QUARTER, "cy")],
    ids=["quarter", "year", "quarter-in-welsh"],
)
def test_board_pack_for_a_family_fits_twelve_a4_pages(
    browser: Browser, demo_server: str, axe_log: AxeLog, period: str, language: str
):
    page = new_page(browser, 1280, 800)
    sign_in(page, demo_server, LEAD)
    url = f"{demo_server}/reports/{FAMILY}/{period}/board-pack?lang={language}"
    page.goto(url)
    expect(page.locator("html")).to_have_attribute("lang", language)
    check(page, axe_log, f"/reports/{FAMILY}/{period}/board-pack?lang={language} (demo scale)")

    pack = pack_on_paper(page, url)

    problems = {
        "A4 pages": pack.pages,
        "pages with only a caption": pack.caption_pages,
        "tables that do not fit the paper": pack.wide_tables,
    }
    assert problems == {
        "A4 pages": min(pack.pages, MOST_PAGES),
        "pages with only a caption": [],
        "tables that do not fit the paper": [],
    }
    pages = [squeezed(text) for text in pack.page_texts]
    for part in ("findings", "indicators", "trend", "groups", "themes"):
        heading = squeezed(page.locator(f"#{part}-heading").inner_text())
        assert any(heading in text for text in pages), f"the pack leaves out “{heading}”"
    # Each figure in the trend says whose it is: "Felt listened to" is asked of three groups.
    for table in page.locator(".sayso-trend-table").all():
        assert table.locator(".sayso-table-group").count() == 4
    # A quote a lead approved is printed, with who said it, and the themes start on the
    # page their heading is on (not pushed whole to the next page, leaving it blank).
    assert page.locator(".sayso-quote-figure figcaption").count() > 0
    themes = squeezed(page.locator("#themes-heading").inner_text())
    first_theme = squeezed(page.locator(".sayso-report-item h3").first.inner_text())
    assert any(themes in text and first_theme in text for text in pages)
    # The hidden numbers are one paragraph on paper; the list stays on screen.
    assert pack.hidden_list_items == 0
    expect(page.locator("section[aria-labelledby='hidden-heading'] p")).to_have_count(1)
    page.context.close()


def test_board_pack_in_arabic_reads_right_to_left_and_fits_the_paper(
    browser: Browser, demo_server: str, axe_log: AxeLog
):
    # Only what needs no reading of the PDF's words: its text reader takes Latin, Cyrillic
    # and Welsh, not shaped Arabic.
    page = new_page(browser, 1280, 800)
    sign_in(page, demo_server, LEAD)
    url = f"{demo_server}/reports/{FAMILY}/{QUARTER}/board-pack?lang=ar"
    page.goto(url)
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    check(page, axe_log, f"/reports/{FAMILY}/{QUARTER}/board-pack?lang=ar (demo scale)")

    pack = pack_on_paper(page, url)

    assert (pack.pages <= MOST_PAGES, pack.wide_tables) == (True, [])
    for table in page.locator(".sayso-trend-table").all():
        assert table.locator(".sayso-table-group").count() == 4
    page.context.close()


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_report_page_at_scale_with_every_part_open_is_accessible(
    browser: Browser, demo_server: str, axe_log: AxeLog, width: int, height: int
):
    page = new_page(browser, width, height)
    sign_in(page, demo_server, LEAD)
    page.goto(f"{demo_server}/reports/{FAMILY}/{QUARTER}")
    closed = page.locator("details.sayso-report-part:not([open]) > summary")
    for _ in range(closed.count()):
        closed.first.click()
    expect(page.locator("details.sayso-report-part:not([open])")).to_have_count(0)
    check(page, axe_log, f"/reports/{FAMILY}/{QUARTER} every part open (demo scale) @{width}px")
    page.context.close()


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_report_page_at_scale_opens_on_a_summary_that_leads_to_the_comments(
    browser: Browser, demo_server: str, width: int, height: int
):
    page = new_page(browser, width, height)
    sign_in(page, demo_server, LEAD)
    screen = report_on_screen(page, f"{demo_server}/reports/{FAMILY}/{QUARTER}", width, height)
    assert screen.has_contents
    # The key findings quote the comments and link to them within two screens of the top.
    assert 0 <= screen.findings_themes_link_top < 2 * screen.screen, screen
    expect(page.locator("section[aria-labelledby='findings-heading']")).to_contain_text("“")
    page.context.close()


def test_report_page_parts_open_and_close_without_javascript(browser: Browser, demo_server: str):
    page = new_page(browser, 1280, 800)
    sign_in(page, demo_server, LEAD)
    cookies = page.context.cookies()
    page.context.close()

    quiet = browser.new_context(
        java_script_enabled=False, bypass_csp=True, viewport={"width": 1280, "height": 800}
    )
    quiet.add_cookies(cookies)
    plain = quiet.new_page()
    plain.goto(f"{demo_server}/reports/{FAMILY}/{QUARTER}")
    trend = plain.locator("details#part-trend")
    expect(trend).not_to_have_attribute("open", "")
    trend_table = trend.locator("table").first
    expect(trend_table).to_be_hidden()
    trend.locator("summary").click()
    expect(trend_table).to_be_visible()
    trend.locator("summary").click()
    expect(trend_table).to_be_hidden()
    # A finding's link into a part someone closed opens it again, with no script.
    themes = plain.locator("details#part-themes")
    themes.locator("summary").click()
    expect(plain.locator("#themes-heading")).to_be_hidden()
    findings = plain.locator("section[aria-labelledby='findings-heading']")
    findings.locator("a[href='#themes-heading']").first.click()
    expect(plain.locator("#themes-heading")).to_be_in_viewport()
    quiet.close()
