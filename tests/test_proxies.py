"""Sayso behind a TLS-terminating reverse proxy (the README's production set-up).

The browser speaks HTTPS to the proxy; the proxy speaks plain HTTP to gunicorn and says
what it saw in ``X-Forwarded-*`` headers. With ``SAYSO_TRUSTED_PROXIES=1`` the app believes
its one proxy, so HSTS is sent, cookies are ``Secure`` and Flask-WTF's HTTPS referrer check
runs; without the setting, forwarded headers from anyone are ignored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_migrate import upgrade

from app.config import ConfigurationError, load_settings
from app.extensions import db
from tests.auth.conftest import PASSWORD, make_staff
from tests.conftest import FreshContextClient, make_app
from tests.pages import get

PROXY_ADDRESS = "10.0.0.2"
SITE = "https://feedback.example.gov.uk"


class HttpsBrowser(FreshContextClient):
    """A browser at ``SITE`` over HTTPS."""

    def open(self, *args: Any, **kwargs: Any):  # type: ignore[no-untyped-def, override]
        if not (args and not isinstance(args[0], str)):
            kwargs.setdefault("base_url", SITE)
        return super().open(*args, **kwargs)


class TlsTerminatingProxy:
    """What nginx in front of gunicorn does: takes the browser's HTTPS request and passes
    it on over HTTP from its own address, saying where it came from and how."""

    def __init__(self, app: Callable[..., Iterable[bytes]]) -> None:
        self.app = app
        self.visitor = "203.0.113.5"

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        assert environ["wsgi.url_scheme"] == "https"  # the browser's side
        environ = environ | {
            "wsgi.url_scheme": "http",
            "REMOTE_ADDR": PROXY_ADDRESS,
            "HTTP_X_FORWARDED_FOR": self.visitor,
            "HTTP_X_FORWARDED_PROTO": "https",
            "HTTP_X_FORWARDED_HOST": environ["HTTP_HOST"],
        }
        environ["HTTP_HOST"] = "127.0.0.1:8000"  # gunicorn's own address
        return self.app(environ, start_response)


@pytest.fixture
def behind_proxy(tmp_path: Path):  # type: ignore[no-untyped-def]
    """``behind_proxy(trusted)``: the app behind the proxy, and a browser at ``SITE``."""
    contexts = []

    def build(trusted: int, **settings: object) -> tuple[Flask, FlaskClient, TlsTerminatingProxy]:
        app = make_app(
            f"sqlite:///{tmp_path / 'sayso.db'}",
            str(tmp_path / "instance"),
            SAYSO_TRUSTED_PROXIES=trusted,
            SESSION_COOKIE_SECURE=True,  # as SAYSO_ENV=production sets it
            **settings,
        )
        proxy = TlsTerminatingProxy(app.wsgi_app)
        app.wsgi_app = proxy  # type: ignore[method-assign]
        context = app.app_context()
        context.push()
        contexts.append(context)
        upgrade()
        app.test_client_class = HttpsBrowser
        return app, app.test_client(), proxy

    yield build
    for context in contexts:
        db.session.remove()
        db.engine.dispose()
        context.pop()


def sign_in_post(client: FlaskClient, referrer: str) -> int:
    page = get(client, "/staff/sign-in")
    token = page.form().values("csrf_token")[0]
    form = {"email": "chair@example.org", "password": PASSWORD, "csrf_token": token}
    return client.post("/staff/sign-in", data=form, headers={"Referer": referrer}).status_code


def test_behind_a_trusted_tls_proxy_pages_ask_for_https_and_cookies_are_secure(behind_proxy):
    _, browser, _ = behind_proxy(trusted=1)
    make_staff("chair@example.org")
    response = browser.get("/staff/sign-in")
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    cookies = response.headers.getlist("Set-Cookie")
    assert cookies and all("Secure" in cookie for cookie in cookies)

    # Flask-WTF checks the referrer of an HTTPS post: another site's page cannot post here.
    assert sign_in_post(browser, "https://evil.example.com/page") == 400
    assert sign_in_post(browser, f"{SITE}/staff/sign-in") == 302


def test_behind_a_trusted_proxy_each_visitor_has_their_own_address(behind_proxy):
    _, browser, proxy = behind_proxy(trusted=1, SAYSO_RATE_LIMIT_SIGN_IN="2 per minute")
    for _ in range(2):
        assert sign_in_post(browser, f"{SITE}/staff/sign-in") == 200  # no such account
    assert sign_in_post(browser, f"{SITE}/staff/sign-in") == 429
    proxy.visitor = "198.51.100.77"  # someone else, through the same proxy
    assert sign_in_post(browser, f"{SITE}/staff/sign-in") == 200


def test_without_the_setting_forwarded_headers_are_ignored(behind_proxy):
    _, browser, proxy = behind_proxy(trusted=0, SAYSO_RATE_LIMIT_SIGN_IN="2 per minute")
    response = browser.get("/staff/sign-in")
    assert "Strict-Transport-Security" not in response.headers
    # Every visitor is the proxy: X-Forwarded-For is not believed.
    for _ in range(2):
        proxy.visitor = f"198.51.100.{_ + 1}"
        sign_in_post(browser, "")
    proxy.visitor = "198.51.100.99"
    assert browser.get("/staff/sign-in").status_code == 200
    assert sign_in_post(browser, "") == 429


@pytest.mark.parametrize("value", ["-1", "9", "two"])
def test_a_wrong_number_of_proxies_stops_the_app_with_a_clear_message(value: str) -> None:
    with pytest.raises(ConfigurationError, match="SAYSO_TRUSTED_PROXIES"):
        load_settings({"SAYSO_TRUSTED_PROXIES": value}, "/tmp", True)
