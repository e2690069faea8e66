"""Raw response export for administrators: JSON lines or CSV safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import json
from typing import Any, TextIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.respond.models import Response
from app.respond.responses import iter_responses
from app.survey.models import SurveyVersion
from app.survey.publishing import survey_for_version
from app.survey.schema import Survey

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
    count = 0
    for response in iter_responses(session, survey_id):
        out.write(json.dumps(_flatten_single(session, response), ensure_ascii=False) + "\n")
        count += 1
    return count


def _flatten_single(session: Session, response: Response) -> dict[str, Any]:
    record = response_record(response)
    survey = _survey(session, response.survey_version_id)
    for question_id, value in record["answers"].items():
        if isinstance(value, list) and survey.question(question_id).type != "multiple_choice":
            record["answers"][question_id] = value[0]
    record["survey_version"] = _version_number(session, response.survey_version_id)
    return record


def export_csv(session: Session, survey_id: str, out: TextIO) -> int:
    """One row per response, one column per question (multiple choice joined with ';')."""
    question_ids = _question_columns(session, survey_id)
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
        record = _flatten_single(session, response)
        cells = [
            record["response_id"],
            record["survey"],
            record["survey_version"],
            record["submitted_at"],
            record["language"],
            record["channel"],
        ]
        for question_id in question_ids:
            value = record["answers"].get(question_id)
            cells.append(";".join(value) if isinstance(value, list) else value)
        writer.writerow([escape_cell(c) for c in cells])
        count += 1
    return count


def _question_columns(session: Session, survey_id: str) -> list[str]:
    """Every question id any version of the survey asked, in the order first asked."""
    columns: list[str] = []
    versions = session.scalars(
        select(SurveyVersion)
        .where(SurveyVersion.survey_id == survey_id)
        .order_by(SurveyVersion.number)
    )
    for version in versions:
        for question in survey_for_version(version).questions():
            if question.id not in columns:
                columns.append(question.id)
    return columns


def _survey(session: Session, version_id: int) -> Survey:
    version = session.get(SurveyVersion, version_id)
    assert version is not None
    return survey_for_version(version)


def _version_number(session: Session, version_id: int) -> int:
    version = session.get(SurveyVersion, version_id)
    assert version is not None
    return version.number
