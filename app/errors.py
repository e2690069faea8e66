"""Friendly error pages. A respondent never sees a traceback; staff get an error id to quote."""

from __future__ import annotations

import logging
import traceback
import uuid
from pathlib import Path

from flask import Flask, jsonify, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from markupsafe import escape
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from werkzeug.exceptions import HTTPException

log = logging.getLogger(__name__)

MESSAGES = {
    400: (_l("Something was wrong with that request"), _l("Please go back and try again.")),
    403: (
        _l("You cannot see this page"),
        _l("If you think you should be able to, ask your administrator."),
    ),
    404: (
        _l("Page not found"),
        _l(
            "If you typed the web address, check it is correct. If you followed a link, "
            "it may be out of date."
        ),
    ),
    405: (_l("Page not found"), _l("Please go back and try again.")),
    410: (_l("This link has ended"), _l("This link can no longer be used.")),
    413: (
        _l("That was too much to send at once"),
        _l("Please make your answer shorter and try again."),
    ),
    429: (_l("Too many tries"), _l("Please wait a few minutes and try again.")),
}


def register_error_handlers(app: Flask) -> None:
    """Render every error as a page in the service's own style."""

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):  # type: ignore[no-untyped-def]
        # The route, not the path: a set-password path carries its token.
        rule = request.url_rule.rule if request.url_rule else "(no route)"
        log.info("csrf check failed on %s", rule)
        return render_template(
            "errors/error.html",
            heading=_l("Your page timed out"),
            message=_l(
                "To keep your answers safe, pages stop working after a while. "
                "Go back, refresh the page and try again."
            ),
            error_id=None,
        ), 400

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):  # type: ignore[no-untyped-def]
        code = error.code or 500
        if code >= 500:
            return server_error_page(error)
        if is_api_request():
            # No route matched (404, 405), so the API's own handlers never saw it; the API
            # promises JSON for every answer.
            body = {"error": {"status": code, "code": _code(error), "message": error.description}}
            return jsonify(body), code
        heading, message = MESSAGES.get(code, MESSAGES[400])
        try:
            return render_template(
                "errors/error.html", heading=heading, message=message, error_id=None
            ), code
        except Exception:
            # A Host header that cannot be routed (BadHost) leaves no URL adapter, so no
            # page with links can be built; the plain page still says what happened.
            return fallback_page(heading, message, None), code, {"Content-Type": "text/html"}

    @app.errorhandler(OperationalError)
    @app.errorhandler(InterfaceError)
    def database_unavailable(error: DBAPIError):  # type: ignore[no-untyped-def]
        return server_error_page(error, status=503)

    @app.errorhandler(Exception)
    def unexpected(error: Exception):  # type: ignore[no-untyped-def]
        return server_error_page(error)


def is_api_request() -> bool:
    """The API promises JSON for every answer, errors included."""
    return request.path.startswith("/api/")


def _code(error: HTTPException) -> str:
    return (error.name or "error").lower().replace(" ", "_")


def record_server_error(error: BaseException) -> str:
    """Log ``error`` under a new error id (never its message) and roll back the session."""
    error_id = uuid.uuid4().hex[:12]
    # Only the type and route are logged: exception messages can quote submitted text.
    log.error(
        "error_id=%s %s on %s %s; stack: %s",
        error_id,
        type(error).__name__,
        request.method,
        request.url_rule.rule if request.url_rule else "(no route)",
        _stack(error),
    )
    try:
        from app.extensions import db

        db.session.rollback()
    except Exception:  # noqa: S110 - the page must render even if the database is gone
        pass
    return error_id


def server_error_page(error: BaseException, status: int = 500):  # type: ignore[no-untyped-def]
    """The "something went wrong" page, with an error id to quote."""
    error_id = record_server_error(error)
    try:
        return render_template(
            "errors/error.html",
            heading=_l("Sorry, something went wrong"),
            message=_l(
                "Nothing you have already saved has been lost. Please try again in a few minutes."
            ),
            error_id=error_id,
        ), status
    except Exception:
        log.error("error_id=%s the error page itself failed", error_id)
        page = fallback_page(
            "Sorry, something went wrong", "Please try again in a few minutes.", error_id
        )
        return page, status, {"Content-Type": "text/html"}


def _stack(error: BaseException) -> str:
    """Where the error happened: file, line and function of each frame, never the message
    or any values (they can quote what a respondent wrote)."""
    frames = traceback.extract_tb(error.__traceback__)[-8:]
    return " <- ".join(f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in reversed(frames))


def fallback_page(heading: object, message: object, error_id: str | None) -> str:
    """A page that needs no template, for when the templated one cannot be built."""
    reference = f"<p>Reference: {error_id}</p>" if error_id else ""
    return FALLBACK_PAGE.format(
        heading=escape(str(heading)), message=escape(str(message)), reference=reference
    )


FALLBACK_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{heading}</title></head><body><main>
<h1>{heading}</h1><p>{message}</p>
{reference}
<p>If you need to talk to someone now, call Childline free on 0800 1111.
In an emergency, call 999.</p></main></body></html>"""
