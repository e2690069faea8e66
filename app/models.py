"""Every model, imported in one place so Alembic sees the whole schema."""

from app.invite.models import Invitation, Meeting
from app.respond.models import Answer, Draft, Response
from app.survey.models import Survey, SurveyVersion

__all__ = ["Answer", "Draft", "Invitation", "Meeting", "Response", "Survey", "SurveyVersion"]
