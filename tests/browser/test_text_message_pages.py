"""With GOV.UK Notify set up (a local fake of it here), the meeting form asks for mobile
numbers and "My meetings" shows texts that were not delivered: both pages pass axe, fit a
320 px phone, and work by keyboard."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from app.extensions import db
from app.survey.publishing import publish_directory
from tests.browser.axe import AxeLog
from tests.browser.staff import PASSWORD, SIZES, check_with_keyboard, new_page, run_cli, sign_in
from tests.conftest import SURVEYS, make_app
from tests.notify_server import API_KEY, FakeNotify, fake_notify_server
from tests.serving import serving

CALLBACK_TOKEN = "receipts-token-for-the-browser-tests-01234"


@pytest.fixture(scope="module")
def notify() -> Iterator[FakeNotify]:
    with fake_notify_server() as fake:
        yield fake


@pytest.fixture(scope="module")
def notify_server(notify: FakeNotify, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Sayso set up for Notify, with a chair who can sign in."""
    url = f"sqlite:///{tmp_path_factory.mktemp('notify-live') / 'sayso.db'}"
    settings = {
        "SAYSO_NOTIFY_API_KEY": API_KEY,
        "SAYSO_NOTIFY_SMS_TEMPLATE": "f33517ff-2a88-4f6e-b855-c550268ce08a",
        "SAYSO_NOTIFY_BASE_URL": notify.url,
        "SAYSO_NOTIFY_CALLBACK_TOKEN": CALLBACK_TOKEN,
    }
    app = make_app(url, **settings)
    from flask_migrate import upgrade

    with app.app_context():
        upgrade()
        publish_directory(db.session, Path(SURVEYS))
        db.session.commit()
        db.session.remove()
    run_cli(url, "users", "create", "--email", "chair@example.org", "--role", "iro",
            "--team", "North", "--password-stdin", stdin=PASSWORD + "\n")  # fmt: skip
    with serving(app) as base:
        yield base


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_mobile_numbers_and_undelivered_texts_are_accessible(
    browser: Browser,
    notify_server: str,
    notify: FakeNotify,
    axe_log: AxeLog,
    width: int,
    height: int,
) -> None:
    page = new_page(browser, width, height)
    size = f"@{width}px"
    sign_in(page, notify_server, "chair@example.org")
    page.goto(f"{notify_server}/staff/meetings/new")
    page.get_by_label("Looked-after child review").check()
    page.get_by_label("Day").fill("3")
    page.get_by_label("Month").fill("11")
    page.get_by_label("Year").fill("2026")
    first = page.locator("fieldset.sayso-person").first
    first.get_by_label("Role").select_option("child")
    first.get_by_label("Mobile number for a text message (optional)").fill("01134960000")
    with page.expect_navigation():
        page.get_by_role("button", name="Create the links").click()
    assert "Enter a UK mobile number" in page.locator(".govuk-error-summary").inner_text()
    check_with_keyboard(page, axe_log, f"/staff/meetings/new (mobile, errors) {size}")
    first.get_by_label("Mobile number for a text message (optional)").fill("07700 900123")
    before = len(notify.texts())
    with page.expect_navigation():
        page.get_by_role("button", name="Create the links").click()
    assert len(notify.texts()) == before + 1
    text = notify.texts()[-1]
    answer = page.request.post(
        f"{notify_server}/notify/receipts",
        data={"id": text["id"], "reference": text["reference"], "status": "permanent-failure"},
        headers={"Authorization": f"Bearer {CALLBACK_TOKEN}"},
    )
    assert answer.ok
    page.goto(f"{notify_server}/staff/meetings")
    assert "1 text not delivered" in page.locator("main").inner_text()
    check_with_keyboard(page, axe_log, f"/staff/meetings (text not delivered) {size}")
    page.context.close()
