"""A reviewing officer's own feedback appears only once enough people have answered."""

from __future__ import annotations

from datetime import datetime

import pytest

from app import clock
from app.extensions import db
from app.invite.meetings import Person, create_meeting
from app.respond.drafts import create_draft, save_answers
from app.respond.sending import store_draft
from app.survey.publishing import current_version
from tests.auth.conftest import make_staff, sign_in
from tests.conftest import SURVEYS, publish
from tests.pages import get

AUGUST = datetime(2026, 8, 3, 10)


def answer_meeting(chair_id: int, listened: list[str], at: datetime) -> None:
    """One meeting's children answering, dated ``at``."""
    version = current_version(db.session, "lac-review-young-person")
    _, invitations = create_meeting(
        db.session,
        kind="lac_review",
        held_on=at.date(),
        team_id=None,
        chair_id=chair_id,
        child_age=15,
        case_reference=None,
        people=[Person("child", "en", None) for _ in listened],
        key="k",
        days=28,
    )
    for new, value in zip(invitations, listened, strict=True):
        draft, _ = create_draft(db.session, version.id, "k", 14, invitation_id=new.invitation.id)
        save_answers(draft, {"felt_listened_to": value}, "listened-to", 14)
        response, *_ = store_draft(db.session, draft)
        response.submitted_at = at
    db.session.commit()


@pytest.fixture
def november(monkeypatch):
    """Today is 20 November 2026: the page covers July to September 2026."""
    monkeypatch.setattr(clock, "utcnow", lambda: datetime(2026, 11, 20, 12))


def test_feedback_waits_for_the_threshold_then_shows_percentages(app, client, november):
    publish(SURVEYS / "lac-review-young-person.yaml")
    chair = make_staff("iro@example.org", "iro")
    other = make_staff("other@example.org", "iro")
    answer_meeting(chair.id, ["agree"] * 5 + ["disagree"] * 4, AUGUST)
    answer_meeting(other.id, ["agree"] * 20, AUGUST)
    sign_in(client, "iro@example.org")
    page = get(client, "/staff/my-feedback")
    assert "answered in 2026-Q3" in page.text()
    assert "Fewer than 10 answered in 2026-Q3" in page.text()
    assert (
        "%"
        not in page.text().split("Feedback on meetings I chaired", 1)[1].split("Need to talk")[0]
    )

    answer_meeting(chair.id, ["strongly_agree"] * 12 + ["disagree"] * 6, AUGUST)
    page = get(client, "/staff/my-feedback")
    assert "Based on about 27 answers." in page.text()
    assert "Felt listened to 63% 80%" in page.text()


def test_an_answer_after_the_quarter_changes_nothing_on_the_page(app, client, november):
    """Looking before and after one child from a known meeting answers tells the officer
    nothing: the page covers the last complete quarter, which that answer is not in."""
    publish(SURVEYS / "lac-review-young-person.yaml")
    chair = make_staff("iro@example.org", "iro")
    answer_meeting(chair.id, ["agree"] * 20 + ["disagree"] * 10, AUGUST)
    sign_in(client, "iro@example.org")
    before = get(client, "/staff/my-feedback").text()
    answer_meeting(chair.id, ["strongly_disagree"], datetime(2026, 11, 19, 10))
    after = get(client, "/staff/my-feedback").text()
    assert "Felt listened to 67% 80%" in before
    assert before == after
