"""A comment the screen flagged is read by safeguarding leads on the alert page and by
nobody else: not on theme pages, in quotes, emerging-theme terms or exports."""

from __future__ import annotations

import io

from sqlalchemy import select

from app.coding.candidates import find_candidates, unmatched_comments
from app.coding.models import CommentTheme
from app.coding.quotes import theme_quote_pool
from app.extensions import db
from app.responses.export import WITHHELD, export_jsonl
from app.responses.filters import Filters
from app.responses.models import Answer
from app.responses.periods import parse_period
from app.responses.scope import CountScope
from app.safeguard.alerts import flag_disclosures
from tests.api.conftest import bearer, token_for
from tests.auth.conftest import make_staff, sign_in
from tests.coding.factories import WIFI, approve_every_quote, comments
from tests.pages import get
from tests.safeguard.test_alerts import answer_safety

Q3 = parse_period("2026-Q3")
DISCLOSURES = [f"I am going to kill myself, the pills are in drawer {n}" for n in range(12)]


def flagged(answers: list[Answer]) -> list[Answer]:
    for answer in answers:
        flag_disclosures(answer.response, {answer.question_id})
    db.session.commit()
    return answers


def test_the_screen_flags_the_words_that_raised_the_alert_and_only_those(app, safety):
    answer_safety(app.test_client(), safety, "no", "a bus pass please")
    answer_safety(app.test_client(), safety, "yes", "my stepdad hits me")
    rows = db.session.execute(
        select(Answer.text, Answer.flagged).where(Answer.text.is_not(None))
    ).all()
    texts = {text: flag for text, flag in rows}
    assert texts == {"a bus pass please": False, "my stepdad hits me": True}


def test_flagged_comments_never_reach_other_roles(app, every_type):
    ordinary = comments(every_type, WIFI)
    hidden = flagged(comments(every_type, DISCLOSURES))
    everyone = Filters()

    loose = {
        c.id for c in unmatched_comments(db.session, CountScope.of([every_type], Q3, everyone))
    }
    assert {a.id for a in ordinary} <= loose and not loose & {a.id for a in hidden}
    found = find_candidates(db.session, every_type, CountScope.of([every_type], Q3, everyone), 10)
    db.session.commit()
    terms = " ".join(" ".join(c.key_terms) + " " + c.label for c in found)
    assert "wifi" in terms and "kill" not in terms and "pills" not in terms

    hidden_themes = set(
        db.session.scalars(
            select(CommentTheme.theme_id).where(CommentTheme.answer_id.in_([a.id for a in hidden]))
        )
    )
    assert hidden_themes
    for theme_id in hidden_themes:
        pool = theme_quote_pool(db.session, CountScope.of([every_type], Q3, everyone), theme_id)
        assert not any("kill myself" in c.redacted for c in pool)

    # Even approved by a lead (before the screen flagged it), a flagged comment is not quoted.
    approve_every_quote()
    db.session.commit()
    make_staff("admin@example.org", "admin", team=None)
    make_staff("plead@example.org", "participation_lead", team=None)
    for email in ("admin@example.org", "plead@example.org"):
        client = app.test_client()
        sign_in(client, email)
        page = get(client, "/reports/every-type/2026-Q3/themes/other").text()
        assert "wifi signal" in page
        for theme_id in hidden_themes:
            page = get(client, f"/reports/every-type/2026-Q3/themes/{theme_id}").text()
            assert "kill myself" not in page, theme_id
        for file_format in ("csv", "xlsx"):
            report = client.get(f"/reports/every-type/2026-Q3.{file_format}")
            assert report.status_code == 200
            assert b"kill myself" not in report.get_data()

    api = app.test_client().get(
        "/api/v1/reports/every-type/2026-Q3", headers=bearer(token_for("api@example.org"))
    )
    assert api.status_code == 200 and "wifi signal" in api.get_data(as_text=True)
    assert "kill myself" not in api.get_data(as_text=True)

    out = io.StringIO()
    export_jsonl(db.session, every_type, out)
    assert "kill myself" not in out.getvalue() and WITHHELD in out.getvalue()
    assert "wifi signal" in out.getvalue()
