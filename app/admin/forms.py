"""The audit page's filters: a GET form read from the query string, so its URL can be shared."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import GovSelect, GovTextInput
from wtforms import SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, Optional, Regexp, ValidationError

from app.admin.audit_labels import ACTION_LABELS, OBJECT_LABELS
from app.admin.audit_log import NO_ACTOR, AuditFilters
from app.auth.audit import CODE
from app.form_base import DayMonthYearField, SaysoForm


def _stripped(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


class AuditFilterForm(SaysoForm):
    """Which events to show. Every field is optional; a bad date says what is wrong."""

    class Meta:
        csrf = False  # a GET form that only reads

    action = SelectField(_l("What happened"), validators=[Optional()], widget=GovSelect())
    actor = SelectField(_l("Who"), validators=[Optional()], widget=GovSelect())
    date_from = DayMonthYearField(_l("From"), validators=[Optional()])
    date_to = DayMonthYearField(_l("To"), validators=[Optional()])
    object_type = SelectField(_l("Kind of record"), validators=[Optional()], widget=GovSelect())
    object_id = StringField(
        _l("Record number or code"),
        filters=[_stripped],
        validators=[
            Optional(),
            Length(max=64, message=_l("Record number or code must be 64 characters or fewer")),
            Regexp(
                CODE,
                message=_l(
                    "Record number or code can only contain letters, numbers, "
                    "dots, colons, hyphens and underscores"
                ),
            ),
        ],
        widget=GovTextInput(),
    )

    def __init__(self, *args: object, staff: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        actions = sorted(ACTION_LABELS.items(), key=lambda item: str(item[1]))
        self.action.choices = [SelectChoice("", _l("Anything"))] + [
            SelectChoice(code, label) for code, label in actions
        ]
        self.actor.choices = [
            SelectChoice("", _l("Anyone")),
            SelectChoice(NO_ACTOR, _l("Command line, scheduled task or not signed in")),
        ] + [SelectChoice(str(user_id), email) for user_id, email in staff]
        kinds = sorted(OBJECT_LABELS.items(), key=lambda item: str(item[1]))
        self.object_type.choices = [SelectChoice("", _l("Any kind"))] + [
            SelectChoice(code, label) for code, label in kinds
        ]

    def validate_date_to(self, field: DayMonthYearField) -> None:
        if field.data and self.date_from.data and field.data < self.date_from.data:
            raise ValidationError(_l("The ‘to’ date must be the same as or after the ‘from’ date"))

    def filters(self) -> AuditFilters:
        """The chosen filters (call after :meth:`validate`)."""
        actor = self.actor.data or None
        return AuditFilters(
            action=self.action.data or None,
            actor=int(actor) if actor and actor.isdigit() else actor,
            date_from=self.date_from.data,
            date_to=self.date_to.data,
            object_type=self.object_type.data or None,
            object_id=self.object_id.data or None,
        )
