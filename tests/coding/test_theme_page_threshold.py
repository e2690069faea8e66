"""A theme page follows its report's threshold: it lists comments only where the report
shows the theme, never more than the report's figure gives away, and never an exact count."""

from __future__ import annotations

from datetime import datetime

from app.extensions import db
from tests.auth.conftest import make_staff, sign_in
from tests.coding.factories import coded, comment
from tests.pages import get

THEME = "/reports/every-type/2026-Q3/themes/safety"


def safe_comments(survey_id: str, count: int) -> None:
    for index in range(count):
        at = datetime(2026, 8, 1 + index, 10)
        coded(comment(survey_id, f"I feel safe {index}", at=at), {"safety": 0.4})
    db.session.commit()


def test_a_theme_the_report_hides_lists_no_comments(app, every_type):
    safe_comments(every_type, 9)
    make_staff("admin@example.org", "admin", team=None)
    client = app.test_client()
    sign_in(client, "admin@example.org")
    page = get(client, THEME)
    assert not page.select("blockquote")
    assert "only when at least 10 comments have it" in page.text()
    assert "I feel safe" not in page.text()
    report = get(client, "/reports/every-type/2026-Q3")
    assert "Feeling safe" not in report.text()


def test_a_shown_theme_lists_all_but_its_oldest_few_and_no_exact_total(app, every_type):
    safe_comments(every_type, 12)
    make_staff("admin@example.org", "admin", team=None)
    client = app.test_client()
    sign_in(client, "admin@example.org")
    first = get(client, THEME)
    assert "The report counts about 12 comments" in first.text()
    assert " of 12" not in first.text()
    second = get(client, f"{THEME}?page=2")
    listed = len(first.select("blockquote")) + len(second.select("blockquote"))
    assert listed == 10  # 12 shown, less the perturbation bound of 2
    assert "I feel safe 0" not in first.text() + second.text()  # the oldest is not listed
