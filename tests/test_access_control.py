"""Every staff route, for every role: allowed, or refused with 403/404; never a leak.

Routes are discovered from the app's URL map, so a new staff page is covered the day it
is added. Objects belong to team A; the people asking are in team A or team B.
"""

from __future__ import annotations

import re

import pytest
from flask import Flask
from sqlalchemy import select

from app.actions.views import LANGUAGE
from app.extensions import db
from tests.auth.conftest import make_staff, sign_in
from tests.conftest import DATA, publish

STAFF_PREFIXES = ("/staff", "/alerts", "/admin", "/reports", "/api")
# The API authenticates with tokens, not the browser session: see the test at the end.
TOKEN_PREFIX = "/api/v1/"
PUBLIC = {"/staff/sign-in", "/staff/set-password/<token>"}
ROLES = ("admin", "participation_lead", "iro", "safeguarding_lead")
# Who may open each page (GET). Anything not listed is refused to every role.
ALLOWED = {
    "/staff": set(ROLES),
    "/admin/users": {"admin"},
    "/admin/languages": {"admin"},
    "/admin/audit": {"admin"},
    "/admin/audit.csv": {"admin"},
    "/admin/users/<int:user_id>/deactivate": {"admin"},
    "/staff/meetings": {"iro", "admin"},
    "/staff/meetings/new": {"iro", "admin"},
    "/staff/meetings/<int:meeting_id>": {"iro"},  # only the officer who made it
    "/staff/my-feedback": {"iro", "admin"},
    "/staff/campaigns/new": {"participation_lead", "admin"},
    "/alerts": {"safeguarding_lead"},
    "/alerts/<int:alert_id>": {"safeguarding_lead"},
    "/alerts/review": {"safeguarding_lead"},
    "/alerts/review/<int:item_id>": {"safeguarding_lead"},
    "/reports": {"participation_lead", "admin"},
    "/reports/<survey_key>/<period>": {"participation_lead", "admin"},
    "/reports/<survey_key>/<period>.<any(csv, xlsx):file_format>": {"participation_lead", "admin"},
    "/reports/<survey_key>/<period>/board-pack": {"participation_lead", "admin"},
    "/reports/<survey_key>/<period>/themes/<theme_id>": {"participation_lead", "admin"},
    "/reports/<survey_key>/<period>/themes/emerging": {"participation_lead", "admin"},
    "/reports/<survey_key>/themes/model": {"participation_lead", "admin"},
    # Quotes are approved by participation leads only: administrators read reports but
    # do not choose what they quote.
    "/reports/<survey_key>/<period>/themes/<theme_id>/quotes": {"participation_lead"},
    "/staff/actions": {"participation_lead", "admin"},
    "/staff/actions/new": {"participation_lead", "admin"},
    "/staff/actions/<int:action_id>": {"participation_lead", "admin"},
    "/staff/actions/<int:action_id>/edit": {"participation_lead", "admin"},
    f"/staff/actions/<int:action_id>/translations/{LANGUAGE}": {"participation_lead", "admin"},
    "/staff/api-tokens": {"participation_lead", "admin"},
    "/staff/api-tokens/new": {"participation_lead", "admin"},
    "/reports/subscriptions": {"participation_lead", "admin"},
    "/reports/subscriptions/new": {"participation_lead", "admin"},
    "/reports/benchmarks": {"participation_lead", "admin"},
    "/reports/benchmarks/<int:benchmark_id>/remove": {"participation_lead", "admin"},
}
# Council-wide records: every participation lead and administrator may open and change
# them, whatever their team (they answer survey-wide themes and are published).
COUNCIL_WIDE = ("/staff/actions/<int:action_id>",)
COUNCIL_WIDE_ROLES = {"participation_lead", "admin"}


def staff_rules(app: Flask) -> list[tuple[str, set[str]]]:
    return sorted(
        (rule.rule, set(rule.methods or ()) - {"HEAD", "OPTIONS"})
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith(STAFF_PREFIXES)
        and rule.rule not in PUBLIC
        and not rule.rule.startswith(TOKEN_PREFIX)
    )


