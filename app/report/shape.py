"""The one declared shape of a built report, as the JSON contract publishes it.

``sayso report build --format json``, ``/api/v1/reports/...``, the report pages and the
CSV/XLSX/board-pack exports all read this shape and nothing else. A count that
suppression hides is ``None`` with ``suppressed=True``; the reason is in ``suppression``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class OptionCount:
    value: str
    label: str
    count: int | None
    percent: float | None
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
class ThemeSummary:
    id: str
    label: str
    count: int | None
    positive: int | None
    negative: int | None
    quotes: list[str] = field(default_factory=list)
    suppressed: bool = False


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

    def to_json(self) -> dict[str, Any]:
        """The stable JSON form (dataclasses as plain dicts, keys in declared order)."""
        return asdict(self)
