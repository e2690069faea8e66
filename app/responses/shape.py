"""The one declared shape of a built report, as the JSON contract publishes it.

``sayso report build --format json``, ``/api/v1/reports/...``, the report pages and the
CSV/XLSX/board-pack exports all read this shape and nothing else. A count that
suppression hides is ``None`` with ``suppressed=True``; the reason is in ``suppression``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any


@dataclass
class OptionCount:
    value: str
    label: str
    count: int | None
    percent: float | None
    suppressed: bool = False


@dataclass
class RankedOption:
    """A ranking question's option: its average position (1 = first) and how many ranked it."""

    value: str
    label: str
    average: float | None
    ranked: int | None
    suppressed: bool = False


@dataclass
class QuestionResult:
    id: str
    type: str
    text: str
    answered: int | None
    options: list[OptionCount] = field(default_factory=list)
    survey: str = ""  # which questionnaire it belongs to (a family report has several)
    suppressed: bool = False
    # A ranking question's options, lowest average position first (hidden ones last).
    average_ranks: list[RankedOption] = field(default_factory=list)


@dataclass
class BenchmarkResult:
    """A figure from outside Sayso for the same indicator, shown as given (not Sayso's data)."""

    source: str  # who published it, e.g. "Bright Spots national"
    year: str  # "2025" or "2024-25"
    value: float  # percent


@dataclass
class IndicatorResult:
    id: str
    label: str
    value: float | None  # percent positive, one decimal
    target: float | None
    rag: str | None  # "red", "amber", "green", or None when suppressed or unanswered
    suppressed: bool = False
    survey: str = ""
    answered: int | None = None
    amber: float | None = None
    # How the trend and triangulation name it: the id, or "survey/id" in a family report
    # (where several questionnaires can have an indicator with the same id).
    key: str = ""
    previous: float | None = None  # the value in the period before, when shown
    # When the value is not shown exactly: which part was too small ("answered",
    # "positive", "other", "both", or "period" when the period's responses are hidden),
    # and a band that is still true ("90% or more", "10% or less") when one says something.
    hidden_because: str | None = None
    at_least: int | None = None
    at_most: int | None = None
    # Others' figures for the same indicator (uploaded by a lead), latest year per source.
    benchmarks: list[BenchmarkResult] = field(default_factory=list)


@dataclass
class TrendPoint:
    """One month or quarter: responses and each indicator's value in it."""

    period: str  # "2026-07" or "2026-Q3"
    responses: int | None
    indicators: dict[str, float | None] = field(default_factory=dict)
    suppressed: bool = False


@dataclass
class TriangulationRow:
    """One indicator id across the audiences of a family (child, family, professional)."""

    id: str
    label: str
    by_audience: dict[str, float | None] = field(default_factory=dict)


@dataclass
class QuoteResult:
    """A quote a participation lead approved, as approved, with who said it: the audience
    and, only where the report shows that band's number of responses, the age band."""

    text: str
    audience: str | None = None
    age_band: str | None = None


@dataclass
class ThemeSummary:
    id: str
    label: str
    count: int | None
    positive: int | None
    negative: int | None
    quotes: list[QuoteResult] = field(default_factory=list)
    suppressed: bool = False
    # How many of the theme's most typical comments await a lead's decision to quote them.
    quotes_awaiting: int = 0


@dataclass
class ActionSummary:
    id: int
    theme: str | None
    heard: str
    did: str
    status: str
    when: str | None
    published: bool


@dataclass
class SuppressionNote:
    """Where suppression hid something, and why ("below threshold" or "secondary")."""

    where: str
    reason: str


@dataclass
class Report:
    survey: str  # a survey id or a family id
    period: str
    filters: dict[str, Any]
    responses: int | None
    response_rate: float | None  # percent of invitations answered, when there were any
    questions: list[QuestionResult] = field(default_factory=list)
    indicators: list[IndicatorResult] = field(default_factory=list)
    trend: list[TrendPoint] = field(default_factory=list)
    themes: list[ThemeSummary] = field(default_factory=list)
    actions: list[ActionSummary] = field(default_factory=list)
    triangulation: list[TriangulationRow] = field(default_factory=list)
    suppression: list[SuppressionNote] = field(default_factory=list)
    threshold: int = 10
    title: str = ""
    invitations: int | None = None
    built_at: str | None = None
    previous_period: str | None = None
    previous_responses: int | None = None
    responses_by_audience: dict[str, int | None] = field(default_factory=dict)
    trend_by: str | None = None  # "month" or "quarter"
    # Which audience answered each questionnaire (a family report has several).
    survey_audiences: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The stable JSON form (dataclasses as plain dicts, keys in declared order)."""
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Report:
        """The report back from its JSON form (a stored snapshot); unknown keys are ignored."""
        nested = {
            "questions": _questions,
            "indicators": _indicators,
            "trend": lambda items: [TrendPoint(**_known(TrendPoint, i)) for i in items],
            "themes": _themes,
            "actions": lambda items: [ActionSummary(**_known(ActionSummary, i)) for i in items],
            "triangulation": lambda items: [
                TriangulationRow(**_known(TriangulationRow, i)) for i in items
            ],
            "suppression": lambda items: [
                SuppressionNote(**_known(SuppressionNote, i)) for i in items
            ],
        }
        values = _known(cls, data)
        for name, build in nested.items():
            if name in values:
                values[name] = build(values[name])
        return cls(**values)


def _known(kind: type, data: dict[str, Any]) -> dict[str, Any]:
    names = {f.name for f in fields(kind)}
    return {key: value for key, value in data.items() if key in names}


def _questions(items: list[dict[str, Any]]) -> list[QuestionResult]:
    questions = []
    for item in items:
        values = _known(QuestionResult, item)
        values["options"] = [
            OptionCount(**_known(OptionCount, o)) for o in values.get("options", [])
        ]
        values["average_ranks"] = [
            RankedOption(**_known(RankedOption, o)) for o in values.get("average_ranks", [])
        ]
        questions.append(QuestionResult(**values))
    return questions


def _indicators(items: list[dict[str, Any]]) -> list[IndicatorResult]:
    indicators = []
    for item in items:
        values = _known(IndicatorResult, item)
        values["benchmarks"] = [
            BenchmarkResult(**_known(BenchmarkResult, b)) for b in values.get("benchmarks", [])
        ]
        indicators.append(IndicatorResult(**values))
    return indicators


def _themes(items: list[dict[str, Any]]) -> list[ThemeSummary]:
    themes = []
    for item in items:
        values = _known(ThemeSummary, item)
        # Only approved quotes are kept as records; a bare string was never approved.
        values["quotes"] = [
            QuoteResult(**_known(QuoteResult, q))
            for q in values.get("quotes", [])
            if isinstance(q, dict)
        ]
        themes.append(ThemeSummary(**values))
    return themes
