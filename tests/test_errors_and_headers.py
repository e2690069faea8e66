"""Errors get a friendly page with an id, never a traceback; every page carries safe headers."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy.exc import OperationalError

from tests.pages import get, parse


@pytest.fixture
def broken_start(monkeypatch: pytest.MonkeyPatch):
    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret answer text that must not be logged")

    monkeypatch.setattr("app.respond.views.current_version", explode)


def test_unexpected_error_shows_friendly_page_with_an_error_id(
    sqlite_app, broken_start, caplog: pytest.LogCaptureFixture
):
    client = sqlite_app.test_client()
    with caplog.at_level(logging.INFO):
        response = client.get("/s/anything")
    assert response.status_code == 500
    page = parse(response)
    assert page.h1() == "Sorry, something went wrong"
    reference = page.select("strong", class_="sayso-code")[0].text
    assert len(reference) == 12
    assert "Traceback" not in page.text() and "RuntimeError" not in page.text()
    assert f"error_id={reference}" in caplog.text
    assert "secret answer text" not in caplog.text


def test_database_outage_is_a_503_try_again_page(sqlite_app, monkeypatch):
    def outage(*args: object, **kwargs: object) -> None:
        raise OperationalError("SELECT", {}, Exception("connection refused"))

    monkeypatch.setattr("app.respond.views.current_version", outage)
    response = sqlite_app.test_client().get("/s/anything")
    assert response.status_code == 503
    assert "Please try again" in parse(response).text()


def test_security_headers_on_every_page(client, every_type):
    response = client.get(f"/s/{every_type}")
    csp = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp
    script_src = next(part for part in csp.split(";") if "script-src" in part)
    assert "unsafe-inline" not in script_src
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cache-Control"] == "no-store"


def test_inline_script_carries_the_request_nonce(client, every_type):
    response = client.get(f"/s/{every_type}")
    nonce = response.headers["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    page = get(client, f"/s/{every_type}")
    inline = [s for s in page.select("script") if not s.get("src")]
    assert inline and all(s.get("nonce") for s in inline)
    assert nonce  # a fresh nonce per response


def test_free_text_answers_never_reach_the_logs(client, every_type, caplog):
    from tests.respond.test_journey import answer, start

    secret = "my carer's address is 12 Hidden Lane"
    with caplog.at_level(logging.DEBUG):
        page = start(client, every_type)
        page = answer(client, page, feeling="good")
        page = get(client, f"/s/{every_type}/q/name")
        page = answer(client, page, better=secret)
        page.form().submit(client)
    assert secret not in caplog.text


def test_link_tokens_are_masked_in_access_logs(caplog):
    import logging

    from app.log_privacy import install_log_filters

    install_log_filters()
    with caplog.at_level(logging.INFO, logger="werkzeug"):
        logging.getLogger("werkzeug").info(
            '127.0.0.1 - - "GET %s HTTP/1.1" 200 -', "/r/AbCdEfGhIjKlMnOpQrStUv"
        )
        logging.getLogger("werkzeug").info('"GET /staff/set-password/%s HTTP/1.1" 200', "x" * 43)
    assert "AbCdEfGhIjKlMnOpQrStUv" not in caplog.text
    assert "x" * 43 not in caplog.text
    assert "/r/…" in caplog.text and "/staff/set-password/…" in caplog.text


def _every_get_path(app) -> list[str]:  # type: ignore[no-untyped-def]
    """One concrete path per GET route in the URL map (ids that may not exist: a 404
    page must carry the headers too)."""
    import re

    paths = []
    for rule in app.url_map.iter_rules():
        if "GET" not in (rule.methods or ()) or rule.endpoint == "static":
            continue
        path = re.sub(r"<any\(([^),]*)[^)]*\):\w+>", lambda m: m.group(1).strip(), rule.rule)
        paths.append(re.sub(r"<(?:\w+:)?\w+>", "1", path))
    return sorted(set(paths))


def test_every_route_carries_the_headers_signed_in_or_not(sqlite_app):
    from tests.auth.conftest import make_staff, sign_in

    make_staff("admin@a.example.org", "admin")
    visitor, admin = sqlite_app.test_client(), sqlite_app.test_client()
    sign_in(admin, "admin@a.example.org")
    paths = _every_get_path(sqlite_app)
    assert "/staff" in paths and "/s/1" in paths and "/admin/languages" in paths
    for client in (visitor, admin):
        for path in paths:
            response = client.get(path)
            assert response.status_code < 500, path
            csp = response.headers["Content-Security-Policy"]
            assert "frame-ancestors 'none'" in csp, path
            assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0], path
            assert response.headers["X-Content-Type-Options"] == "nosniff", path
            assert response.headers["Referrer-Policy"] == "same-origin", path
            assert response.headers["Cache-Control"] == "no-store", path
            assert "Strict-Transport-Security" not in response.headers, path


def test_https_pages_ask_browsers_to_stay_on_https(sqlite_app):
    response = sqlite_app.test_client().get("/s/anything", base_url="https://sayso.example")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_database_errors_never_reach_a_log_with_what_was_written(app, caplog):
    """SQLAlchemy hides a failed statement's values; PostgreSQL's own message still
    quotes the row ("Failing row contains"), so the log keeps only the error's type."""
    from sqlalchemy.exc import SQLAlchemyError

    from app.extensions import db
    from app.log_privacy import install_log_filters
    from app.responses.models import Answer

    install_log_filters()
    words = "zqx-canary my stepdad hits me"
    db.session.add(Answer(response_id=987654, question_id=None, text=words))
    with pytest.raises(SQLAlchemyError) as raised:
        db.session.flush()  # question_id may not be empty, on either database
    db.session.rollback()
    assert "SQL parameters hidden due to hide_parameters=True" in str(raised.value)
    with caplog.at_level(logging.INFO, logger="celery.app.trace"):
        logging.getLogger("celery.app.trace").error(
            "Task %(name)s raised unexpected: %(exc)s",
            {"name": "code-new-comments", "exc": repr(raised.value)},
            exc_info=(raised.type, raised.value, raised.tb),
        )
    assert words not in caplog.text
    assert "raised unexpected: IntegrityError" in caplog.text


def test_api_answers_json_even_when_no_route_matches(sqlite_app):
    client = sqlite_app.test_client()
    wrong_method = client.delete("/api/v1/reports/lac-review/2026")
    assert wrong_method.status_code == 405
    assert wrong_method.get_json()["error"]["code"] == "method_not_allowed"
    missing = client.get("/api/v1/nothing-here")
    assert missing.status_code == 404
    assert missing.get_json()["error"]["status"] == 404


def test_a_failed_task_is_logged_by_type_and_place_never_by_its_message(caplog):
    """Celery logs the message of whatever a task raised; the message can quote a row."""
    from app.log_privacy import install_log_filters

    install_log_filters()
    words = "Failing row contains (zqx-canary my stepdad hits me)"
    trace = logging.getLogger("celery.app.trace")
    with caplog.at_level(logging.INFO, logger="celery.app.trace"):
        try:
            raise ValueError(words)
        except ValueError as error:
            # Celery's own wording for a failed task, with the exception's repr in it.
            context = {"name": "code-new-comments", "id": "abc", "exc": repr(error)}
            trace.error("Task %(name)s[%(id)s] raised unexpected: %(exc)s", context, exc_info=True)
    assert "zqx-canary" not in caplog.text
    (record,) = caplog.records
    assert record.exc_info is None
    message = record.getMessage()
    assert "code-new-comments[abc] raised unexpected: ValueError" in message
    assert "test_errors_and_headers.py" in message  # where it happened is kept
