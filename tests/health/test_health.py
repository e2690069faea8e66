"""``/healthz`` and ``/readyz`` as DESIGN.md describes them."""

from __future__ import annotations

from tests.conftest import make_app


def test_healthz_answers_while_the_process_is_up(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok"}


def test_readyz_checks_the_database(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json["status"] == "ok" and response.json["database"] == "ok"
    # Warnings never make it "unavailable": a council with no safeguarding lead yet.
    assert any("no active safeguarding lead" in w for w in response.json["warnings"])


def test_readyz_fails_when_the_database_is_unreachable():
    app = make_app(
        "postgresql+psycopg://nobody@127.0.0.1:1/none",
        SQLALCHEMY_ENGINE_OPTIONS={"connect_args": {"connect_timeout": 1}},
    )
    response = app.test_client().get("/readyz")
    assert response.status_code == 503
    assert response.json["database"] == "unavailable"


def test_readyz_checks_redis_when_configured(tmp_path):
    from tests.databases import redis_url

    good = make_app(f"sqlite:///{tmp_path / 'a.db'}", SAYSO_REDIS_URL=redis_url())
    body = good.test_client().get("/readyz").json
    assert (body["status"], body["database"], body["redis"]) == ("ok", "ok", "ok")
    bad = make_app(f"sqlite:///{tmp_path / 'b.db'}", SAYSO_REDIS_URL="redis://127.0.0.1:1/0")
    response = bad.test_client().get("/readyz")
    assert response.status_code == 503
    assert response.json["redis"] == "unavailable"
