"""Report emails: subscribe, the beat finds what is due, each period is emailed once."""

from __future__ import annotations

import email
import email.policy
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select

from app import clock
from app.auth.models import AuditEvent, Team
from app.extensions import db
from app.report.subscriptions import (
    ReportSubscription,
    due_subscription_ids,
    last_completed_period,
    send_report_email,
    subscribe,
)
from app.report.tasks import send_report_emails_task
from app.tasks import enqueue
from tests.auth.conftest import (
    make_staff,
    sign_in,
    time_machine,  # noqa: F401 - a fixture the tests use
)
from tests.mail_server import body_html, body_text
from tests.pages import get
from tests.report.factories import make_invitation, make_meeting, publish_shipped, respond_many
from tests.workers import wait_for_worker_commit

SURVEY = "cp-conference-family"
TODAY = date(2026, 11, 23)
OCTOBER = datetime(2026, 10, 6, 10, 0)
WRITTEN = "Nobody told me the time of the meeting at all"


def answers_from(team_name: str, count: int, got_report: str, at: datetime) -> None:
    """``count`` parents in a team answering after one conference, with a comment each."""
    team = db.session.scalars(select(Team).where(Team.name == team_name)).one_or_none()
    if team is None:
        team = Team(name=team_name, slug=team_name.lower())
        db.session.add(team)
        db.session.flush()
    meeting = make_meeting(kind="cp_conference", team=team)
    for _ in range(count):
        invitation = make_invitation(SURVEY, meeting=meeting, role="parent")
        answers = {"got_report": got_report, "felt_listened_to": "agree", "make_better": WRITTEN}
        respond_many(SURVEY, answers, 1, at, invitation=invitation)
    db.session.commit()


def two_teams(at: datetime = OCTOBER) -> None:
    publish_shipped(SURVEY)
    answers_from("North", 12, "yes", at)
    answers_from("South", 11, "no", at)


def subscribed(email_address: str, role: str = "admin", team: str | None = None, **kw) -> int:  # type: ignore[no-untyped-def]
    user = make_staff(email_address, role, team=team)
    made = subscribe(db.session, user, kw.get("survey", SURVEY), kw.get("frequency", "monthly"))
    db.session.commit()
    return made.id


def outbox(app: Flask) -> list[email.message.EmailMessage]:
    folder = Path(app.instance_path) / "mail"
    return [
        email.message_from_bytes(path.read_bytes(), policy=email.policy.default)  # type: ignore[misc]
        for path in sorted(folder.glob("*.eml"))
    ]


@pytest.mark.parametrize(
    ("today", "month", "quarter"),
    [
        (date(2026, 1, 1), "2025-12", "2025-Q4"),
        (date(2026, 3, 31), "2026-02", "2025-Q4"),
        (date(2026, 4, 1), "2026-03", "2026-Q1"),
        (date(2026, 11, 23), "2026-10", "2026-Q3"),
    ],
)
def test_last_completed_period_is_the_whole_month_or_quarter_before(today, month, quarter):
    assert last_completed_period("monthly", today).label == month
    assert last_completed_period("quarterly", today).label == quarter


def test_due_until_sent_and_only_for_active_readers(app):
    monthly = subscribed("admin@example.org")
    quarterly = subscribed("lead@example.org", "participation_lead", frequency="quarterly")
    chair = make_staff("chair@example.org", "iro")
    db.session.add(ReportSubscription(user_id=chair.id, survey_key=SURVEY, frequency="monthly"))
    gone = subscribed("gone@example.org")
    db.session.get(ReportSubscription, gone).user.deactivated_at = clock.utcnow()
    db.session.commit()

    assert due_subscription_ids(db.session, TODAY) == [monthly, quarterly]
    db.session.get(ReportSubscription, monthly).last_period_sent = "2026-10"
    db.session.get(ReportSubscription, quarterly).last_period_sent = "2026-Q3"
    db.session.commit()
    assert due_subscription_ids(db.session, TODAY) == []
    assert due_subscription_ids(db.session, TODAY + timedelta(days=10)) == [monthly]


def test_email_has_headline_figures_a_link_and_no_free_text(app):
    two_teams()
    subscription_id = subscribed("admin@example.org")

    assert send_report_email(db.session, subscription_id, TODAY) == "sent"
    db.session.commit()

    (message,) = outbox(app)
    assert message["To"] == "admin@example.org"
    assert message["Subject"].strip() == (
        "Monthly report: Parents and carers: “Your views on the child protection conference”, "
        "October 2026"
    )
    text, html = body_text(message), body_html(message)
    assert "Responses: 23" in text
    assert "Got the report before the meeting: 52.2% (target 90%) (Red)" in text
    # Everyone of 23 agreed: 100% would show a hidden zero, so a band that stays true
    # whatever the hidden few are: at most 11 (9 + 2) of at least 21 said otherwise.
    assert "Felt listened to: 40% or more\n" in text
    assert "100%" not in text
    assert "not shown: fewer than 10 answered" in text  # nobody was asked report_when
    assert "http://127.0.0.1:5000/reports/cp-conference-family/2026-10" in text
    assert "/reports/subscriptions" in text
    for body in (text, html):
        assert WRITTEN not in body
    assert db.session.get(ReportSubscription, subscription_id).last_period_sent == "2026-10"


