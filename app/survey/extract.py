"""A Babel extractor for survey definitions, so survey text is translated like the UI.

``pybabel extract -F babel-surveys.cfg`` calls :func:`extract_surveys` for each
``surveys/*.yaml``; every string a respondent or a report reader sees becomes a message
in the ``surveys`` domain, with a comment saying where it came from.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, BinaryIO

import yaml

from app.survey.loader import _line, _LineLoader
from app.survey.schema import (
    AGREEMENT_OPTIONS,
    SMILEY_OPTIONS,
    YES_NO_NOT_SURE_OPTIONS,
)

Message = tuple[int, str, str, list[str]]
BUILT_IN = {
    "agreement": AGREEMENT_OPTIONS,
    "yes_no_not_sure": YES_NO_NOT_SURE_OPTIONS,
}
PREFER_NOT_TO_SAY_LABEL = "Prefer not to say"


def extract_surveys(
    fileobj: BinaryIO, keywords: Any, comment_tags: Any, options: dict[str, Any]
) -> Iterator[Message]:
    """Yield ``(line, funcname, message, comments)`` for each translatable string."""
    data = yaml.load(fileobj.read().decode("utf-8"), Loader=_LineLoader)  # noqa: S506
    if not isinstance(data, dict):
        return
    survey_id = data.get("id", "?")
    for key in ("title", "intro", "privacy"):
        yield from _text(data, key, f"{survey_id}: survey {key}")
    for page in data.get("pages") or []:
        if not isinstance(page, dict):
            continue
        yield from _text(page, "title", f"{survey_id}: page {page.get('id')} title")
        for question in page.get("questions") or []:
            if isinstance(question, dict):
                yield from _question(survey_id, question)
    for indicator in data.get("indicators") or []:
        if isinstance(indicator, dict):
            yield from _text(indicator, "label", f"{survey_id}: indicator {indicator.get('id')}")


def _text(node: dict, key: str, comment: str) -> Iterator[Message]:
    value = node.get(key)
    if isinstance(value, str) and value.strip():
        yield _line(node, key), "gettext", value.strip(), [comment]


def _question(survey_id: str, question: dict) -> Iterator[Message]:
    where = f"{survey_id}: question {question.get('id')}"
    yield from _text(question, "text", where)
    yield from _text(question, "help", f"{where} help")
    given = {o.get("value"): o for o in question.get("options") or [] if isinstance(o, dict)}
    builtin: tuple[tuple[str, str], ...] = BUILT_IN.get(question.get("type"), ())
    if question.get("type") == "smiley":
        builtin = SMILEY_OPTIONS.get(question.get("scale"), ())
    for value, label in builtin:
        if value in given:
            continue
        yield _line(question, "type"), "gettext", label, [f"{where} answer {value}"]
    for value, option in given.items():
        yield from _text(option, "label", f"{where} answer {value}")
    if question.get("prefer_not_to_say"):
        yield (
            _line(question, "prefer_not_to_say"),
            "gettext",
            PREFER_NOT_TO_SAY_LABEL,
            [f"{where} answer prefer_not_to_say"],
        )
