"""Recording actions: English text always, other languages optional, publishing on and off."""

from __future__ import annotations

import pytest

from app.actions.editing import (
    find_actions,
    published_actions,
    remove_translation,
    set_translation,
    unpublish_action,
    update_action,
)
from app.extensions import db
from app.responses.periods import parse_period
from tests.actions.conftest import details, make_action


def test_new_action_keeps_its_period_as_label_and_dates(app):
    action = make_action(period="2026-Q3")
    assert action.period_label == "2026-Q3"
    assert (action.period_start.isoformat(), action.period_end.isoformat()) == (
        "2026-07-01",
        "2026-10-01",
    )
    assert action.english.heard.startswith("Children said")
    assert action.published_at is None


def test_an_action_cannot_be_saved_without_english_text(app):
    with pytest.raises(ValueError, match="English text"):
        details(did="   ")


def test_malformed_theme_or_unknown_status_is_refused(app):
    with pytest.raises(ValueError, match="theme"):
        details(theme="Not a theme!")
    with pytest.raises(ValueError, match="status"):
        details(status="finished")


def test_update_reports_only_what_changed(app):
    action = make_action(status="planned")
    changed = update_action(action, details(status="in_progress"))
    assert changed == ["status"]
    assert update_action(action, details(status="in_progress")) == []
    changed = update_action(action, details(status="in_progress", did="Something else."))
    assert changed == ["english_text"]
    db.session.commit()
    assert action.english.did == "Something else."


def test_translation_is_added_replaced_and_removed(app):
    action = make_action()
    assert set_translation(action, "cy", "Clywsom ni", "Gwnaethom ni")
    assert not set_translation(action, "cy", "Clywsom ni eto", "Gwnaethom ni eto")
    db.session.commit()
    assert action.text_in("cy").heard == "Clywsom ni eto"
    assert remove_translation(action, "cy")
    assert not remove_translation(action, "cy")
    assert not remove_translation(action, "en")  # English is never removed
    db.session.commit()
    assert [t.language for t in action.texts] == ["en"]


def test_english_and_unknown_languages_are_not_translations(app):
    action = make_action()
    for language in ("en", "xx"):
        with pytest.raises(ValueError):
            set_translation(action, language, "a", "b")


def test_public_list_has_only_published_actions_newest_first(app, time_machine):
    older = make_action(published=True, theme="safety")
    time_machine.advance(days=1)
    newer = make_action(published=True, theme="money")
    make_action(published=False, theme="loneliness")
    assert [a.id for a in published_actions(db.session)] == [newer.id, older.id]
    unpublish_action(newer)
    db.session.commit()
    assert [a.id for a in published_actions(db.session)] == [older.id]


def test_staff_list_filters_by_survey_period_and_status(app):
    q3 = make_action(survey_key="lac-review", period="2026-Q3", status="done")
    july = make_action(survey_key="lac-review", period="2026-07", status="planned")
    other = make_action(survey_key="care-leaver-accommodation", period="2026", status="done")

    def ids(**filters):  # type: ignore[no-untyped-def]
        return {a.id for a in find_actions(db.session, **filters)}

    assert ids() == {q3.id, july.id, other.id}
    assert ids(survey_key="lac-review") == {q3.id, july.id}
    assert ids(period=parse_period("2026-08")) == {q3.id, other.id}
    assert ids(period=parse_period("2026-Q3"), status="planned") == {july.id}
    assert ids(period=parse_period("2025")) == set()
