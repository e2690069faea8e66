"""The comments the coding and quotes pages' browser tests read: one fixture for the
whole session, so every test module that asks for them sees the same comments, once."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.auth.models import Team
from app.coding.coding import set_human_codes
from app.extensions import db
from tests.coding.factories import FOOTBALL, WIFI, comments
from tests.conftest import make_app

SURVEY = "every-type"


@pytest.fixture(scope="session")
def coding_comments(live_database_url: str, chair_and_lead: None) -> None:
    """Team North's comments: twelve about wifi and twelve about football, reviewed; twelve
    of each waiting, which no codebook theme fits; and sixteen about feeling safe."""
    app = make_app(live_database_url)
    with app.app_context():
        north = db.session.scalars(select(Team).where(Team.name == "North")).one()
        for texts, theme in ((WIFI, "accommodation"), (FOOTBALL, "health_wellbeing")):
            for answer in comments(SURVEY, texts, team_id=north.id):
                set_human_codes(db.session, answer.id, [theme], None)
        comments(SURVEY, WIFI + FOOTBALL, team_id=north.id)  # said again, not reviewed yet
        comments(
            SURVEY,
            ["I feel safe where I live now", "I do not feel safe walking home from school"],
            team_id=north.id,
        )
        # Enough about feeling safe for the report, and so its theme page, to show them.
        comments(SURVEY, [f"I feel safe at my nan's {n}" for n in range(14)], team_id=north.id)
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
