"""Every staff page in every shipped language, with no English on it.

Staff choose a language on the sign-in page (``?lang=``) and the session keeps it. Each
role signs in that way and opens every page it may (found from the URL map, as the access
control test does), on a council with demo answers, a meeting with its links, an alert,
a review item, an action and an API token, so tables, figures and messages show. Then
the pages people meet when something goes wrong: a wrong password, forms sent empty or
wrong, a flash message after each change, and the error pages. Every word is checked
against Sayso's English source text (tests/english.py). Names of people, teams and
cases, and what respondents wrote, are data in any language: the test allows them.
"""

from __future__ import annotations

from datetime import date

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app import clock
from app.extensions import db
from app.languages import KNOWN
from tests.auth.conftest import make_staff, sign_in
from tests.conftest import SURVEYS
from tests.english import WORD, english_on_page, visible_text
from tests.pages import Page, get, parse
from tests.test_access_control import ALLOWED, ROLES, concrete, staff_rules

LANGUAGES = [code for code in KNOWN if code != "en"]
# Data, not words to translate: the teams the demo makes, the accounts, and the name a
# participation lead gives an API token.
DATA_WORDS = "North South East admin participation lead iro safeguarding north example org Board"


def build_council(app: Flask) -> dict[str, int | str]:
    """Demo answers for three teams, and one of everything a staff page lists."""
    from app.api.tokens import create_api_token
    from app.demo.generate import generate_demo
    from app.invite.meetings import Person, create_meeting
    from app.report.benchmarks import BenchmarkRow, known_indicators, store_benchmarks
    from app.respond.drafts import create_draft, save_answers
    from app.respond.sending import store_draft
    from app.safeguard.alerts import raise_alert
    from app.safeguard.models import ReviewItem
    from app.survey.publishing import current_version, publish_directory, survey_for_version
    from tests.actions.conftest import make_action

    publish_directory(db.session, SURVEYS)
    db.session.commit()
    generate_demo(db.session, 240, clock.utcnow().date())
    db.session.commit()
    users = {role: make_staff(f"{role}@north.example.org", role, team="North") for role in ROLES}
    meeting, _ = create_meeting(
        db.session,
        kind="lac_review",
        held_on=date(2026, 11, 2),
        team_id=users["iro"].team_id,
        chair_id=users["iro"].id,
        child_age=14,
        case_reference="CASE-A",
        people=[Person("child", "en", None), Person("carer", "en", None)],
        key="k",
        days=28,
    )
    version = current_version(db.session, "care-leaver-accommodation")
    survey = survey_for_version(version)
    draft, _ = create_draft(db.session, version.id, "k", 14)
    save_answers(draft, {"feel_safe": "no"}, "feel-safe", 14)
    response, _ = store_draft(db.session, draft)
    response.context = {"team_id": users["iro"].team_id}
    alert = raise_alert(db.session, survey, response, 60)
    assert alert is not None
    # An answer the screen is unsure about: the review queue.
    unsure, _ = create_draft(db.session, version.id, "k", 14)
    answers = {"feel_safe": "yes", "anything_else": "I used to cut myself years ago"}
    save_answers(unsure, answers, "anything-else", 14)
    unsure_response, _ = store_draft(db.session, unsure)
    unsure_response.context = {"team_id": users["iro"].team_id}
    raise_alert(db.session, survey, unsure_response, 60)
    items = db.session.scalars(select(ReviewItem)).all()
    db.session.commit()
    action = make_action(created_by_id=users["participation_lead"].id)
    token = create_api_token(db.session, users["participation_lead"], "Board", "k").record
    # A figure to compare with, so the benchmarks page lists one with its "Remove" button.
    survey_id, indicators = sorted(known_indicators(db.session).items())[0]
    figure = BenchmarkRow(survey_id, sorted(indicators)[0], "Board", "2024-25", 70.0)
    store_benchmarks(db.session, [figure], users["participation_lead"].id)
    db.session.commit()
    year = str(clock.utcnow().year - 1)
    return {
        "action_id": action.id,
        "token_id": token.id,
        "meeting_id": meeting.id,
        "alert_id": alert.id,
        "item_id": items[0].id,
        "user_id": users["iro"].id,
        "invitation_id": meeting.invitations[0].id,
        "survey_key": "lac-review",
        "period": year,
        "theme_id": "listened_to",
    }


class Visit:
    """One language's walk: every page checked, the English found kept by page."""

    def __init__(self, app: Flask, language: str) -> None:
        self.app = app
        self.language = language
        self.seen: dict[str, list[str]] = {}
        self.allowed = tuple(WORD.findall(DATA_WORDS))

    def check(self, page: Page, name: str) -> Page:
        english = set(english_on_page(page.tree, self.language, self.allowed))
        if english:
            # Each piece of text with English in it, as the reader meets it.
            self.seen[name] = sorted(english) + sorted(
                " ".join(text.split())[:90]
                for text in set(visible_text(page.tree, self.language))
                if english & set(WORD.findall(text))
            )
        return page

    def signed_in(self, role: str) -> FlaskClient:
        client = self.app.test_client()
        self.check(get(client, f"/staff/sign-in?lang={self.language}"), "sign-in")
        sign_in(client, f"{role}@north.example.org")
        return client


