"""Key findings: a few sentences in plain words, written from a built report's figures.

Every number here is one the report already shows (the shape holds nothing the
disclosure rules hid), so the findings can say nothing the tables do not. Each finding
names the part of the report that holds its table, for a link.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from babel.dates import format_interval
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _

from app.responses.periods import parse_period
from app.responses.shape import IndicatorResult, QuoteResult, Report
from app.responses.wording import audience_name, benchmark_text, percent_text, quote_label

# A gap between groups this wide (percentage points) is worth a board's attention; one
# this narrow means they agree. Perturbation moves a percentage by a few points at most.
DISAGREE_POINTS = 20.0
AGREE_POINTS = 5.0
TOP_THEMES = 3


@dataclass(frozen=True)
class Finding:
    text: str
    part: str  # the report part holding its table: "indicators", "groups", "themes", ...


def key_findings(report: Report) -> list[Finding]:
    """What changed most, what is Red, how indicators compare with others' figures, where
    groups agree or differ, the top themes (with
    a quote a participation lead approved for each, where there is one), and what was
    done; nothing when the report shows no figures."""
    if report.responses is None:
        return [
            Finding(
                _("Too few people answered in this period for any figure to be shown."), "headline"
            )
        ]
    found = [*_biggest_change(report), *_red(report), *_compared(report), *_groups(report)]
    found += _themes(report)
    found += _actions(report)
    return found


def _shown(indicator: IndicatorResult) -> bool:
    return indicator.value is not None and not indicator.suppressed


def _biggest_change(report: Report) -> list[Finding]:
    """The biggest change since the period before; when that was a rise, the largest fall
    too, so a board hears what got worse (only a fall of at least ``AGREE_POINTS``, which
    perturbation alone cannot make)."""
    changes = [
        (i.value - i.previous, i)  # type: ignore[operator]
        for i in report.indicators
        if _shown(i) and i.previous is not None
    ]
    if not changes:
        return []
    period = period_words(report.previous_period) or _("the period before")
    change, indicator = max(changes, key=lambda item: abs(item[0]))
    if change <= 0:
        words = _(
            "“%(indicator)s” fell from %(before)s to %(now)s since %(period)s: the biggest change.",
            **_change_values(indicator, period),
        )
        return [Finding(words, "indicators")]
    found = [
        Finding(
            _(
                "“%(indicator)s” rose from %(before)s to %(now)s since %(period)s: "
                "the biggest change.",
                **_change_values(indicator, period),
            ),
            "indicators",
        )
    ]
    fall, fallen = min(changes, key=lambda item: item[0])
    if -fall >= AGREE_POINTS:
        words = _(
            "“%(indicator)s” fell the most: from %(before)s to %(now)s since %(period)s.",
            **_change_values(fallen, period),
        )
        found.append(Finding(words, "indicators"))
    return found


def _change_values(indicator: IndicatorResult, period: str) -> dict[str, str]:
    return {
        "period": period,
        "indicator": indicator.label,
        "before": percent_text(indicator.previous),
        "now": percent_text(indicator.value),
    }


def period_words(label: str | None) -> str:
    """A period as people say it, in the page's language ("July – September 2026",
    "Ebrill 2026 – Mawrth 2027"), for a board that does not read "2026-Q3" or "FY"."""
    if not label:
        return ""
    try:
        period = parse_period(label)
    except ValueError:
        return label
    last = period.end - timedelta(days=1)
    skeleton = "yMMMd" if period.kind == "range" else "yMMMM"
    return format_interval(period.start, last, skeleton, locale=get_locale())


def _red(report: Report) -> list[Finding]:
    """Each Red indicator with its figure and target; or, when none is Red, how many
    were rated and how many of them are Amber."""
    red = [i for i in report.indicators if i.rag == "red"]
    found = []
    for indicator in red:
        if _shown(indicator) and indicator.target is not None:
            words = _(
                "“%(indicator)s” is Red: %(value)s against a target of %(target)s.",
                indicator=indicator.label,
                value=percent_text(indicator.value),
                target=percent_text(indicator.target),
            )
        else:
            words = _("Red against its target: “%(indicator)s”.", indicator=indicator.label)
        found.append(Finding(words, "indicators"))
    if found:
        return found
    rated = [i for i in report.indicators if i.rag is not None]
    if not rated:
        return []
    words = ngettext(
        "The one indicator with a target is not Red.",
        "None of the %(num)d indicators with a target is Red.",
        len(rated),
    )
    amber = sum(1 for i in rated if i.rag == "amber")
    if amber:
        words += " " + ngettext(
            "%(num)d is Amber, a little below its target.",
            "%(num)d are Amber, a little below their targets.",
            amber,
        )
    return [Finding(words, "indicators")]


def _compared(report: Report) -> list[Finding]:
    """Each shown indicator beside the figures a lead uploaded to compare with, as given:
    they are others' figures, never Sayso's."""
    found = []
    for indicator in report.indicators:
        if not _shown(indicator) or not indicator.benchmarks:
            continue
        elsewhere = "; ".join(benchmark_text(b) for b in indicator.benchmarks)
        words = _(
            "“%(indicator)s”: %(value)s here; elsewhere, %(elsewhere)s.",
            indicator=indicator.label,
            value=percent_text(indicator.value),
            elsewhere=elsewhere,
        )
        found.append(Finding(words, "indicators"))
    return found


def _groups(report: Report) -> list[Finding]:
    found = []
    for row in report.triangulation:
        shown = {a: v for a, v in row.by_audience.items() if v is not None}
        if len(shown) < 2:
            continue
        high = max(shown, key=lambda a: shown[a])
        low = min(shown, key=lambda a: shown[a])
        gap = shown[high] - shown[low]
        if gap >= DISAGREE_POINTS:
            words = _(
                "On “%(indicator)s”, %(high)s (%(high_value)s) and %(low)s (%(low_value)s) "
                "see things differently.",
                indicator=row.label,
                high=audience_name(high),
                high_value=percent_text(shown[high]),
                low=audience_name(low),
                low_value=percent_text(shown[low]),
            )
            found.append(Finding(words, "groups"))
        elif gap <= AGREE_POINTS:
            words = _(
                "On “%(indicator)s”, every group that can be shown gives much the same answer.",
                indicator=row.label,
            )
            found.append(Finding(words, "groups"))
    return found


def _themes(report: Report) -> list[Finding]:
    shown = [t for t in report.themes if t.count is not None and not t.suppressed]
    top = sorted(shown, key=lambda t: t.count or 0, reverse=True)[:TOP_THEMES]
    if not top:
        return []
    names = ", ".join(f"“{t.label}”" for t in top)
    found = [Finding(_("The themes written about most: %(themes)s.", themes=names), "themes")]
    for theme in top:  # a quote a participation lead approved, where there is one
        if theme.quotes:
            found.append(Finding(_quoted(theme.label, theme.quotes[0]), "themes"))
    return found


def _quoted(theme: str, quote: QuoteResult) -> str:
    who = quote_label(quote.audience, quote.age_band)
    if who:
        return _("“%(theme)s”: “%(quote)s” (%(who)s)", theme=theme, quote=quote.text, who=who)
    return _("“%(theme)s”: “%(quote)s”", theme=theme, quote=quote.text)


def _actions(report: Report) -> list[Finding]:
    published = [a for a in report.actions if a.published]  # never a draft
    if not published:
        return []
    action = published[0]
    words = _("You said: “%(heard)s”. We did: “%(did)s”.", heard=action.heard, did=action.did)
    return [Finding(words, "themes")]
