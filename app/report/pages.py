"""What the report page and the board pack show: a built report put into page order.

The page reads a :class:`~app.responses.shape.Report` and nothing else; this module adds
what a page needs around it (survey text in the page's language, charts with their
caption ids, hidden figures' words, actions grouped under their themes).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from flask_babel import gettext as _
from markupsafe import Markup

from app.report.charts import (
    Hidden,
    indicator_key,
    indicator_trend_chart,
    indicators_chart,
    question_chart,
    responses_trend_chart,
    triangulation_chart,
)
from app.report.findings import period_words
from app.report.notes import HiddenWords, place_words, reason_words, trend_code
from app.responses.shape import (
    ActionSummary,
    IndicatorResult,
    QuestionResult,
    Report,
    ThemeSummary,
)
from app.responses.subjects import report_heading
from app.survey.translation import survey_text


@dataclass(frozen=True)
class Chart:
    caption_id: str
    caption: str
    svg: Markup


@dataclass
class QuestionSection:
    question: QuestionResult
    chart: Chart | None


@dataclass(frozen=True)
class HiddenNote:
    """A suppression note in plain words."""

    place: str
    reason: str


@dataclass
class ThemeSection:
    theme: ThemeSummary
    actions: list[ActionSummary] = field(default_factory=list)


@dataclass(frozen=True)
class IndicatorGroup:
    """The indicators one group of people answered ("" in a report on one questionnaire)."""

    audience: str
    indicators: list[IndicatorResult]


@dataclass
class ReportPage:
    report: Report
    hidden: Hidden
    questions: list[QuestionSection]
    indicators_chart: Chart | None
    trend_charts: list[Chart]
    triangulation_charts: list[Chart]
    themes: list[ThemeSection]
    other_actions: list[ActionSummary]
    audiences: list[str]
    notes: list[HiddenNote]
    indicator_groups: list[IndicatorGroup] = field(default_factory=list)
    # The period as people say it ("July – September 2026"), for headings.
    period_name: str = ""


def in_page_language(report: Report) -> Report:
    """A copy of ``report`` with its survey text and theme names translated (the cached
    report is shared). A theme staff added has no translation and keeps its own name."""
    return replace(
        report,
        title=report_heading(report),
        questions=[
            replace(
                q,
                text=survey_text(q.text),
                options=[replace(o, label=survey_text(o.label)) for o in q.options],
                average_ranks=[replace(r, label=survey_text(r.label)) for r in q.average_ranks],
            )
            for q in report.questions
        ],
        indicators=[replace(i, label=survey_text(i.label)) for i in report.indicators],
        triangulation=[replace(r, label=survey_text(r.label)) for r in report.triangulation],
        themes=[replace(t, label=_(t.label)) for t in report.themes],
    )


def report_page(report: Report, rtl: bool) -> ReportPage:
    """Everything the report page and board pack show, in the order they show it."""
    hidden = HiddenWords(report)
    return ReportPage(
        report=report,
        hidden=hidden,
        questions=[_question_section(q, n, hidden, rtl) for n, q in enumerate(report.questions)],
        indicators_chart=(
            Chart(
                "chart-indicators",
                _(
                    "Each indicator for %(period)s against its target (the black mark).",
                    period=report.period,
                ),
                indicators_chart(report.indicators, "chart-indicators", hidden, rtl),
            )
            if report.indicators
            else None
        ),
        trend_charts=_trend_charts(report, hidden, rtl),
        triangulation_charts=_triangulation_charts(report, hidden, rtl),
        themes=_theme_sections(report),
        other_actions=_other_actions(report),
        audiences=_audiences(report),
        notes=[
            HiddenNote(place_words(n.where, report), reason_words(n.reason, report.threshold))
            for n in report.suppression
        ],
        indicator_groups=_indicator_groups(report),
        period_name=period_words(report.period),
    )


def _question_section(
    question: QuestionResult, index: int, hidden: Hidden, rtl: bool
) -> QuestionSection:
    if not question.options:
        return QuestionSection(question, None)
    caption_id = f"chart-question-{index}"
    caption = _(
        "Answers to “%(question)s”: the share choosing each answer, with the number.",
        question=question.text,
    )
    return QuestionSection(
        question, Chart(caption_id, caption, question_chart(question, caption_id, hidden, rtl))
    )


def _trend_charts(report: Report, hidden: Hidden, rtl: bool) -> list[Chart]:
    if not report.trend:
        return []
    first, last = report.trend[0].period, report.trend[-1].period
    charts = [
        Chart(
            "chart-trend-responses",
            (
                _("Responses in each quarter from %(first)s to %(last)s.", first=first, last=last)
                if report.trend_by == "quarter"
                else _(
                    "Responses in each month from %(first)s to %(last)s.", first=first, last=last
                )
            ),
            responses_trend_chart(report.trend, "chart-trend-responses", hidden, rtl),
        )
    ]
    for index, indicator in enumerate(report.indicators):
        key = indicator_key(indicator)
        codes = [trend_code(point.period, key) for point in report.trend]
        values = [point.indicators.get(key) for point in report.trend]
        if all(v is None for v in values) and not any(hidden.hid(c) for c in codes):
            continue  # nobody answered it in two years: the table says so, a chart would not
        caption_id = f"chart-trend-{index}"
        charts.append(
            Chart(
                caption_id,
                _(
                    "%(indicator)s, from %(first)s to %(last)s, with the target as a dashed "
                    "line. A period with no answers is left blank.",
                    indicator=indicator.label,
                    first=first,
                    last=last,
                ),
                indicator_trend_chart(report.trend, indicator, caption_id, hidden, rtl),
            )
        )
    return charts


def _triangulation_charts(report: Report, hidden: Hidden, rtl: bool) -> list[Chart]:
    charts = []
    for index, row in enumerate(report.triangulation):
        caption_id = f"chart-groups-{index}"
        charts.append(
            Chart(
                caption_id,
                _("%(indicator)s: what each group said.", indicator=row.label),
                triangulation_chart(row, caption_id, hidden, rtl),
            )
        )
    return charts


def _indicator_groups(report: Report) -> list[IndicatorGroup]:
    """The indicators by who answered them, in the report's order: in a family, "Felt
    listened to" is asked of several groups, and a table must say whose figure it is."""
    if len(report.survey_audiences) <= 1:
        return [IndicatorGroup("", report.indicators)]
    groups: dict[str, list[IndicatorResult]] = {}
    for indicator in report.indicators:
        audience = report.survey_audiences.get(indicator.survey, "")
        groups.setdefault(audience, []).append(indicator)
    return [IndicatorGroup(audience, found) for audience, found in groups.items()]


def _audiences(report: Report) -> list[str]:
    """Every group in the triangulation, in the order the report gives them."""
    found: list[str] = []
    for row in report.triangulation:
        found.extend(a for a in row.by_audience if a not in found)
    return found


def _theme_sections(report: Report) -> list[ThemeSection]:
    sections = [ThemeSection(theme) for theme in report.themes]
    by_id = {section.theme.id: section for section in sections}
    for action in report.actions:
        if action.theme in by_id:
            by_id[action.theme].actions.append(action)
    return sections


def _other_actions(report: Report) -> list[ActionSummary]:
    """Actions about a theme this period's comments did not raise (or raised too rarely)."""
    themed = {theme.id for theme in report.themes}
    return [action for action in report.actions if action.theme not in themed]
