"""Comparison with others: regional or national figures a lead uploads as a CSV file.

A benchmark is not Sayso's data. It is stored as given (source, year, percentage),
shown beside the council's own figure, and never counted into it: the council's figure
is built from responses alone and goes through the disclosure rules as before.

A file is checked whole before anything is stored: one bad row and nothing changes, so
what was uploaded before is never lost to a half-read file. A row for an indicator,
source and year already stored replaces the figure.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from app import clock
from app.report.models import IndicatorBenchmark
from app.responses.shape import BenchmarkResult, Report
from app.survey.models import Survey as SurveyRow
from app.survey.models import SurveyVersion
from app.survey.publishing import survey_for_version

COLUMNS = ("survey", "indicator", "source", "year", "value")
MAX_ROWS = 2000
MAX_BYTES = 512 * 1024
SOURCE_LENGTH = 120
# "2025", "2024-25" or "2024/25" (written as "2024-25"): a calendar or financial year.
YEAR = re.compile(r"^(\d{4})(?:[-/](\d{2}))?$")


@dataclass(frozen=True)
class BenchmarkRow:
    survey: str
    indicator: str
    source: str
    year: str
    value: float


@dataclass(frozen=True)
class RowProblem:
    line: int  # as a spreadsheet numbers it: the header is line 1
    column: str
    message: str


@dataclass(frozen=True)
class IndicatorName:
    """What a lead reads for a benchmark's survey and indicator ids (in English, to be
    shown through ``survey_text`` in the page's language)."""

    survey_id: str
    survey_title: str
    indicator_id: str
    indicator_label: str


def indicator_names(session: Session) -> dict[tuple[str, str], IndicatorName]:
    """Each published survey's indicators by (survey id, indicator id), with their words."""
    rows = session.execute(
        select(SurveyRow.id, SurveyVersion)
        .join(SurveyVersion, SurveyRow.current_version_id == SurveyVersion.id)
        .order_by(SurveyRow.id)
    ).all()
    names = {}
    for survey_id, version in rows:
        survey = survey_for_version(version)
        for indicator in survey.indicators:
            names[(survey_id, indicator.id)] = IndicatorName(
                survey_id, survey.title, indicator.id, indicator.label
            )
    return names


def known_indicators(
    session: Session, names: dict[tuple[str, str], IndicatorName] | None = None
) -> dict[str, set[str]]:
    """Each published survey's indicator ids: what a benchmark can be for (from
    ``names`` when the caller has read them already)."""
    found: dict[str, set[str]] = {}
    for survey_id, indicator_id in names if names is not None else indicator_names(session):
        found.setdefault(survey_id, set()).add(indicator_id)
    return found


def read_benchmarks(
    data: bytes, indicators: dict[str, set[str]]
) -> tuple[list[BenchmarkRow], list[RowProblem]]:
    """Parse and check every row; the rows come back only when there is no problem."""
    if len(data) > MAX_BYTES:
        return [], [RowProblem(1, "", _("The file must be smaller than 500 KB."))]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], [RowProblem(1, "", _("The file must be a CSV file saved as UTF-8."))]
    reader = csv.DictReader(io.StringIO(text))
    header = [(name or "").strip().lower() for name in reader.fieldnames or []]
    missing = [name for name in COLUMNS if name not in header]
    if missing:
        return [], [
            RowProblem(
                1,
                ", ".join(missing),
                _(
                    "The first line must name the columns: %(columns)s.",
                    columns=", ".join(COLUMNS),
                ),
            )
        ]
    reader.fieldnames = header
    rows: list[BenchmarkRow] = []
    problems: list[RowProblem] = []
    seen: dict[tuple[str, str, str, str], int] = {}
    for line, record in enumerate(reader, start=2):
        if line - 1 > MAX_ROWS:
            problems.append(
                RowProblem(line, "", _("Upload at most %(count)s rows at a time.", count=MAX_ROWS))
            )
            break
        values = {name: (record.get(name) or "").strip() for name in COLUMNS}
        if not any(values.values()):
            continue  # a blank line, as spreadsheets often leave at the end
        row, row_problems = _checked_row(line, values, indicators)
        problems.extend(row_problems)
        if row is None:
            continue
        key = (row.survey, row.indicator, row.source.casefold(), row.year)
        if key in seen:
            problems.append(
                RowProblem(
                    line,
                    "",
                    _(
                        "Line %(other)s has a figure for the same indicator, source and year.",
                        other=seen[key],
                    ),
                )
            )
        seen.setdefault(key, line)
        rows.append(row)
    if not rows and not problems:
        problems.append(RowProblem(2, "", _("The file has no figures in it.")))
    return ([] if problems else rows), problems


