"""The page where leads upload figures to compare with, in real Chromium: axe, no sideways
scroll and the keyboard at desktop and 320 px, a bad file's problems, and without
JavaScript."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.axe import AxeLog
from tests.browser.staff import SIZES, check, check_with_keyboard, signed_in_page

PAGE = "/reports/benchmarks"
HEADER = "survey,indicator,source,year,value\n"
BAD = HEADER + "cp-conference-family,got_report,Regional survey,next year,71\n"


def csv_file(text: str) -> dict:
    return {"name": "figures.csv", "mimeType": "text/csv", "buffer": text.encode()}


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_uploading_figures_to_compare_with(
    browser: Browser, live_server: str, chair_and_lead: None, axe_log: AxeLog, width, height
):
    page = signed_in_page(browser, live_server, width, height)
    size = f"@{width}px"
    page.get_by_role("link", name="Upload regional or national figures").click()
    expect(page.locator("h1")).to_have_text("Figures to compare with")
    check_with_keyboard(page, axe_log, f"{PAGE} {size}")

    page.get_by_label("CSV file of figures to compare with").set_input_files(csv_file(BAD))
    page.get_by_role("button", name="Check the file and save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("1 problems are listed below")
    expect(page.locator("#problems")).to_contain_text("Enter the year as 2025")
    check(page, axe_log, f"{PAGE} (bad file) {size}")

    good = HEADER + f"cp-conference-family,got_report,Regional survey {width},2024-25,71\n"
    page.get_by_label("CSV file of figures to compare with").set_input_files(csv_file(good))
    page.get_by_role("button", name="Check the file and save").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("1 figures saved.")
    expect(page.locator("main")).to_contain_text(f"Regional survey {width}")
    check_with_keyboard(page, axe_log, f"{PAGE} (saved) {size}")
    page.context.close()


def test_uploading_works_without_javascript(
    browser: Browser, live_server: str, chair_and_lead: None, axe_log: AxeLog
):
    page = signed_in_page(browser, live_server, 320, 640)
    quiet = browser.new_context(
        java_script_enabled=False, bypass_csp=True, viewport={"width": 320, "height": 640}
    )
    quiet.add_cookies(page.context.cookies())
    plain = quiet.new_page()
    plain.goto(f"{live_server}{PAGE}")
    good = HEADER + "cp-conference-family,got_report,Figures typed without scripts,2025,64\n"
    plain.get_by_label("CSV file of figures to compare with").set_input_files(csv_file(good))
    plain.get_by_role("button", name="Check the file and save").click()
    expect(plain.locator(".govuk-notification-banner")).to_contain_text("1 figures saved.")
    expect(plain.locator("main")).to_contain_text("Figures typed without scripts")
    quiet.close()
    page.context.close()
