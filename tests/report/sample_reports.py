"""Small factories for built reports, for tests of what the report pages and files show."""

from __future__ import annotations

from typing import Any

from app.responses.shape import (
    ActionSummary,
    IndicatorResult,
    OptionCount,
    QuestionResult,
    QuoteResult,
    Report,
    SuppressionNote,
    ThemeSummary,
    TrendPoint,
    TriangulationRow,
)


def option(label: str, count: int | None, percent: float | None, value: str = "") -> OptionCount:
    """An option; ``count=None`` means suppression hid it."""
    return OptionCount(
        value=value or label.lower().replace(" ", "_"),
        label=label,
        count=count,
        percent=percent,
        suppressed=count is None,
    )


def question(
    text: str = "Did you get the report before the meeting?",
    options: list[OptionCount] | None = None,
    question_id: str = "got_report",
    answered: int | None = 40,
) -> QuestionResult:
    return QuestionResult(
        id=question_id,
        type="yes_no_not_sure",
        text=text,
        answered=answered,
        options=options
        if options is not None
        else [option("Yes", 28, 70.0), option("No", 12, 30.0), option("Not sure", None, None)],
        survey="cp-conference-family",
    )


def indicator(
    label: str = "Got the report in time",
    value: float | None = 72.5,
    target: float | None = 80.0,
    rag: str | None = "amber",
    indicator_id: str = "report_in_time",
    previous: float | None = 65.0,
) -> IndicatorResult:
    return IndicatorResult(
        id=indicator_id,
        label=label,
        value=value,
        target=target,
        rag=rag,
        suppressed=value is None,
        survey="cp-conference-family",
        answered=40 if value is not None else None,
        amber=70.0,
        key=indicator_id,
        previous=previous,
    )


def trend(values: list[int | None], start_year: int = 2025) -> list[TrendPoint]:
    """Monthly points from January of ``start_year``; None is a suppressed month."""
    points = []
    for index, value in enumerate(values):
        year, month = start_year + index // 12, index % 12 + 1
        points.append(
            TrendPoint(
                period=f"{year}-{month:02d}",
                responses=value,
                indicators={
                    "report_in_time": None if value is None else 60.0 + index,
                    "listened": None,
                },
                suppressed=value is None,
            )
        )
    return points


def sample_report(**changes: Any) -> Report:
    """A quarter's report with a bit of everything: suppressed cells, themes, actions."""
    report = Report(
        survey="cp-conference",
        period="2026-Q3",
        filters={},
        responses=40,
        response_rate=62.5,
        questions=[question()],
        indicators=[
            indicator(),
            indicator("Felt listened to", None, 75.0, None, "listened", previous=None),
        ],
        trend=trend([12, None, 15, 20]),
        themes=[
            ThemeSummary(
                id="waiting",
                label="Waiting for the report",
                count=14,
                positive=3,
                negative=11,
                quotes=[QuoteResult("I only got it the night before [NAME].", "parent_carer")],
            ),
            ThemeSummary(
                id="rare",
                label="Rare theme",
                count=None,
                positive=None,
                negative=None,
                suppressed=True,
            ),
        ],
        actions=[
            ActionSummary(
                id=1,
                theme="waiting",
                heard="Reports arrive too late to read",
                did="Reports now go out five working days before",
                status="done",
                when="2026-08-01",
                published=True,
            )
        ],
        triangulation=[
            TriangulationRow(
                id="listened",
                label="Felt listened to",
                by_audience={"parent_carer": 64.0, "professional": None},
            )
        ],
        suppression=[
            SuppressionNote(
                "questions.cp-conference-family.got_report.not_sure", "below threshold"
            ),
            SuppressionNote("indicators.cp-conference-family.listened", "secondary"),
            SuppressionNote("trend.2025-02.responses", "below threshold"),
            SuppressionNote("triangulation.listened.professional", "below threshold"),
            SuppressionNote("themes/rare", "below threshold"),
        ],
        threshold=10,
        title="Child protection conferences",
        invitations=64,
        previous_period="2026-Q2",
        previous_responses=32,
        responses_by_audience={"parent_carer": 25, "professional": 15},
        trend_by="month",
    )
    for name, value in changes.items():
        setattr(report, name, value)
    return report