@pytest.fixture
def world(app: Flask) -> dict[str, int | str]:
    """Team A's objects: a meeting, an alert on a response, an account."""
    from datetime import date

    from app.invite.meetings import Person, create_meeting
    from app.respond.drafts import create_draft, save_answers
    from app.respond.sending import store_draft
    from app.safeguard.alerts import raise_alert
    from app.safeguard.models import ReviewItem
    from app.survey.publishing import current_version, survey_for_version

    publish(DATA / "surveys" / "safety-check.yaml")
    for path in sorted((DATA.parent.parent / "surveys").glob("*.yaml")):
        publish(path)
    users = {role: make_staff(f"{role}@a.example.org", role, team="Team A") for role in ROLES}
    for role in ROLES:
        make_staff(f"{role}@b.example.org", role, team="Team B")
    meeting, _ = create_meeting(
        db.session,
        kind="lac_review",
        held_on=date(2026, 11, 2),
        team_id=users["iro"].team_id,
        chair_id=users["iro"].id,
        child_age=14,
        case_reference="CASE-A",
        people=[Person("carer", "en", None)],
        key="k",
        days=28,
    )
    version = current_version(db.session, "safety-check")
    draft, _ = create_draft(db.session, version.id, "k", 14)
    save_answers(draft, {"feel_safe": "no"}, "safe", 14)
    response, _ = store_draft(db.session, draft)
    response.context = {"team_id": users["iro"].team_id}
    alert = raise_alert(db.session, survey_for_version(version), response, 60)
    # An answer the screen is unsure about: team A's review queue.
    unsure, _ = create_draft(db.session, version.id, "k", 14)
    save_answers(
        unsure,
        {"feel_safe": "yes", "what_would_help": "I used to cut myself years ago"},
        "safe",
        14,
    )
    unsure_response, _ = store_draft(db.session, unsure)
    unsure_response.context = {"team_id": users["iro"].team_id}
    assert raise_alert(db.session, survey_for_version(version), unsure_response, 60) is None
    item = db.session.scalars(select(ReviewItem)).one()
    db.session.commit()
    from app.api.tokens import create_api_token
    from tests.actions.conftest import make_action

    action = make_action(created_by_id=users["participation_lead"].id)
    token = create_api_token(db.session, users["participation_lead"], "A", "k").record
    db.session.commit()
    return {
        "action_id": action.id,
        "token_id": token.id,
        "meeting_id": meeting.id,
        "alert_id": alert.id,
        "item_id": item.id,
        "user_id": users["iro"].id,
        "invitation_id": meeting.invitations[0].id,
        "survey_key": "cp-conference",
        "period": "2026-Q4",
        "theme_id": "safety",
    }


def concrete(rule: str, world: dict[str, int | str]) -> str:
    rule = re.sub(r"<any\(([^),]*)[^)]*\):\w+>", lambda m: m.group(1).strip(), rule)
    return re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(world.get(m.group(1), 1)), rule)


def test_anonymous_visitors_are_sent_to_sign_in_everywhere(app, client, world):
    for rule, methods in staff_rules(app):
        path = concrete(rule, world)
        for method in methods:
            response = client.open(path, method=method)
            if method == "GET":
                assert response.status_code == 302, (method, path)
                assert "/staff/sign-in" in response.headers["Location"], path
            else:
                # A POST without a signed-in session is refused before anything happens.
                assert response.status_code in (302, 400), (method, path)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("team", ["a", "b"])
def test_each_role_sees_only_what_it_may(app, world, role, team):
    client = app.test_client()
    sign_in(client, f"{role}@{team}.example.org")
    for rule, methods in staff_rules(app):
        if "GET" not in methods:
            continue
        path = concrete(rule, world)
        response = client.get(path)
        allowed = role in ALLOWED.get(rule, set())
        owned = "<int:" in rule and rule not in ("/admin/users/<int:user_id>/deactivate",)
        owned = owned and not rule.startswith(COUNCIL_WIDE)
        if allowed and (not owned or team == "a"):
            assert response.status_code == 200, (role, team, path, response.status_code)
        else:
            assert response.status_code in (403, 404), (role, team, path, response.status_code)
        body = response.get_data(as_text=True)
        if team == "b" or not allowed:
            assert "CASE-A" not in body, (role, team, path)


@pytest.mark.parametrize("role", ROLES)
def test_posts_need_the_right_role_and_owner(app, world, role):
    client = app.test_client()
    sign_in(client, f"{role}@b.example.org")
    page = client.get("/staff")
    token = re.search(
        r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" '
        r'value="([^"]+)"',
        page.get_data(as_text=True),
    )
    csrf = next(g for g in token.groups() if g) if token else ""
    for rule, methods in staff_rules(app):
        if "POST" not in methods or rule.endswith("sign-out"):
            continue
        path = concrete(rule, world)
        response = client.post(path, data={"csrf_token": csrf})
        if rule.endswith(("/new", "/deactivate")) and role in ALLOWED.get(rule, set()):
            continue  # creating one's own things, or an admin's own power: allowed by design
        if rule.startswith(COUNCIL_WIDE) and role in COUNCIL_WIDE_ROLES:
            continue  # council-wide actions: any lead may change them, by design
        assert response.status_code in (400, 403, 404), (role, path, response.status_code)


def test_api_answers_json_to_tokens_only_never_to_a_browser_session(app, world):
    """Token-authenticated routes: no token (even with a signed-in session) gets JSON 401."""
    rules = [r for r in app.url_map.iter_rules() if r.rule.startswith(TOKEN_PREFIX)]
    assert rules
    browser = app.test_client()
    sign_in(browser, "admin@a.example.org")
    for client in (app.test_client(), browser):
        for rule in rules:
            path = concrete(rule.rule, world)
            response = client.get(path)
            assert response.mimetype == "application/json", path
            expected = 404 if "<path:" in rule.rule else 401
            assert response.status_code == expected, (path, response.status_code)
