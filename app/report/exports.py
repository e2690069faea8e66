"""A built report as files: CSV (one row per figure) and an XLSX workbook (a sheet per section).

``sayso report build --format csv`` and the report page's download share
:func:`write_csv`, so the two never drift apart. Every text cell is escaped against
formula injection. A hidden number is an empty value marked ``suppressed`` (with the
builder's reason) in the CSV, and in the workbook the words "fewer than N", or "not
shown" when it was hidden to protect another and may be larger.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from flask_babel import gettext as _

from app.actions.models import ACTION_STATUSES
from app.actions.themes import theme_label
from app.report.charts import indicator_key
from app.report.notes import (
    HiddenWords,
    indicator_code,
    option_code,
    place_words,
    reason_words,
    theme_code,
    trend_code,
    triangulation_code,
)
from app.responses.export import escape_cell
from app.responses.shape import IndicatorResult, Report, ThemeSummary
from app.responses.wording import (
    audience_name,
    awaiting_words,
    indicator_value_text,
    percent_text,
    quote_label,
    rag_name,
)

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

HEADING_FILL_COLOUR = "F3F2F1"  # GOV.UK light grey
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
    "reason",
)
Sheet = tuple[str, list[str], list[list[Any]]]


class _FigureRows:
    """Makes one CSV row per figure, with the builder's reason when it was hidden."""

    def __init__(self, report: Report) -> None:
        self.reasons = {note.where: note.reason for note in report.suppression}

    def __call__(
        self, code: str, section: str, measure: str, value: Any, **fields: Any
    ) -> dict[str, Any]:
        row = dict.fromkeys(FIGURE_COLUMNS, "")
        row.update(fields, section=section, measure=measure)
        row["value"] = "" if value is None else value
        row["suppressed"] = "true" if value is None else "false"
        row["reason"] = self.reasons.get(code, "") if value is None else ""
        return row


Figures = Iterator[dict[str, Any]]


def report_figures(report: Report) -> Figures:
    """Every number in the report, one per row, keyed by :data:`FIGURE_COLUMNS`."""
    figure = _FigureRows(report)
    for section in (
        _summary_figures,
        _question_figures,
        _indicator_figures,
        _benchmark_figures,
        _trend_figures,
        _group_figures,
        _theme_figures,
    ):
        yield from section(report, figure)


def _summary_figures(report: Report, figure: _FigureRows) -> Figures:
    whole = {"survey": report.survey}
    yield figure("responses", "summary", "responses", report.responses, **whole)
    yield figure(
        "previous_responses",
        "summary",
        "previous_responses",
        report.previous_responses,
        breakdown=report.previous_period or "",
        **whole,
    )
    if report.invitations:
        yield figure("invitations", "summary", "invitations", report.invitations, **whole)
        yield figure("response_rate", "summary", "response_rate", report.response_rate, **whole)
    for audience, count in report.responses_by_audience.items():
        code = f"responses_by_audience.{audience}"
        yield figure(code, "summary", "responses", count, breakdown=audience, **whole)


def _question_figures(report: Report, figure: _FigureRows) -> Figures:
    for q in report.questions:
        at = {"survey": q.survey, "id": q.id, "label": q.text}
        answered = f"questions.{q.survey}.{q.id}.answered"
        yield figure(answered, "question", "answered", q.answered, **at)
        for o in q.options:
            code = option_code(q.survey, q.id, o.value)
            yield figure(code, "question", "count", o.count, breakdown=o.label, **at)
            yield figure(code, "question", "percent", o.percent, breakdown=o.label, **at)
        for r in q.average_ranks:
            code = option_code(q.survey, q.id, r.value)
            yield figure(code, "question", "ranked", r.ranked, breakdown=r.label, **at)
            yield figure(code, "question", "average_rank", r.average, breakdown=r.label, **at)


def _indicator_figures(report: Report, figure: _FigureRows) -> Figures:
    for i in report.indicators:
        yield figure(
            indicator_code(i.survey, i.id),
            "indicator",
            "percent",
            None if i.suppressed else i.value,
            survey=i.survey,
            id=i.id,
            label=i.label,
            target="" if i.target is None else i.target,
            rating=i.rag or "",
        )
        # What is still true of a percentage not shown exactly: "90% or more".
        for measure, bound in (("percent at least", i.at_least), ("percent at most", i.at_most)):
            if bound is not None:
                yield figure(
                    indicator_code(i.survey, i.id),
                    "indicator",
                    measure,
                    bound,
                    survey=i.survey,
                    id=i.id,
                    label=i.label,
                    target="" if i.target is None else i.target,
                    rating=i.rag or "",
                )


def _benchmark_figures(report: Report, figure: _FigureRows) -> Figures:
    """Others' figures, in their own section: shown beside the council's, never in it."""
    for i in report.indicators:
        for b in i.benchmarks:
            yield figure(
                f"{indicator_code(i.survey, i.id)}.benchmark",
                "benchmark",
                "percent",
                b.value,
                survey=i.survey,
                id=i.id,
                label=i.label,
                breakdown=f"{b.source}, {b.year}",
            )


