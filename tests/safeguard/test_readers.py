"""One rule decides who may read an alert, and the same rule decides who is emailed:
over every role and team, including leads without a team and teams without a lead."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from app.auth.models import StaffUser, Team
from app.extensions import db
from app.safeguard.models import Alert
from app.safeguard.notify import recipients_for
from app.safeguard.readers import alert_readers, current_coverage_gaps
from tests.auth.conftest import make_staff, sign_in
from tests.pages import get
from tests.safeguard.test_alerts import answer_safety

ROLES = ("admin", "participation_lead", "iro", "safeguarding_lead")
# "Fostering" has a lead of its own; "Leaving care" has none.
TEAMS = ("Fostering", "Leaving care", None)
WEEKDAY = datetime(2026, 11, 23, 11, 0)


def raise_alerts(app, survey_id: str, teams: dict[str | None, int | None]) -> dict:
    """One alert per team (``None``: from an open survey), keyed by team name."""
    for _team in teams:
        answer_safety(app.test_client(), survey_id, "yes", "my stepdad hits me")
    alerts = db.session.scalars(select(Alert).order_by(Alert.id)).all()
    for alert, team_id in zip(alerts, teams.values(), strict=True):
        alert.team_id = team_id
    db.session.commit()
    return {name: alert for alert, name in zip(alerts, teams, strict=True)}


def staff_everywhere(with_council_wide_lead: bool) -> list[StaffUser]:
    people = []
    for role in ROLES:
        for team in TEAMS:
            if role == "safeguarding_lead" and team == "Leaving care":
                continue  # the team without a lead
            if role == "safeguarding_lead" and team is None and not with_council_wide_lead:
                continue
            slug = (team or "council").replace(" ", "-").lower()
            people.append(make_staff(f"{role}.{slug}@example.org", role, team=team))
    return people


@pytest.mark.parametrize("with_council_wide_lead", [True, False])
def test_whoever_is_told_can_open_the_alert_and_nobody_else_can(
    app, safety, with_council_wide_lead
):
    app.config["SAYSO_DUTY_EMAIL"] = "duty@example.org"
    people = staff_everywhere(with_council_wide_lead)
    make_staff("iro.leaving@example.org", "iro", team="Leaving care")
    team_ids = {team.name: team.id for team in db.session.scalars(select(Team))}
    alerts = raise_alerts(app, safety, {name: team_ids.get(name) for name in TEAMS})

    readers = {name: alert_readers(db.session, a.team_id) for name, a in alerts.items()}
    for name, alert in alerts.items():
        told = {r.address for r in recipients_for(db.session, alert, 0, WEEKDAY)}
        if readers[name]:
            assert told == {reader.email for reader in readers[name]}, name
        else:
            assert told == {"duty@example.org"}, name
    for person in people:
        client = app.test_client()
        sign_in(client, person.email)
        listing = client.get("/alerts").get_data(as_text=True)
        for name, alert in alerts.items():
            may = person in readers[name]
            expected = 200 if may else (404 if person.role == "safeguarding_lead" else 403)
            assert client.get(f"/alerts/{alert.id}").status_code == expected, (name, person.email)
            assert (f'/alerts/{alert.id}"' in listing) is may, (name, person.email)

    # What the rule says, in words: a team's own lead; else the council-wide lead; for an
    # open survey, the council-wide lead or else every lead.
    expected = {
        "Fostering": {"safeguarding_lead.fostering@example.org"},
        "Leaving care": {"safeguarding_lead.council@example.org"}
        if with_council_wide_lead
        else set(),
        # An open survey's alert, with no council-wide lead: every lead.
        None: {"safeguarding_lead.council@example.org"}
        if with_council_wide_lead
        else {"safeguarding_lead.fostering@example.org"},
    }
    for name, alert in alerts.items():
        assert {r.email for r in alert_readers(db.session, alert.team_id)} == expected[name]


def test_escalation_reaches_the_chain_lead_who_can_then_open_it(app, safety):
    app.config["SAYSO_ESCALATION_CHAIN"] = ["head@example.org", "not-a-lead@example.org"]
    make_staff("lead@example.org", "safeguarding_lead", team=None)
    make_staff("head@example.org", "safeguarding_lead", team="Head of service")
    alert = raise_alerts(app, safety, {None: None})[None]
    head = app.test_client()
    sign_in(head, "head@example.org")
    assert head.get(f"/alerts/{alert.id}").status_code == 404

    alert.escalation_level = 1
    db.session.commit()
    assert [r.address for r in recipients_for(db.session, alert, 1, WEEKDAY)] == [
        "head@example.org"
    ]
    assert head.get(f"/alerts/{alert.id}").status_code == 200
    # The second step is not a lead's account: it could not open the alert, so the
    # alert's readers are reminded instead, and an administrator is warned.
    alert.escalation_level = 2
    db.session.commit()
    assert {r.address for r in recipients_for(db.session, alert, 2, WEEKDAY)} == {
        "lead@example.org",
        "head@example.org",
    }
    codes = [gap.code for gap in current_coverage_gaps(db.session, app.config)]
    assert "chain_without_account" in codes


def test_odd_set_ups_are_named_plainly_on_the_admin_home_and_readyz(app, client):
    make_staff("admin@example.org", "admin", team=None)
    make_staff("lead@example.org", "safeguarding_lead", team="Fostering")
    make_staff("iro@example.org", "iro", team="Leaving care")
    sign_in(client, "admin@example.org")
    # As the page reads: setting names are marked up as code, not to be translated.
    home = get(client, "/staff").text()
    assert "Team Leaving care has no safeguarding lead" in home
    assert "SAYSO_DUTY_EMAIL is not set either" in home
    assert "SAYSO_SMTP_URL is not set" in home
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.json["status"] == "ok"
    assert any("Leaving care" in warning for warning in ready.json["warnings"])

    make_staff("council.lead@example.org", "safeguarding_lead", team=None)
    app.config["SAYSO_SMTP_URL"] = "smtp://127.0.0.1:1"
    assert client.get("/readyz").json["warnings"] == []
    assert "alert-coverage" not in client.get("/staff").get_data(as_text=True)


def test_with_no_lead_at_all_the_whole_council_is_warned(app, client):
    make_staff("admin@example.org", "admin", team=None)
    sign_in(client, "admin@example.org")
    home = client.get("/staff").get_data(as_text=True)
    assert "Nobody receives safeguarding alerts" in home


def test_a_lead_is_told_whose_alerts_they_read(app):
    make_staff("council@example.org", "safeguarding_lead", team=None)
    make_staff("fostering@example.org", "safeguarding_lead", team="Fostering")
    council, fostering = app.test_client(), app.test_client()
    sign_in(council, "council@example.org")
    sign_in(fostering, "fostering@example.org")
    assert "You are a council-wide safeguarding lead" in council.get("/staff").get_data(
        as_text=True
    )
    assert "You read the safeguarding alerts of team Fostering." in fostering.get(
        "/staff"
    ).get_data(as_text=True)
