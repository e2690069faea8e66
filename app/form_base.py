"""The base of every Sayso form: Flask-WTF's, with WTForms' own messages translated
from a catalog loaded once per language.

Flask-WTF loads WTForms' message catalog from disk on every request that builds a form
(and every form builds at least its CSRF field's label through it): a file read and a
parse on every respondent page. Here each language's catalog is loaded the first time it
is needed and kept, as Flask-Babel keeps Sayso's own.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from babel import support
from flask import current_app, has_request_context
from flask_babel import get_locale
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSelect
from wtforms.fields.choices import SelectChoice
from wtforms.i18n import messages_path


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
