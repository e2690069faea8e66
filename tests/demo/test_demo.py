import json

from sqlalchemy import func, select

from app import clock
from app.coding.models import CommentCoding
from app.config import PROJECT_ROOT
from app.extensions import db
from app.responses.models import Answer, Response
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
    assert_rankings_are_whole_orders()

    year = str(clock.utcnow().year - 1)
    report = runner.invoke(args=["report", "build", "--survey", "lac-review", "--period", year])
    data = json.loads(report.output)
    assert data["responses"] > 50 and data["response_rate"] is not None
    assert any(i["value"] is not None for i in data["indicators"])
    assert any(t["count"] for t in data["themes"])


def assert_rankings_are_whole_orders() -> None:
    """Young people's demo answers put the five things that matter in an order: each
    position once per response."""
    rows = db.session.execute(
        select(Answer.response_id, Answer.choice, Answer.number).where(
            Answer.question_id == "what_matters_where_you_live"
        )
    ).all()
    by_response: dict[int, list[tuple[float, str]]] = {}
    for response_id, choice, number in rows:
        by_response.setdefault(response_id, []).append((number, choice))
    assert len(by_response) > 10
    for ranked in by_response.values():
        assert sorted(number for number, _choice in ranked) == [1.0, 2.0, 3.0, 4.0, 5.0]
        assert len({choice for _number, choice in ranked}) == 5


def test_demo_needs_published_surveys(app, runner):
    result = runner.invoke(args=["demo", "--responses", "10"])
    assert result.exit_code == 1
    assert "sayso surveys publish" in result.output
