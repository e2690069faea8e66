"""Indicators in a report: the period's value against target (RAG), the period before,
each trend bucket, and the audiences of a family side by side (triangulation), suppressed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.report.figures import QuestionCells, Totals
from app.report.queries import CURRENT, PREVIOUS
from app.report.suppression import (
    Rate,
    disclose_rates,
    hide_all_rates,
    rate_notes,
)
from app.report.tallies import Scope, Tallies, indicator_key
from app.responses.disclosure import EMPTY, protect_percent
from app.responses.periods import Period
from app.responses.shape import IndicatorResult, SuppressionNote, TriangulationRow
from app.responses.subjects import Subject
from app.survey.schema import Indicator, Survey

SCOPE_HIDDEN = "period"  # the period's responses are hidden, so every figure in it is


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
        band = self.current.band
        hidden_because = None
        if self.current.hidden:
            hidden_because = band.hidden if band is not None else SCOPE_HIDDEN
        at_least = band.at_least if band is not None else None
        at_most = band.at_most if band is not None else None
        rating = rag(value, self.indicator.target, self.indicator.amber)
        if value is None:
            rating = band_rag(at_least, at_most, self.indicator.target, self.indicator.amber)
        return IndicatorResult(
            id=self.indicator.id,
            label=self.indicator.label,
            value=value,
            target=self.indicator.target,
            rag=rating,
            suppressed=self.current.hidden,
            survey=self.survey.id,
            answered=question.answered.shown_count,
            amber=self.indicator.amber,
            key=self.key,
            previous=self.previous.value,
            hidden_because=hidden_because,
            at_least=at_least,
            at_most=at_most,
        )


def rag(value: float | None, target: float, amber: float) -> str | None:
    """Green at or above target, amber at or above the amber line, else red."""
    if value is None:
        return None
    if value >= target:
        return "green"
    return "amber" if value >= amber else "red"


def band_rag(
    at_least: float | None, at_most: float | None, target: float, amber: float
) -> str | None:
    """The rating a band decides on its own: green when all of it is at or above target,
    red when all of it is below the amber line; None when it could be either side."""
    if at_least is not None and at_least >= target:
        return "green"
    if at_most is not None and at_most < amber:
        return "red"
    return None


def indicator_figures(
    subject: Subject,
    tallies: Tallies,
    totals: Totals,
    trend: list[Period],
    threshold: int,
) -> list[IndicatorFigures]:
    """Every indicator of the report's surveys, with its rates disclosed: a rate in a
    period or trend bucket whose responses are hidden is hidden too."""
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
            disclose_rates(figures.rates(), threshold)
            hide_where_base_hidden(figures, totals)
            found.append(figures)
    return found


def hide_where_base_hidden(figures: IndicatorFigures, totals: Totals) -> None:
    """No percentage for a scope (the period, the one before, a month) showing no base."""
    if totals.current.hidden:
        hide_all_rates(figures.rates())
        return
    if totals.previous.hidden:
        hide_all_rates([figures.previous])
    for label, rate in figures.buckets.items():
        if totals.buckets[label].hidden:
            hide_all_rates([rate])


def triangulation_rows(figures: list[IndicatorFigures], threshold: int) -> list[TriangulationRow]:
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
            rows[indicator_id].by_audience[audience] = protect_percent(
                sum((r.positives for r in rates), EMPTY),
                sum((r.answered for r in rates), EMPTY),
                threshold,
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
