"""A built report as files: CSV (one row per figure) and an XLSX workbook (a sheet per section).

``sayso report build --format csv`` and the report page's download share
:func:`write_csv`, so the two never drift apart. Every text cell is escaped against
formula injection; a suppressed number is an empty value marked ``suppressed`` in the
CSV, and the words "fewer than N" in the workbook.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from typing import Any, TextIO

from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from app.actions.models import ACTION_STATUSES
from app.actions.themes import theme_label
from app.report.shape import Report
from app.report.wording import audience_name, fewer_than, rag_name, suppression_reason
from app.respond.export import escape_cell

HEADING_FONT = Font(bold=True)
HEADING_FILL = PatternFill("solid", fgColor="F3F2F1")  # GOV.UK light grey
FIGURE_COLUMNS = (
    "section",
    "survey",
    "id",
    "label",
    "breakdown",
    "measure",
    "value",
    "target",
    "rating",
    "suppressed",
)


def _figure(section: str, measure: str, value: Any, **fields: Any) -> dict[str, Any]:
    row = dict.fromkeys(FIGURE_COLUMNS, "")
    row.update(fields, section=section, measure=measure)
    row["value"] = "" if value is None else value
    row["suppressed"] = "true" if value is None else "false"
    return row


def report_figures(report: Report) -> Iterator[dict[str, Any]]:
    """Every number in the report, one per row, keyed by :data:`FIGURE_COLUMNS`."""
    yield _figure("summary", "responses", report.responses, survey=report.survey)
    if report.invitations:
        yield _figure("summary", "invitations", report.invitations, survey=report.survey)
        yield _figure("summary", "response_rate", report.response_rate, survey=report.survey)
    for question in report.questions:
        where = {"survey": question.survey, "id": question.id, "label": question.text}
        yield _figure("question", "answered", question.answered, **where)
        for option in question.options:
            yield _figure("question", "count", option.count, breakdown=option.label, **where)
            yield _figure("question", "percent", option.percent, breakdown=option.label, **where)
    for indicator in report.indicators:
        yield _figure(
            "indicator",
            "percent",
            None if indicator.suppressed else indicator.value,
            survey=indicator.survey,
            id=indicator.id,
            label=indicator.label,
            target="" if indicator.target is None else indicator.target,
            rating=indicator.rag or "",
        )
    yield from _trend_figures(report)
    for row in report.triangulation:
        for audience, value in row.by_audience.items():
            yield _figure(
                "triangulation", "percent", value, id=row.id, label=row.label, breakdown=audience
            )
    for theme in report.themes:
        for measure in ("count", "positive", "negative"):
            yield _figure("theme", measure, getattr(theme, measure), id=theme.id, label=theme.label)


def _trend_figures(report: Report) -> Iterator[dict[str, Any]]:
    labels = {indicator.id: indicator.label for indicator in report.indicators}
    for point in report.trend:
        yield _figure(
            "trend",
            "responses",
            None if point.suppressed else point.responses,
            breakdown=point.period,
        )
        for indicator_id, value in point.indicators.items():
            yield _figure(
                "trend",
                "percent",
                value,
                id=indicator_id,
                label=labels.get(indicator_id, ""),
                breakdown=point.period,
            )


def write_csv(report: Report, out: TextIO) -> None:
    """The report as CSV, safe to open in a spreadsheet."""
    writer = csv.DictWriter(out, fieldnames=FIGURE_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in report_figures(report):
        writer.writerow({key: escape_cell(value) for key, value in row.items()})


def report_csv(report: Report) -> str:
    out = io.StringIO()
    write_csv(report, out)
    return out.getvalue()


Sheet = tuple[str, list[str], list[list[Any]]]


def report_sheets(report: Report, described_filters: list[tuple[str, str]] = ()) -> list[Sheet]:
    """The workbook's sheets as (title, headings, rows); a suppressed cell says "fewer than N"."""
    hidden = fewer_than(report.threshold)

    def shown(value: Any, suppressed: bool = False) -> Any:
        return hidden if suppressed or value is None else value

    return [
        (_("Summary"), [_("Measure"), _("Value")], _summary_rows(report, described_filters, shown)),
        (
            _("Questions"),
            [_("Questionnaire"), _("Question"), _("Answer"), _("Count"), _("Per cent")],
            [
                [
                    q.survey,
                    q.text,
                    o.label,
                    shown(o.count, o.suppressed),
                    shown(o.percent, o.suppressed),
                ]
                for q in report.questions
                for o in q.options
            ],
        ),
        (
            _("Indicators"),
            [
                _("Questionnaire"),
                _("Indicator"),
                _("Per cent"),
                _("Target"),
                _("Amber from"),
                _("Rating"),
            ],
            [
                [
                    i.survey,
                    i.label,
                    shown(i.value, i.suppressed),
                    i.target,
                    i.amber,
                    rag_name(i.rag),
                ]
                for i in report.indicators
            ],
        ),
        _trend_sheet(report, shown),
        _triangulation_sheet(report, shown),
        (
            _("Themes"),
            [_("Theme"), _("Comments"), _("Positive"), _("Negative"), _("What people said")],
            [
                [
                    t.label,
                    shown(t.count, t.suppressed),
                    shown(t.positive, t.suppressed),
                    shown(t.negative, t.suppressed),
                    "\n".join(t.quotes),
                ]
                for t in report.themes
            ],
        ),
        (
            _("You said, we did"),
            [_("Theme"), _("You said"), _("We did"), _("Status"), _("When"), _("Published")],
            [
                [
                    action_theme(report, a.theme),
                    a.heard,
                    a.did,
                    str(ACTION_STATUSES.get(a.status, a.status)),
                    a.when or "",
                    _("Yes") if a.published else _("No"),
                ]
                for a in report.actions
            ],
        ),
    ]


