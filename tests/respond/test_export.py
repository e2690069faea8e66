"""``sayso responses export``: every response, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
import json

from app.extensions import db
from app.respond.drafts import create_draft, save_answers
from app.respond.sending import store_draft
from app.responses.export import escape_cell
from app.survey.publishing import current_version


def submit(survey_id: str, answers: dict) -> None:
    version = current_version(db.session, survey_id)
    draft, _ = create_draft(db.session, version.id, "k", 14)
    save_answers(draft, answers, "name", 14)
    store_draft(db.session, draft)
    db.session.commit()


def test_jsonl_has_answers_free_text_and_version(runner, every_type):
    submit(
        every_type,
        {
            "feeling": "good",
            "how": ["came", "wrote"],
            "better": "More time",
            "score": "8",
            "when": "2026-03-27",
        },
    )
    result = runner.invoke(
        args=["responses", "export", "--survey", every_type, "--format", "jsonl"]
    )
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout.splitlines()[0])
    assert record["survey"] == every_type
    assert record["survey_version"] == 1
    assert record["answers"] == {
        "feeling": "good",
        "how": ["came", "wrote"],
        "better": "More time",
        "score": 8,
        "when": "2026-03-27",
    }


def test_csv_escapes_formula_cells(runner, every_type):
    for text in ('=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "plain"):
        submit(every_type, {"better": text, "how": ["came", "wrote"]})
    result = runner.invoke(args=["responses", "export", "--survey", every_type, "--format", "csv"])
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["better"] for r in rows] == [
        '\'=HYPERLINK("http://x")',
        "'+1",
        "'-2",
        "'@SUM(A1)",
        "plain",
    ]
    assert rows[0]["how"] == "came;wrote"
    assert "why_not" in rows[0]


def test_export_of_unknown_survey_fails_clearly(runner, every_type):
    result = runner.invoke(args=["responses", "export", "--survey", "nope"])
    assert result.exit_code == 1
    assert "No survey called 'nope'" in result.output


def test_escape_cell_leaves_numbers_and_safe_text():
    assert escape_cell(-3) == -3
    assert escape_cell("hello = world") == "hello = world"
    assert escape_cell("\t=1") == "'\t=1"
