"""``/admin/audit``: admins read the trail in plain words, filter it, page it, take it away."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta
from urllib.parse import urlencode

import pytest
from sqlalchemy import select

from app import clock
from app.auth.audit import record_event
from app.auth.models import AuditEvent
from app.extensions import db
from tests.auth.conftest import make_staff, sign_in
from tests.pages import Page, get

NS = "{http://www.w3.org/1999/xhtml}"


def table_rows(page: Page) -> list[list[str]]:
    """The audit table's cells, row by row (when, who, what, record, details)."""
    return [
        [" ".join("".join(td.itertext()).split()) for td in tr.iter(f"{NS}td")]
        for tr in page.select("tr", class_="govuk-table__row")
        if list(tr.iter(f"{NS}td"))
    ]


def audit_page(client, status: int = 200, **args: str | list[str]) -> Page:
    return get(client, "/admin/audit" + ("?" + urlencode(args, doseq=True) if args else ""), status)


def at(moment: datetime, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "utcnow", lambda: moment)


@pytest.fixture
def admin(client):
    user = make_staff("admin@example.org", role="admin", team=None)
    sign_in(client, "admin@example.org")
    return user


def test_admin_sees_sign_ins_and_failures_in_plain_words_newest_first(app, client):
    make_staff("chair@example.org")
    make_staff("admin@example.org", role="admin", team=None)
    other = app.test_client()
    sign_in(other, "chair@example.org", "not my password")
    sign_in(other, "chair@example.org")
    sign_in(client, "admin@example.org")

    rows = table_rows(audit_page(client))
    assert [row[1:3] for row in rows[:3]] == [
        ["admin@example.org", "Signed in"],
        ["chair@example.org", "Signed in"],
        ["Not signed in", "Sign-in failed"],
    ]
    assert rows[2][3].startswith("Staff account ") and rows[2][4] == "reason=wrong_password"
    created = [row for row in rows if row[2] == "Staff account created"]
    assert [row[1] for row in created] == ["Command line or scheduled task"] * 2
    assert {row[4] for row in created} == {"role=admin", "role=iro"}


def test_times_are_shown_in_uk_time(app, client, admin, monkeypatch):
    at(datetime(2026, 7, 1, 11, 30), monkeypatch)  # British Summer Time: UTC+1
    record_event(db.session, admin.id, "report_export", "report", "lac-review", {"format": "csv"})
    at(datetime(2026, 12, 1, 11, 30), monkeypatch)  # winter: UTC
    record_event(db.session, admin.id, "report_export", "report", "lac-review", {"format": "pdf"})
    db.session.commit()
    monkeypatch.undo()
    rows = table_rows(audit_page(client, action="report_export"))
    assert [row[0] for row in rows] == ["1 Dec 2026, 11:30", "1 Jul 2026, 12:30"]
    assert rows[0][2:] == ["Exported a report", "Report lac-review", "format=pdf"]


def test_filters_by_action_person_dates_and_record(app, client, admin, monkeypatch):
    lead = make_staff("lead@example.org", role="safeguarding_lead")
    for day, who, action, alert in (
        (1, lead.id, "alert.viewed", 7),
        (2, lead.id, "alert.acknowledged", 7),
        (3, admin.id, "alert.viewed", 8),
        (4, lead.id, "alert.viewed", 8),
    ):
        at(datetime(2026, 3, day, 12), monkeypatch)
        record_event(db.session, who, action, "alert", alert)
    db.session.commit()
    monkeypatch.undo()

    def shown(**args: str | list[str]) -> list[tuple[str, str, str]]:
        return [(r[0][:5].strip(","), r[1], r[3]) for r in table_rows(audit_page(client, **args))]

    assert shown(action="alert.viewed") == [
        ("4 Mar", "lead@example.org", "Alert 8"),
        ("3 Mar", "admin@example.org", "Alert 8"),
        ("1 Mar", "lead@example.org", "Alert 7"),
    ]
    assert shown(action="alert.viewed", actor=str(lead.id)) == [
        ("4 Mar", "lead@example.org", "Alert 8"),
        ("1 Mar", "lead@example.org", "Alert 7"),
    ]
    dates = {"date_from": ["2", "3", "2026"], "date_to": ["3", "3", "2026"]}
    assert [r[0] for r in shown(object_type="alert", **dates)] == ["3 Mar", "2 Mar"]
    assert shown(object_type="alert", object_id="7", actor=str(lead.id), action="") == [
        ("2 Mar", "lead@example.org", "Alert 7"),
        ("1 Mar", "lead@example.org", "Alert 7"),
    ]
    nothing = audit_page(client, action="alert.closed")
    assert "No events match these filters." in nothing.text()


