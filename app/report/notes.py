"""Where and why a report hid numbers, in plain words, and what each hidden number says.

The builder names every hidden figure by a code (``questions.<survey>.<question>.<answer>``,
``trend.2026-07.responses``, ...) with its reason: "below threshold" (fewer than the
threshold answered) or "secondary" (hidden to stop another from being worked out, so it
may be larger). A gap says "fewer than 10" only when that is true.
"""

from __future__ import annotations

from collections.abc import Callable

from flask_babel import gettext as _

from app.report.suppression import SECONDARY
from app.responses.shape import Report
from app.responses.wording import audience_name, fewer_than


class HiddenWords:
    """What a missing figure shows instead of itself, looked up by its code.

    A figure the builder hid has a note: "fewer than 10", or "not shown" when it was
    hidden to protect another (it may be larger). A figure missing without a note, and
    not marked ``suppressed``, had nothing to count (nobody answered), so it says so.
    """

    def __init__(self, report: Report) -> None:
        self.threshold = report.threshold
        self.reasons = {note.where: note.reason for note in report.suppression}

    def hid(self, where: str) -> bool:
        """Whether the builder hid this figure (rather than there being nothing to count)."""
        return where in self.reasons

    def __call__(self, where: str, suppressed: bool = False) -> str:
        reason = self.reasons.get(where)
        if reason is None and not suppressed:
            return _("no answers")
        if reason == SECONDARY:
            return _("not shown")
        return fewer_than(self.threshold)


def option_code(survey: str, question: str, value: str) -> str:
    return f"questions.{survey}.{question}.{value}"


def indicator_code(survey: str, indicator: str) -> str:
    return f"indicators.{survey}.{indicator}"


def trend_code(period: str, indicator_key: str | None = None) -> str:
    if indicator_key is None:
        return f"trend.{period}.responses"
    return f"trend.{period}.indicators.{indicator_key}"


def theme_code(theme: str, tone: bool = False) -> str:
    """A theme's count, or (``tone``) its positive and negative split."""
    return f"themes/{theme}/tone" if tone else f"themes/{theme}"


def triangulation_code(indicator: str, audience: str) -> str:
    return f"triangulation.{indicator}.{audience}"


def reason_words(reason: str, threshold: int) -> str:
    if reason == SECONDARY:
        return _(
            "hidden as well, because it could otherwise be worked out from the totals "
            "and the other numbers"
        )
    return _("fewer than %(threshold)s, so the number is hidden", threshold=threshold)


def place_words(where: str, report: Report) -> str:
    """Where a hidden figure is, as a person would say it; the code itself if unknown."""
    if where.startswith("themes/"):
        return _theme(where.removeprefix("themes/"), report) or where
    head, _dot, rest = where.partition(".")
    describe = _PLACES.get(head)
    found = describe(rest, report) if describe else None
    return found or where


def _questions(rest: str, report: Report) -> str | None:
    for question in report.questions:
        prefix = f"{question.survey}.{question.id}."
        if not rest.startswith(prefix):
            continue
        value = rest.removeprefix(prefix)
        if value == "answered":
            return _("How many answered “%(question)s”", question=question.text)
        label = next((o.label for o in question.options if o.value == value), value)
        return _(
            "“%(answer)s” as an answer to “%(question)s”", answer=label, question=question.text
        )
    return None


def _indicators(rest: str, report: Report) -> str | None:
    for indicator in report.indicators:
        code = f"{indicator.survey}.{indicator.id}"
        if rest == code:
            return indicator.label
        if rest == f"{code}.previous":
            return _(
                "%(indicator)s, in %(period)s",
                indicator=indicator.label,
                period=report.previous_period or _("the period before"),
            )
    return None


def _trend(rest: str, report: Report) -> str | None:
    period, _dot, what = rest.partition(".")
    if what == "responses":
        return _("Responses in %(period)s", period=period)
    key = what.removeprefix("indicators.")
    for indicator in report.indicators:
        if key in (indicator.key, indicator.id):
            return _("%(indicator)s, in %(period)s", indicator=indicator.label, period=period)
    return None


def _triangulation(rest: str, report: Report) -> str | None:
    indicator, _dot, audience = rest.partition(".")
    label = next((r.label for r in report.triangulation if r.id == indicator), indicator)
    return _(
        "%(indicator)s, as %(group)s answered it", indicator=label, group=audience_name(audience)
    )


def _theme(rest: str, report: Report) -> str | None:
    theme_id, _slash, part = rest.partition("/")
    label = next((t.label for t in report.themes if t.id == theme_id), theme_id)
    if part == "tone":
        return _("How many comments on “%(theme)s” were positive or negative", theme=label)
    return _("Comments on “%(theme)s”", theme=label)


def _single(words: Callable[[], str]) -> Callable[[str, Report], str | None]:
    return lambda rest, report: words() if not rest else None


_PLACES: dict[str, Callable[[str, Report], str | None]] = {
    "responses": _single(lambda: _("Responses in this period")),
    "previous_responses": _single(lambda: _("Responses in the period before")),
    "invitations": _single(lambda: _("Invitations sent")),
    "response_rate": _single(lambda: _("Response rate")),
    "responses_by_audience": lambda rest, report: _(
        "Responses from %(group)s", group=audience_name(rest)
    ),
    "questions": _questions,
    "indicators": _indicators,
    "trend": _trend,
    "triangulation": _triangulation,
}