def action_theme(report: Report, theme_id: str | None) -> str:
    """An action's theme as this report names it, else as the default codebook does."""
    for theme in report.themes:
        if theme.id == theme_id:
            return theme.label
    return theme_label(theme_id)


def _summary_rows(
    report: Report, described_filters: list[tuple[str, str]], shown: Any
) -> list[list[Any]]:
    rows: list[list[Any]] = [
        [_("Report"), report.title or report.survey],
        [_("Period"), report.period],
        [_("Responses"), shown(report.responses)],
    ]
    if report.invitations:
        rows.append([_("Invitations sent"), report.invitations])
        rows.append([_("Response rate (per cent)"), shown(report.response_rate)])
    rows.extend([name, value] for name, value in described_filters)
    rows.append([_("Smallest number shown"), report.threshold])
    for note in report.suppression:
        rows.append(
            [_("Hidden: %(where)s", where=note.where), suppression_reason(note.reason, report)]
        )
    if report.built_at:
        rows.append([_("Built at"), report.built_at])
    return rows


def _trend_sheet(report: Report, shown: Any) -> Sheet:
    headings = [_("Period"), _("Responses")] + [i.label for i in report.indicators]
    rows = [
        [point.period, shown(point.responses, point.suppressed)]
        + [shown(point.indicators.get(i.id)) for i in report.indicators]
        for point in report.trend
    ]
    return _("Trend"), headings, rows


def _triangulation_sheet(report: Report, shown: Any) -> Sheet:
    audiences: list[str] = []
    for row in report.triangulation:
        audiences.extend(a for a in row.by_audience if a not in audiences)
    headings = [_("Indicator")] + [audience_name(a) for a in audiences]
    rows = [
        # A group that was not asked is blank; one whose answers were hidden says so.
        [row.label] + [shown(row.by_audience[a]) if a in row.by_audience else "" for a in audiences]
        for row in report.triangulation
    ]
    return _("What each group said"), headings, rows


def report_xlsx(report: Report, described_filters: list[tuple[str, str]] = ()) -> bytes:
    """The report as an Excel workbook: a sheet per section, headings in bold on grey."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, headings, rows in report_sheets(report, described_filters):
        sheet = workbook.create_sheet(_sheet_title(title))
        sheet.append([_cell(h) for h in headings])
        for row in rows:
            sheet.append([_cell(value) for value in row])
        _style_sheet(sheet, len(headings))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        # openpyxl refuses control characters; a formula-like start gets its apostrophe.
        return escape_cell(ILLEGAL_CHARACTERS_RE.sub("", value))
    return value


def _sheet_title(title: str) -> str:
    """Excel allows 31 characters and none of []:*?/\\ in a sheet's name."""
    return re.sub(r"[\[\]:*?/\\]", " ", title)[:31]


def _style_sheet(sheet: Worksheet, columns: int) -> None:
    for cell in sheet[1]:
        cell.font = HEADING_FONT
        cell.fill = HEADING_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    for index in range(1, columns + 1):
        letter = get_column_letter(index)
        longest = max((len(str(c.value or "")) for c in sheet[letter]), default=10)
        sheet.column_dimensions[letter].width = min(max(12, longest + 2), 60)
