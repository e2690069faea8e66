"""Building a participation report: counts from the database, suppressed, in one shape.

``build_report`` always counts afresh; ``cached_report`` reuses a stored snapshot while
nothing new has arrived since it was built. Both take a session and never commit.
"""

from __future__ import annotations

import time

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import clock
from app.coding.models import LocalTheme
from app.coding.summaries import theme_summaries
from app.report.actions import actions_for_report
from app.report.benchmarks import attach_benchmarks
from app.report.figures import QuestionCells, Totals, question_cells, total_cells
from app.report.indicators import (
    IndicatorFigures,
    indicator_figures,
    indicator_notes,
    triangulation_notes,
    triangulation_rows,
)
from app.report.queries import Window, counting
from app.report.snapshots import (
    data_fingerprint,
    find_snapshot,
    forget_unused_snapshots,
    recently_used_snapshots,
    store_snapshot,
)
from app.report.suppression import rate_notes, suppression_notes
from app.report.tallies import tally
from app.responses.disclosure import check_request
from app.responses.filters import Filters
from app.responses.periods import (
    Period,
    default_trend_by,
    parse_period,
    previous_period,
    trend_buckets,
)
from app.responses.scope import CountScope
from app.responses.shape import Report, SuppressionNote, ThemeSummary, TrendPoint
from app.responses.subjects import Subject, UnknownSurvey, report_subjects, resolve_subject
from app.themes.codebook import named_codebook

__all__ = [
    "UnknownSurvey",
    "build_report",
    "cached_report",
    "rebuild_stale_snapshots",
    "report_subjects",
]


def build_report(
    session: Session,
    survey_key: str,
    period: Period,
    filters: Filters,
    threshold: int,
    *,
    trend_by: str | None = None,
) -> Report:
    """The report for a survey or family over ``period``; ``UnknownSurvey`` if no such key."""
    check_request(period, filters)
    subject = resolve_subject(session, survey_key)
    by = trend_by or default_trend_by(period)
    trend = trend_buckets(period, by)
    window = Window(period, previous_period(period), trend[0].start)
    tallies = tally(session, subject, filters, window, trend, by)

    totals = total_cells(subject, tallies, trend, threshold)
    scope_shown = not totals.current.hidden
    questions = question_cells(subject, tallies, threshold, scope_shown)
    by_question = {(q.survey.id, q.question.id): q for q in questions}
    indicators = indicator_figures(subject, tallies, totals, trend, threshold)

    invited = totals.invited.shown_count
    themes, theme_notes = (
        report_themes(session, subject.survey_ids, period, filters, threshold)
        if scope_shown
        else ([], [])
    )
    report = Report(
        survey=survey_key,
        period=period.label,
        filters=filters.as_dict(),
        responses=totals.current.shown_count,
        response_rate=totals.rate.value,
        questions=[q.result() for q in questions],
        indicators=[i.result(by_question[(i.survey.id, i.indicator.question)]) for i in indicators],
        trend=trend_points(trend, totals, indicators),
        themes=themes,
        actions=actions_for_report(session, survey_key, period),
        triangulation=triangulation_rows(indicators, threshold) if subject.is_family else [],
        suppression=[*figure_notes(subject, totals, questions, indicators), *theme_notes],
        threshold=threshold,
        title=subject.title,
        invitations=invited,
        built_at=clock.utcnow().isoformat(timespec="seconds"),
        previous_period=window.previous.label,
        previous_responses=totals.previous.shown_count,
        responses_by_audience={a: c.shown_count for a, c in totals.by_audience.items()},
        trend_by=by,
        survey_audiences={survey.id: survey.audience for survey in subject.surveys},
    )
    attach_benchmarks(session, report)
    return report


