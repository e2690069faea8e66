"""``/api/v1``: reports as JSON for other systems, with ``Authorization: Bearer <token>``.

Every answer is JSON, errors included, and nothing here uses the browser session or
CSRF: a token is the only way in. A token reads what its owner may read: a
participation lead who belongs to a team gets that team's figures only.
"""

from __future__ import annotations

import json
import logging
import uuid
from typing import Any

from flask import Blueprint, current_app, jsonify, request
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import HTTPException

from app.api.models import ApiToken
from app.api.tokens import find_live_token
from app.auth.audit import record_event
from app.auth.teams import kept_team_id
from app.extensions import csrf, db
from app.numbers import parse_number
from app.report.build import UnknownSurvey, cached_report
from app.responses.disclosure import RequestTooFine
from app.responses.filters import CODED_FILTERS, Filters, unknown_code
from app.responses.periods import parse_period

log = logging.getLogger(__name__)
blueprint = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(blueprint)  # GET only, and no cookie is ever read: CSRF has nothing to protect
READERS = ("participation_lead", "admin")


class ApiError(Exception):
    """An error answered as JSON: ``{"error": {"status", "code", "message"}}``."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def _error(status: int, code: str, message: str, **headers: str) -> ResponseReturnValue:
    body = jsonify({"error": {"status": status, "code": code, "message": message}})
    return body, status, headers


@blueprint.errorhandler(ApiError)
def api_error(error: ApiError) -> ResponseReturnValue:
    db.session.rollback()
    headers = {}
    if error.status == 401:
        headers["WWW-Authenticate"] = (
            'Bearer realm="sayso"'
            if error.code == "token_missing"
            else 'Bearer realm="sayso", error="invalid_token"'
        )
    return _error(error.status, error.code, error.message, **headers)


@blueprint.errorhandler(HTTPException)
def http_error(error: HTTPException) -> ResponseReturnValue:
    return _error(error.code or 500, error.name.lower().replace(" ", "_"), error.description or "")


@blueprint.errorhandler(Exception)
def unexpected(error: Exception) -> ResponseReturnValue:
    error_id = uuid.uuid4().hex[:12]
    # The type and route only: messages can quote what somebody wrote.
    log.error("error_id=%s %s on %s", error_id, type(error).__name__, request.path)
    db.session.rollback()
    return _error(500, "server_error", f"Something went wrong. Reference: {error_id}")


def _token() -> ApiToken:
    header = request.headers.get("Authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        raise ApiError(401, "token_missing", "Send a token: Authorization: Bearer <token>.")
    record = find_live_token(db.session, value.strip(), current_app.config["SECRET_KEY"])
    if record is None:
        raise ApiError(401, "token_invalid", "The token is not valid, or has been revoked.")
    if record.user.role not in READERS:
        raise ApiError(403, "forbidden", "The token's owner may not read reports.")
    return record


def _filters(record: ApiToken) -> Filters:
    """Filters from the query string; a lead with a team is kept to that team."""
    values: dict[str, Any] = {}
    for name, allowed in CODED_FILTERS.items():
        value = request.args.get(name) or None
        if unknown_code(name, value):
            raise ApiError(
                400, "bad_filter", f"Unknown {name} {value!r}: use one of {', '.join(allowed)}."
            )
        values[name] = value
    team_text = request.args.get("team") or None
    team = parse_number(team_text, smallest=1)
    if team_text is not None and team is None:
        if not team_text.isdigit():
            raise ApiError(400, "bad_filter", "team must be a team's number.")
        # Digits, but not ones any team has ("²", "٣", or past the largest id).
        raise ApiError(404, "unknown_team", "There is no team with that number.")
    owner = record.user
    own_team = kept_team_id(owner)
    if own_team is not None and team is not None and team != own_team:
        raise ApiError(403, "forbidden", "This token can read its owner's team only.")
    team_id = own_team if own_team is not None else team
    return Filters(team_id=team_id, **values)


@blueprint.get("/reports/<survey_key>/<period>")
def report(survey_key: str, period: str) -> ResponseReturnValue:
    """The report for a survey or family and period, as ``Report.to_json()``."""
    record = _token()
    try:
        parsed = parse_period(period)
    except ValueError as exc:
        raise ApiError(400, "bad_period", str(exc)) from None
    filters = _filters(record)
    threshold = int(current_app.config["SAYSO_SUPPRESSION_THRESHOLD"])
    try:
        built = cached_report(db.session, survey_key, parsed, filters, threshold)
    except UnknownSurvey as exc:
        raise ApiError(404, "unknown_survey", str(exc)) from None
    except RequestTooFine as exc:
        raise ApiError(400, "too_fine", str(exc)) from None
    details: dict[str, str | int | float | bool | None] = {
        "period": parsed.label,
        "token": record.id,
    }
    record_event(
        db.session,
        record.user_id,
        "report_api_read",
        "report",
        survey_key,
        details | filters.as_dict(),
    )
    db.session.commit()
    # Keys in the report's declared order, as ``sayso report build --format json`` prints them.
    return current_app.response_class(
        json.dumps(built.to_json(), ensure_ascii=False), mimetype="application/json"
    )


@blueprint.route("/<path:anything>", methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
def not_found(anything: str) -> ResponseReturnValue:
    """Anything else under /api/v1 answers in JSON too, never with an HTML page."""
    if request.method != "GET":
        return _error(405, "method_not_allowed", "The API only answers GET requests.")
    return _error(404, "not_found", "There is nothing at this address.")
