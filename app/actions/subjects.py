"""What an action can be about: a published survey, or a family of surveys reported together.

Staff choose from the same list the report pages offer; the public page names each
survey by its (translated) title and each family by the meeting it follows.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.responses.subjects import report_subjects
from app.survey.models import Survey
from app.survey.schema import MEETING_KINDS
from app.survey.translation import survey_text


def action_subjects(session: Session) -> dict[str, str]:
    """Every family and published survey, key to the name staff see in reports."""
    return dict(report_subjects(session))


def public_titles(session: Session) -> dict[str, str]:
    """Every survey and family, key to a title for the public, in the page's language."""
    rows = session.execute(select(Survey.id, Survey.title, Survey.family)).all()
    titles = {survey_id: survey_text(title) for survey_id, title, _family in rows}
    for family in {family for _id, _title, family in rows if family}:
        meeting = MEETING_KINDS.get(family.replace("-", "_"))
        titles[family] = str(meeting) if meeting is not None else family
    return titles
