"""Where the counts live: Redis shared by every web process, memory when Redis is gone."""

from __future__ import annotations

import secrets

import redis
from flask import abort

from tests.conftest import publish
from tests.databases import redis_url
from tests.pages import get
from tests.ratelimit.conftest import client_at
from tests.ratelimit.test_respondent_limits import EVERY_TYPE, SCHOOL, invite

DEAD_REDIS = "redis://127.0.0.1:1/0"


def test_counts_in_redis_are_shared_by_every_web_process(limited_app):
    prefix = f"sayso-test-{secrets.token_hex(6)}"
    settings = {
        "SAYSO_REDIS_URL": redis_url(),
        "SAYSO_QUEUE_PREFIX": prefix,
        "SAYSO_RATE_LIMIT_LINKS": "2 per minute",
    }
    server = redis.Redis.from_url(redis_url())
    try:
        one, other = limited_app(**settings), limited_app(**settings)
        survey_id = publish(EVERY_TYPE)
        tokens = [invite(other, survey_id) for _ in range(3)]
        get(client_at(one, SCHOOL), f"/r/{tokens[0]}")
        get(client_at(other, SCHOOL), f"/r/{tokens[1]}")

        assert get(client_at(one, SCHOOL), f"/r/{tokens[2]}", status=429).h1() == "Too many tries"
        keys = [key.decode() for key in server.scan_iter(f"{prefix}-limits:*")]
        assert keys and all("links.open_link" in key for key in keys)
        assert not [key for key in keys if any(token in key for token in tokens)]
    finally:
        for key in server.scan_iter(f"{prefix}-limits:*"):
            server.delete(key)
        server.close()


def test_a_dead_redis_lets_respondents_in_and_limits_in_memory(limited_app):
    app = limited_app(SAYSO_REDIS_URL=DEAD_REDIS, SAYSO_RATE_LIMIT_LINKS="2 per minute")
    survey_id = publish(EVERY_TYPE)
    tokens = [invite(app, survey_id) for _ in range(3)]
    for token in tokens[:2]:
        assert get(client_at(app, SCHOOL), f"/r/{token}").h1() == "Every kind of question"
    assert get(client_at(app, SCHOOL), f"/r/{tokens[2]}", status=429).h1() == "Too many tries"


def test_the_api_is_answered_in_json_with_retry_after(limited_app):
    app = limited_app()
    app.add_url_rule("/api/v1/busy", "busy", lambda: abort(429))
    response = app.test_client().get("/api/v1/busy")
    assert response.status_code == 429
    assert response.json["error"]["code"] == "too_many_requests"
    assert int(response.headers["Retry-After"]) > 0
