"""Every model, imported in one place so Alembic sees the whole schema."""

from app.actions.models import Action, ActionText
from app.api.models import ApiToken
from app.auth.models import AuditEvent, SetPasswordToken, StaffSession, StaffUser, Team
from app.coding.models import (
    CommentCoding,
    CommentTheme,
    LocalTheme,
    ThemeCandidate,
    ThemeModel,
)
from app.invite.models import Invitation, Meeting
from app.periodic.models import PeriodicRun
from app.report.models import IndicatorBenchmark, ReportSnapshot
from app.report.subscriptions import ReportSubscription
from app.responses.models import Answer, Draft, Response
from app.safeguard.models import (
    Alert,
    AlertDelivery,
    AlertNote,
    ReviewDigest,
    ReviewItem,
    ScreenExample,
)
from app.survey.models import Survey, SurveyVersion

__all__ = [
    "Action",
    "ActionText",
    "Alert",
    "AlertDelivery",
    "AlertNote",
    "Answer",
    "ApiToken",
    "AuditEvent",
    "CommentCoding",
    "CommentTheme",
    "Draft",
    "IndicatorBenchmark",
    "Invitation",
    "LocalTheme",
    "Meeting",
    "PeriodicRun",
    "ReportSnapshot",
    "ReportSubscription",
    "Response",
    "ReviewDigest",
    "ReviewItem",
    "ScreenExample",
    "SetPasswordToken",
    "StaffSession",
    "StaffUser",
    "Survey",
    "SurveyVersion",
    "Team",
    "ThemeCandidate",
    "ThemeModel",
]
