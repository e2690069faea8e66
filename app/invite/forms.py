"""Forms staff fill in to send links: one per meeting, or a campaign file."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from govuk_frontend_wtf.wtforms_widgets import (
    GovFileInput,
    GovRadioInput,
    GovSelect,
    GovTextInput,
)
from wtforms import (
    FieldList,
    Form,
    FormField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, NumberRange, Optional, Regexp, ValidationError

from app.form_base import DayMonthYearField, SaysoForm, SelectWithOptionAttributes
from app.invite.campaigns import EMAIL
from app.invite.models import RESPONDENT_ROLES
from app.messaging.sms import normalise_uk_mobile
from app.survey.schema import MEETING_KINDS

PEOPLE_ROWS = 6


def uk_mobile(form: Form, field: StringField) -> None:
    """A UK mobile number, kept as 07... whatever spaces or +44 it was typed with."""
    number = normalise_uk_mobile(field.data or "")
    if number is None:
        raise ValidationError(_l("Enter a UK mobile number, like 07700 900982"))
    field.data = number


class PersonForm(Form):
    """One person to ask. A row with no role is ignored."""

    role = SelectField(
        _l("Role"),
        choices=[
            SelectChoice("", _l("Choose a role")),
            *(SelectChoice(k, v) for k, v in RESPONDENT_ROLES.items()),
        ],
        validators=[Optional()],
        widget=GovSelect(),
    )
    language = SelectField(
        _l("Language"), validators=[Optional()], widget=SelectWithOptionAttributes()
    )
    email = StringField(
        _l("Email address (leave empty to show a QR code or copy the link)"),
        validators=[
            Optional(),
            Regexp(
                EMAIL,
                message=_l("Enter an email address in the correct format, like name@example.com"),
            ),
            Length(max=254),
        ],
        widget=GovTextInput(),
    )
    mobile = StringField(
        _l("Mobile number for a text message (optional)"),
        validators=[Optional(), uk_mobile],
        widget=GovTextInput(),
    )


class AgeField(IntegerField):
    """An age in years: anything but digits ("fourteen") is told plainly what to type,
    in the staff member's language, not WTForms' "Not a valid integer value"."""

    def process_formdata(self, valuelist: list[Any]) -> None:
        raw = valuelist[0].strip() if valuelist and valuelist[0] else ""
        self.raw_data = [raw] if valuelist else None
        if not raw:
            self.data = None
            return
        if not raw.isascii() or not raw.isdigit():
            self.data = None
            raise ValueError(_l("Enter the age in numbers, like 14"))
        self.data = int(raw)


class MeetingForm(SaysoForm):
    kind = RadioField(
        _l("What kind of meeting was it?"),
        choices=[SelectChoice(k, v) for k, v in MEETING_KINDS.items()],
        validators=[InputRequired(_l("Select the kind of meeting"))],
        widget=GovRadioInput(),
    )
    held_on = DayMonthYearField(
        _l("When was the meeting?"),
        validators=[InputRequired(_l("Enter the date of the meeting"))],
    )
    child_age = AgeField(
        _l("How old is the child or young person?"),
        validators=[Optional(), NumberRange(0, 25, _l("Enter an age from 0 to 25"))],
        widget=GovTextInput(),
    )
    case_reference = StringField(
        _l("Case reference (optional)"),
        description=_l(
            "Only used if someone's answers mean we need to keep a child safe. "
            "It is never shown in reports."
        ),
        validators=[Optional(), Length(max=64)],
        widget=GovTextInput(),
    )
    people = FieldList(FormField(PersonForm), min_entries=PEOPLE_ROWS, max_entries=PEOPLE_ROWS)

    def validate_held_on(self, field: DayMonthYearField) -> None:
        if field.data and field.data > date.today():
            raise ValidationError(_l("The date of the meeting must be today or in the past"))

    def validate_people(self, field: FieldList) -> None:
        if not any(row.form.role.data for row in field.entries):
            raise ValidationError(_l("Add at least one person to ask"))


class CampaignForm(SaysoForm):
    survey = SelectField(
        _l("Questionnaire"),
        validators=[InputRequired(message=_l("Choose a questionnaire"))],
        widget=GovSelect(),
    )
    people = FileField(
        _l("CSV file of people to ask"),
        validators=[FileRequired(_l("Choose a CSV file"))],
        widget=GovFileInput(),
    )
