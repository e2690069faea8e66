"""Drafts expire and are deleted; resume codes are short, readable and single-owner."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from app.clock import utcnow
from app.extensions import db
from app.respond import drafts
from app.responses.models import Draft
from app.retention.tasks import purge_expired_drafts_task
from app.survey.publishing import current_version


def new_draft(survey_id: str, days: int = 14) -> tuple[Draft, str]:
    version = current_version(db.session, survey_id)
    draft, token = drafts.create_draft(db.session, version.id, "key", days)
    db.session.commit()
    return draft, token


def test_only_hashes_of_tokens_and_codes_are_stored(every_type):
    draft, token = new_draft(every_type)
    code = drafts.issue_resume_code(db.session, draft, "key")
    db.session.commit()
    stored = {draft.token_hash, draft.resume_code_hash}
    assert token not in stored and code not in stored
    assert drafts.find_draft_by_token(db.session, token, "key") == draft


def test_resume_codes_avoid_look_alike_characters(every_type):
    draft, _ = new_draft(every_type)
    for _ in range(50):
        code = drafts.issue_resume_code(db.session, draft, "key")
        assert len(code) == 8
        assert not set(code) & set("01OILZ25SB8AEU")


def test_expired_drafts_cannot_be_opened_and_are_purged(runner, every_type):
    draft, token = new_draft(every_type)
    code = drafts.issue_resume_code(db.session, draft, "key")
    draft.expires_at = utcnow() - timedelta(seconds=1)
    fresh, _ = new_draft(every_type)
    db.session.commit()
    assert drafts.find_draft_by_token(db.session, token, "key") is None
    assert drafts.resume_with_code(db.session, code, "key") is None

    result = runner.invoke(args=["drafts", "purge"])
    assert "Deleted 1 expired drafts." in result.output
    assert db.session.scalar(select(func.count()).select_from(Draft)) == 1
    assert db.session.get(Draft, fresh.id) is not None


def test_saving_pushes_expiry_back(every_type):
    draft, _ = new_draft(every_type, days=14)
    draft.expires_at = utcnow() + timedelta(days=1)
    drafts.save_answers(draft, {"feeling": "good"}, "feeling", 14)
    assert draft.expires_at > utcnow() + timedelta(days=13)


def test_purge_task_runs_in_process_without_redis(app, every_type):
    draft, _ = new_draft(every_type)
    draft.expires_at = utcnow() - timedelta(days=1)
    db.session.commit()
    from app.tasks import enqueue

    assert enqueue(purge_expired_drafts_task) is True
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(Draft)) == 0
