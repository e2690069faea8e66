"""Hostile free text sent by a respondent is shown to staff as text, never run: no script
or event handler from it in any staff page, no template expression evaluated, and no
spreadsheet cell that starts a formula, in the report files or the responses export.

It goes in through the real journey of a shipped questionnaire, and from there to an
alert, the theme pages, the report's quotes and every export.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from openpyxl import load_workbook
from sqlalchemy import select

from app import clock
from app.coding.models import CommentTheme
from app.coding.runs import code_new_comments
from app.extensions import db
from app.responses.export import FORMULA_STARTS, escape_cell
from app.safeguard.models import Alert
from tests.auth.conftest import make_staff, sign_in
from tests.coding.factories import approve_every_quote
from tests.conftest import make_app
from tests.pages import get
from tests.security.conftest import SHIPPED, build_world, runnable_parts
from tests.security.strategies import HOSTILE_TEXT

# Added to each comment: the first trips the safeguarding screen, so the response
# reaches an alert; the second does not, so it can be quoted in reports (flagged
# comments never are) and joins the "feeling safe" theme.
DISCLOSURE = "I do not feel safe, my stepdad hits me"
ORDINARY = "I feel safe in my flat now and my support worker helps"
# NUL and non-characters are the fuzz tests' business; these are about what runs.
# Formula starts come first: those payloads begin a comment, the rest sit inside one.
_SHOWN = [t for t in HOSTILE_TEXT if t.isprintable() or t.startswith(("\t", "\r"))] + [
    '<a href="javascript:alert(1)">help</a>',
    "<svg onload=alert(1)>",
    "</textarea><script>alert(1)</script>",
]
PAYLOADS = sorted(_SHOWN, key=lambda text: not text.startswith(FORMULA_STARTS))
FREE_TEXT = ("what_would_help", "support_wanted", "anything_else", "contact_how")
NUMBER = re.compile(r"-?\d+(\.\d+)?")


def comments(words: str) -> list[list[str]]:
    """Comments carrying the payloads, four to a response (one per free-text question).

    Those that trip the screen carry every payload once, at the start or inside. The
    ordinary ones, which reports quote, all start with a formula, so whichever the report
    picks starts its cell with one ("@" aside: redaction reads "@SUM" as a handle).
    """
    half = -(-len(PAYLOADS) // 2)
    starts, inside = PAYLOADS[:half], PAYLOADS[half:]
    if words == ORDINARY:
        starts = [p for p in PAYLOADS if p.startswith(FORMULA_STARTS) and p[0] != "@"]
        inside = [p for p in PAYLOADS if not p.startswith(FORMULA_STARTS)]
    count = -(-max(len(starts), len(inside)) // len(FREE_TEXT)) * len(FREE_TEXT)
    texts = [
        f"{starts[i % len(starts)]} {words} {inside[i % len(inside)]}".strip() for i in range(count)
    ]
    return [texts[i : i + len(FREE_TEXT)] for i in range(0, count, len(FREE_TEXT))]


def as_shown(words: str) -> list[str]:
    """The comments as a page shows them (runs of white space as one space)."""
    return [" ".join(text.split()) for texts in comments(words) for text in texts]


def respond(client: FlaskClient, feel_safe: str, texts: dict[str, str]) -> None:
    """Answer the shipped care-leaver questionnaire as a person would, then send it."""
    page = get(client, f"/s/{SHIPPED}").form().submit(client)
    answers = {"feel_safe": feel_safe, "contact_me": "yes"} | texts
    while page.h1() != "Check your answers":
        names = {node.get("name") for node in page.form().node_inputs()}
        page = page.form().submit(client, {k: v for k, v in answers.items() if k in names})
        assert page.status == 200 and not page.error_summary(), page.error_summary()
    assert_shown_as_text(page.response.get_data(as_text=True), "check your answers")
    for text in texts.values():
        assert " ".join(text.split()) in page.text()  # the respondent's own words, as text
    assert page.form().submit(client).h1() == "Thank you"


@pytest.fixture(scope="module")
def stored(migrated_sqlite: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    """One app for the module, holding the hostile responses and the staff who read
    them (the tests only read)."""
    folder = tmp_path_factory.mktemp("stored")
    shutil.copyfile(migrated_sqlite, folder / "sayso.db")
    app = make_app(
        f"sqlite:///{folder / 'sayso.db'}",
        str(folder / "instance"),
        SAYSO_RATE_LIMITS=False,
        SAYSO_SUPPRESSION_THRESHOLD=1,  # so the report quotes what it can
    )
    with app.app_context():
        build_world(app)
        for words, feel_safe in ((DISCLOSURE, "no"), (ORDINARY, "not_sure")):
            for texts in comments(words):
                respond(app.test_client(), feel_safe, dict(zip(FREE_TEXT, texts, strict=True)))
        make_staff("dsl@example.org", "safeguarding_lead", team=None)
        make_staff("lead@example.org", "participation_lead", team=None)
        # A lead approves every quote, so the report and its downloads quote what they can.
        code_new_comments(db.session)
        approve_every_quote()
        db.session.commit()
        yield app
        db.session.remove()
        db.engine.dispose()


def assert_shown_as_text(html: str, where: str) -> None:
    """Nothing from the payloads runs: no script, handler or javascript: link from them."""
    found = runnable_parts(html)
    assert not found.handlers, (where, found.handlers)
    for script in found.scripts:
        assert "alert(" not in script, (where, script)


def signed_in(app: Flask, email: str) -> FlaskClient:
    client = app.test_client()
    sign_in(client, email)
    return client


def test_alert_pages_show_hostile_text_as_text(stored):
    client = signed_in(stored, "dsl@example.org")
    alert_ids = db.session.scalars(select(Alert.id)).all()
    assert len(alert_ids) == len(comments(DISCLOSURE))
    listing = get(client, "/alerts")
    assert_shown_as_text(listing.response.get_data(as_text=True), "/alerts")
    shown = ""
    for alert_id in alert_ids:
        page = get(client, f"/alerts/{alert_id}")
        assert_shown_as_text(page.response.get_data(as_text=True), f"/alerts/{alert_id}")
        shown += page.text()
    for text in as_shown(DISCLOSURE):
        assert text in shown, text  # all of it, word for word, as text
    assert "{{7*7}}" in shown and "{% print 7*7 %}" in shown  # never evaluated


def test_theme_and_report_pages_show_hostile_text_as_text(stored):
    client = signed_in(stored, "lead@example.org")
    report = f"/reports/{SHIPPED}/{clock.utcnow().year}"
    page = get(client, report)  # opening the report codes the new comments
    assert_shown_as_text(page.response.get_data(as_text=True), report)
    theme_ids = set(db.session.scalars(select(CommentTheme.theme_id)))
    assert "safety" in theme_ids
    seen = page.text()
    for path in [f"{report}/board-pack", f"{report}/themes/emerging"] + [
        f"{report}/themes/{theme_id}" for theme_id in sorted(theme_ids)
    ]:
        page = get(client, path)
        assert_shown_as_text(page.response.get_data(as_text=True), path)
        seen += page.text()
    assert "<script>alert(1)</script>" in seen and "<svg onload=alert(1)>" in seen


def assert_cells_neutralised(rows: list[list[object]], where: str) -> None:
    """Each text cell is as ``escape_cell`` leaves it: no formula start (numbers aside)."""
    for row in rows:
        for cell in row:
            if isinstance(cell, str) and not NUMBER.fullmatch(cell):
                assert escape_cell(cell) == cell, (where, cell)


def test_report_files_neutralise_formula_text(stored):
    client = signed_in(stored, "lead@example.org")
    report = f"/reports/{SHIPPED}/{clock.utcnow().year}"
    get(client, report)
    table = client.get(f"{report}.csv")
    assert table.status_code == 200
    assert_cells_neutralised(list(csv.reader(io.StringIO(table.get_data(as_text=True)))), "csv")
    book = load_workbook(io.BytesIO(client.get(f"{report}.xlsx").data))
    words = ""
    for sheet in book.worksheets:
        assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row), sheet.title
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        assert_cells_neutralised(rows, sheet.title)
        words += " ".join(str(c) for r in rows for c in r if isinstance(c, str))
    assert ORDINARY in words, "the themes sheet quotes the comments"
    assert "'=1+1 " + ORDINARY in words or "'+cmd" in words or "'-1+1" in words


def test_responses_export_neutralises_formula_text(stored):
    result = stored.test_cli_runner().invoke(
        args=["responses", "export", "--survey", SHIPPED, "--format", "csv"]
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert_cells_neutralised(rows, "responses export")
    cells = {c for row in rows for c in row}
    for texts in comments(ORDINARY):
        for text in texts:
            assert escape_cell(text) in cells, text
    # Words the safeguarding screen flagged are for safeguarding leads only, never exported.
    for texts in comments(DISCLOSURE):
        for text in texts:
            assert escape_cell(text) not in cells and text not in cells, text
    assert any(cell.startswith("'=HYPERLINK(") for cell in cells)
