"""Token pages: made and shown once, listed, revoked; only a keyed hash is stored."""

from __future__ import annotations

import re

from sqlalchemy import select

from app.api.models import ApiToken
from app.api.tokens import PREFIX
from app.auth.models import AuditEvent
from app.crypto import hash_secret
from app.extensions import db
from tests.api.conftest import SECRET, bearer, token_for
from tests.auth.conftest import make_staff, sign_in
from tests.pages import get


def lead_client(app, email="lead@example.org", team="North"):  # type: ignore[no-untyped-def]
    make_staff(email, "participation_lead", team=team)
    client = app.test_client()
    sign_in(client, email)
    return client


def test_lead_creates_a_token_that_is_shown_once_and_works(app):
    client = lead_client(app)
    page = get(client, "/staff/api-tokens")
    assert "You have no tokens." in page.text()
    form = get(client, "/staff/api-tokens/new").form()
    created = form.submit(client, {"name": "Performance dashboard"})
    (field,) = created.select("input", id="token")
    token = field.get("value")
    assert token.startswith(PREFIX) and len(token) > 40
    assert "It is shown only once" in created.text()

    record = db.session.scalars(select(ApiToken)).one()
    assert record.name == "Performance dashboard"
    assert record.token_hash == hash_secret(token, SECRET) and token not in record.token_hash
    listed = get(client, "/staff/api-tokens")
    assert "Performance dashboard" in listed.text() and token not in listed.response.text
    assert "&lt;" not in listed.response.text
    assert client.get("/api/v1/nothing", headers=bearer(token)).status_code == 404
    assert db.session.scalars(select(AuditEvent.action)).all().count("api_token.created") == 1


def test_a_token_needs_a_name(app):
    client = lead_client(app)
    page = get(client, "/staff/api-tokens/new").form().submit(client, {"name": "  "})
    assert page.error_summary() == ["Enter a name for the token"]
    assert db.session.scalars(select(ApiToken)).all() == []


def test_revoking_stops_the_token(app):
    client = lead_client(app)
    created = get(client, "/staff/api-tokens/new").form().submit(client, {"name": "Old laptop"})
    token = created.select("input", id="token")[0].get("value")
    page = get(client, "/staff/api-tokens")
    revoked = page.form(-1).submit(client)
    assert "has been revoked" in revoked.text()
    assert re.search(r"Revoked on \d+ \w+ \d{4}", revoked.text())
    response = client.get("/api/v1/reports/lac-review/2026-Q3", headers=bearer(token))
    assert response.status_code == 401


def test_nobody_else_can_revoke_or_see_a_token(app):
    token_for("owner@example.org", team="North")
    record = db.session.scalars(select(ApiToken)).one()
    client = lead_client(app, "other@example.org")
    assert "Dashboard" not in get(client, "/staff/api-tokens").text()
    page = get(client, "/staff/api-tokens")
    csrf = page.select("input", name="csrf_token")[0].get("value")
    response = client.post(f"/staff/api-tokens/{record.id}/revoke", data={"csrf_token": csrf})
    assert response.status_code == 404
    db.session.expire_all()
    assert db.session.get(ApiToken, record.id).revoked_at is None


def test_other_roles_cannot_manage_tokens(app):
    make_staff("chair@example.org", "iro")
    client = app.test_client()
    sign_in(client, "chair@example.org")
    assert client.get("/staff/api-tokens").status_code == 403
    assert client.get("/staff/api-tokens/new").status_code == 403