def _checked_row(
    line: int, values: dict[str, str], indicators: dict[str, set[str]]
) -> tuple[BenchmarkRow | None, list[RowProblem]]:
    problems = []
    survey, indicator = values["survey"], values["indicator"]
    if survey not in indicators:
        problems.append(
            RowProblem(
                line,
                "survey",
                _("There is no published questionnaire called “%(survey)s”.", survey=survey),
            )
        )
    elif indicator not in indicators[survey]:
        problems.append(
            RowProblem(
                line,
                "indicator",
                _(
                    "The questionnaire “%(survey)s” has no indicator called “%(indicator)s”.",
                    survey=survey,
                    indicator=indicator,
                ),
            )
        )
    source = " ".join(values["source"].split())
    if not source:
        problems.append(RowProblem(line, "source", _("Enter who published the figure.")))
    elif len(source) > SOURCE_LENGTH:
        problems.append(
            RowProblem(
                line,
                "source",
                _("The source must be %(count)s characters or fewer.", count=SOURCE_LENGTH),
            )
        )
    year = _year(values["year"])
    if year is None:
        problems.append(
            RowProblem(line, "year", _("Enter the year as 2025, or a financial year as 2024-25."))
        )
    value = _percent(values["value"])
    if value is None:
        problems.append(
            RowProblem(line, "value", _("Enter the figure as a percentage from 0 to 100."))
        )
    if problems or year is None or value is None:
        return None, problems
    return BenchmarkRow(survey, indicator, source, year, value), []


def _year(text: str) -> str | None:
    match = YEAR.match(text)
    if match is None:
        return None
    first, second = match.group(1), match.group(2)
    if second is None:
        return first
    if int(second) != (int(first) + 1) % 100:
        return None
    return f"{first}-{second}"


def _percent(text: str) -> float | None:
    try:
        value = float(text.removesuffix("%").strip())
    except ValueError:
        return None
    if not 0 <= value <= 100:  # also refuses "nan"
        return None
    return round(value, 1)


def store_benchmarks(session: Session, rows: Sequence[BenchmarkRow], staff_id: int | None) -> int:
    """Keep the rows, each replacing any figure for its indicator, source and year.

    One upsert per row, so two people uploading at once both succeed. The caller commits.
    """
    dialect = session.get_bind().dialect.name
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    now = clock.utcnow()
    for row in rows:
        statement = insert(IndicatorBenchmark).values(
            survey_id=row.survey,
            indicator_id=row.indicator,
            source=row.source,
            year=row.year,
            value=row.value,
            uploaded_at=now,
            uploaded_by_id=staff_id,
        )
        session.execute(
            statement.on_conflict_do_update(
                index_elements=["survey_id", "indicator_id", "source", "year"],
                set_={
                    name: statement.excluded[name]
                    for name in ("value", "uploaded_at", "uploaded_by_id")
                },
            )
        )
    return len(rows)


def remove_benchmark(session: Session, benchmark_id: int) -> IndicatorBenchmark | None:
    """Delete one stored figure (uploaded by mistake, or withdrawn by who published it);
    return it as it was, or None when there is no such figure. Reports stop showing it at
    once: figures to compare with are read afresh for every report. The caller commits."""
    benchmark = session.get(IndicatorBenchmark, benchmark_id)
    if benchmark is not None:
        session.delete(benchmark)
        session.flush()
    return benchmark


def stored_benchmarks(session: Session) -> list[IndicatorBenchmark]:
    """Every stored figure, by questionnaire, indicator, source and latest year first."""
    return list(
        session.scalars(
            select(IndicatorBenchmark).order_by(
                IndicatorBenchmark.survey_id,
                IndicatorBenchmark.indicator_id,
                IndicatorBenchmark.source,
                IndicatorBenchmark.year.desc(),
            )
        )
    )


def latest_benchmarks(
    session: Session, survey_ids: Sequence[str]
) -> dict[tuple[str, str], list[BenchmarkResult]]:
    """For each (survey, indicator), each source's figure for its latest year."""
    found: dict[tuple[str, str], list[BenchmarkResult]] = {}
    sources: set[tuple[str, str, str]] = set()
    rows = session.scalars(
        select(IndicatorBenchmark)
        .where(IndicatorBenchmark.survey_id.in_(list(survey_ids)))
        .order_by(
            IndicatorBenchmark.survey_id,
            IndicatorBenchmark.indicator_id,
            IndicatorBenchmark.source,
            IndicatorBenchmark.year.desc(),
        )
    )
    for row in rows:
        if (row.survey_id, row.indicator_id, row.source) in sources:
            continue
        sources.add((row.survey_id, row.indicator_id, row.source))
        found.setdefault((row.survey_id, row.indicator_id), []).append(
            BenchmarkResult(row.source, row.year, row.value)
        )
    return found


def attach_benchmarks(session: Session, report: Report) -> None:
    """Put others' figures beside the report's indicators (read afresh, never stored)."""
    found = latest_benchmarks(session, sorted({i.survey for i in report.indicators}))
    for indicator in report.indicators:
        indicator.benchmarks = found.get((indicator.survey, indicator.id), [])
