"""The base of every Sayso form: Flask-WTF's, with WTForms' own messages translated
from a catalog loaded once per language.

Flask-WTF loads WTForms' message catalog from disk on every request that builds a form
(and every form builds at least its CSRF field's label through it): a file read and a
parse on every respondent page. Here each language's catalog is loaded the first time it
is needed and kept, as Flask-Babel keeps Sayso's own.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Any

from babel import support
from flask import current_app, has_request_context, request
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovDateInput, GovSelect
from wtforms import Field
from wtforms.fields.choices import SelectChoice
from wtforms.i18n import messages_path
from wtforms.validators import StopValidation

from app.form_of_address import addressed


@lru_cache(maxsize=64)
def wtforms_catalog(locale: str) -> support.Translations:
    """WTForms' messages ("Not a valid choice.") in ``locale``, English when it has none."""
    return support.Translations.load(messages_path(), [locale], domain="wtforms")


class SaysoForm(FlaskForm):
    class Meta(FlaskForm.Meta):
        def get_translations(self, form: Any) -> Any:
            if not has_request_context() or not current_app.config.get("WTF_I18N_ENABLED", True):
                return None
            return wtforms_catalog(str(get_locale()))


class SelectWithOptionAttributes(GovSelect):
    """GOV.UK's select, keeping each choice's ``render_kw`` as its option's attributes, so
    a language's own name can be marked with its language (``lang``, ``dir``)."""

    def __call__(self, field: Any, **kwargs: Any) -> Any:
        self._attributes = {
            str(value): render_kw for value, _label, _selected, render_kw in field.iter_choices()
        }
        return super().__call__(field, **kwargs)

    def map_gov_params(self, field: Any, **kwargs: Any) -> dict[str, Any]:
        params = super().map_gov_params(field, **kwargs)
        for item in params["items"]:
            extra = self._attributes.get(str(item["value"]))
            if extra:
                item["attributes"] = dict(extra)
        return params


def language_choice(code: str, name: str, direction: str) -> SelectChoice:
    """A language in a list of languages: its own name, marked as being in that language."""
    return SelectChoice(code, name, render_kw={"lang": code, "dir": direction})


class DayMonthYearField(Field):
    """A date typed as day, month and year boxes, with messages that say what is wrong."""

    widget = GovDateInput()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.parts: tuple[str, str, str] = ("", "", "")

    def process_formdata(self, valuelist: list[str]) -> None:
        if len(valuelist) == 3:
            self.parts = tuple(v.strip() for v in valuelist)  # type: ignore[assignment]
            self.raw_data = list(self.parts)
        else:
            self.raw_data = None
        self.data = None

    def process_data(self, value: Any) -> None:
        self.data = value if isinstance(value, date) else None

    def _value(self) -> str:
        return ""

    def pre_validate(self, form: Any) -> None:
        day, month, year = self.parts
        if not (day or month or year):
            return
        missing = (not day, not month, not year)
        if any(missing):
            raise StopValidation(missing_parts_message(missing))
        if not (day.isdigit() and month.isdigit() and year.isdigit()) or len(year) != 4:
            raise StopValidation(addressed("Enter a real date, like 27 3 2025"))
        try:
            self.data = date(int(year), int(month), int(day))
        except ValueError as exc:
            raise StopValidation(addressed("Enter a real date, like 27 3 2025")) from exc
        if self.data.year < 1900:
            self.data = None
            raise StopValidation(addressed("Enter a real date, like 27 3 2025"))


def missing_parts_message(missing: tuple[bool, bool, bool]) -> str:
    """Which of day, month and year is missing, as a whole sentence (it translates better)."""
    messages = {
        (True, False, False): _("The date must include a day"),
        (False, True, False): _("The date must include a month"),
        (False, False, True): _("The date must include a year"),
        (True, True, False): _("The date must include a day and a month"),
        (True, False, True): _("The date must include a day and a year"),
        (False, True, True): _("The date must include a month and a year"),
    }
    return messages.get(missing, addressed("Enter a real date, like 27 3 2025"))


def stripped(value: str | None) -> str | None:
    """Spaces around typed text are dropped, so a box of spaces counts as empty."""
    return value.strip() if isinstance(value, str) else value


def posted_fields() -> list[tuple[str, str]]:
    """Every posted field as it came (a name may repeat), for a page that sends them again."""
    return [(name, value) for name, values in request.form.lists() for value in values]
