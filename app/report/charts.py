"""The report's charts: a question's answers, indicators against target, the trend.

Each turns part of a :class:`~app.report.shape.Report` into SVG (see
:mod:`app.report.svg_charts`); the page puts a caption and a data table beside it.
"""

from __future__ import annotations

from collections.abc import Sequence

from flask_babel import gettext as _
from markupsafe import Markup

from app.report.shape import IndicatorResult, QuestionResult, TrendPoint
from app.report.svg_charts import Bar, Point, bar_chart, column_chart, line_chart
from app.report.wording import fewer_than, percent_text, rag_name


def question_chart(question: QuestionResult, caption_id: str, threshold: int, rtl: bool) -> Markup:
    """A question's answers: each option's share, with its count."""
    bars = [
        Bar(
            label=option.label,
            percent=None if option.suppressed else option.percent,
            value_text=f"{percent_text(option.percent)} ({option.count})",
        )
        for option in question.options
    ]
    return bar_chart(bars, caption_id, gap_text=fewer_than(threshold), rtl=rtl)


def indicators_chart(
    indicators: Sequence[IndicatorResult], caption_id: str, threshold: int, rtl: bool
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
        if shown and indicator.rag:
            note_parts.append(rag_name(indicator.rag))
        bars.append(
            Bar(
                label=indicator.label,
                percent=indicator.value if shown else None,
                value_text="",
                target=indicator.target,
                note=" · ".join(note_parts),
            )
        )
    return bar_chart(bars, caption_id, gap_text=fewer_than(threshold), rtl=rtl)


def responses_trend_chart(
    points: Sequence[TrendPoint], caption_id: str, threshold: int, rtl: bool
) -> Markup:
    columns = [
        Point(p.period, None if p.suppressed else p.responses, str(p.responses)) for p in points
    ]
    return column_chart(columns, caption_id, gap_text=fewer_than(threshold), rtl=rtl)


def indicator_trend_chart(
    points: Sequence[TrendPoint],
    indicator: IndicatorResult,
    caption_id: str,
    threshold: int,
    rtl: bool,
) -> Markup:
    """One indicator over time; a period with too few answers is a gap in the line."""
    values = []
    for point in points:
        value = point.indicators.get(indicator.id)
        values.append(Point(point.period, value, percent_text(value)))
    target_text = (
        _("Target %(target)s", target=percent_text(indicator.target))
        if indicator.target is not None
        else ""
    )
    return line_chart(
        values,
        caption_id,
        gap_text=fewer_than(threshold),
        target=indicator.target,
        target_text=target_text,
        rtl=rtl,
    )