def trend_points(
    trend: list[Period], totals: Totals, indicators: list[IndicatorFigures]
) -> list[TrendPoint]:
    return [
        TrendPoint(
            period=bucket.label,
            responses=totals.buckets[bucket.label].shown_count,
            indicators={i.key: i.buckets[bucket.label].value for i in indicators},
            suppressed=totals.buckets[bucket.label].hidden,
        )
        for bucket in trend
    ]


def figure_notes(
    subject: Subject,
    totals: Totals,
    questions: list[QuestionCells],
    indicators: list[IndicatorFigures],
) -> list[SuppressionNote]:
    """Where suppression hid a count or a percentage, and why."""
    return [
        *suppression_notes(totals.cells()),
        *rate_notes([totals.rate]),
        *(note for q in questions for note in suppression_notes(q.cells())),
        *indicator_notes(indicators),
        *(triangulation_notes(indicators) if subject.is_family else []),
    ]


def cached_report(
    session: Session, survey_key: str, period: Period, filters: Filters, threshold: int
) -> Report:
    """The stored report while nothing it was built from has changed, else a fresh one
    (stored for next time; the caller commits).

    A stored report opens as it was stored, themes and quotes included: corrections to
    codes and quote decisions change the fingerprint (see
    :func:`app.report.snapshots.coding_state`), so nothing is counted again to show it.
    Actions and others' figures are small lists of what staff typed, read afresh."""
    check_request(period, filters)
    subject = resolve_subject(session, survey_key)
    fingerprint = data_fingerprint(session, subject, period, filters)
    snapshot = find_snapshot(session, survey_key, period, filters, threshold)
    if snapshot is not None and snapshot.fingerprint == fingerprint:
        report = Report.from_json(snapshot.data)
        report.actions = actions_for_report(session, survey_key, period)
        attach_benchmarks(session, report)
        if (clock.utcnow() - snapshot.used_at).total_seconds() > 3600:
            snapshot.used_at = clock.utcnow()
        return report
    report = build_report(session, survey_key, period, filters, threshold)
    store_snapshot(session, report, period, filters, fingerprint)
    return report


def report_themes(
    session: Session,
    survey_ids: tuple[str, ...],
    period: Period,
    filters: Filters,
    threshold: int,
) -> tuple[list[ThemeSummary], list[SuppressionNote]]:
    """The free-text section: themes of the period's comments, labelled by the codebook."""
    labels = {theme.id: theme.label for theme in named_codebook().themes}
    labels |= {
        row.id: row.label for row in session.execute(select(LocalTheme.id, LocalTheme.label))
    }
    with counting(session):
        return theme_summaries(
            session, CountScope.of(survey_ids, period, filters), threshold, labels
        )


def rebuild_stale_snapshots(
    session: Session,
    *,
    seconds: float = 120,
    used_within_days: int = 30,
    forget_after_days: int = 90,
) -> int:
    """Rebuild every recently used snapshot whose data has changed; returns how many.

    Safe to run twice (a fresh snapshot is left alone) and bounded: it stops starting new
    builds after ``seconds``, leaving the rest for the next run. Snapshots nobody has
    opened for ``forget_after_days`` are deleted. The caller commits.
    """
    started = time.monotonic()
    forget_unused_snapshots(session, forget_after_days)
    rebuilt = 0
    for snapshot in recently_used_snapshots(session, used_within_days):
        if time.monotonic() - started > seconds:
            break
        try:
            subject = resolve_subject(session, snapshot.survey_key)
            period = parse_period(snapshot.period)
            check_request(period, Filters(**snapshot.filters))
        except (UnknownSurvey, ValueError):
            # Its survey was withdrawn, or it asks for more than reports now give.
            session.delete(snapshot)
            continue
        filters = Filters(**snapshot.filters)
        fingerprint = data_fingerprint(session, subject, period, filters)
        if fingerprint == snapshot.fingerprint:
            continue
        report = build_report(session, snapshot.survey_key, period, filters, snapshot.threshold)
        store_snapshot(session, report, period, filters, fingerprint)
        rebuilt += 1
    return rebuilt
