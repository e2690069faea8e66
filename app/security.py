"""Response headers that every page carries."""

from __future__ import annotations

import secrets
from itertools import chain

from flask import Flask, abort, g, request
from flask.wrappers import Response


def csp_nonce() -> str:
    """A per-request nonce for the one inline script GOV.UK Frontend's template needs."""
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(16)
    return g.csp_nonce


def register_security_headers(app: Flask) -> None:
    app.jinja_env.globals["csp_nonce"] = csp_nonce

    @app.after_request
    def add_headers(response: Response) -> Response:
        nonce = g.get("csp_nonce")
        script_src = f"'self' 'nonce-{nonce}'" if nonce else "'self'"
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; "
            f"script-src {script_src}; "
            "style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
            "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
        )
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        if request.is_secure:
            response.headers.setdefault(
                "Strict-Transport-Security", "max-age=31536000; includeSubDomains"
            )
        if not request.path.startswith("/static/"):
            # Pages can show answers; no shared or browser cache may keep them.
            response.headers["Cache-Control"] = "no-store"
        return response


def refuse_nul_bytes() -> None:
    """Refuse (400) a request with a NUL byte in its path, query string or form fields.

    No address, code or answer of a real visitor holds one, and PostgreSQL refuses NUL in
    text: without this, a typed-in ``/s/%00`` or a NUL in a form field was a server error
    when the database saw it.
    """
    values = chain([request.path], chain.from_iterable(request.args.listvalues()))
    if request.method in ("POST", "PUT", "PATCH"):
        values = chain(values, chain.from_iterable(request.form.listvalues()))
    if any("\x00" in value for value in values):
        abort(400)


def register_input_checks(app: Flask) -> None:
    app.before_request(refuse_nul_bytes)
