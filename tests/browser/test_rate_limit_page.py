"""The page a respondent sees when answers come too fast, in a real browser: accessible,
fits a 320 px phone, and its button sends the kept answer once the wait is over; and
the plainer page for too many links opened from one address."""

from __future__ import annotations

from pathlib import Path

from flask_migrate import upgrade
from playwright.sync_api import Browser

from app.extensions import db
from app.responses.models import Draft
from tests.browser.axe import AxeLog, assert_accessible, assert_no_sideways_scroll
from tests.browser.test_try_again_page import serving
from tests.conftest import DATA, make_app, publish
from tests.ratelimit.test_respondent_limits import invite

TYPED = "A lock on my door"


def test_too_many_tries_page_is_accessible_and_resends_the_answer(
    browser: Browser, tmp_path: Path, axe_log: AxeLog
) -> None:
    app = make_app(
        f"sqlite:///{tmp_path / 'sayso.db'}",
        str(tmp_path / "instance"),
        SAYSO_RATE_LIMIT_SUBMIT="1 per minute",
        SAYSO_RATE_LIMIT_LINKS="1 per minute",
    )
    with app.app_context():
        upgrade()
        survey_id = publish(DATA / "surveys" / "safety-check.yaml")
        links = [invite(app, survey_id) for _ in range(2)]
        db.session.remove()
    phone = browser.new_context(viewport={"width": 320, "height": 640}, bypass_csp=True)
    page = phone.new_page()
    with serving(app) as base:
        try:
            page.goto(f"{base}/s/{survey_id}")
            with page.expect_navigation():
                page.get_by_role("button", name="Start now").click()
            page.get_by_label("No", exact=True).check()
            with page.expect_navigation():
                page.get_by_role("button", name="Continue").click()
            page.get_by_label("What would make you feel safer?").fill(TYPED)
            with page.expect_navigation():
                page.get_by_role("button", name="Continue").click()

            assert page.locator("h1").inner_text() == "Your answers have not been saved yet"
            assert "Nothing you typed has been lost" in page.locator("main").inner_text()
            assert_accessible(page, axe_log, "too many tries (answers kept)")
            assert_no_sideways_scroll(page)

            app.extensions["sayso_rate_limiter"].reset()  # the minute has passed
            with page.expect_navigation():
                page.get_by_role("button", name="Try again").click()
            assert page.locator("h1").inner_text() == "Would you like someone to contact you?"
            with app.app_context():
                draft = db.session.scalars(db.select(Draft)).one()
                assert draft.answers["what_would_help"] == TYPED
                db.session.remove()

            page.goto(f"{base}/r/{links[0]}")
            page.goto(f"{base}/r/{links[1]}")
            assert page.locator("h1").inner_text() == "Too many tries"
            assert_accessible(page, axe_log, "too many tries (link)")
            assert_no_sideways_scroll(page)
        finally:
            phone.close()
            with app.app_context():
                db.engine.dispose()
