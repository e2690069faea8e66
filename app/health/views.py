"""``/healthz``: the process is up. ``/readyz``: its database (and Redis, if set) answer,
with warnings when safeguarding alerts could reach nobody who can open them."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify
from flask.typing import ResponseReturnValue
from sqlalchemy import text

from app.extensions import db
from app.safeguard.readers import current_coverage_gaps

blueprint = Blueprint("health", __name__)


@blueprint.get("/healthz")
def healthz() -> ResponseReturnValue:
    return jsonify(status="ok")


@blueprint.get("/readyz")
def readyz() -> ResponseReturnValue:
    checks = {"database": _database_ok()}
    if current_app.config.get("SAYSO_REDIS_URL"):
        checks["redis"] = _redis_ok(current_app.config["SAYSO_REDIS_URL"])
    ready = all(checks.values())
    body: dict[str, object] = {"status": "ok" if ready else "unavailable"} | {
        name: "ok" if ok else "unavailable" for name, ok in checks.items()
    }
    if checks["database"]:
        # A warning, not a failure: the app still serves respondents, but an administrator
        # must fix who receives safeguarding alerts.
        body["warnings"] = _alert_coverage_warnings()
    return jsonify(body), 200 if ready else 503


def _alert_coverage_warnings() -> list[str]:
    try:
        return [gap.message for gap in current_coverage_gaps(db.session, current_app.config)]
    except Exception:
        db.session.rollback()
        return []
    finally:
        db.session.remove()


def _database_ok() -> bool:
    try:
        db.session.execute(text("SELECT 1"))
        return True
    except Exception:
        db.session.rollback()
        return False
    finally:
        db.session.remove()


def _redis_ok(url: str) -> bool:
    import redis

    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1)
        return bool(client.ping())
    except Exception:
        return False
