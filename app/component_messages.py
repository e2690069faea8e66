"""Messages GOV.UK Frontend's components would otherwise show in English, translated.

The character count's script reads its messages from ``data-i18n.*`` attributes, one
for each plural category of the page's language (Welsh and Arabic have six), with
``%{count}`` where the number goes. Each category's words come from the catalog's own
plural forms, asked with a number that falls in that category. The character count
speaks to the reader, so its messages take the page's register (``app/form_of_address.py``).
"""

from __future__ import annotations

from functools import cache

from babel import Locale
from flask_babel import gettext as _

from app.form_of_address import addressed, naddressed
from app.languages import current_language

# GOV.UK Frontend puts the number where this stands, in the page's own digits.
COUNT = "%{count}"


@cache
def plural_examples(language: str) -> dict[str, int]:
    """For each CLDR plural category of ``language``, the smallest count in it."""
    plural = Locale.parse(language).plural_form
    examples: dict[str, int] = {}
    for number in range(0, 1000):
        examples.setdefault(plural(number), number)
    return examples


def character_count_params(limit: int) -> dict[str, object]:
    """The character count's messages, for the macro's parameters, in the page's language."""
    examples = plural_examples(current_language())
    under = {
        category: naddressed(
            "You have %(count)s character remaining",
            "You have %(count)s characters remaining",
            number,
            count=COUNT,
        )
        for category, number in examples.items()
    }
    over = {
        category: naddressed(
            "You have %(count)s character too many",
            "You have %(count)s characters too many",
            number,
            count=COUNT,
        )
        for category, number in examples.items()
    }
    return {
        "maxlength": limit,
        "textareaDescriptionText": naddressed(
            "You can enter up to %(count)s character",
            "You can enter up to %(count)s characters",
            limit,
            count=limit,
        ),
        "charactersUnderLimitText": under,
        "charactersAtLimitText": addressed("You have 0 characters remaining"),
        "charactersOverLimitText": over,
    }


def password_input_params() -> dict[str, str]:
    """The password input's button and announcements, for the macro's parameters."""
    return {
        "showPasswordText": _("Show"),
        "hidePasswordText": _("Hide"),
        "showPasswordAriaLabelText": _("Show password"),
        "hidePasswordAriaLabelText": _("Hide password"),
        "passwordShownAnnouncementText": _("Your password is visible"),
        "passwordHiddenAnnouncementText": _("Your password is hidden"),
    }
