"""Store survey definitions in the database, a new version only when content changed."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session, defer

from app.survey.loader import content_hash, definition_files, load_definition, survey_from_stored
from app.survey.models import Survey as SurveyRow
from app.survey.models import SurveyVersion
from app.survey.schema import Survey


@dataclass(frozen=True)
class PublishResult:
    survey_id: str
    version: int
    changed: bool


def publish_survey(session: Session, survey: Survey) -> PublishResult:
    """Publish one validated definition. The caller commits."""
    digest = content_hash(survey)
    row = session.get(SurveyRow, survey.id)
    if row is None:
        row = SurveyRow(id=survey.id, title=survey.title, audience=survey.audience)
        session.add(row)
        session.flush()
    existing = session.scalar(
        select(SurveyVersion).where(
            SurveyVersion.survey_id == survey.id, SurveyVersion.content_hash == digest
        )
    )
    if existing is not None and row.current_version_id == existing.id:
        return PublishResult(survey.id, existing.number, changed=False)
    if existing is None:
        latest = session.scalar(
            select(func.max(SurveyVersion.number)).where(SurveyVersion.survey_id == survey.id)
        )
        existing = SurveyVersion(
            survey_id=survey.id,
            number=(latest or 0) + 1,
            content_hash=digest,
            definition=survey.raw,
        )
        session.add(existing)
        session.flush()
    row.title, row.audience, row.family = survey.title, survey.audience, survey.family
    row.current_version_id = existing.id
    return PublishResult(survey.id, existing.number, changed=True)


def publish_directory(session: Session, directory: Path) -> list[PublishResult]:
    """Publish every definition in ``directory`` (validation errors raise before any change)."""
    surveys = [load_definition(path) for path in definition_files([directory])]
    return [publish_survey(session, survey) for survey in surveys]


_parsed: dict[tuple[int, str], Survey] = {}


def survey_for_version(version: SurveyVersion) -> Survey:
    """The parsed definition of a stored version (versions never change, so parse once)."""
    key = (version.id, version.content_hash)
    survey = _parsed.get(key)
    if survey is None:
        survey = _parsed[key] = survey_from_stored(version.definition)
    return survey


# Built once: building a statement costs more than the query's round trip on loopback.
_CURRENT_VERSION = (
    select(SurveyVersion)
    .join(SurveyRow, SurveyRow.current_version_id == SurveyVersion.id)
    .where(SurveyRow.id == bindparam("survey_id"))
    .options(defer(SurveyVersion.definition))
)


def current_version(session: Session, survey_id: str) -> SurveyVersion | None:
    """The version a new respondent gets, or None for an unknown or unpublished survey.

    One query, and without the definition: every respondent page asks, and the parsed
    definition is cached by ``survey_for_version`` (it loads the column on a miss).
    """
    return session.scalar(_CURRENT_VERSION, {"survey_id": survey_id})
