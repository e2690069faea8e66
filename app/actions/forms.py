"""Forms for recording an action, its translations, and filtering the list of actions."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovCharacterCount,
    GovRadioInput,
    GovSelect,
    GovTextInput,
)
from wtforms import RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from app.actions.editing import TEXT_LIMIT
from app.actions.models import ACTION_STATUSES
from app.form_base import DayMonthYearField, SaysoForm, stripped
from app.responses.periods import Period, parse_period

PERIOD_HINT = _l("For example 2026-Q3 (July to September 2026), 2026-07 (July 2026) or 2026")


H_LABEL = _l("You said: what we heard")
H_TOO_LONG = _l("What we heard must be %(max)d characters or fewer")
D_LABEL = _l("We did: what we did about it")
D_TOO_LONG = _l("What we did must be %(max)d characters or fewer")


def _text_field(label: Any, required: Any, too_long: Any) -> TextAreaField:
    """A required "what we heard" or "what we did" box, with its character count."""
    return TextAreaField(
        label,
        validators=[DataRequired(required), Length(max=TEXT_LIMIT, message=too_long)],
        filters=[stripped],
        widget=GovCharacterCount(),
    )


class PeriodField(StringField):
    """A period typed as text; ``period`` holds the parsed value once it validates."""

    period: Period | None = None

    def pre_validate(self, form: FlaskForm) -> None:
        self.period = None
        if not (self.data or "").strip():
            return
        try:
            self.period = parse_period(self.data)
        except ValueError as exc:
            raise ValidationError(str(exc)) from None


class ActionForm(SaysoForm):
    """The details of an action and its English text."""

    survey_key = SelectField(
        _l("Survey"),
        validators=[InputRequired(_l("Select the survey or group of surveys"))],
        widget=GovSelect(),
    )
    theme = SelectField(
        _l("Theme"),
        validators=[InputRequired(_l("Select the theme this action answers"))],
        widget=GovSelect(),
    )
    period = PeriodField(
        _l("Period the feedback is from"),
        validators=[DataRequired(_l("Enter the period the feedback is from"))],
        filters=[stripped],
        widget=GovTextInput(),
    )
    status = RadioField(
        _l("Status"),
        choices=[SelectChoice(k, v) for k, v in ACTION_STATUSES.items()],
        validators=[InputRequired(_l("Select whether it is planned, in progress or done"))],
        widget=GovRadioInput(),
    )
    happens_on = DayMonthYearField(_l("When (optional)"), validators=[Optional()])
    heard = _text_field(H_LABEL, _l("Enter what we heard"), H_TOO_LONG)
    did = _text_field(D_LABEL, _l("Enter what we did"), D_TOO_LONG)


class TranslationForm(SaysoForm):
    """What we heard and what we did, in one other language."""

    heard = _text_field(H_LABEL, _l("Enter what we heard, in this language"), H_TOO_LONG)
    did = _text_field(D_LABEL, _l("Enter what we did, in this language"), D_TOO_LONG)


class FilterForm(SaysoForm):
    """The list's filters, read from the query string (a GET form: no CSRF needed)."""

    class Meta:
        csrf = False

    survey = SelectField(_l("Survey"), validators=[Optional()], widget=GovSelect())
    period = PeriodField(_l("Period"), validators=[Optional()], widget=GovTextInput())
    status = SelectField(
        _l("Status"),
        choices=[
            SelectChoice("", _l("Any status")),
            *(SelectChoice(k, v) for k, v in ACTION_STATUSES.items()),
        ],
        validators=[Optional()],
        widget=GovSelect(),
    )
