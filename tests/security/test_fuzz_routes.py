"""Every public route, fuzzed: hostile paths, query strings, headers and bodies never give
a server error, and every page that comes back is the service's own friendly page.

Routes are discovered from the app's URL map, so a public page is covered the day it is
added. Public means not behind the staff sign-in (see tests/test_access_control.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from flask import Flask
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from tests.security.conftest import World, assert_friendly, csrf_token, started
from tests.security.strategies import form_fields, headers, hostile_text, query_strings, segment
from tests.test_access_control import PUBLIC, STAFF_PREFIXES, TOKEN_PREFIX

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Webhooks that authenticate by a bearer token instead of a CSRF token, and exist only when
# their token is set (the fuzzed app sets none: they answer a friendly 404).
WEBHOOKS = ("/notify/receipts",)
ARGUMENT = re.compile(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>")
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


def public_rules(app: Flask) -> list[tuple[str, tuple[str, ...]]]:
    """(rule, methods) for every route a visitor without a staff session can reach."""
    found = []
    for rule in app.url_map.iter_rules():
        staff = rule.rule.startswith(STAFF_PREFIXES) and rule.rule not in PUBLIC
        if staff and not rule.rule.startswith(TOKEN_PREFIX):
            continue
        methods = tuple(m for m in METHODS if m in (rule.methods or ()))
        found.append((rule.rule, methods))
    return sorted(found)


def route_calls(app: Flask) -> list[tuple[str, str]]:
    return [(rule, method) for rule, methods in public_rules(app) for method in methods]


def fill(rule: str, world: World, draw: st.DrawFn | None = None) -> str:
    """The rule as a URL: each argument real, or (with ``draw``) whatever is drawn."""

    def value(match: re.Match[str]) -> str:
        converter, name = match.group(1), match.group(2)
        if converter == "any":
            return re.search(r"any\(([^,)]*)", match.group(0)).group(1).strip()  # type: ignore[union-attr]
        real = world.real(name, rule)
        if draw is None or converter == "int":
            return real
        return draw(segment(real, whole_path=converter == "path"))

    return ARGUMENT.sub(value, rule)


def send(app: Flask, method: str, url: str, **kwargs: object):  # type: ignore[no-untyped-def]
    path, _, query = url.partition("?")
    return app.test_client().open(path, method=method, query_string=query, **kwargs)


def test_public_routes_are_discovered(fuzz_app):
    rules = dict(public_rules(fuzz_app))
    for rule in ("/exit", "/healthz", "/readyz", "/r/<token>", "/s/<survey_id>/q/<page_id>"):
        assert rule in rules
    assert "/staff/sign-in" in rules and "/staff/set-password/<token>" in rules
    assert "/staff/meetings" not in rules and "/alerts" not in rules
    assert set(rules["/s/<survey_id>/q/<page_id>"]) == {"GET", "POST"}


@settings(FUZZ, max_examples=200)
@given(data=st.data())
def test_hostile_paths_queries_and_headers_never_break_a_page(fuzz_app, world, data):
    rule, method = data.draw(st.sampled_from(route_calls(fuzz_app)), label="route")
    url = fill(rule, world, data.draw)
    query = data.draw(query_strings, label="query")
    sent = data.draw(headers, label="headers")
    response = send(fuzz_app, method, f"{url}?{query}", headers=sent)
    assert_friendly(response, (method, url, query, sent))


@FUZZ
@given(data=st.data())
def test_hostile_form_bodies_past_the_csrf_check_never_break_a_page(fuzz_app, world, data):
    """A browser that has started a survey posts its real CSRF token with hostile fields."""
    posts = [(rule, m) for rule, m in route_calls(fuzz_app) if m != "GET"]
    rule, method = data.draw(st.sampled_from(posts), label="route")
    client, token = started(fuzz_app)
    url = fill(rule, world, data.draw if data.draw(st.booleans(), label="hostile path") else None)
    fields = MultiDict([("csrf_token", token), *data.draw(form_fields, label="fields")])
    response = client.open(url, method=method, data=fields)
    assert_friendly(response, (method, url, fields))


@settings(FUZZ, max_examples=40)
@given(data=st.data())
def test_undecodable_and_mistyped_bodies_never_break_a_page(fuzz_app, world, data):
    """Invalid UTF-8, JSON where a form is expected, and content types that lie."""
    posts = [(rule, m) for rule, m in route_calls(fuzz_app) if m != "GET"]
    rule, method = data.draw(st.sampled_from(posts), label="route")
    client, token = started(fuzz_app)
    garbage = data.draw(st.binary(max_size=500), label="bytes")
    body, content_type = data.draw(
        st.sampled_from(
            [
                (b"csrf_token=" + token.encode() + b"&better=" + garbage, None),
                (b"csrf_token=" + token.encode() + b"&\xff\xfe=\xc0\xaf%ff%00", None),
                (garbage, "application/x-www-form-urlencoded"),
                (b'{"csrf_token": "' + token.encode() + b'", "better": [1, {"a": null}]}', None),
                (garbage, "application/json"),
                (garbage, "multipart/form-data; boundary=xyz"),
                (b'--xyz\r\nContent-Disposition: form-data; name="better"\r\n\r\n' + garbage, None),
                (garbage, "text/plain"),
            ]
        ),
        label="body",
    )
    content_type = content_type or data.draw(
        st.sampled_from(
            (
                "application/x-www-form-urlencoded",
                "application/json",
                "multipart/form-data; boundary=xyz",
                "application/x-www-form-urlencoded; charset=latin-1",
            )
        ),
        label="content type",
    )
    response = client.open(
        fill(rule, world), method=method, data=body, headers={"Content-Type": content_type}
    )
    assert_friendly(response, (method, rule, body, content_type))


def disallowed(methods: tuple[str, ...]) -> str:
    return next(m for m in ("PUT", "DELETE", "PATCH", "POST", "GET", "TRACE") if m not in methods)


def test_a_method_a_route_does_not_allow_is_a_friendly_405(fuzz_app, world):
    for rule, methods in public_rules(fuzz_app):
        method = disallowed(methods)
        response = send(fuzz_app, method, fill(rule, world))
        assert response.status_code == 405, (method, rule, response.status_code)
        assert_friendly(response, (method, rule))
        if rule.startswith(TOKEN_PREFIX):
            # Even a method refused by routing, before the API's blueprint is known.
            assert response.is_json
        else:
            assert "Page not found" in response.get_data(as_text=True)


@settings(FUZZ, max_examples=30)
@given(wrong=st.one_of(st.none(), st.just(""), hostile_text), data=st.data())
def test_a_missing_or_wrong_csrf_token_is_a_friendly_400(fuzz_app, world, wrong, data):
    posts = [
        (rule, m)
        for rule, m in route_calls(fuzz_app)
        if m != "GET" and not rule.startswith(TOKEN_PREFIX) and rule not in WEBHOOKS
    ]
    rule, method = data.draw(st.sampled_from(posts), label="route")
    client, _token = started(fuzz_app)
    other_browsers_token = csrf_token(fuzz_app.test_client())
    token = data.draw(st.sampled_from((wrong, other_browsers_token)), label="token")
    fields = {} if token is None else {"csrf_token": token}
    response = client.open(fill(rule, world), method=method, data=fields)
    assert response.status_code == 400, (method, rule, token, response.status_code)
    assert_friendly(response)
    assert "Your page timed out" in response.get_data(as_text=True)


def posted_routes(app: Flask) -> Iterator[tuple[str, str]]:
    yield from ((rule, m) for rule, m in route_calls(app) if m != "GET")


def test_a_body_over_the_size_limit_is_a_friendly_413(fuzz_app, world):
    limit = fuzz_app.config["MAX_CONTENT_LENGTH"]
    client, token = started(fuzz_app)
    for rule, method in posted_routes(fuzz_app):
        for data in (
            {"csrf_token": token, "better": "x" * (limit + 1)},
            b"csrf_token=" + token.encode() + b"&better=" + b"y" * limit,
        ):
            response = client.open(fill(rule, world), method=method, data=data)
            assert_friendly(response, (method, rule))
            if rule.startswith(TOKEN_PREFIX):
                assert response.status_code in (405, 413) and response.is_json
                continue
            if rule in WEBHOOKS:
                assert response.status_code in (404, 413), (method, rule, response.status_code)
                continue
            assert response.status_code == 413, (method, rule, response.status_code)
            assert "That was too much to send at once" in response.get_data(as_text=True)


def test_a_host_header_that_cannot_be_routed_is_a_plain_400_not_a_server_error(fuzz_app):
    """Found by fuzzing: a Host label over 63 characters left no URL adapter, so the error
    page's links could not be built and the 400 became a 500."""
    response = send(fuzz_app, "GET", "/s/every-type", headers={"Host": "a" * 64 + ".example"})
    assert response.status_code == 400
    assert_friendly(response)
    assert "Something was wrong with that request" in response.get_data(as_text=True)