def _trend_figures(report: Report, figure: _FigureRows) -> Figures:
    for point in report.trend:
        responses = None if point.suppressed else point.responses
        yield figure(
            trend_code(point.period), "trend", "responses", responses, breakdown=point.period
        )
        for indicator in report.indicators:
            key = indicator_key(indicator)
            if key in point.indicators:
                yield figure(
                    trend_code(point.period, key),
                    "trend",
                    "percent",
                    point.indicators[key],
                    survey=indicator.survey,
                    id=indicator.id,
                    label=indicator.label,
                    breakdown=point.period,
                )


def _group_figures(report: Report, figure: _FigureRows) -> Figures:
    for row in report.triangulation:
        for audience, value in row.by_audience.items():
            yield figure(
                triangulation_code(row.id, audience),
                "triangulation",
                "percent",
                value,
                id=row.id,
                label=row.label,
                breakdown=audience,
            )


def _theme_figures(report: Report, figure: _FigureRows) -> Figures:
    for theme in report.themes:
        for measure in ("count", "positive", "negative"):
            yield figure(
                theme_code(theme.id, tone=measure != "count"),
                "theme",
                measure,
                getattr(theme, measure),
                id=theme.id,
                label=theme.label,
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


class _Shown:
    """A workbook cell: the figure, or the words for it when hidden."""

    def __init__(self, report: Report) -> None:
        self.hidden = HiddenWords(report)

    def __call__(self, value: Any, code: str, suppressed: bool = False) -> Any:
        return self.hidden(code, suppressed) if suppressed or value is None else value

    def share(self, value: Any, code: str, suppressed: bool = False) -> Any:
        """A percentage: "not shown" when its count or base was hidden, never "fewer than"."""
        if value is None and (suppressed or self.hidden.hid(code)):
            return _("not shown")
        return self(value, code, suppressed)


def report_sheets(report: Report, described_filters: Sequence[tuple[str, str]] = ()) -> list[Sheet]:
    """The workbook's sheets as (title, headings, rows)."""
    shown = _Shown(report)
    return [
        (_("Summary"), [_("Measure"), _("Value")], _summary_rows(report, described_filters, shown)),
        _questions_sheet(report, shown),
        # Only when a question put things in order: most reports have none.
        *(
            [_rankings_sheet(report, shown)]
            if any(q.average_ranks for q in report.questions)
            else []
        ),
        _indicators_sheet(report, shown),
        _trend_sheet(report, shown),
        _triangulation_sheet(report, shown),
        _themes_sheet(report, shown),
        _actions_sheet(report),
    ]


def _questions_sheet(report: Report, shown: _Shown) -> Sheet:
    headings = [_("Questionnaire"), _("Question"), _("Answer"), _("Count"), _("Per cent")]
    rows = []
    for q in report.questions:
        for o in q.options:
            code = option_code(q.survey, q.id, o.value)
            rows.append(
                [
                    q.survey,
                    q.text,
                    o.label,
                    shown(o.count, code, o.suppressed),
                    shown.share(o.percent, code, o.suppressed),
                ]
            )
    return _("Questions"), headings, rows


def _rankings_sheet(report: Report, shown: _Shown) -> Sheet:
    """Questions that put things in order: each option's average position, lowest first."""
    headings = [
        _("Questionnaire"),
        _("Question"),
        _("Answer"),
        _("Average position"),
        _("Number who put it in order"),
    ]
    rows = []
    for q in report.questions:
        for r in q.average_ranks:
            code = option_code(q.survey, q.id, r.value)
            rows.append(
                [
                    q.survey,
                    q.text,
                    r.label,
                    shown.share(r.average, code, r.suppressed),
                    shown(r.ranked, code, r.suppressed),
                ]
            )
    return _("Rankings"), headings, rows


def _indicators_sheet(report: Report, shown: _Shown) -> Sheet:
    headings = [
        _("Questionnaire"),
        _("Indicator"),
        _("Per cent"),
        _("Target"),
        _("Amber from"),
        _("Rating"),
        report.previous_period or _("Period before"),
    ]
    rows = [
        [
            i.survey,
            i.label,
            indicator_value_text(i, report.threshold)
            if i.hidden_because
            else shown(i.value, indicator_code(i.survey, i.id), i.suppressed),
            i.target,
            i.amber,
            rag_name(i.rag),
            shown(i.previous, indicator_code(i.survey, i.id) + ".previous"),
        ]
        for i in report.indicators
    ]
    if any(i.benchmarks for i in report.indicators):
        # Others' figures in a column of their own, only when there are any.
        headings.append(_("Elsewhere (not counted here)"))
        for row, indicator in zip(rows, report.indicators, strict=True):
            row.append(benchmark_text(indicator))
    return _("Indicators"), headings, rows


def benchmark_text(indicator: IndicatorResult) -> str:
    """Others' figures for an indicator in words, one a line, each with source and year."""
    return "\n".join(
        _(
            "%(value)s (%(source)s, %(year)s)",
            value=percent_text(b.value),
            source=b.source,
            year=b.year,
        )
        for b in indicator.benchmarks
    )


def _summary_rows(
    report: Report, described_filters: Sequence[tuple[str, str]], shown: _Shown
) -> list[list[Any]]:
    rows: list[list[Any]] = [
        [_("Report"), report.title or report.survey],
        [_("Period"), report.period],
        [_("Responses"), shown(report.responses, "responses")],
    ]
    if report.previous_period:
        rows.append(
            [
                _("Responses in %(period)s", period=report.previous_period),
                shown(report.previous_responses, "previous_responses"),
            ]
        )
    if report.invitations:
        rows.append([_("Invitations sent"), report.invitations])
        rows.append([_("Response rate (per cent)"), shown(report.response_rate, "response_rate")])
    rows.extend([name, value] for name, value in described_filters)
    rows.append([_("Smallest number shown"), report.threshold])
    for note in report.suppression:
        rows.append(
            [
                _("Hidden: %(where)s", where=place_words(note.where, report)),
                reason_words(note.reason, report.threshold),
            ]
        )
    if report.built_at:
        rows.append([_("Figures as of"), report.built_at])
    return rows


def _trend_sheet(report: Report, shown: _Shown) -> Sheet:
    headings = [_("Period"), _("Responses")] + [i.label for i in report.indicators]
    rows = [
        [point.period, shown(point.responses, trend_code(point.period), point.suppressed)]
        + [
            shown(
                point.indicators.get(indicator_key(i)), trend_code(point.period, indicator_key(i))
            )
            for i in report.indicators
        ]
        for point in report.trend
    ]
    return _("Trend"), headings, rows


def _triangulation_sheet(report: Report, shown: _Shown) -> Sheet:
    audiences: list[str] = []
    for row in report.triangulation:
        audiences.extend(a for a in row.by_audience if a not in audiences)
    headings = [_("Indicator")] + [audience_name(a) for a in audiences]
    rows = [
        # A group that was not asked is blank; one whose answers were hidden says so.
        [row.label]
        + [
            shown(row.by_audience[a], triangulation_code(row.id, a)) if a in row.by_audience else ""
            for a in audiences
        ]
        for row in report.triangulation
    ]
    return _("What each group said"), headings, rows


def _themes_sheet(report: Report, shown: _Shown) -> Sheet:
    headings = [_("Theme"), _("Comments"), _("Positive"), _("Negative"), _("What people said")]
    rows = [
        [t.label]
        + [
            shown(getattr(t, m), theme_code(t.id, tone=m != "count"), t.suppressed)
            for m in ("count", "positive", "negative")
        ]
        + [_quotes_cell(t)]
        for t in report.themes
    ]
    return _("Themes"), headings, rows


def _quotes_cell(theme: ThemeSummary) -> str:
    """A theme's approved quotes, each with who said it, and whether more await approval."""
    lines = []
    for quote in theme.quotes:
        label = quote_label(quote.audience, quote.age_band)
        lines.append(f"{quote.text} ({label})" if label else quote.text)
    if theme.quotes_awaiting:
        lines.append(awaiting_words(bool(theme.quotes)))
    return "\n".join(lines)


def _actions_sheet(report: Report) -> Sheet:
    headings = [_("Theme"), _("You said"), _("We did"), _("Status"), _("When"), _("Published")]
    rows = [
        [
            action_theme(report, a.theme),
            a.heard,
            a.did,
            str(ACTION_STATUSES.get(a.status, a.status)),
            a.when or "",
            _("Yes") if a.published else _("No"),
        ]
        for a in report.actions
    ]
    return _("You said, we did"), headings, rows


def action_theme(report: Report, theme_id: str | None) -> str:
    """An action's theme as this report names it, else as the default codebook does."""
    for theme in report.themes:
        if theme.id == theme_id:
            return theme.label
    return theme_label(theme_id)


def report_xlsx(report: Report, described_filters: Sequence[tuple[str, str]] = ()) -> bytes:
    """The report as an Excel workbook: a sheet per section, headings in bold on grey."""
    # openpyxl (which brings NumPy with it) is imported when a workbook is made, not
    # whenever the app or the command line starts.
    from openpyxl import Workbook

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
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        # openpyxl refuses control characters; a formula-like start gets its apostrophe.
        return escape_cell(ILLEGAL_CHARACTERS_RE.sub("", value))
    return value


def _sheet_title(title: str) -> str:
    """Excel allows 31 characters and none of []:*?/\\ in a sheet's name."""
    return re.sub(r"[\[\]:*?/\\]", " ", title)[:31]


def _style_sheet(sheet: Worksheet, columns: int) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=HEADING_FILL_COLOUR)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    for index in range(1, columns + 1):
        letter = get_column_letter(index)
        longest = max((len(str(c.value or "")) for c in sheet[letter]), default=10)
        sheet.column_dimensions[letter].width = min(max(12, longest + 2), 60)
