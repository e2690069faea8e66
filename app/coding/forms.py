"""Forms for correcting a comment's themes and deciding on an emerging theme."""

from __future__ import annotations

import re
from collections.abc import Collection

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovCheckboxesInput, GovTextInput
from wtforms import SelectMultipleField, StringField
from wtforms.validators import DataRequired, Length, ValidationError

from app.form_base import SaysoForm
from app.themes.codebook import THEME_ID

# Pages live at .../themes/<theme id>, beside these two: a theme may not take their names.
RESERVED_IDS = {"emerging", "model"}
TERM = re.compile(r"^[\w'’*= -]{1,60}$")
MAX_TERMS = 20
ID_LIMIT = 40


def stripped(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


class ThemeBoxes(SelectMultipleField):
    """Checkboxes whose out-of-list value (from an edited page) gets a plain message."""

    def pre_validate(self, form: FlaskForm) -> None:
        known = {str(value) for value, *_rest in self.iter_choices()}
        if any(value not in known for value in self.data or []):
            raise ValidationError(_l("Choose themes from the list"))


class CodesForm(SaysoForm):
    """A comment's themes, as a person decides them (prefixed with the comment's id)."""

    themes = ThemeBoxes(_l("Themes"), widget=GovCheckboxesInput())

    def validate_themes(self, field: ThemeBoxes) -> None:
        if not field.data:
            raise ValidationError(
                _l("Choose at least one theme. If none fits, choose “Something else”.")
            )


class CandidateForm(SaysoForm):
    """What to call an emerging theme, and the words that find it (prefixed per candidate)."""

    label = StringField(
        _l("Name"),
        validators=[
            DataRequired(_l("Enter a name for the theme")),
            Length(max=120, message=_l("Keep the name to 120 characters or fewer")),
        ],
        filters=[stripped],
        widget=GovTextInput(),
    )
    theme_id = StringField(
        _l("Short code"),
        description=_l(
            "Lower-case letters, numbers and underscores, starting with a letter, "
            "for example bus_passes. It cannot be changed later."
        ),
        filters=[stripped],
        widget=GovTextInput(),
    )
    terms = StringField(
        _l("Words that find it"),
        description=_l(
            "Separate them with commas, for example: bus pass, travel card. A word "
            "ending in * matches any ending: travel*"
        ),
        filters=[stripped],
        widget=GovTextInput(),
    )

    taken: Collection[str] = ()

    def validate_theme_id(self, field: StringField) -> None:
        value = field.data or ""
        if not value:
            raise ValidationError(_l("Enter a short code for the theme"))
        if not THEME_ID.match(value) or len(value) > ID_LIMIT:
            raise ValidationError(
                _l(
                    "Use only lower-case letters, numbers and underscores, starting with "
                    "a letter, up to %(limit)s characters, for example bus_passes",
                    limit=ID_LIMIT,
                )
            )
        if value in self.taken or value in RESERVED_IDS:
            raise ValidationError(_l("There is already a theme with that code. Choose another."))

    def validate_terms(self, field: StringField) -> None:
        terms = self.term_list()
        if not terms:
            raise ValidationError(_l("Enter at least one word that finds the theme"))
        if len(terms) > MAX_TERMS:
            raise ValidationError(_l("Enter %(count)s words or fewer", count=MAX_TERMS))
        for term in terms:
            if not TERM.match(term):
                raise ValidationError(
                    _l(
                        "“%(term)s” cannot be used: use letters, numbers, spaces and * only, "
                        "up to 60 characters",
                        term=term[:60],
                    )
                )

    def term_list(self) -> list[str]:
        """The words, one entry per comma-separated term, duplicates dropped."""
        parts = [" ".join(part.split()) for part in (self.terms.data or "").split(",")]
        return list(dict.fromkeys(part for part in parts if part))


class QuoteWords(SelectMultipleField):
    """Checkboxes, one for each word of a quote; an unknown one gets a plain message."""

    def pre_validate(self, form: FlaskForm) -> None:
        known = {str(value) for value, *_rest in self.iter_choices()}
        if any(value not in known for value in self.data or []):
            raise ValidationError(_l("Choose words from the quote"))


class QuoteForm(SaysoForm):
    """A lead's decision on one quote: words to take out, then approve or reject
    (prefixed with the comment's id; the choices are the quote's numbered words)."""

    remove = QuoteWords(_l("Words to take out"), widget=GovCheckboxesInput())
