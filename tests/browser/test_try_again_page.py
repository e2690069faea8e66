"""The "try again" page a respondent sees when the database is gone, in a real browser:
accessible, fits a 320 px phone, and its button sends the kept answer once it is back."""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from flask_migrate import upgrade
from playwright.sync_api import Browser

from app.extensions import db
from tests.browser.axe import AxeLog, assert_accessible, assert_no_sideways_scroll
from tests.conftest import DATA, make_app, publish
from tests.serving import serving


def database_gone(app: Flask, path: Path, gone: bool) -> None:
    """Move the SQLite file away (or back) and drop pooled connections to it."""
    away = path.with_suffix(".away")
    path.rename(away) if gone else away.rename(path)
    with app.app_context():
        db.engine.dispose()


def test_try_again_page_is_accessible_and_resends_the_answer(
    browser: Browser, tmp_path: Path, axe_log: AxeLog
) -> None:
    database = tmp_path / "sayso.db"
    app = make_app(f"sqlite:///{database}", str(tmp_path / "instance"))
    with app.app_context():
        upgrade()
        survey_id = publish(DATA / "surveys" / "safety-check.yaml")
        db.session.remove()
    phone = browser.new_context(viewport={"width": 320, "height": 640}, bypass_csp=True)
    page = phone.new_page()
    with serving(app) as base:
        try:
            page.goto(f"{base}/s/{survey_id}")
            with page.expect_navigation():
                page.get_by_role("button", name="Start now").click()
            page.get_by_label("No", exact=True).check()

            database_gone(app, database, gone=True)
            with page.expect_navigation():
                page.get_by_role("button", name="Continue").click()
            assert page.locator("h1").inner_text() == "Your answers have not been saved yet"
            assert_accessible(page, axe_log, "try again (database unreachable)")
            assert_no_sideways_scroll(page)

            database_gone(app, database, gone=False)
            with page.expect_navigation():
                page.get_by_role("button", name="Try again").click()
            assert page.locator("h1").inner_text() == "What would make you feel safer?"
        finally:
            phone.close()
            with app.app_context():
                db.engine.dispose()
