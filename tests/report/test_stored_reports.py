"""A stored report opens from what was stored: nothing is counted again to show it, yet
people's corrections, quote decisions and newly coded comments still reach it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event

from app.coding.coding import set_human_codes
from app.extensions import db
from app.report.build import cached_report
from app.responses.filters import Filters
from app.responses.periods import parse_period
from tests.auth.conftest import make_staff, sign_in
from tests.coding.factories import approve_every_quote, coded, comment
from tests.pages import get

Q3 = parse_period("2026-Q3")


@contextmanager
def statements() -> Iterator[list[str]]:
    """Every SQL statement the database is sent inside the block."""
    sent: list[str] = []

    def keep(_conn, _cursor, statement, _params, _context, _many):  # type: ignore[no-untyped-def]
        sent.append(" ".join(statement.split()))

    event.listen(db.engine, "before_cursor_execute", keep)
    try:
        yield sent
    finally:
        event.remove(db.engine, "before_cursor_execute", keep)


def safe_comments(survey: str, count: int = 12) -> None:
    for index in range(count):
        coded(comment(survey, f"I feel safe in my flat now {index}"), {"safety": 0.6})
    db.session.commit()


def cached(survey: str):  # type: ignore[no-untyped-def]
    report = cached_report(db.session, survey, Q3, Filters(), 10)
    db.session.commit()
    return report


def test_a_stored_report_page_opens_without_counting_anything_again(app, every_type):
    safe_comments(every_type)
    approve_every_quote()
    db.session.commit()
    make_staff("lead@example.org", "participation_lead", team=None)
    client = app.test_client()
    sign_in(client, "lead@example.org")
    address = f"/reports/{every_type}/2026-Q3"
    first = get(client, address)  # builds and stores the report

    with statements() as sent:
        again = get(client, address)

    assert again.status == 200
    assert "Feeling safe" in again.text() and "I feel safe in my flat now" in again.text()
    assert again.text() == first.text()
    counted = [s for s in sent if "GROUP BY" in s.upper() or "comment_theme" in s]
    assert counted == []


def test_a_quote_approved_after_the_report_was_stored_appears_in_it(app, every_type):
    safe_comments(every_type)
    (theme,) = cached(every_type).themes
    assert theme.quotes == [] and theme.quotes_awaiting == 3

    approve_every_quote()
    db.session.commit()
    (theme,) = cached(every_type).themes
    assert len(theme.quotes) == 3


def test_comments_coded_after_the_report_was_stored_appear_in_it(app, every_type):
    answers = [comment(every_type, f"I feel safe in my flat now {n}") for n in range(12)]
    db.session.commit()
    assert cached(every_type).themes == []  # not coded yet

    for answer in answers:
        coded(answer, {"safety": 0.6})
    db.session.commit()
    assert [(t.id, t.count) for t in cached(every_type).themes] == [("safety", 12)]


def test_a_correction_after_the_report_was_stored_appears_in_it(app, every_type):
    answers = [comment(every_type, f"I feel safe in my flat now {n}") for n in range(10)]
    for answer in answers:
        coded(answer, {"safety": 0.6})
    db.session.commit()
    assert [t.count for t in cached(every_type).themes] == [10]

    set_human_codes(db.session, answers[0].id, ["housing"], staff_id=None)
    db.session.commit()
    assert cached(every_type).themes == []  # nine: below the threshold, so not listed
