"""A reviewing officer's own feedback appears only once enough people have answered."""

from __future__ import annotations

from datetime import date

from app.extensions import db
from app.invite.meetings import Person, create_meeting
from app.respond.drafts import create_draft, save_answers
from app.respond.responses import submit_draft
from app.survey.publishing import current_version
from tests.auth.conftest import make_staff, sign_in
from tests.conftest import SURVEYS, publish
from tests.pages import get


def answer_meeting(chair_id: int, listened: list[str]) -> None:
    version = current_version(db.session, "lac-review-young-person")
    _, invitations = create_meeting(
        db.session,
        kind="lac_review",
        held_on=date(2026, 11, 1),
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
        submit_draft(db.session, draft)
    db.session.commit()


def test_feedback_waits_for_the_threshold_then_shows_percentages(app, client):
    publish(SURVEYS / "lac-review-young-person.yaml")
    chair = make_staff("iro@example.org", "iro")
    other = make_staff("other@example.org", "iro")
    answer_meeting(chair.id, ["agree"] * 5 + ["disagree"] * 4)
    answer_meeting(other.id, ["agree"] * 20)
    sign_in(client, "iro@example.org")
    page = get(client, "/staff/my-feedback")
    assert "once at least 10 people have answered" in page.text()
    assert "fewer than 10" in page.text()
    assert (
        "%"
        not in page.text().split("Feedback on meetings I chaired", 1)[1].split("Need to talk")[0]
    )

    answer_meeting(chair.id, ["strongly_agree"])
    page = get(client, "/staff/my-feedback")
    assert "Based on 10 answers." in page.text()
    assert "Felt listened to 60% 80%" in page.text()
