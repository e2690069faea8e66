"""Factories for "you said, we did" actions."""

from __future__ import annotations

from datetime import date

import pytest
from flask import Flask

from app.actions.editing import ActionDetails, create_action, publish_action, set_translation
from app.actions.models import Action
from app.extensions import db
from app.languages import DEFAULT, KNOWN, CatalogStatus
from app.responses.periods import parse_period
from tests.auth.conftest import time_machine  # noqa: F401 - a fixture the tests use


def details(
    survey_key: str = "lac-review",
    theme: str = "listened_to",
    period: str = "2026-Q3",
    status: str = "done",
    happens_on: date | None = date(2026, 10, 1),
    heard: str = "Children said their views were not asked for before their review.",
    did: str = "Every child now meets their reviewing officer before the review.",
) -> ActionDetails:
    return ActionDetails(
        survey_key=survey_key,
        theme=theme,
        period=parse_period(period),
        status=status,
        happens_on=happens_on,
        heard=heard,
        did=did,
    )


def make_action(
    published: bool = False,
    translations: dict[str, tuple[str, str]] | None = None,
    created_by_id: int | None = None,
    **fields: object,
) -> Action:
    """A committed action; ``translations`` maps a language to (heard, did)."""
    action = create_action(db.session, details(**fields), created_by_id)  # type: ignore[arg-type]
    for language, (heard, did) in (translations or {}).items():
        set_translation(action, language, heard, did)
    if published:
        publish_action(action)
    db.session.commit()
    return action


@pytest.fixture
def every_language_offered(app: Flask) -> None:
    """Offer every known language whatever state its interface catalogs are in: these tests
    are about an action's own text, which does not depend on them."""
    app.extensions["sayso_catalogs"] = [
        CatalogStatus(language, 100, 100, False)
        for code, language in KNOWN.items()
        if code != DEFAULT
    ]
