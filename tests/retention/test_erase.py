"""A respondent's erasure request: the response leaves exports, reports and stored reports."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta

from sqlalchemy import func, select

from app.auth.models import AuditEvent
from app.coding.models import CommentCoding, CommentVector, QuoteDecision, ThemeCandidate
from app.extensions import db
from app.report.build import build_report, cached_report
from app.report.models import ReportSnapshot
from app.responses.filters import Filters
from app.responses.models import Answer, Response
from app.responses.periods import parse_period
from tests.retention.conftest import comment, raise_alert, theme_comments

JULY = datetime(2026, 7, 6, 10)
Q3 = parse_period("2026-Q3")
SECRET = "Nobody asked me about my brother and I felt ignored the whole time"


def thirteen_responses(survey: str) -> int:
    """Twelve ordinary responses and the one to erase (with its own words); its id."""
    for minute in range(12):
        comment(JULY + timedelta(minutes=minute))
    target = comment(JULY + timedelta(hours=1), SECRET).id
    theme_comments()
    return target


def exported_rows(runner, survey: str) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    result = runner.invoke(args=["responses", "export", "--survey", survey, "--format", "csv"])
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.stdout)))


def reported_responses(runner, survey: str) -> int:  # type: ignore[no-untyped-def]
    result = runner.invoke(args=["report", "build", "--survey", survey, "--period", "2026-Q3"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["responses"]


def erase(runner, response_id: int, *extra: str):  # type: ignore[no-untyped-def]
    return runner.invoke(args=["responses", "erase", "--response", str(response_id), *extra])


def test_an_erased_response_leaves_the_export_the_report_and_the_stored_report(runner, young):
    target = thirteen_responses(young)
    answer = db.session.scalar(select(Answer.id).where(Answer.response_id == target))
    db.session.add(ThemeCandidate(survey_key=young, label="Family", answer_ids=[answer, 1]))
    stored = cached_report(db.session, young, Q3, Filters(), 10)
    db.session.commit()
    assert stored.responses == 13 and reported_responses(runner, young) == 13
    assert SECRET in {row["what_was_good"] for row in exported_rows(runner, young)}

    result = erase(runner, target, "--yes")

    assert result.exit_code == 0, result.output
    assert f"Erased response {target}." in result.output
    assert "Answers removed: 2" in result.output and SECRET not in result.output
    assert "Stored reports to rebuild: 1" in result.output
    assert db.session.scalar(select(func.count()).select_from(ReportSnapshot)) == 0
    rows = exported_rows(runner, young)
    assert len(rows) == 12 and SECRET not in {row["what_was_good"] for row in rows}
    assert reported_responses(runner, young) == 12
    assert build_report(db.session, young, Q3, Filters(), 10).responses == 12
    assert cached_report(db.session, young, Q3, Filters(), 10).responses == 12
    assert db.session.get(Response, target) is None
    coded = select(func.count()).where(CommentCoding.response_id == target)
    assert db.session.scalar(coded) == 0
    assert db.session.scalar(select(ThemeCandidate.answer_ids)) == [1]


def test_erasure_is_audited_with_the_id_and_nothing_else(runner, young):
    target = thirteen_responses(young)

    assert erase(runner, target, "--yes").exit_code == 0

    event = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "response_erased")
    ).one()
    assert (event.object_type, event.object_id, event.details) == ("response", str(target), {})


def test_an_open_safeguarding_alert_blocks_erasure(runner, young):
    target = comment(JULY)
    raise_alert(target, closed_at=None)
    target_id = target.id
    db.session.commit()

    result = erase(runner, target_id, "--yes")

    assert result.exit_code == 1
    assert "still open" in result.output and "nothing was erased" in result.output
    assert db.session.get(Response, target_id) is not None
    assert db.session.scalar(select(func.count()).where(Answer.response_id == target_id)) == 2


def test_a_closed_alert_keeps_its_response_as_part_of_the_record(runner, young):
    target = comment(JULY)
    raise_alert(target, closed_at=JULY + timedelta(days=2))
    target_id = target.id
    db.session.commit()

    result = erase(runner, target_id, "--yes")

    assert result.exit_code == 1
    assert "closed 2026-07-08" in result.output and "nothing was erased" in result.output
    assert db.session.get(Response, target_id) is not None


def test_an_unknown_response_is_a_clear_error(runner, young):
    result = erase(runner, 987654, "--yes")
    assert result.exit_code == 1
    assert "There is no response 987654." in result.output


def test_erasure_asks_first_and_does_nothing_when_told_no(runner, young):
    target = comment(JULY).id
    db.session.commit()

    result = runner.invoke(args=["responses", "erase", "--response", str(target)], input="n\n")

    assert result.exit_code == 1
    assert db.session.get(Response, target) is not None


def test_an_approved_quote_of_the_erased_response_goes_with_it(runner, young):
    """The approved wording and the encoder's vector are the respondent's words too: they
    must not outlive them."""
    target = thirteen_responses(young)
    answer = db.session.scalar(
        select(CommentCoding.answer_id).where(CommentCoding.response_id == target)
    )
    db.session.add(QuoteDecision(answer_id=answer, state="approved", text=SECRET))
    db.session.commit()
    assert db.session.get(CommentVector, answer) is not None  # kept when it was themed

    result = erase(runner, target, "--yes")

    assert result.exit_code == 0, result.output
    assert db.session.scalar(select(func.count()).select_from(QuoteDecision)) == 0
    assert db.session.get(CommentVector, answer) is None
    assert db.session.scalar(select(func.count()).select_from(CommentVector)) == 12
