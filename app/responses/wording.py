"""The words report pages and files use for a report's codes: audiences, ratings, gaps."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.responses.age_bands import AGE_BANDS
from app.responses.shape import BenchmarkResult, IndicatorResult

AUDIENCE_NAMES = {
    "child": _l("Children"),
    "young_person": _l("Young people"),
    "care_leaver": _l("Care leavers"),
    "parent_carer": _l("Parents and carers"),
    "professional": _l("Professionals"),
    "staff": _l("Staff"),
}


RAG_NAMES = {"red": _l("Red"), "amber": _l("Amber"), "green": _l("Green")}


def audience_name(code: str) -> str:
    return str(AUDIENCE_NAMES.get(code, code))


def quote_label(audience: str | None, age_band: str | None) -> str:
    """Who said a quote, in words: the audience, and the age band when the report shows it."""
    who = audience_name(audience) if audience else ""
    if age_band in AGE_BANDS:
        band = str(AGE_BANDS[age_band])
        return _("%(audience)s, aged %(band)s", audience=who, band=band) if who else band
    return who


def awaiting_words(some_approved: bool) -> str:
    """What a report says where quotes are still waiting for a participation lead."""
    if some_approved:
        return _("More quotes await approval by a participation lead.")
    return _("Quotes for this theme await approval by a participation lead.")


def rag_name(code: str | None) -> str:
    return str(RAG_NAMES[code]) if code in RAG_NAMES else ""


def fewer_than(threshold: int) -> str:
    """What a suppressed number shows instead of itself."""
    return _("fewer than %(threshold)s", threshold=threshold)


def percent_text(value: float | None) -> str:
    """A percentage as reports print it: one decimal place, none when whole."""
    if value is None:
        return ""
    return f"{value:.1f}".removesuffix(".0") + "%"


def indicator_value_text(indicator: IndicatorResult, threshold: int) -> str:
    """An indicator's value, or what is truly known of it when it cannot be shown exactly:
    a band ("90% or more") or which part was too small to show, and so why."""
    if indicator.value is not None and not indicator.suppressed:
        return percent_text(indicator.value)
    if indicator.at_least is not None:
        return _("%(percent)s or more", percent=percent_text(indicator.at_least))
    if indicator.at_most is not None:
        return _("%(percent)s or less", percent=percent_text(indicator.at_most))
    because = indicator.hidden_because
    if because == "answered":
        return _("not shown: fewer than %(threshold)s answered", threshold=threshold)
    if because == "positive":
        return _("not shown: fewer than %(threshold)s answered positively", threshold=threshold)
    if because == "other":
        return _("not shown: fewer than %(threshold)s gave another answer", threshold=threshold)
    if because == "both":
        return _(
            "not shown: fewer than %(threshold)s answered positively, and fewer than "
            "%(threshold)s otherwise",
            threshold=threshold,
        )
    if because == "period":
        return _(
            "not shown: fewer than %(threshold)s responses in this period", threshold=threshold
        )
    return _("not shown")


def benchmark_text(benchmark: BenchmarkResult) -> str:
    """Another's figure as reports say it: "71.5% (Bright Spots national, 2024-25)"."""
    return _(
        "%(value)s (%(source)s, %(year)s)",
        value=percent_text(benchmark.value),
        source=benchmark.source,
        year=benchmark.year,
    )
