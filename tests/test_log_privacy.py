"""No free text, token, password or email address in any log line.

One journey through real components, logging at DEBUG everywhere: a personal link is
opened, answers with canary phrases are saved and sent and raise a safeguarding alert,
a lead signs in with a canary password (wrongly, then rightly), reads the alert, writes
a note and acknowledges it, a newcomer sets a password through a set-password link, a
form is sent with a mistake, and a request fails with the error page. What was logged
must hold none of it. The same values are registered with the end-of-run scan
(``tests/log_scan.py``), which is itself shown to catch a leak.
"""

from __future__ import annotations

import contextlib
import logging
import subprocess
import sys
import textwrap
from pathlib import Path
from urllib.error import HTTPError
from urllib.request import urlopen

import pytest
from sqlalchemy import select

from app.extensions import db
from app.log_privacy import redact_tokens
from app.safeguard.models import Alert
from tests.auth.conftest import make_staff, sign_in, staff_token
from tests.conftest import DATA, publish
from tests.log_scan import CANARY, register_secret, run_log_position, run_log_since, scan_lines
from tests.pages import Form, Page, get, parse
from tests.serving import serving

ROOT = Path(__file__).resolve().parent.parent
# Every logger at DEBUG, except SQLAlchemy's: it keeps itself at WARNING unless an operator
# asks for statement echo, which prints query parameters by design.
LOGGERS = ("", "app", "werkzeug", "celery", "gunicorn", "flask_wtf")

COMMENT = register_secret(f"{CANARY} my uncle hurts me when mum is out")
PHONE = register_secret(f"{CANARY} call 07700 900555 after school")
NOTE = register_secret(f"{CANARY} spoke to the school nurse")
OUTCOME = register_secret(f"{CANARY} visited at home, safe tonight")
LEAD_PASSWORD = register_secret(f"{CANARY} amber kettle marsh")
WRONG_PASSWORD = register_secret(f"{CANARY} wrong kettle")
NEW_PASSWORD = register_secret(f"{CANARY} violet lantern quay")


def form_posting_to(page: Page, ending: str) -> Form:
    here = page.response.request.path
    return next(
        Form(node, here) for node in page.select("form") if node.get("action", "").endswith(ending)
    )


def open_link_and_answer(app, runner) -> str:
    """Make a personal link on the command line, open it, answer with canaries, send."""
    result = runner.invoke(args=["invite", "create", "--survey", "safety-check"])
    assert result.exit_code == 0, result.output
    token = register_secret(result.output.strip().rsplit("/r/", 1)[1].split()[0])
    respondent = app.test_client()
    assert respondent.get(f"/r/{token}").status_code == 302
    page = get(respondent, "/s/safety-check").form().submit(respondent)
    page = page.form().submit(respondent, {"feel_safe": "no"})
    page = page.form().submit(respondent, {"what_would_help": COMMENT})
    page = page.form().submit(respondent, {"contact_me": "yes"})
    page = page.form().submit(respondent, {"contact_how": PHONE})
    done = page.form().submit(respondent)
    assert done.h1() == "Thank you"
    return token


def lead_reads_and_acknowledges(app) -> list[str]:
    """A lead signs in wrongly then rightly, reads the alert, writes a note, acknowledges."""
    make_staff("lead@example.org", "safeguarding_lead", LEAD_PASSWORD, team="Safeguarding")
    lead = app.test_client()
    refused = sign_in(lead, "lead@example.org", WRONG_PASSWORD)
    assert refused.error_summary() == ["Enter a correct email address and password"]
    missing = sign_in(lead, "", LEAD_PASSWORD)  # a form error: no email address
    assert missing.error_summary()
    sign_in(lead, "lead@example.org", LEAD_PASSWORD)
    alert_id = db.session.scalars(select(Alert.id)).one()
    page = get(lead, f"/alerts/{alert_id}")
    assert COMMENT in page.text()
    page = form_posting_to(page, "/notes").submit(lead, {"note": NOTE})
    assert "Note saved." in page.text()
    Form(page.select("form")[-1], f"/alerts/{alert_id}/acknowledge").submit(
        lead, {"outcome": OUTCOME}
    )
    return [register_secret(staff_token(lead) or "")]


