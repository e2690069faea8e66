"""``/api/v1/reports/<survey>/<period>``: JSON for a token, limited as its owner is."""

from __future__ import annotations

from sqlalchemy import select

from app.auth.models import AuditEvent, Team
from app.extensions import db
from tests.actions.conftest import make_action
from tests.api.conftest import SURVEY, bearer, token_for, two_teams

URL = f"/api/v1/reports/{SURVEY}/2026-Q3"


def team_id(name: str) -> int:
    return db.session.scalars(select(Team.id).where(Team.name == name)).one()


def test_token_reads_the_report_as_json(client):
    two_teams()
    make_action(survey_key="cp-conference", theme="meetings_reviews", published=True)
    token = token_for(role="admin", team="Quality")

    response = client.get(URL, headers=bearer(token))

    assert response.status_code == 200
    assert response.mimetype == "application/json"
    data = response.get_json()
    assert (data["survey"], data["period"], data["responses"]) == (SURVEY, "2026-Q3", 23)
    assert data["filters"] == {}
    assert [a["theme"] for a in data["actions"]] == ["meetings_reviews"]
    assert list(data)[:3] == ["survey", "period", "filters"]  # declared order
    assert "Set-Cookie" not in response.headers
    (event,) = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "report_api_read")
    ).all()
    assert (event.object_id, event.details["period"]) == (SURVEY, "2026-Q3")


def test_filters_come_from_the_query_string(client):
    two_teams()
    token = token_for(role="admin")
    south = team_id("South")
    data = client.get(f"{URL}?team={south}&audience=parent_carer", headers=bearer(token)).get_json()
    assert data["filters"] == {"team_id": south, "audience": "parent_carer"}
    assert data["responses"] == 11


def test_lead_with_a_team_gets_only_that_team(client):
    two_teams()
    token = token_for(role="participation_lead", team="North")
    north = team_id("North")
    data = client.get(URL, headers=bearer(token)).get_json()
    assert data["filters"] == {"team_id": north}
    assert data["responses"] == 12
    other = client.get(f"{URL}?team={team_id('South')}", headers=bearer(token))
    assert other.status_code == 403
    assert other.get_json()["error"]["code"] == "forbidden"


def test_missing_wrong_and_revoked_tokens_get_401_json(client):
    two_teams()
    token = token_for()
    for headers in ({}, {"Authorization": "Basic abc"}, bearer("sayso_not-a-real-token")):
        response = client.get(URL, headers=headers)
        assert response.status_code == 401, headers
        assert response.mimetype == "application/json"
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
        assert response.get_json()["error"]["status"] == 401

    from app.api.models import ApiToken
    from app.api.tokens import revoke_api_token

    revoke_api_token(db.session.scalars(select(ApiToken)).one())
    db.session.commit()
    revoked = client.get(URL, headers=bearer(token))
    assert revoked.status_code == 401
    assert revoked.get_json()["error"]["code"] == "token_invalid"


def test_deactivated_owner_or_other_role_cannot_use_a_token(client):
    from app import clock
    from app.auth.models import StaffUser

    two_teams()
    token = token_for("gone@example.org", role="admin")
    user = db.session.scalars(select(StaffUser).where(StaffUser.email == "gone@example.org")).one()
    user.deactivated_at = clock.utcnow()
    db.session.commit()
    assert client.get(URL, headers=bearer(token)).status_code == 401

    chair = token_for("chair@example.org", role="iro")
    response = client.get(URL, headers=bearer(chair))
    assert response.status_code == 403 and response.mimetype == "application/json"


def test_bad_period_unknown_survey_and_bad_filter_are_json_errors(client):
    two_teams()
    headers = bearer(token_for(role="admin"))
    bad_period = client.get(f"/api/v1/reports/{SURVEY}/2026-Q5", headers=headers)
    assert bad_period.status_code == 400
    assert bad_period.get_json()["error"] == {
        "status": 400,
        "code": "bad_period",
        "message": "There is no quarter 5: quarters are Q1 to Q4, as in 2026-Q3.",
    }
    unknown = client.get("/api/v1/reports/no-such-survey/2026-Q3", headers=headers)
    assert unknown.status_code == 404 and unknown.get_json()["error"]["code"] == "unknown_survey"
    bad_filter = client.get(f"{URL}?audience=aliens", headers=headers)
    assert bad_filter.status_code == 400 and "audience" in bad_filter.get_json()["error"]["message"]
    assert client.get(f"{URL}?team=north", headers=headers).status_code == 400


def test_other_addresses_and_methods_answer_json_never_html(client):
    headers = bearer(token_for(role="admin"))
    missing = client.get("/api/v1/nothing/here", headers=headers)
    assert missing.status_code == 404 and missing.mimetype == "application/json"
    posted = client.post(URL, headers=headers)  # no CSRF token: the API never needs one
    assert posted.status_code == 405 and posted.mimetype == "application/json"


def test_last_used_is_recorded(client):
    from app.api.models import ApiToken

    two_teams()
    token = token_for(role="admin")
    assert db.session.scalars(select(ApiToken)).one().last_used_at is None
    client.get(URL, headers=bearer(token))
    db.session.expire_all()
    assert db.session.scalars(select(ApiToken)).one().last_used_at is not None


def test_a_range_of_days_starting_on_the_30th_is_refused_plainly_not_a_server_error(client):
    two_teams()
    headers = bearer(token_for(role="admin"))
    for period in ("2026-11-30..2026-12-01", "2026-01-31..2026-02-27"):
        response = client.get(f"/api/v1/reports/{SURVEY}/{period}", headers=headers)
        assert response.status_code == 400, period
        assert response.get_json()["error"]["code"] == "too_fine"


def test_periods_are_read_as_people_say_them_and_financial_years_work(client):
    two_teams()
    headers = bearer(token_for(role="admin"))
    for typed, label in (
        ("Q3 2026", "2026-Q3"),
        ("2026-27", "FY2026-27"),
        ("FY2026-27", "FY2026-27"),
    ):
        response = client.get(f"/api/v1/reports/{SURVEY}/{typed}", headers=headers)
        assert response.status_code == 200, typed
        data = response.get_json()
        assert data["period"] == label
        assert data["responses"] == 23
    financial = client.get(f"/api/v1/reports/{SURVEY}/2026-27", headers=headers).get_json()
    assert (financial["trend_by"], financial["trend"][-1]["period"]) == ("quarter", "2027-Q1")
    bad = client.get(f"/api/v1/reports/{SURVEY}/summer", headers=headers)
    assert bad.status_code == 400
    assert "Q3 2026" in bad.get_json()["error"]["message"]