def test_the_email_gives_others_figures_beside_the_councils_and_not_counted_in(app):
    """A figure a lead uploaded to compare with goes in the email under its indicator,
    with its source and year, marked as not counted here; the council's figure is as
    before."""
    from app.report.benchmarks import read_benchmarks, store_benchmarks

    two_teams()
    rows, problems = read_benchmarks(
        b"survey,indicator,source,year,value\r\n"
        + f"{SURVEY},got_report,Regional CP survey,2024-25,71.5\r\n".encode(),
        {SURVEY: {"got_report", "felt_listened_to"}},
    )
    assert not problems
    store_benchmarks(db.session, rows, None)
    subscription_id = subscribed("admin@example.org")
    assert send_report_email(db.session, subscription_id, TODAY) == "sent"
    db.session.commit()

    (message,) = outbox(app)
    text, html = body_text(message), body_html(message)
    assert "Got the report before the meeting: 52.2% (target 90%) (Red)\n" in text
    assert "  Elsewhere (not counted here): 71.5% (Regional CP survey, 2024-25)\n" in text, text
    assert "Elsewhere (not counted here): 71.5% (Regional CP survey, 2024-25)" in html
    # Only under the indicator it is for.
    assert text.count("Elsewhere") == 1


def test_a_second_run_for_the_same_period_sends_nothing(app):
    two_teams()
    subscription_id = subscribed("admin@example.org")
    assert send_report_email(db.session, subscription_id, TODAY) == "sent"
    db.session.commit()
    assert send_report_email(db.session, subscription_id, TODAY) == "already sent"
    assert due_subscription_ids(db.session, TODAY) == []
    assert len(outbox(app)) == 1


def test_lead_with_a_team_gets_that_teams_figures_only(app):
    two_teams()
    subscription_id = subscribed("lead@example.org", "participation_lead", team="North")
    send_report_email(db.session, subscription_id, TODAY)
    db.session.commit()
    text = body_text(outbox(app)[0])
    assert "Responses: 12" in text
    assert "They count your team's answers only." in text
    # All 12 said yes: too few answered for a band to say anything, so it says why.
    assert "Got the report before the meeting: not shown: fewer than 10 gave another answer" in text


def test_small_numbers_say_fewer_than_the_threshold(app):
    publish_shipped(SURVEY)
    answers_from("North", 3, "yes", OCTOBER)
    subscription_id = subscribed("admin@example.org")
    send_report_email(db.session, subscription_id, TODAY)
    db.session.commit()
    text = body_text(outbox(app)[0])
    assert "Responses: fewer than 10" in text
    assert (
        "Got the report before the meeting: not shown: fewer than 10 responses in this period"
        in text
    )
    assert "3" not in text.split("Responses:")[1].split("\n")[0]


@pytest.mark.usefixtures("time_machine")  # 23 November 2026
def test_subscribing_on_the_page_and_stopping(app):
    publish_shipped(SURVEY)
    make_staff("lead@example.org", "participation_lead", team="North")
    client = app.test_client()
    sign_in(client, "lead@example.org")
    assert "You do not get any reports by email." in get(client, "/reports/subscriptions").text()

    form = get(client, "/reports/subscriptions/new").form()
    missing = form.submit(client, {})
    assert missing.error_summary() == [
        "Choose the questionnaire or family of questionnaires",
        "Choose every month or every quarter",
    ]
    done = form.submit(client, {"survey": "cp-conference", "frequency": "quarterly"})
    assert "The first email, for July to September 2026, will arrive" in done.text()
    again = form.submit(client, {"survey": "cp-conference", "frequency": "quarterly"})
    assert again.error_summary() == ["You already get this report that often."]
    (saved,) = db.session.scalars(select(ReportSubscription)).all()
    assert (saved.survey_key, saved.frequency, saved.last_period_sent) == (
        "cp-conference",
        "quarterly",
        None,
    )

    listed = get(client, "/reports/subscriptions")
    assert "Every quarter" in listed.text()
    assert "&lt;" not in listed.response.text
    stopped = listed.form(-1).submit(client)
    assert "You will not get that email any more." in stopped.text()
    assert db.session.scalars(select(ReportSubscription)).all() == []
    actions = db.session.scalars(select(AuditEvent.action)).all()
    assert "report_subscription.created" in actions and "report_subscription.deleted" in actions


def test_nobody_can_stop_someone_elses_email_and_other_roles_cannot_subscribe(app):
    owner = subscribed("owner@example.org")
    make_staff("other@example.org", "participation_lead")
    client = app.test_client()
    sign_in(client, "other@example.org")
    page = get(client, "/reports/subscriptions")
    csrf = page.select("input", name="csrf_token")[0].get("value")
    response = client.post(f"/reports/subscriptions/{owner}/delete", data={"csrf_token": csrf})
    assert response.status_code == 404
    assert db.session.get(ReportSubscription, owner) is not None

    make_staff("chair@example.org", "iro")
    chair = app.test_client()
    sign_in(chair, "chair@example.org")
    assert chair.get("/reports/subscriptions").status_code == 403


def test_worker_sends_each_completed_period_once_over_real_smtp(mail_setup):
    _app, mailbox, _ = mail_setup
    # The worker reads the real clock: answers go in the last whole month before today.
    period = last_completed_period("monthly", clock.utcnow().date())
    two_teams(datetime.combine(period.start, datetime.min.time()) + timedelta(days=2, hours=9))
    subscribed("admin@example.org")

    assert enqueue(send_report_emails_task)
    (message,) = mailbox.wait_for(1)
    assert message["To"] == "admin@example.org"
    text = body_text(message)
    assert "Responses: 23" in text
    assert f"https://feedback.example.gov.uk/reports/{SURVEY}/{period.label}" in text
    assert WRITTEN not in text

    sent = wait_for_worker_commit(
        lambda: db.session.scalars(select(ReportSubscription)).one().last_period_sent
    )
    assert sent == period.label
    enqueue(send_report_emails_task)
    with pytest.raises(AssertionError):
        mailbox.wait_for(2, timeout=5)