def test_a_bad_date_says_what_is_wrong_and_keeps_the_other_filters(app, client, admin):
    page = audit_page(
        client, action="sign_in", actor=str(admin.id), date_from=["31", "2", "2026"], object_id="5"
    )
    assert page.error_summary() == ["Enter a real date, like 27 3 2025"]
    assert page.title.startswith("Error:")
    assert not table_rows(page)
    assert page.select("option", value="sign_in")[0].get("selected") is not None
    assert page.select("option", value=str(admin.id))[0].get("selected") is not None
    assert page.select("input", name="object_id")[0].get("value") == "5"
    assert [i.get("value") for i in page.select("input", name="date_from")] == ["31", "2", "2026"]

    half = audit_page(client, date_to=["", "4", "2026"])
    assert half.error_summary() == ["The date must include a day"]
    backwards = audit_page(client, date_from=["2", "3", "2026"], date_to=["1", "3", "2026"])
    assert backwards.error_summary() == [
        "The ‘to’ date must be the same as or after the ‘from’ date"
    ]
    typed = audit_page(client, object_id="my notes here")
    assert typed.field_errors() == [
        "Record number or code can only contain letters, numbers, dots, colons, hyphens "
        "and underscores"
    ]


def test_pages_of_fifty_go_older_and_back_newer(app, client, admin, monkeypatch):
    start = datetime(2026, 1, 5, 9)
    for n in range(120):
        at(start + timedelta(minutes=n), monkeypatch)
        record_event(db.session, admin.id, "alert.viewed", "alert", n)
    db.session.commit()
    monkeypatch.undo()
    first = audit_page(client, action="alert.viewed")
    assert [r[3] for r in table_rows(first)] == [f"Alert {n}" for n in range(119, 69, -1)]
    with pytest.raises(AssertionError):
        first.link("Newer events")

    second = get(client, first.link("Older events"))
    assert [r[3] for r in table_rows(second)] == [f"Alert {n}" for n in range(69, 19, -1)]
    third = get(client, second.link("Older events"))
    assert [r[3] for r in table_rows(third)] == [f"Alert {n}" for n in range(19, -1, -1)]
    with pytest.raises(AssertionError):
        third.link("Older events")
    back = get(client, third.link("Newer events"))
    assert table_rows(back) == table_rows(second)
    assert "action=alert.viewed" in third.link("Newer events")


def test_participation_lead_cannot_see_the_trail_or_its_download(app, client):
    make_staff("lead@example.org", role="participation_lead")
    sign_in(client, "lead@example.org")
    assert get(client, "/admin/audit", status=403).h1() == "You cannot see this page"
    assert client.get("/admin/audit.csv").status_code == 403


def test_csv_download_is_escaped_filtered_and_itself_audited(app, client, admin):
    sneaky = make_staff("=hyperlink(1)@example.org", role="iro")
    sign_in(client.application.test_client(), sneaky.email)
    page = audit_page(client, actor=str(sneaky.id))
    link = page.link("Download these events as CSV")
    assert link == f"/admin/audit.csv?actor={sneaky.id}"

    response = client.get(link)
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert [row["action_code"] for row in rows] == ["sign_in"]
    assert rows[0]["who"] == "'=hyperlink(1)@example.org"
    assert rows[0]["action"] == "Signed in"

    exported = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "audit_exported")
    ).one()
    assert exported.actor_id == admin.id and exported.details == {"actor": sneaky.id}
    latest = table_rows(audit_page(client))[0]
    assert latest[1:3] == ["admin@example.org", "Downloaded the audit trail"]


def test_admin_home_links_to_the_audit_trail(app, client):
    make_staff("admin@example.org", role="admin")
    page = sign_in(client, "admin@example.org")
    assert page.link("(audit trail)") == "/admin/audit"
