"""The nightly purge removes what is past its period, and nothing else."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from app.coding.models import CommentCoding, QuoteDecision, ThemeCandidate
from app.extensions import db
from app.invite.models import Invitation
from app.report.build import cached_report
from app.responses.filters import Filters
from app.responses.models import Answer, Draft, Response
from app.responses.periods import parse_period
from app.retention.purge import PurgeCounts, count_expired, purge_expired
from app.safeguard.models import Alert, AlertNote, ModelScreen
from tests.retention.conftest import (
    ALERT_CUTOFF,
    NOW,
    RESPONSE_CUTOFF,
    SECOND,
    SETTINGS,
    comment,
    draft_expiring,
    invitation_with_email,
    raise_alert,
    theme_comments,
)


def ids(model, column=None) -> set[int]:  # type: ignore[no-untyped-def]
    return set(db.session.scalars(select(column or model.id)))


def test_purge_removes_only_what_is_past_its_period_and_a_second_run_nothing(young):
    old = comment(RESPONSE_CUTOFF - SECOND).id
    kept = comment(RESPONSE_CUTOFF + SECOND).id
    # Safeguarding records: the responses are far older than the response period.
    long_ago = ALERT_CUTOFF - timedelta(days=400)
    expired = raise_alert(comment(long_ago), closed_at=ALERT_CUTOFF - SECOND, note=True)
    closed = raise_alert(comment(long_ago), closed_at=ALERT_CUTOFF + SECOND)
    still_open = raise_alert(comment(long_ago - timedelta(days=3650)), closed_at=None)
    gone_alert, kept_alert, open_alert = expired.id, closed.id, still_open.id
    expired_response = expired.response_id
    kept_responses = {kept, closed.response_id, still_open.response_id}
    live_draft = draft_expiring(NOW + SECOND).id
    draft_expiring(NOW - SECOND)
    stopped = invitation_with_email(NOW - SECOND, "gone@example.org")
    usable = invitation_with_email(NOW + SECOND, "still@example.org")
    theme_comments()
    old_answer = db.session.scalar(
        select(CommentCoding.answer_id).where(CommentCoding.response_id == old)
    )
    kept_answer = db.session.scalar(
        select(CommentCoding.answer_id).where(CommentCoding.response_id == kept)
    )
    db.session.add_all(
        [
            ThemeCandidate(survey_key=young, label="Mixed", answer_ids=[old_answer, kept_answer]),
            ThemeCandidate(survey_key=young, label="Only old", answer_ids=[old_answer]),
        ]
    )
    db.session.commit()

    foreseen = count_expired(db.session, NOW, SETTINGS)
    counts = purge_expired(db.session, NOW, SETTINGS)
    db.session.commit()

    assert foreseen == counts
    assert counts == PurgeCounts(
        responses=2, answers=4, comment_codings=2, alerts=1, alert_notes=1,
        drafts=1, invitation_emails=1, theme_candidates=2,
    )  # fmt: skip
    assert counts.finished
    assert ids(Response) == kept_responses
    assert ids(Answer, Answer.response_id) == kept_responses
    assert ids(CommentCoding, CommentCoding.response_id) == kept_responses
    assert ids(Alert) == {kept_alert, open_alert} and gone_alert not in ids(Alert)
    assert expired_response not in ids(Response)
    assert db.session.scalar(select(func.count()).select_from(AlertNote)) == 0
    assert ids(Draft) == {live_draft}
    emails = dict(db.session.execute(select(Invitation.id, Invitation.email)).all())
    assert emails == {stopped: None, usable: "still@example.org"}
    candidates = db.session.execute(select(ThemeCandidate.label, ThemeCandidate.answer_ids)).all()
    assert [tuple(row) for row in candidates] == [("Mixed", [kept_answer])]

    again = purge_expired(db.session, NOW, SETTINGS)
    db.session.commit()
    assert again.total() == 0 and again.finished
    assert len(ids(Response)) == 3


def test_an_open_alert_and_its_response_are_kept_however_old(young):
    ancient = comment(NOW - timedelta(days=20 * 365))
    alert = raise_alert(ancient, closed_at=None)
    alert.status = "actioned"
    alert_id, response_id = alert.id, ancient.id
    db.session.commit()

    counts = purge_expired(db.session, NOW, SETTINGS)
    db.session.commit()

    assert counts.total() == 0
    assert ids(Alert) == {alert_id} and ids(Response) == {response_id}
    assert db.session.scalar(select(func.count()).select_from(Answer)) == 2


def test_a_large_purge_goes_in_bounded_batches_and_removes_exactly_the_old(young):
    old = [comment(RESPONSE_CUTOFF - timedelta(hours=hour)).id for hour in range(1, 8)]
    kept = [comment(RESPONSE_CUTOFF + timedelta(hours=hour)).id for hour in range(1, 4)]
    db.session.commit()

    rounds = []
    while True:
        counts = purge_expired(db.session, NOW, SETTINGS, batch_size=2, max_batches=2)
        db.session.commit()
        rounds.append(counts.responses)
        if counts.finished:
            break

    assert rounds == [4, 3]  # two batches of two, then the three left
    assert ids(Response) == set(kept) and not set(old) & ids(Response)


def test_a_purge_makes_a_stored_report_of_that_time_rebuild(young):
    # 2023-Q4 straddles the cutoff (2023-11-28): 12 answers before it and 12 after.
    for minute in range(12):
        comment(RESPONSE_CUTOFF - timedelta(days=20, minutes=minute))
        comment(RESPONSE_CUTOFF + timedelta(days=3, minutes=minute))
    db.session.commit()
    quarter = parse_period("2023-Q4")
    assert cached_report(db.session, young, quarter, Filters(), 10).responses == 24
    db.session.commit()

    purge_expired(db.session, NOW, SETTINGS)
    db.session.commit()

    assert cached_report(db.session, young, quarter, Filters(), 10).responses == 12


def test_a_purge_takes_the_approved_quotes_and_screening_rows_of_what_it_removes(young):
    """Rows that hang off a response by a foreign key go with it on every database:
    SQLite does not enforce ON DELETE CASCADE, so they are deleted by name."""
    old = comment(RESPONSE_CUTOFF - SECOND).id
    kept = comment(RESPONSE_CUTOFF + SECOND).id
    theme_comments()
    for response_id in (old, kept):
        answer = db.session.scalar(
            select(CommentCoding.answer_id).where(CommentCoding.response_id == response_id)
        )
        db.session.add(QuoteDecision(answer_id=answer, state="approved", text="quoted words"))
        db.session.add(ModelScreen(response_id=response_id))
    db.session.commit()

    purge_expired(db.session, NOW, SETTINGS)
    db.session.commit()

    quoted = select(CommentCoding.response_id).join(
        QuoteDecision, QuoteDecision.answer_id == CommentCoding.answer_id
    )
    assert set(db.session.scalars(quoted)) == {kept}
    assert db.session.scalar(select(func.count()).select_from(QuoteDecision)) == 1
    assert ids(ModelScreen, ModelScreen.response_id) == {kept}
