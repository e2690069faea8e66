"""With a key set, staff read free text as it was written: alert pages, reports, exports;
and a key that cannot read it gives the error page, never ciphertext or a traceback."""

from __future__ import annotations

import csv
import io

from cryptography.fernet import Fernet
from sqlalchemy import select

from app.extensions import db
from app.report.build import build_report
from app.responses.filters import Filters
from app.responses.periods import parse_period
from app.safeguard.models import Alert
from tests.auth.conftest import make_staff, sign_in
from tests.coding.factories import approve_every_quote, comments
from tests.conftest import DATA, publish
from tests.crypto.conftest import stored
from tests.crypto.test_columns import PHRASE, every_type_survey, submitted_answer
from tests.pages import get
from tests.safeguard.test_alerts import answer_safety

DISCLOSURE = "my stepdad hits me when he is drunk"


def alert_for_lead(app) -> int:  # type: ignore[no-untyped-def]
    survey = publish(DATA / "surveys" / "safety-check.yaml")
    answer_safety(app.test_client(), survey, "yes", DISCLOSURE)
    make_staff("lead@example.org", "safeguarding_lead", team="Safeguarding")
    return db.session.scalars(select(Alert.id)).one()


def test_lead_reads_the_disclosure_on_the_alert_page(keyed_app, client_for_keyed):
    alert_id = alert_for_lead(keyed_app)
    assert not any("stepdad" in v for v in stored("SELECT text FROM answer WHERE text <> ''"))
    sign_in(client_for_keyed, "lead@example.org")
    assert DISCLOSURE in get(client_for_keyed, f"/alerts/{alert_id}").text()


def test_a_wrong_key_shows_the_error_page_not_ciphertext(keyed_app, client_for_keyed):
    alert_id = alert_for_lead(keyed_app)
    sign_in(client_for_keyed, "lead@example.org")
    keyed_app.config["SAYSO_ENCRYPTION_KEY"] = Fernet.generate_key().decode()
    db.session.expire_all()
    page = get(client_for_keyed, f"/alerts/{alert_id}", status=500)
    assert page.h1() == "Sorry, something went wrong"
    assert "give them this reference" in page.text()
    body = page.response.get_data(as_text=True)
    assert "sayso-enc" not in body and "Traceback" not in body


def test_report_themes_quote_comments_stored_encrypted(keyed_app):
    survey = every_type_survey()
    comments(survey, [f"I feel safe in my flat now {n}" for n in range(12)])
    db.session.commit()
    raw = stored("SELECT redacted FROM comment_coding")
    assert len(raw) == 12 and not any("safe in my flat" in v for v in raw)
    approve_every_quote()
    report = build_report(db.session, survey, parse_period("2026-Q3"), Filters(), 10)
    theme = next(t for t in report.themes if t.id == "safety")
    assert theme.count == 12 and len(theme.quotes) == 3
    assert all(q.text.startswith("I feel safe in my flat now") for q in theme.quotes)


def test_csv_export_has_the_free_text_as_written(keyed_app):
    survey = every_type_survey()
    submitted_answer(survey)
    assert PHRASE not in stored("SELECT text FROM answer WHERE text IS NOT NULL")[0]
    result = keyed_app.test_cli_runner().invoke(
        args=["responses", "export", "--survey", survey, "--format", "csv"]
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [row["better"] for row in rows] == [PHRASE]
