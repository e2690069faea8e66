"""Answers fuzzed through a real questionnaire: each is accepted or explained, nothing
already saved is lost, and what is sent is stored as it was typed (trimmed)."""

from __future__ import annotations

import html5lib
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from app.draft_cookies import cookie_name
from app.extensions import db
from app.respond import drafts
from app.responses.models import Response
from tests.pages import Page
from tests.security.conftest import SHIPPED, SURVEY, started
from tests.security.strategies import hostile_text

FUZZ = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
NUMBERISH = st.sampled_from(
    ("7", " 7 ", "07", "7.5", "-0", "1e3", "٧", "0x10", "NaN", "inf", "10.0000000001", "")
)
DIGITS = st.one_of(st.integers(-5, 40000).map(str), st.sampled_from(("", "٣", "0", "2026")))
# For each questionnaire: answers saved first, as (page, question, value), then the pages
# fuzzed after them. The test one has every question type (a date too); the shipped one
# is the care leavers' (numbers and long answers).
JOURNEYS = {
    SURVEY: (
        (("feeling", "feeling", "good"), ("knew", "knew", "no")),
        ("listened", "why-not", "how", "score", "when", "name"),
    ),
    SHIPPED: (
        (("place", "accommodation_type", "own_tenancy"), ("feel-safe", "feel_safe", "not_sure")),
        ("safer", "repair", "support", "support-more", "wellbeing", "anything-else", "contact"),
    ),
}


def read(response) -> Page:  # type: ignore[no-untyped-def]
    """Parse as a browser would: leniently (a NUL typed back into a field is allowed)."""
    tree = html5lib.HTMLParser(namespaceHTMLElements=True).parse(response.get_data(as_text=True))
    return Page(response, tree)


def controls(page: Page) -> dict[str, tuple[str, list[str]]]:
    """Each named control of the page's form: (kind, its offered values)."""
    found: dict[str, tuple[str, list[str]]] = {}
    for node in page.form().node_inputs():
        name, kind = node.get("name") or "", node.get("type", "text")
        if name == "csrf_token" or kind in ("submit", "button", "hidden"):
            continue
        offered = found.get(name, (kind, []))[1]
        if kind in ("radio", "checkbox"):
            offered.append(node.get("value") or "")
        elif name in found:
            kind = "date"  # three boxes with one name: day, month, year
        found[name] = (kind, offered)
    return found


def value_for(draw: st.DrawFn, kind: str, offered: list[str]) -> object:
    if kind == "radio":
        return draw(st.one_of(st.sampled_from(offered), hostile_text))
    if kind == "checkbox":
        return draw(st.lists(st.one_of(st.sampled_from(offered), hostile_text), max_size=4))
    if kind == "date":
        return draw(st.lists(st.one_of(DIGITS, hostile_text), min_size=3, max_size=3))
    return draw(st.one_of(NUMBERISH, hostile_text))


def typed(value: object) -> bool:
    """Whether a sent value is more than blanks (blank answers are not stored)."""
    values = value if isinstance(value, list) else [value]
    return any(str(v).strip() for v in values)


def flat(fields: dict[str, object]) -> list[object]:
    return [v for value in fields.values() for v in (value if isinstance(value, list) else [value])]


def draft_answers(app: Flask, client: FlaskClient, survey_id: str) -> dict:
    cookie = client.get_cookie(cookie_name(survey_id), path=f"/s/{survey_id}")
    assert cookie is not None
    draft = drafts.find_draft_by_token(db.session, cookie.value, app.config["SECRET_KEY"])
    assert draft is not None
    db.session.refresh(draft)
    return dict(draft.answers or {})


def post(client: FlaskClient, path: str, fields: dict[str, object], **kw: bool) -> Page:
    """Open the page at ``path`` and send its form with ``fields`` (and its CSRF token)."""
    shown = read(client.get(path))
    return read(client.post(path, data=with_token(shown, fields), **kw))


def with_token(page: Page, fields: dict[str, object]) -> dict[str, object]:
    return {"csrf_token": page.form().values("csrf_token")[0], **fields}


def send(client: FlaskClient, survey_id: str) -> Page:
    """Press "Send my answers" on the check page."""
    check = read(client.get(f"/s/{survey_id}/check"))
    key = check.form().values("submission_key")[0]
    return read(
        client.post(
            f"/s/{survey_id}/check",
            data=with_token(check, {"submission_key": key}),
            follow_redirects=True,
        )
    )


@FUZZ
@given(data=st.data())
def test_fuzzed_answers_are_accepted_or_explained_and_nothing_saved_is_lost(fuzz_app, world, data):
    survey_id = data.draw(st.sampled_from(sorted(JOURNEYS)), label="questionnaire")
    first, pages = JOURNEYS[survey_id]
    saved_first = {question: value for _page, question, value in first}
    client, _token = started(fuzz_app, survey_id)
    base = f"/s/{survey_id}/q"
    for page_id, question, value in first:
        assert post(client, f"{base}/{page_id}", {question: value}).status == 302
    page_id = data.draw(st.sampled_from(pages), label="page")
    shown = read(client.get(f"{base}/{page_id}"))
    sent = {name: value_for(data.draw, *spec) for name, spec in controls(shown).items()}
    after = read(client.post(f"{base}/{page_id}", data=with_token(shown, sent)))

    if any("\x00" in str(v) for v in flat(sent)):
        assert after.status == 400  # no person types a NUL (see app/security.py)
    else:
        assert after.status in (200, 302), after.status
    if after.status == 200:
        assert after.error_summary(), "a refused answer is explained at the top"
        assert after.field_errors(), "and next to its field"
    saved = draft_answers(fuzz_app, client, survey_id)
    assert {k: saved.get(k) for k in saved_first} == saved_first, "saved answers were lost"
    if after.status == 302:
        assert {name for name, value in sent.items() if typed(value)} <= set(saved)
    assert send(client, survey_id).h1() == "Thank you"
    stored = db.session.scalars(select(Response).order_by(Response.id.desc())).first()
    assert stored.survey_id == survey_id
    assert {a.question_id for a in stored.answers} >= set(saved_first)
