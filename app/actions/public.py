"""The public "you said, we did" page's content: published actions grouped for reading."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from flask_babel import format_date
from flask_babel import gettext as _

from app.actions.models import ACTION_STATUSES, Action
from app.actions.themes import theme_label
from app.languages import DEFAULT


@dataclass
class PublicAction:
    heard: str
    did: str
    language: str  # the language the text is in: the visitor's, or English
    status: str
    happens_on: date | None
    period: str


@dataclass
class ThemeSection:
    theme: str
    label: str
    actions: list[PublicAction] = field(default_factory=list)


@dataclass
class SubjectSection:
    key: str
    title: str
    themes: list[ThemeSection] = field(default_factory=list)


def public_sections(
    actions: list[Action], language: str, titles: dict[str, str], themes: dict[str, str]
) -> list[SubjectSection]:
    """Group actions (given newest first) by survey, then theme, keeping newest first.

    ``titles`` names the surveys and families; ``themes`` gives each theme's English label.
    """
    subjects: dict[str, SubjectSection] = {}
    for action in actions:
        subject = subjects.get(action.survey_key)
        if subject is None:
            title = titles.get(action.survey_key, action.survey_key)
            subject = subjects[action.survey_key] = SubjectSection(action.survey_key, title)
        theme = next((t for t in subject.themes if t.theme == action.theme), None)
        if theme is None:
            theme = ThemeSection(action.theme, theme_label(action.theme, themes))
            subject.themes.append(theme)
        theme.actions.append(_public_action(action, language))
    return list(subjects.values())


def _public_action(action: Action, language: str) -> PublicAction:
    text = action.text_in(language) or action.text_in(DEFAULT)
    assert text is not None, "every action has English text"
    return PublicAction(
        heard=text.heard,
        did=text.did,
        language=text.language,
        status=str(ACTION_STATUSES.get(action.status, action.status)),
        happens_on=action.happens_on,
        period=period_words(action.period_start, action.period_end),
    )


def period_words(start: date, end: date) -> str:
    """A period as people say it, in the page's language: "July to September 2026"."""
    last = end - timedelta(days=1)
    if (start.month, start.day, last.month, last.day) == (1, 1, 12, 31) and start.year == last.year:
        return str(start.year)
    if start.day == 1 and (last + timedelta(days=1)).day == 1:
        if (start.year, start.month) == (last.year, last.month):
            return format_date(start, "LLLL y")
        return _(
            "%(start)s to %(end)s",
            start=format_date(start, "LLLL" if start.year == last.year else "LLLL y"),
            end=format_date(last, "LLLL y"),
        )
    return _(
        "%(start)s to %(end)s",
        start=format_date(start, "d MMMM y"),
        end=format_date(last, "d MMMM y"),
    )
