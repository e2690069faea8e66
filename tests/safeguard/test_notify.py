"""Safeguarding leads are emailed by a real worker, without the child's words."""

from __future__ import annotations

from sqlalchemy import select

from app.extensions import db
from app.safeguard.models import Alert
from tests.auth.conftest import make_staff
from tests.conftest import DATA, publish
from tests.mail_server import body_text
from tests.safeguard.test_alerts import answer_safety
from tests.workers import wait_for_worker_commit


def test_leads_get_an_email_with_a_link_and_never_the_words(mail_setup):
    app, mailbox, _ = mail_setup
    survey_id = publish(DATA / "surveys" / "safety-check.yaml")
    make_staff("lead.one@example.org", "safeguarding_lead", team=None)
    make_staff("lead.two@example.org", "safeguarding_lead", team=None)
    make_staff("iro@example.org", "iro", team="Safeguarding")
    done = answer_safety(app.test_client(), survey_id, "yes", "my stepdad hits me with a belt")
    assert "We want to make sure you are safe" in done.text()
    alert = db.session.scalars(select(Alert)).one()

    messages = mailbox.wait_for(2)
    assert sorted(m["To"] for m in messages) == ["lead.one@example.org", "lead.two@example.org"]
    text = body_text(messages[0])
    assert f"https://feedback.example.gov.uk/alerts/{alert.id}" in text
    assert "belt" not in text and "stepdad" not in text
    assert "anonymously" in text
    notified = wait_for_worker_commit(lambda: db.session.get(Alert, alert.id).notified_at)
    assert notified is not None
