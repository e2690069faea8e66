"""The actions the audit trail promises are recorded, and every one has words on the page."""

from __future__ import annotations

import ast
from pathlib import Path

from sqlalchemy import select

from app.admin.audit_labels import ACTION_LABELS
from app.auth.models import AuditEvent
from app.extensions import db
from app.safeguard.models import ALERT_STATUSES
from tests.auth.conftest import make_staff
from tests.conftest import SURVEYS, publish

APP = Path(__file__).resolve().parents[2] / "app"


def recorded_action_codes() -> set[str]:
    """Every action code passed to ``record_event`` anywhere in app/, read from the source."""
    codes: set[str] = set()
    for path in APP.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", "") == "record_event"):
                continue
            action = node.args[2] if len(node.args) > 2 else None
            for keyword in node.keywords:
                if keyword.arg == "action":
                    action = keyword.value
            codes |= _constant_codes(action, path)
    return codes


def _constant_codes(node: ast.expr | None, path: Path) -> set[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.IfExp):
        return _constant_codes(node.body, path) | _constant_codes(node.orelse, path)
    if isinstance(node, ast.JoinedStr) and ast.unparse(node) == "f'alert.{alert.status}'":
        return {f"alert.{status}" for status in ALERT_STATUSES if status != "new"}
    raise AssertionError(f"{path}: an action code the audit page cannot know: {ast.dump(node)}")


def test_every_recorded_action_has_plain_words():
    codes = recorded_action_codes()
    assert {"sign_in", "sign_in_failed", "report_export", "alert.viewed"} <= codes
    assert codes - ACTION_LABELS.keys() == set()


def actions() -> list[tuple[str, str | None, str | None]]:
    events = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))
    return [(e.action, e.object_type, e.object_id) for e in events]


def test_responses_export_command_is_audited(runner, every_type):
    result = runner.invoke(args=["responses", "export", "--survey", every_type, "--format", "csv"])
    assert result.exit_code == 0, result.output
    event = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "responses_export")
    ).one()
    assert event.actor_id is None  # the command line
    assert (event.object_type, event.object_id) == ("survey", every_type)
    assert event.details == {"format": "csv", "responses": 0}


def test_making_a_set_password_link_is_audited(runner):
    user = make_staff("chair@example.org", password=None)
    result = runner.invoke(args=["users", "set-password-link", "--email", "chair@example.org"])
    assert result.exit_code == 0, result.output
    assert actions()[-1] == ("password_link_issued", "staff_user", str(user.id))


def test_report_built_on_the_command_line_is_audited(runner):
    publish(SURVEYS / "lac-review-young-person.yaml")
    args = ["report", "build", "--survey", "lac-review-young-person", "--period", "2026-Q3"]
    result = runner.invoke(args=[*args, "--format", "csv", "--audience", "young_person"])
    assert result.exit_code == 0, result.output
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "report_export")).one()
    assert event.actor_id is None
    assert (event.object_type, event.object_id) == ("report", "lac-review-young-person")
    assert event.details == {"format": "csv", "period": "2026-Q3", "audience": "young_person"}
