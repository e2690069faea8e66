"""What a report can be about: one survey, or a family of surveys answered after one kind
of meeting (the child's, the young person's, the family's and the professionals' versions).
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.responses.shape import Report
from app.responses.wording import audience_name
from app.survey.models import Survey as SurveyRow
from app.survey.models import SurveyVersion
from app.survey.publishing import survey_for_version
from app.survey.schema import AUDIENCES, MEETING_KINDS, Survey
from app.survey.translation import survey_text


class UnknownSurvey(LookupError):
    """No published survey or family has this id."""

    def __init__(self, key: str) -> None:
        super().__init__(
            _("There is no published survey or family of surveys called “%(key)s”.", key=key)
        )
        self.key = key


@dataclass(frozen=True)
class Subject:
    """A report's surveys, each as its current published definition."""

    key: str
    title: str
    is_family: bool
    surveys: tuple[Survey, ...]
    version_ids: tuple[int, ...]

    @property
    def survey_ids(self) -> tuple[str, ...]:
        return tuple(survey.id for survey in self.surveys)


def _published(session: Session, *conditions: object) -> list[tuple[SurveyRow, SurveyVersion]]:
    rows = session.execute(
        select(SurveyRow, SurveyVersion)
        .join(SurveyVersion, SurveyRow.current_version_id == SurveyVersion.id)
        .where(*conditions)
    ).all()
    return sorted(((row, version) for row, version in rows), key=lambda pair: _order(pair[0]))


def _order(row: SurveyRow) -> tuple[int, str]:
    """Child first, professionals last: the order triangulation reads in."""
    rank = AUDIENCES.index(row.audience) if row.audience in AUDIENCES else len(AUDIENCES)
    return rank, row.id


def resolve_subject(session: Session, key: str) -> Subject:
    """The survey called ``key``, else the family called ``key``; ``UnknownSurvey`` if neither."""
    pairs = _published(session, SurveyRow.id == key)
    is_family = not pairs
    if is_family:
        pairs = _published(session, SurveyRow.family == key)
    if not pairs:
        raise UnknownSurvey(key)
    return Subject(
        key=key,
        title=family_name(key) if is_family else survey_text(pairs[0][0].title),
        is_family=is_family,
        surveys=tuple(survey_for_version(version) for _row, version in pairs),
        version_ids=tuple(version.id for _row, version in pairs),
    )


def family_name(family: str) -> str:
    """A family is named after the meeting its questionnaires follow, when there is one."""
    meeting = MEETING_KINDS.get(family.replace("-", "_"))
    name = str(meeting) if meeting is not None else family
    return _("%(name)s: every questionnaire", name=name)


def report_heading(report: Report) -> str:
    """What a report is about, as staff name it in the page's language: a family by the
    meeting its questionnaires follow, one questionnaire by who answered it and its own
    title ("Young people: “Your review meeting”"), so that the child's and the young
    person's questionnaires, which share a title, are told apart. A report stored before
    reports named their audiences keeps its title."""
    audience = report.survey_audiences.get(report.survey)
    if audience is None:
        return family_name(report.survey) if report.survey_audiences else survey_text(report.title)
    return questionnaire_name(report.title, audience)


def questionnaire_name(title: str, audience: str) -> str:
    """One questionnaire as staff see it named everywhere (the report picker, a report's
    heading): who answered it, then its title, in the page's language."""
    return _(
        "%(audience)s: “%(title)s”",
        audience=audience_name(audience),
        title=survey_text(title),
    )


def report_subjects(session: Session) -> list[tuple[str, str]]:
    """Every family and published survey a report can be about, as (key, display name)."""
    pairs = _published(session)
    families = sorted({row.family for row, _version in pairs if row.family})
    subjects = [(family, family_name(family)) for family in families]
    surveys = sorted(pairs, key=lambda pair: (pair[0].title, pair[0].id))
    subjects += [(row.id, questionnaire_name(row.title, row.audience)) for row, _version in surveys]
    return subjects