def newcomer_sets_a_password(app, runner) -> str:
    result = runner.invoke(args=["users", "create", "--email", "new@example.org", "--role", "iro"])
    assert result.exit_code == 0, result.output
    path = "/staff/set-password/" + result.output.strip().rsplit("/", 1)[1]
    register_secret(path.rsplit("/", 1)[1])
    newcomer = app.test_client()
    # A form sent without its CSRF token (a page left open too long) is refused and logged.
    assert newcomer.post(path, data={"password": NEW_PASSWORD}).status_code == 400
    page = (
        get(newcomer, path)
        .form()
        .submit(newcomer, {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    )
    assert "Your password has been set" in page.text()
    return path


def request_fails(app, monkeypatch) -> str:
    """An error whose message quotes typed text: the page shows an error id, not the text."""

    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError(f"could not save {COMMENT!r} for {PHONE!r}")

    monkeypatch.setattr("app.respond.views.current_version", explode)
    response = app.test_client().get("/s/safety-check")
    assert response.status_code == 500
    return parse(response).select("strong", class_="sayso-code")[0].text or ""


def test_a_whole_journey_logs_no_free_text_token_password_or_email(
    app, runner, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
):
    for name in LOGGERS:
        caplog.set_level(logging.DEBUG, logger=name or None)
    publish(DATA / "surveys" / "safety-check.yaml")
    start = run_log_position()

    link_token = open_link_and_answer(app, runner)
    session_tokens = lead_reads_and_acknowledges(app)
    set_password_path = newcomer_sets_a_password(app, runner)
    error_id = request_fails(app, monkeypatch)

    logged = caplog.text
    # The journey really happened, and was logged, by id only.
    assert "signed in: staff_user=" in logged and "sign-in failed" in logged
    assert "password set: staff_user=" in logged
    assert f"error_id={error_id} RuntimeError" in logged
    secrets = [COMMENT, PHONE, NOTE, OUTCOME, LEAD_PASSWORD, WRONG_PASSWORD, NEW_PASSWORD]
    for secret in [*secrets, link_token, *session_tokens, set_password_path]:
        assert secret not in logged
    assert CANARY not in logged
    assert "@example.org" not in logged
    assert scan_lines(logged.splitlines(), secrets, Path("caplog")) == []
    # caplog's handler carries the app's token filter; the run log shows what was logged.
    raw = run_log_since(start)
    assert any(f"error_id={error_id}" in line for line in raw)
    tokens = [link_token, *session_tokens, set_password_path.rsplit("/", 1)[1]]
    assert [str(f) for f in scan_lines(raw, [*secrets, *tokens], Path("run.log"))] == []


def test_the_scanner_names_the_line_and_kind_but_never_the_secret():
    lines = [
        "INFO app.respond: saved draft 12",
        'INFO werkzeug: "GET /r/AbCdEfGhIjKlMnOpQrStUv HTTP/1.1" 302',
        'INFO werkzeug: "GET /r/… HTTP/1.1" 302',
        "DEBUG app.auth: tried plum tractor velvet harbour",
        f"ERROR app.errors: could not save '{CANARY} words'",
        "INFO app.mail: sent to someone@example.org",
        "INFO app.api: token sayso_abcdefghijklmnopqrstuvwxyz0123 used",
        "INFO app.auth.accounts: staff account created: staff_user=3 role=iro",
        'INFO gunicorn.access: "GET /api/v1/reports?access_token=Zk3pQ9wLmN2x HTTP/1.1" 401',
        'INFO gunicorn.access: "GET /api/v1/reports?access_token=… HTTP/1.1" 401',
    ]
    findings = scan_lines(lines, ["plum tractor velvet harbour"], Path("run.log"))
    assert [(f.line, f.kind) for f in findings] == [
        (2, "a link token"),
        (4, "a test password or registered secret"),
        (5, "a free-text canary"),
        (6, "an email address"),
        (7, "an API token"),
        (9, "a token in a query string"),
    ]
    assert str(findings[0]) == "run.log:2: a link token"
    assert all("AbCdEf" not in str(f) and "plum" not in str(f) for f in findings)


LEAKY_TEST = """
import logging

def test_that_leaks_a_link_token():
    logging.getLogger("app.somewhere").info("opened /r/AbCdEfGhIjKlMnOpQrStUv")

def test_that_logs_safely():
    logging.getLogger("app.somewhere").info("opened invitation 12")
"""


@pytest.mark.parametrize("processes", [[], ["-n", "2"]], ids=["one process", "xdist"])
def test_a_leak_anywhere_in_the_run_fails_the_run_without_printing_the_secret(tmp_path, processes):
    """A run whose tests all pass still fails, naming the log line, when a token was logged,
    also when the tests run in several xdist workers and the leak is in one of them."""
    (tmp_path / "test_leaky.py").write_text(textwrap.dedent(LEAKY_TEST), encoding="utf-8")
    run = subprocess.run(
        [
            *(sys.executable, "-m", "pytest", "-p", "tests.log_scan", "-p", "no:cacheprovider"),
            *("--rootdir", str(tmp_path), "--confcutdir", str(tmp_path), "-c", "/dev/null"),
            *processes,
            str(tmp_path / "test_leaky.py"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert run.returncode == 1, run.stdout + run.stderr
    assert "2 passed" in run.stdout
    assert "FAILED: 1 secret(s) in the logs" in run.stdout
    log_name = "run-gw" if processes else "run.log:"
    assert log_name in run.stdout and ": a link token" in run.stdout
    assert "AbCdEfGhIjKlMnOpQrStUv" not in run.stdout + run.stderr


def test_tokens_and_codes_in_query_strings_are_redacted_from_access_logs(sqlite_app, caplog):
    """A real web server's access log, as gunicorn or werkzeug writes it."""
    token = "sayso_" + "Qw3rTy" * 6
    with serving(sqlite_app) as base, caplog.at_level(logging.INFO, logger="werkzeug"):
        for query in (
            f"access_token={token}",
            f"lang=cy&token={token}",
            "code=K7PM9XQ2&x=1",
            f"ACCESS_TOKEN={token}",
        ):
            with contextlib.suppress(HTTPError):
                urlopen(f"{base}/api/v1/reports/lac-review/2026-Q3?{query}", timeout=10)  # noqa: S310
    access = [r.getMessage() for r in caplog.records if r.name == "werkzeug"]
    assert len([line for line in access if "/api/v1/reports" in line]) == 4
    assert token not in caplog.text and "K7PM9XQ2" not in caplog.text
    assert "access_token=…" in caplog.text and "code=…&x=1" in caplog.text
    assert "lang=cy&token=…" in caplog.text


def test_redaction_leaves_other_query_values_alone():
    assert redact_tokens("GET /s/x?lang=cy&page=2") == "GET /s/x?lang=cy&page=2"
    assert redact_tokens("GET /x?token=abc&code=12;access_token=z") == (
        "GET /x?token=…&code=…;access_token=…"
    )
