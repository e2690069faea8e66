"""The report's charts: a question's answers, indicators against target, the trend.

Each turns part of a :class:`~app.responses.shape.Report` into SVG (see
:mod:`app.report.svg_charts`); the page puts a caption and a data table beside it.
"""

from __future__ import annotations

from collections.abc import Sequence

from flask_babel import gettext as _
from markupsafe import Markup

from app.report.notes import (
    HiddenWords,
    indicator_code,
    option_code,
    trend_code,
    triangulation_code,
)
from app.report.svg_charts import Bar, Point, bar_chart, column_chart, line_chart
from app.responses.shape import IndicatorResult, QuestionResult, TrendPoint, TriangulationRow
from app.responses.wording import audience_name, indicator_value_text, percent_text, rag_name

# What a hidden figure says instead of itself, given its code (see app.report.notes).
Hidden = HiddenWords


def question_chart(question: QuestionResult, caption_id: str, hidden: Hidden, rtl: bool) -> Markup:
    """A question's answers: each option's share, with its count."""
    bars = [
        Bar(
            label=option.label,
            percent=None if option.suppressed else option.percent,
            value_text=f"{percent_text(option.percent)} ({option.count})",
            gap_text=hidden(
                option_code(question.survey, question.id, option.value), option.suppressed
            ),
        )
        for option in question.options
    ]
    return bar_chart(bars, caption_id, gap_text=hidden("", True), rtl=rtl)


def _gap_words(indicator: IndicatorResult, hidden: Hidden) -> str:
    """A band or which part was too small; for a report stored before bands, its note."""
    if indicator.hidden_because:
        return indicator_value_text(indicator, hidden.threshold)
    return hidden(indicator_code(indicator.survey, indicator.id), indicator.suppressed)


def indicators_chart(
    indicators: Sequence[IndicatorResult], caption_id: str, hidden: Hidden, rtl: bool
) -> Markup:
    """Each indicator's value against its target (a black mark), with its rating in words."""
    bars = []
    for indicator in indicators:
        shown = not indicator.suppressed and indicator.value is not None
        # The value goes under the bar with its target and rating: written on the bar it
        # could sit on the target mark.
        note_parts = [percent_text(indicator.value)] if shown else []
        if indicator.target is not None:
            note_parts.append(_("Target %(target)s", target=percent_text(indicator.target)))
        if indicator.rag:
            note_parts.append(rag_name(indicator.rag))
        bars.append(
            Bar(
                label=indicator.label,
                percent=indicator.value if shown else None,
                value_text="",
                target=indicator.target,
                note=" · ".join(note_parts),
                gap_text=(
                    indicator_value_text(indicator, hidden.threshold)
                    if indicator.hidden_because
                    else hidden(
                        indicator_code(indicator.survey, indicator.id), indicator.suppressed
                    )
                ),
            )
        )
    return bar_chart(bars, caption_id, gap_text=hidden("", True), rtl=rtl)


def responses_trend_chart(
    points: Sequence[TrendPoint], caption_id: str, hidden: Hidden, rtl: bool
) -> Markup:
    columns = [
        Point(
            p.period,
            None if p.suppressed else p.responses,
            str(p.responses),
            gap_text=hidden(trend_code(p.period), p.suppressed),
        )
        for p in points
    ]
    return column_chart(columns, caption_id, gap_text=hidden("", True), rtl=rtl)


def indicator_trend_chart(
    points: Sequence[TrendPoint],
    indicator: IndicatorResult,
    caption_id: str,
    hidden: Hidden,
    rtl: bool,
) -> Markup:
    """One indicator over time; a period with too few answers is a gap in the line."""
    key = indicator_key(indicator)
    values = [
        Point(
            point.period,
            point.indicators.get(key),
            percent_text(point.indicators.get(key)),
            gap_text=hidden(trend_code(point.period, key), False),
            empty=not hidden.hid(trend_code(point.period, key)),
        )
        for point in points
    ]
    target_text = (
        _("Target %(target)s", target=percent_text(indicator.target))
        if indicator.target is not None
        else ""
    )
    return line_chart(
        values,
        caption_id,
        gap_text=hidden("", True),
        target=indicator.target,
        target_text=target_text,
        rtl=rtl,
    )


def triangulation_chart(
    row: TriangulationRow, caption_id: str, hidden: Hidden, rtl: bool
) -> Markup:
    """One indicator side by side for each group that answered it (child, family, ...)."""
    bars = [
        Bar(
            label=audience_name(audience),
            percent=value,
            value_text=percent_text(value),
            gap_text=hidden(triangulation_code(row.id, audience), False),
        )
        for audience, value in row.by_audience.items()
    ]
    return bar_chart(bars, caption_id, gap_text=hidden("", True), rtl=rtl)


def indicator_key(indicator: IndicatorResult) -> str:
    """How the trend names an indicator: its key in a family report, else its id."""
    return indicator.key or indicator.id
