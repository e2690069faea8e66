"""The "you said, we did" section of a report: actions whose period overlaps the report's."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from app.actions.editing import overlaps
from app.actions.models import Action
from app.languages import DEFAULT
from app.responses.periods import Period
from app.responses.shape import ActionSummary
from app.survey.models import Survey


def related_keys(session: Session, survey_key: str) -> set[str]:
    """The key itself, its family (for a survey) and its members (for a family).

    An action recorded against a family answers every questionnaire in it, and a
    family's report shows what was done about any one of its questionnaires.
    """
    rows = session.execute(
        select(Survey.id, Survey.family).where(
            or_(Survey.id == survey_key, Survey.family == survey_key)
        )
    ).all()
    keys = {survey_key}
    for survey_id, family in rows:
        keys.add(survey_id)
        if family:
            keys.add(family)
    return keys


def actions_for_report(session: Session, survey_key: str, period: Period) -> list[ActionSummary]:
    """Every action (published or not) for the survey or family during ``period``.

    Staff read reports, so drafts are listed too, marked ``published=False``. The text
    is the English text, the report's language.
    """
    actions = session.scalars(
        select(Action)
        .options(selectinload(Action.texts))
        .where(Action.survey_key.in_(related_keys(session, survey_key)), overlaps(period))
        .order_by(Action.theme, Action.period_start, Action.id)
    )
    summaries = []
    for action in actions:
        english = action.text_in(DEFAULT)
        summaries.append(
            ActionSummary(
                id=action.id,
                theme=action.theme,
                heard=english.heard if english else "",
                did=english.did if english else "",
                status=action.status,
                when=action.happens_on.isoformat() if action.happens_on else None,
                published=action.published_at is not None,
            )
        )
    return summaries
