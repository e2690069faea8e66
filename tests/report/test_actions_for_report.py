"""The report's "you said, we did" section: actions for the survey or family and period."""

from __future__ import annotations

from app.extensions import db
from app.report.actions import actions_for_report
from app.responses.periods import parse_period
from tests.actions.conftest import make_action
from tests.conftest import SURVEYS, publish


def test_actions_overlapping_the_period_are_listed_with_english_text(app):
    publish(SURVEYS / "care-leaver-accommodation.yaml")
    inside = make_action(
        survey_key="care-leaver-accommodation",
        period="2026-08",
        status="in_progress",
        theme="accommodation",
        published=True,
        translations={"cy": ("Clywsom ni", "Gwnaethom ni")},
    )
    straddling = make_action(survey_key="care-leaver-accommodation", period="2026", theme="money")
    make_action(survey_key="care-leaver-accommodation", period="2026-Q2")
    make_action(survey_key="lac-review", period="2026-Q3")

    found = actions_for_report(db.session, "care-leaver-accommodation", parse_period("2026-Q3"))

    assert [a.id for a in found] == [inside.id, straddling.id]  # by theme
    first = found[0]
    assert (first.theme, first.status, first.when, first.published) == (
        "accommodation",
        "in_progress",
        "2026-10-01",
        True,
    )
    assert first.heard.startswith("Children said") and first.did.startswith("Every child")
    assert found[1].published is False


def test_family_report_includes_its_questionnaires_and_a_survey_its_family(app):
    publish(SURVEYS / "lac-review-child.yaml")
    publish(SURVEYS / "lac-review-professional.yaml")
    family = make_action(survey_key="lac-review", theme="listened_to")
    child = make_action(survey_key="lac-review-child", theme="meetings_reviews")
    professional = make_action(survey_key="lac-review-professional", theme="safety")
    period = parse_period("2026-Q3")

    def ids(key: str) -> list[int]:
        return [a.id for a in actions_for_report(db.session, key, period)]

    assert ids("lac-review") == [family.id, child.id, professional.id]
    assert ids("lac-review-child") == [family.id, child.id]
    assert ids("care-leaver-accommodation") == []


def test_action_without_a_date_reports_no_date(app):
    make_action(survey_key="lac-review", happens_on=None)
    (found,) = actions_for_report(db.session, "lac-review", parse_period("2026-09"))
    assert found.when is None
