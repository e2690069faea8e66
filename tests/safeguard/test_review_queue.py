"""Low-severity and uncertain answers go to a review queue, not an alert: no email at
once, no escalation, one digest a day; a lead decides, the decision is audited and kept
as a labelled example for the screen."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app import clock
from app.auth.models import AuditEvent
from app.extensions import db
from app.responses.models import Answer
from app.safeguard.models import Alert, ReviewItem, ScreenExample
from app.safeguard.notify import due_escalations
from tests.auth.conftest import make_staff, sign_in
from tests.mail_server import body_text, smtp_server
from tests.pages import get
from tests.safeguard.test_alerts import answer_safety

PAST_HARM = "I used to cut myself years ago"
SOMALI = "Waxaan jeclahay dugsiga laakiin macallinka ayaa i garaacay"


@pytest.fixture
def mailbox(app):  # type: ignore[no-untyped-def]
    with smtp_server() as (smtp_url, box):
        app.config["SAYSO_SMTP_URL"] = smtp_url
        yield box


def count(model: type) -> int:
    return db.session.scalar(select(func.count()).select_from(model)) or 0


def decide(app, item_id: int, decision: str):  # type: ignore[no-untyped-def]
    lead = app.test_client()
    sign_in(lead, "lead@example.org")
    listing = get(lead, "/alerts")
    assert "Answers to review (1)" in listing.text()
    queue = get(lead, "/alerts/review")
    assert f"/alerts/review/{item_id}" in queue.response.get_data(as_text=True)
    page = get(lead, f"/alerts/review/{item_id}")
    return page, page.form().submit(lead, {"decision": decision})


@pytest.mark.parametrize("text", [PAST_HARM, SOMALI])
def test_an_uncertain_answer_waits_for_a_lead_and_is_not_escalated(app, safety, mailbox, text):
    make_staff("lead@example.org", "safeguarding_lead", team=None)
    answer_safety(app.test_client(), safety, "yes", text)
    assert count(Alert) == 0 and mailbox.messages == []
    item = db.session.scalars(select(ReviewItem)).one()
    assert item.status == "waiting"
    later = clock.utcnow() + timedelta(days=2)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(clock, "utcnow", lambda: later)
        assert due_escalations(db.session) == []

    page, done = decide(app, item.id, "not_concern")
    assert text in page.text()
    assert "Recorded as not a concern." in done.text()
    db.session.expire_all()
    assert db.session.get(ReviewItem, item.id).status == "not_concern"
    example = db.session.scalars(select(ScreenExample)).one()
    assert (example.text, example.label) == (text, "not_concern")
    # Not a disclosure after all: the words may appear in reports again.
    assert db.session.scalar(select(Answer.flagged).where(Answer.text == text)) is False
    actions = set(db.session.scalars(select(AuditEvent.action)))
    assert {"review.listed", "review.viewed", "review.decided"} <= actions
    assert count(Alert) == 0 and mailbox.messages == []


def test_a_lead_who_finds_a_concern_raises_an_alert_that_is_told_at_once(app, safety, mailbox):
    make_staff("lead@example.org", "safeguarding_lead", team=None)
    answer_safety(app.test_client(), safety, "yes", PAST_HARM)
    item = db.session.scalars(select(ReviewItem)).one()
    assert db.session.scalar(select(Answer.flagged).where(Answer.text == PAST_HARM)) is True
    _page, done = decide(app, item.id, "concern")
    alert = db.session.scalars(select(Alert)).one()
    assert f"Alert {alert.id} raised" in done.text()
    assert [m["Subject"] for m in mailbox.messages] == [f"New safeguarding alert {alert.id}"]
    assert db.session.scalars(select(ScreenExample.label)).all() == ["concern"]


def test_a_decision_needs_an_answer(app, safety, mailbox):
    make_staff("lead@example.org", "safeguarding_lead", team=None)
    answer_safety(app.test_client(), safety, "yes", PAST_HARM)
    item = db.session.scalars(select(ReviewItem)).one()
    _page, again = decide(app, item.id, "")
    assert "Select whether this is a safeguarding concern" in again.error_summary()


def test_one_digest_a_day_tells_each_lead_how_many_answers_wait(app, safety, mailbox):
    make_staff("lead@example.org", "safeguarding_lead", team=None)
    for text in (PAST_HARM, SOMALI):
        answer_safety(app.test_client(), safety, "yes", text)
    digest = app.extensions["celery"].tasks["send-review-digest"]
    assert digest.apply().get(disable_sync_subtasks=False) == 1
    [message] = mailbox.messages
    assert message["To"] == "lead@example.org" and message["Subject"] == "2 answers to review"
    assert "/alerts/review" in body_text(message)
    assert "cut myself" not in body_text(message)
    assert digest.apply().get(disable_sync_subtasks=False) == 0  # the same day again: nothing more
    assert len(mailbox.messages) == 1
