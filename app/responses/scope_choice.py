"""The form that chooses a report: what, when, and about whom. Sent by GET, so links share it."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSelect, GovTextInput
from wtforms import SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError

from app.form_base import SaysoForm, SelectWithOptionAttributes, language_choice
from app.responses.disclosure import RequestTooFine, check_request
from app.responses.filters import CODED_FILTERS, Filters
from app.responses.periods import Period, parse_period

PERIOD_HINT = _l(
    "A whole month, quarter, year or financial year (April to March), for example "
    "July 2026, Q3 2026, 2026 or FY2026/27"
)
FILTER_FIELDS = ("team", "chair", "audience", "age_band", "language")


class ListField(SelectField):
    """A select whose out-of-list value (from an edited link) gets a plain message."""

    def pre_validate(self, form: FlaskForm) -> None:
        if self.data and self.data not in {choice[0] for choice in self.iter_choices()}:
            raise ValidationError(_l("Choose one of the options in the list"))


class ReportForm(SaysoForm):
    """Choices are set by the view (the subjects, teams and chairs this person may see)."""

    class Meta:
        csrf = False  # a GET form that only reads; its URL is meant to be shared

    survey = SelectField(
        _l("Questionnaire or family of questionnaires"), validate_choice=False, widget=GovSelect()
    )
    period = StringField(_l("Period"), description=PERIOD_HINT, widget=GovTextInput())
    team = ListField(_l("Team"), widget=GovSelect())
    chair = ListField(_l("Reviewing officer or chair"), widget=GovSelect())
    audience = ListField(
        _l("Who answered"),
        choices=[
            SelectChoice("", _l("Everyone")),
            *(SelectChoice(k, v) for k, v in CODED_FILTERS["audience"].items()),
        ],
        widget=GovSelect(),
    )
    age_band = ListField(
        _l("Age of the child or young person"),
        choices=[
            SelectChoice("", _l("Any age")),
            *(SelectChoice(k, v) for k, v in CODED_FILTERS["age_band"].items()),
        ],
        widget=GovSelect(),
    )
    language = ListField(
        _l("Language the answers were given in"),
        choices=[
            SelectChoice("", _l("Any language")),
            *(
                language_choice(code, lang.name, lang.direction)
                for code, lang in CODED_FILTERS["language"].items()
            ),
        ],
        widget=SelectWithOptionAttributes(),
    )

    parsed_period: Period | None = None

    def set_choices(
        self,
        subjects: list[tuple[str, str]],
        teams: list[tuple[int, str]],
        chairs: list[tuple[int, str]],
        all_teams: bool,
    ) -> None:
        self.survey.choices = [
            SelectChoice("", _l("Choose a questionnaire")),
            *(SelectChoice(key, name) for key, name in subjects),
        ]
        everyone = [SelectChoice("", _l("All teams"))] if all_teams else []
        self.team.choices = everyone + [SelectChoice(str(i), name) for i, name in teams]
        self.chair.choices = [
            SelectChoice("", _l("All reviewing officers and chairs")),
            *(SelectChoice(str(i), name) for i, name in chairs),
        ]

    def validate_survey(self, field: SelectField) -> None:
        if not field.data:
            raise ValidationError(_l("Choose a questionnaire or a family of questionnaires"))
        if field.data not in {choice[0] for choice in field.iter_choices()}:
            raise ValidationError(
                _l("There is no questionnaire with that name. Choose one from the list.")
            )

    def validate_period(self, field: StringField) -> None:
        self.parsed_period = None
        try:
            parsed = parse_period(field.data or "")
            check_request(parsed, Filters())
        except ValueError as error:
            raise ValidationError(str(error)) from None
        self.parsed_period = parsed

    def validate(self, extra_validators: Any = None) -> bool:
        """The fields, then how fine the request is (at most one narrowing filter)."""
        valid = super().validate(extra_validators)
        if valid and self.parsed_period is not None:
            try:
                check_request(self.parsed_period, self.filters())
            except RequestTooFine as error:
                narrowing = [
                    f for f in ("team", "chair", "age_band", "language") if getattr(self, f).data
                ]
                field = getattr(self, narrowing[-1])
                field.errors = [*field.errors, str(error)]
                return False
        return valid

    def filters(self) -> Filters:
        """The filters chosen (call after the form validates)."""
        return Filters(
            team_id=int(self.team.data) if self.team.data else None,
            chair_id=int(self.chair.data) if self.chair.data else None,
            audience=self.audience.data or None,
            age_band=self.age_band.data or None,
            language=self.language.data or None,
        )

    def filter_args(self) -> dict[str, str]:
        """The filters as query arguments, only those that are set."""
        return {
            name: getattr(self, name).data for name in FILTER_FIELDS if getattr(self, name).data
        }