def walk_every_page(visit: Visit, world: dict[str, int | str]) -> None:
    clients = {role: visit.signed_in(role) for role in ROLES}
    for rule, methods in staff_rules(visit.app):
        if "GET" not in methods or rule.endswith(
            (".csv", ".xlsx", ".<any(csv, xlsx):file_format>")
        ):
            continue
        roles = [role for role in ROLES if role in ALLOWED.get(rule, set())]
        if not roles:
            continue
        path = concrete(rule, world)
        response = clients[roles[0]].get(path)
        if response.mimetype != "text/html":
            continue
        assert response.status_code == 200, (path, response.status_code)
        visit.check(parse(response), path)
    # Refused and missing pages, in the staff member's language.
    visit.check(get(clients["iro"], "/admin/users", status=403), "403")
    visit.check(get(clients["iro"], "/staff/no-such-page", status=404), "404")
    # A form sent without its security token (an expired session, a second tab).
    refused = clients["iro"].post("/staff/meetings/new", data={})
    assert refused.status_code == 400, refused.status_code
    visit.check(parse(refused), "form without its token")
    stranger = visit.app.test_client()
    get(stranger, f"/staff/sign-in?lang={visit.language}")
    visit.check(get(stranger, "/staff/set-password/nonsense", status=404), "bad set-password")


def walk_mistakes(visit: Visit) -> None:
    """A wrong password, and each staff form sent empty."""
    client = visit.app.test_client()
    page = get(client, f"/staff/sign-in?lang={visit.language}")
    wrong = page.form().submit(client, {"email": "iro@north.example.org", "password": "nope"})
    visit.check(wrong, "wrong password")
    clients = {role: visit.signed_in(role) for role in ROLES}
    forms = {
        "/staff/meetings/new": "iro",
        "/admin/users": "admin",
        "/staff/actions/new": "participation_lead",
        "/staff/api-tokens/new": "participation_lead",
        "/staff/campaigns/new": "participation_lead",
        "/reports/subscriptions/new": "participation_lead",
    }
    for path, role in forms.items():
        page = get(clients[role], path)
        form = page.form()
        blank = {el.get("name"): "" for el in form.node_inputs()} | {"csrf_token": None}
        blank = {name: value for name, value in blank.items() if value is not None}
        blank.pop("csrf_token", None)
        for name in list(blank):
            if name == "child_age":
                blank[name] = "fourteen"
        sent = form.submit(clients[role], blank)
        visit.check(sent, f"{path} sent empty")


def press(
    visit: Visit, client: FlaskClient, path: str, ending: str, data: dict[str, str], name: str
) -> None:
    """On the page at ``path``, send the form whose action ends with ``ending`` (or that
    has a button that sends it there), and check the page it leads to."""
    page = get(client, path)
    for index, node in enumerate(page.select("form")):
        buttons = [b.get("formaction") or "" for b in node.iter() if b.get("formaction")]
        targets = [node.get("action") or path, *buttons]
        target = next((t for t in targets if t.endswith(ending)), None)
        if target is not None:
            form = page.form(index)
            form.action = target
            visit.check(form.submit(client, data), name)
            return
    raise AssertionError(f"no form sending to {ending} on {path}")


def walk_changes(visit: Visit, world: dict[str, int | str]) -> None:
    """What each kind of change shows afterwards: the flash message and the page."""
    clients = {role: visit.signed_in(role) for role in ROLES}
    lead, chair = clients["safeguarding_lead"], clients["iro"]
    alert = f"/alerts/{world['alert_id']}"
    press(visit, lead, alert, "/notes", {"note": "12345"}, "note added")
    press(visit, lead, alert, "/notes", {"note": ""}, "empty note")
    press(visit, lead, alert, "/acknowledge", {}, "alert acknowledged")
    press(visit, lead, alert, "/close", {}, "alert closed")
    visit.check(get(lead, "/alerts?status=closed"), "closed alerts")
    item = f"/alerts/review/{world['item_id']}"
    press(visit, lead, item, item, {"decision": "not_concern"}, "review decided")
    participation = clients["participation_lead"]
    action = f"/staff/actions/{world['action_id']}"
    press(visit, participation, action, "/publish", {}, "action published")
    press(visit, participation, action, "/unpublish", {}, "action unpublished")
    press(visit, participation, "/staff/api-tokens/new", "/new", {"name": "Board"}, "token made")
    press(visit, participation, "/staff/api-tokens", "/revoke", {}, "token revoked")
    meeting = f"/staff/meetings/{world['meeting_id']}"
    press(visit, chair, meeting, "/revoke", {}, "link stopped")
    deactivate = f"/admin/users/{world['user_id']}/deactivate"
    press(visit, clients["admin"], deactivate, "/deactivate", {}, "account deactivated")


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_english_on_any_staff_page(sqlite_app: Flask, language: str):
    world = build_council(sqlite_app)
    visit = Visit(sqlite_app, language)
    walk_every_page(visit, world)
    walk_mistakes(visit)
    walk_changes(visit, world)
    assert not visit.seen, f"English on {language} staff pages: " + "\n".join(
        f"{page}: {texts}" for page, texts in visit.seen.items()
    )
