"""Drafts: answers saved page by page, found again by a browser token or a resume code."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, delete, select, text
from sqlalchemy.orm import Session, defer

from app.clock import utcnow
from app.crypto import hash_secret
from app.responses.models import Draft
from app.survey.models import SurveyVersion

# No look-alikes (0/O, 1/I/L, 2/Z, 5/S, 8/B) and no vowels, so codes cannot spell words.
RESUME_ALPHABET = "CDFGHJKMNPQRTVWXY3469"
RESUME_CODE_LENGTH = 8


def normalise_resume_code(code: str) -> str:
    """Accept codes typed with spaces, dashes or in lower case."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def format_resume_code(code: str) -> str:
    """Show a code as two groups of four, easier to read aloud and copy."""
    return f"{code[:4]}-{code[4:]}"


def create_draft(
    session: Session,
    survey_version_id: int,
    key: str,
    days: int,
    language: str = "en",
    invitation_id: int | None = None,
) -> tuple[Draft, str]:
    """Start a draft; returns it and the browser token (only its hash is stored)."""
    token = secrets.token_urlsafe(32)
    now = utcnow()
    draft = Draft(
        token_hash=hash_secret(token, key),
        survey_version_id=survey_version_id,
        submission_key=secrets.token_urlsafe(32),
        answers={},
        language=language,
        invitation_id=invitation_id,
        created_at=now,
        updated_at=now,
        expires_at=now + timedelta(days=days),
    )
    session.add(draft)
    session.flush()
    return draft, token


def find_draft_by_token(session: Session, token: str, key: str) -> Draft | None:
    """The live draft for a browser token; expired drafts are treated as gone."""
    draft = session.scalar(select(Draft).where(Draft.token_hash == hash_secret(token, key)))
    return draft if draft and draft.expires_at > utcnow() else None


# Built once: building a statement costs more than the query's round trip on loopback.
_DRAFT_WITH_VERSION = (
    select(Draft, SurveyVersion)
    .join(SurveyVersion, SurveyVersion.id == Draft.survey_version_id)
    .where(Draft.token_hash == bindparam("token_hash"))
    .options(defer(SurveyVersion.definition))
)


def find_draft_with_version(
    session: Session, token: str, key: str
) -> tuple[Draft, SurveyVersion] | None:
    """The live draft for a browser token and the survey version it answers, in one query.

    Every respondent page starts here. The version's definition is not loaded: the parsed
    definition is cached by version (``survey_for_version``), which loads it on a miss.
    """
    row = session.execute(_DRAFT_WITH_VERSION, {"token_hash": hash_secret(token, key)}).first()
    if row is None or row[0].expires_at <= utcnow():
        return None
    return row[0], row[1]


def commit_without_waiting_for_disk(session: Session) -> None:
    """Let this transaction's commit return before PostgreSQL flushes it to disk.

    For draft saves only, never for a submission. Waiting for the flush was most of the
    time a save took under load. The trade: if the database server itself crashes, the
    draft saves of its last fraction of a second (at most three times
    ``wal_writer_delay``, 0.6 s by default) are lost, and those respondents see the page
    before; the database stays consistent. Other databases keep their usual behaviour.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SET LOCAL synchronous_commit TO OFF"))


def only_reading(session: Session) -> bool:
    """This request only reads: its queries run outside a transaction, each seeing what
    is committed, which saves the BEGIN and ROLLBACK round trips a respondent's page would
    otherwise wait for. Call before the request's first query, and end the session's
    transaction when the request ends (``session.rollback()``, no round trip), so nothing
    after it writes this way. A request that writes must not call it (each write would
    commit on its own). A session already in a transaction (one a test holds open around
    its requests) keeps it, and False is returned."""
    if session.in_transaction():
        return False
    session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
    return True


def rotate_browser_token(session: Session, draft: Draft, key: str) -> str:
    """Give the draft a new browser token (the old browser's token stops working)."""
    token = secrets.token_urlsafe(32)
    draft.token_hash = hash_secret(token, key)
    session.flush()
    return token


def issue_resume_code(session: Session, draft: Draft, key: str) -> str:
    """A new resume code for ``draft`` (any earlier code stops working)."""
    code = "".join(secrets.choice(RESUME_ALPHABET) for _ in range(RESUME_CODE_LENGTH))
    draft.resume_code_hash = hash_secret(code, key)
    session.flush()
    return code


@dataclass(frozen=True)
class Resumed:
    """A draft opened with a resume code: its new browser token and its new code."""

    draft: Draft
    token: str
    code: str


def resume_with_code(session: Session, code: str, key: str) -> Resumed | None:
    """Open a draft on a new device, once: it gets a fresh browser token and a fresh
    resume code, the code used stops working, and the device that had the draft is
    remembered so it can be told. None when no live draft has this code."""
    cleaned = normalise_resume_code(code)
    if len(cleaned) != RESUME_CODE_LENGTH:
        return None
    draft = session.scalar(select(Draft).where(Draft.resume_code_hash == hash_secret(cleaned, key)))
    if draft is None or draft.expires_at <= utcnow():
        return None
    draft.moved_token_hash = draft.token_hash
    fresh_code = issue_resume_code(session, draft, key)
    return Resumed(draft, rotate_browser_token(session, draft, key), fresh_code)


def opened_elsewhere(session: Session, token: str, key: str) -> bool:
    """Whether this browser's draft was moved to another device with a resume code."""
    return (
        session.scalar(
            select(Draft.id).where(
                Draft.moved_token_hash == hash_secret(token, key), Draft.expires_at > utcnow()
            )
        )
        is not None
    )


def save_answers(draft: Draft, answers: dict[str, Any], page_id: str, days: int) -> None:
    """Merge a page's answers into the draft and push its expiry back."""
    merged = dict(draft.answers or {})
    for question_id, value in answers.items():
        if value in (None, [], ""):
            merged.pop(question_id, None)
        else:
            merged[question_id] = value
    now = utcnow()
    draft.answers = merged
    draft.last_page = page_id
    draft.updated_at = now
    draft.expires_at = now + timedelta(days=days)


def purge_expired_drafts(session: Session, now: datetime | None = None) -> int:
    """Delete every draft past its expiry; returns how many went."""
    result = session.execute(delete(Draft).where(Draft.expires_at <= (now or utcnow())))
    return result.rowcount or 0
