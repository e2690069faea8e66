"""Indicators in a report: the period's value against target (RAG), the period before,
each trend bucket, and the audiences of a family side by side (triangulation), suppressed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.report.figures import QuestionCells, inside
from app.report.periods import Period
from app.report.queries import CURRENT, PREVIOUS, Window
from app.report.shape import IndicatorResult, SuppressionNote, TriangulationRow
from app.report.subjects import Subject
from app.report.suppression import (
    SECONDARY,
    Rate,
    hide_small_rates,
    percent,
    protect_group,
    protect_rates,
    rate_notes,
    unshown_rate,
)
from app.report.tallies import Scope, Tallies, indicator_key
from app.survey.schema import Indicator, Survey


@dataclass
class IndicatorFigures:
    survey: Survey
    indicator: Indicator
    key: str
    current: Rate
    previous: Rate
    buckets: dict[str, Rate] = field(default_factory=dict)

    def rates(self) -> list[Rate]:
        return [self.current, self.previous, *self.buckets.values()]

    def result(self, question: QuestionCells) -> IndicatorResult:
        value = self.current.value
        return IndicatorResult(
            id=self.indicator.id,
            label=self.indicator.label,
            value=value,
            target=self.indicator.target,
            rag=rag(value, self.indicator.target, self.indicator.amber),
            suppressed=self.current.hidden,
            survey=self.survey.id,
            answered=question.answered.shown_count,
            amber=self.indicator.amber,
            key=self.key,
            previous=self.previous.value,
        )


def rag(value: float | None, target: float, amber: float) -> str | None:
    """Green at or above target, amber at or above the amber line, else red."""
    if value is None:
        return None
    if value >= target:
        return "green"
    return "amber" if value >= amber else "red"


def indicator_figures(
    subject: Subject,
    tallies: Tallies,
    questions: dict[tuple[str, str], QuestionCells],
    window: Window,
    trend: list[Period],
    threshold: int,
) -> list[IndicatorFigures]:
    """Every indicator of the report's surveys, with its rates suppressed."""
    found = []
    for survey in subject.surveys:
        for indicator in survey.indicators:
            key = indicator_key(survey, indicator, subject)

            def rate(where: str, scope: Scope) -> Rate:
                answered = tallies.answered(scope, survey, indicator.question)  # noqa: B023
                positives = tallies.positives(scope, survey, indicator, key)  # noqa: B023
                return Rate(where, positives, answered)

            where = f"indicators.{survey.id}.{indicator.id}"
            figures = IndicatorFigures(
                survey,
                indicator,
                key,
                current=rate(where, CURRENT),
                previous=rate(f"{where}.previous", PREVIOUS),
                buckets={
                    b.label: rate(f"trend.{b.label}.indicators.{key}", b.label) for b in trend
                },
            )
            hide_small_rates(figures.rates(), threshold)
            found.append(figures)
    # Options hidden for one indicator can expose another on the same question: repeat
    # until nothing more is hidden (each round hides something, so this ends).
    while any(
        [
            protect_against_options(f, questions[(f.survey.id, f.indicator.question)], threshold)
            for f in found
        ]
    ):
        pass
    for figures in found:
        protect_trend(figures, window, trend, threshold)
    return found


def protect_against_options(
    figures: IndicatorFigures, question: QuestionCells, threshold: int
) -> bool:
    """A shown value and answered count give the positives, so the question's hidden
    options must stay safe among the positive options and among the rest.

    Hides more options (which keeps the whole question safe), or else the value; returns
    whether anything was hidden.
    """
    if figures.current.hidden:
        return False
    if question.answered.hidden:
        figures.current.reason = SECONDARY
        return True
    if question.question.type == "multiple_choice":
        return False  # its options overlap, and its positives count people, not options
    positive = set(figures.indicator.positive)
    chosen = [cell for value, _label, cell in question.options if value in positive]
    others = [cell for value, _label, cell in question.options if value not in positive]
    hidden_before = sum(cell.hidden for cell in question.cells())
    if not (protect_group(chosen, threshold) and protect_group(others, threshold)):
        figures.current.reason = SECONDARY
        return True
    return sum(cell.hidden for cell in question.cells()) > hidden_before


def protect_trend(
    figures: IndicatorFigures, window: Window, trend: list[Period], threshold: int
) -> None:
    """The trend's buckets within a period add up to that period's rate."""
    for total, period in ((figures.current, window.period), (figures.previous, window.previous)):
        parts = [figures.buckets[label] for label in inside(trend, period)]
        if not parts:
            continue
        positives = total.positives - sum(p.positives for p in parts)
        answered = total.answered - sum(p.answered for p in parts)
        if not protect_rates([*parts, unshown_rate(positives, answered)], threshold):
            total.reason = total.reason or SECONDARY


def triangulation_rows(figures: list[IndicatorFigures]) -> list[TriangulationRow]:
    """Each indicator id across the audiences of a family, in the family's order."""
    rows: dict[str, TriangulationRow] = {}
    parts: dict[tuple[str, str], list[Rate]] = {}
    for item in figures:
        row = rows.setdefault(
            item.indicator.id, TriangulationRow(item.indicator.id, item.indicator.label)
        )
        row.by_audience.setdefault(item.survey.audience, None)
        parts.setdefault((item.indicator.id, item.survey.audience), []).append(item.current)
    for (indicator_id, audience), rates in parts.items():
        # Two surveys for one audience combine only when each is shown on its own.
        if not any(rate.hidden for rate in rates):
            rows[indicator_id].by_audience[audience] = percent(
                sum(r.positives for r in rates), sum(r.answered for r in rates)
            )
    return list(rows.values())


def triangulation_notes(figures: list[IndicatorFigures]) -> list[SuppressionNote]:
    return [
        SuppressionNote(
            f"triangulation.{item.indicator.id}.{item.survey.audience}", item.current.reason
        )
        for item in figures
        if item.current.reason is not None
    ]


def indicator_notes(figures: list[IndicatorFigures]) -> list[SuppressionNote]:
    return rate_notes(rate for item in figures for rate in item.rates())
