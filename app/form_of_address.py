"""Speaking to the reader as "ti" or "chi": the informal forms of interface text.

Welsh and Ukrainian (and Romanian) speak to a child or young person informally ("ti",
"ти", "tu") and to an adult formally ("chi", "Ви", "dumneavoastră"). A questionnaire's
audience chooses which (``app/respond/audience_help.py``), and a respondent page says so
with ``speak_informally()`` before it builds its forms or renders anything.

Interface text that speaks to the reader is written with ``addressed`` (in templates and
in Python) instead of ``gettext``. Its informal form is the catalog's message in the
``informal`` context; where a language has no separate informal form (English, Polish,
whose interface already says "ty", or Arabic) that message is empty or missing, and the
plain translation is used. Staff pages never ask for the informal form, so they stay
formal.

``extract_python`` and ``extract_jinja2`` are the extraction methods ``babel.cfg`` names:
they give each ``addressed`` message twice, plain and in the ``informal`` context, so
``pybabel extract`` keeps both in ``messages.pot``.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from typing import IO, Any

from flask import g, has_app_context
from flask_babel import LazyString, get_translations
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

INFORMAL = "informal"
# The names the extraction methods look for, with the plain and informal keywords they
# stand for.
KEYWORDS = {
    "addressed": ("gettext", "pgettext"),
    "lazy_addressed": ("gettext", "pgettext"),
    "naddressed": ("ngettext", "npgettext"),
}


def speak_informally(informal: bool) -> None:
    """Say how this request's pages speak to their reader (formal unless told)."""
    g.sayso_informal = informal


def speaking_informally() -> bool:
    """Whether this request speaks to its reader informally."""
    return has_app_context() and bool(g.get("sayso_informal", False))


def _translated(message: str) -> str:
    translations = get_translations()
    if speaking_informally():
        informal = translations.upgettext(INFORMAL, message)
        # The catalog gives the message back unchanged when it has no informal form.
        if informal != message:
            return informal
    return translations.ugettext(message)


def _translated_plural(singular: str, plural: str, number: int) -> str:
    translations = get_translations()
    if speaking_informally():
        informal = translations.unpgettext(INFORMAL, singular, plural, number)
        if informal not in (singular, plural):
            return informal
    return translations.ungettext(singular, plural, number)


def addressed(message: str, **variables: Any) -> str:
    """``gettext`` for text that speaks to the reader, in the register of the page."""
    text = _translated(message)
    return text % variables if variables else text


def naddressed(singular: str, plural: str, number: int, **variables: Any) -> str:
    """``ngettext`` for text that speaks to the reader, in the register of the page."""
    variables.setdefault("num", number)
    return _translated_plural(singular, plural, number) % variables


def lazy_addressed(message: str, **variables: Any) -> LazyString:
    """``addressed``, worked out when the text is shown (for module-level wording)."""
    return LazyString(addressed, message, **variables)


@pass_context
def addressed_in_template(context: Context, message: str, **variables: Any) -> str:
    """``addressed`` as a template's ``_()`` behaves: the translation is markup, and the
    values put into it are escaped."""
    text = _translated(message)
    if context.eval_ctx.autoescape:
        text = Markup(text)  # noqa: S704 - a catalog's own text, as Jinja's _() treats it
    return text % variables


def _both_forms(found: Iterator[tuple[Any, ...]]) -> Iterator[tuple[Any, ...]]:
    for lineno, funcname, messages, comments in found:
        if funcname not in KEYWORDS:
            yield lineno, funcname, messages, comments
            continue
        plain, informal = KEYWORDS[funcname]
        strings = messages if isinstance(messages, tuple) else (messages,)
        yield lineno, plain, messages, comments
        yield lineno, informal, (INFORMAL, *strings), comments


def _with_addressed(keywords: Collection[str]) -> list[str]:
    return [*keywords, *KEYWORDS]


def extract_python(
    fileobj: IO[bytes], keywords: Collection[str], comment_tags: Collection[str], options: Any
) -> Iterator[tuple[Any, ...]]:
    """Babel's Python extraction, giving each ``addressed`` message in both forms."""
    from babel.messages.extract import extract_python as extract

    return _both_forms(extract(fileobj, _with_addressed(keywords), comment_tags, options))


def extract_jinja2(
    fileobj: IO[bytes], keywords: Collection[str], comment_tags: Collection[str], options: Any
) -> Iterator[tuple[Any, ...]]:
    """Jinja's extraction, giving each ``addressed`` message in both forms."""
    from jinja2.ext import babel_extract

    return _both_forms(babel_extract(fileobj, _with_addressed(keywords), comment_tags, options))
