"""The cookie that lets a browser find its draft again (it holds a token, never answers)."""

from __future__ import annotations

from datetime import timedelta

from flask import current_app, request
from werkzeug.wrappers import Response


def cookie_name(survey_id: str) -> str:
    return f"sayso_draft_{survey_id}"


def draft_token(survey_id: str) -> str | None:
    return request.cookies.get(cookie_name(survey_id))


def remember_draft(response: Response, survey_id: str, token: str) -> Response:
    days = int(current_app.config["SAYSO_DRAFT_DAYS"])
    response.set_cookie(
        cookie_name(survey_id),
        token,
        max_age=int(timedelta(days=days).total_seconds()),
        path=f"/s/{survey_id}",
        secure=current_app.config["SESSION_COOKIE_SECURE"],
        httponly=True,
        samesite="Lax",
    )
    return response


def forget_draft(response: Response, survey_id: str) -> Response:
    response.delete_cookie(cookie_name(survey_id), path=f"/s/{survey_id}")
    return response
