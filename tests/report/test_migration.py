"""Migration 0005 fills the new report columns of responses already in the database."""

from __future__ import annotations

import json

from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from app.extensions import db
from tests.report.factories import publish_shipped

YOUNG = "lac-review-young-person"


def test_existing_responses_get_audience_team_chair_and_age_band(app):
    publish_shipped(YOUNG)
    version_id = db.session.execute(
        text("SELECT current_version_id FROM survey WHERE id = :id"), {"id": YOUNG}
    ).scalar_one()
    db.session.commit()
    downgrade(revision="0004_alerts_and_staff_keys")
    contexts = [
        {"team_id": 7, "chair_id": 3, "age_band": "12-15", "meeting_kind": "lac_review"},
        {},
    ]
    for index, context in enumerate(contexts):
        db.session.execute(
            text(
                "INSERT INTO response (survey_id, survey_version_id, submission_key, language,"
                " channel, context, submitted_at) VALUES (:survey, :version, :key, 'en',"
                " 'invitation', :context, '2026-07-01 10:00:00')"
            ),
            {
                "survey": YOUNG,
                "version": version_id,
                "key": f"key-{index}",
                "context": json.dumps(context),
            },
        )
    db.session.commit()

    upgrade()

    rows = db.session.execute(
        text("SELECT audience, team_id, chair_id, age_band FROM response ORDER BY submission_key")
    ).all()
    assert [tuple(row) for row in rows] == [
        ("young_person", 7, 3, "12-15"),
        ("young_person", None, None, None),
    ]
