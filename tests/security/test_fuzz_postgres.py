"""Hostile input on PostgreSQL, which refuses a NUL byte in text where SQLite stores it:
NUL and broken UTF-8 in paths, query strings and form fields never give a server error.

A NUL is refused as a bad request (400) before the database sees it (app/security.py).
"""

from __future__ import annotations

import re

import pytest
from flask import Flask
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from app.extensions import db
from app.responses.models import Response
from tests.security.conftest import SURVEY, World, assert_friendly, build_world, started
from tests.security.strategies import form_fields, query_strings
from tests.security.test_fuzz_routes import fill, route_calls, send

FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
NUL_TEXT = st.text(st.characters(codec="utf-8"), max_size=30).map(lambda s: f"{s}\x00{s}")


@pytest.fixture
def pg_world(postgres_app: Flask) -> World:
    return build_world(postgres_app)


@FUZZ
@given(data=st.data())
def test_nul_bytes_and_broken_utf8_in_urls_never_break_a_page(postgres_app, pg_world, data):
    rule, method = data.draw(st.sampled_from(route_calls(postgres_app)), label="route")
    url = fill(
        rule,
        pg_world,
        lambda strategy, label=None: data.draw(
            st.one_of(st.sampled_from(("%00", "a%00b", "%ff%00", "%c0%80")), strategy), label
        ),
    )
    query = data.draw(query_strings, label="query") + "&lang=%00&next=%2F%00"
    response = send(postgres_app, method, f"{url}?{query}")
    assert_friendly(response, (method, url, query))


@FUZZ
@given(data=st.data())
def test_nul_bytes_in_form_fields_never_break_a_page(postgres_app, pg_world, data):
    posts = [(rule, m) for rule, m in route_calls(postgres_app) if m != "GET"]
    rule, method = data.draw(st.sampled_from(posts), label="route")
    client, token = started(postgres_app)
    names = data.draw(form_fields, label="fields")
    nul = [(name, data.draw(NUL_TEXT, label=name)) for name, _value in names]
    fields = MultiDict([("csrf_token", token), *nul, *names])
    response = client.open(fill(rule, pg_world), method=method, data=fields)
    assert_friendly(response, (method, rule, fields))


def test_a_nul_byte_in_an_address_is_a_friendly_400_not_a_server_error(postgres_app, pg_world):
    """Found by fuzzing: ``/s/%00/done`` looked the survey up, and PostgreSQL refused."""
    for url in ("/s/%00/done", f"/s/{SURVEY}?lang=%00", "/staff/sign-in?next=/%00"):
        response = send(postgres_app, "GET", url)
        assert response.status_code == 400, url
        assert_friendly(response, url)
        assert "Something was wrong with that request" in response.get_data(as_text=True)


def test_a_nul_byte_in_a_form_field_is_refused_and_saved_answers_are_kept(postgres_app, pg_world):
    """Found by fuzzing: a NUL in the hidden submission key (or any field) reached a query."""
    client, token = started(postgres_app)
    page = f"/s/{SURVEY}/q/feeling"
    assert client.post(page, data={"csrf_token": token, "feeling": "good"}).status_code == 302
    for path, fields in (
        (f"/s/{SURVEY}/q/name", {"better": "more\x00time"}),
        (f"/s/{SURVEY}/check", {"submission_key": "\x00"}),
        ("/staff/sign-in", {"email": "a\x00@example.org", "password": "x"}),
    ):
        response = client.post(path, data={"csrf_token": token, **fields})
        assert response.status_code == 400, path
        assert_friendly(response, path)
    check = client.get(f"/s/{SURVEY}/check").get_data(as_text=True)
    key = re.search(r'name="submission_key" type="hidden" value="([^"]+)"', check)
    assert key, "the draft is still there"
    sent = client.post(
        f"/s/{SURVEY}/check", data={"csrf_token": token, "submission_key": key.group(1)}
    )
    assert sent.status_code == 302
    stored = db.session.scalars(select(Response)).one()
    assert [(a.question_id, a.choice) for a in stored.answers] == [("feeling", "good")]
