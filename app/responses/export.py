"""Raw response export for administrators: JSON lines or CSV safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import json
from typing import Any, TextIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.responses.models import Answer, Response
from app.responses.storing import iter_responses
from app.survey.models import SurveyVersion
from app.survey.publishing import survey_for_version
from app.survey.questions import question_type
from app.survey.questions.base import StoredValue
from app.survey.schema import Survey

WITHHELD = "[withheld: flagged by the safeguarding screen]"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape_cell(value: Any) -> Any:
    """Stop spreadsheets running a cell as a formula (prefix it with an apostrophe)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def response_record(response: Response) -> dict[str, Any]:
    """One response as plain data: answers keyed by question id."""
    answers: dict[str, Any] = {}
    for answer in response.answers:
        if answer.choice is not None:
            answers.setdefault(answer.question_id, []).append(answer.choice)
        elif answer.number is not None:
            value = answer.number
            answers[answer.question_id] = int(value) if value == int(value) else value
        elif answer.date_value is not None:
            answers[answer.question_id] = answer.date_value.isoformat()
        elif answer.flagged:
            # A possible disclosure: read by safeguarding leads on the alert page only.
            answers[answer.question_id] = WITHHELD
        else:
            answers[answer.question_id] = answer.text
    return {
        "response_id": response.id,
        "survey": response.survey_id,
        "survey_version_id": response.survey_version_id,
        "submitted_at": response.submitted_at.isoformat(timespec="seconds") + "Z",
        "language": response.language,
        "channel": response.channel,
        "answers": answers,
    }


def export_jsonl(session: Session, survey_id: str, out: TextIO) -> int:
    versions = _versions(session, survey_id)
    count = 0
    for response in iter_responses(session, survey_id):
        record = _flatten_single(versions, response)
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def stored_value(answer: Answer) -> StoredValue:
    return StoredValue(answer.choice, answer.number, answer.date_value, None)


def _flatten_single(versions: dict[int, tuple[Survey, int]], response: Response) -> dict[str, Any]:
    record = response_record(response)
    survey, number = versions[response.survey_version_id]
    for question_id in record["answers"]:
        question = survey.question(question_id)
        kind = question_type(question.type)
        if not kind.is_free_text:  # text stays as read (decrypted, or withheld)
            rows = [stored_value(a) for a in response.answers if a.question_id == question_id]
            record["answers"][question_id] = kind.read_back(question, rows)
    record["survey_version"] = number
    return record


def _versions(session: Session, survey_id: str) -> dict[int, tuple[Survey, int]]:
    """Every version of the survey, read once per export (not once per response)."""
    rows = session.scalars(
        select(SurveyVersion)
        .where(SurveyVersion.survey_id == survey_id)
        .order_by(SurveyVersion.number)
    )
    return {v.id: (survey_for_version(v), v.number) for v in rows}


def export_csv(session: Session, survey_id: str, out: TextIO) -> int:
    """One row per response, one column per question (multiple choice joined with ';',
    a ranking as its options in order joined with ' > ')."""
    versions = _versions(session, survey_id)
    question_ids = _question_columns(versions)
    writer = csv.writer(out)
    writer.writerow(
        [
            "response_id",
            "survey",
            "survey_version",
            "submitted_at",
            "language",
            "channel",
            *question_ids,
        ]
    )
    count = 0
    for response in iter_responses(session, survey_id):
        record = _flatten_single(versions, response)
        cells = [
            record["response_id"],
            record["survey"],
            record["survey_version"],
            record["submitted_at"],
            record["language"],
            record["channel"],
        ]
        survey = versions[response.survey_version_id][0]
        for question_id in question_ids:
            value = record["answers"].get(question_id)
            if value is not None:
                question = survey.question(question_id)
                value = question_type(question.type).export_cell(question, value)
            cells.append(value)
        writer.writerow([escape_cell(c) for c in cells])
        count += 1
    return count


def _question_columns(versions: dict[int, tuple[Survey, int]]) -> list[str]:
    """Every question id any version of the survey asked, in the order first asked."""
    columns: list[str] = []
    for survey, _number in sorted(versions.values(), key=lambda item: item[1]):
        for question in survey.questions():
            if question.id not in columns:
                columns.append(question.id)
    return columns
