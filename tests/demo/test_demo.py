import json

from sqlalchemy import func, select

from app import clock
from app.coding.models import CommentCoding
from app.config import PROJECT_ROOT
from app.extensions import db
from app.responses.models import Response
from app.survey.publishing import publish_directory


def test_demo_fills_reports_with_answers_teams_languages_and_themes(app, runner):
    publish_directory(db.session, PROJECT_ROOT / "surveys")
    db.session.commit()

    result = runner.invoke(args=["demo", "--responses", "400"])
    assert result.exit_code == 0, result.output
    assert "Added 400 responses" in result.output

    languages = set(db.session.scalars(select(Response.language).distinct()))
    teams = set(db.session.scalars(select(Response.team_id).distinct()))
    assert {"en", "cy"} <= languages and len(teams) == 3
    assert db.session.scalar(select(func.count()).select_from(CommentCoding)) > 50

    year = str(clock.utcnow().year - 1)
    report = runner.invoke(args=["report", "build", "--survey", "lac-review", "--period", year])
    data = json.loads(report.output)
    assert data["responses"] > 50 and data["response_rate"] is not None
    assert any(i["value"] is not None for i in data["indicators"])
    assert any(t["count"] for t in data["themes"])


def test_demo_needs_published_surveys(app, runner):
    result = runner.invoke(args=["demo", "--responses", "10"])
    assert result.exit_code == 1
    assert "sayso surveys publish" in result.output
