"""Key rotation and ``sayso encryption``: new keys, and encrypting what is already stored."""

from __future__ import annotations

from cryptography.fernet import Fernet
from sqlalchemy import select

from app.crypto import cli as crypto_cli
from app.extensions import db
from app.respond.drafts import create_draft, save_answers
from app.responses.models import Answer, Draft
from app.survey.publishing import current_version
from tests.crypto.conftest import KEY_A, KEY_B, stored
from tests.crypto.test_columns import PHRASE, every_type_survey, submitted_answer

SETTING = "SAYSO_ENCRYPTION_KEY"


def encrypt_existing(app) -> str:  # type: ignore[no-untyped-def]
    result = app.test_cli_runner().invoke(args=["encryption", "encrypt-existing", "--batch", "2"])
    assert result.exit_code == 0, result.output
    return result.output


def saved_draft(survey_id: str, words: str) -> None:
    version = current_version(db.session, survey_id)
    draft, _ = create_draft(db.session, version.id, "k", 14)
    save_answers(draft, {"better": words}, "name", 14)
    db.session.commit()


def read_back() -> tuple[list[str | None], list[dict]]:
    db.session.expire_all()
    texts = db.session.scalars(select(Answer.text).where(Answer.text.is_not(None))).all()
    return sorted(texts), [d.answers for d in db.session.scalars(select(Draft))]


def test_rotating_to_a_new_key_keeps_every_value_readable(keyed_app):
    survey = every_type_survey()
    submitted_answer(survey)
    saved_draft(survey, "still typing this")
    before = stored("SELECT text FROM answer WHERE text IS NOT NULL")

    keyed_app.config[SETTING] = f"{KEY_B},{KEY_A}"
    assert read_back() == ([PHRASE], [{"better": "still typing this"}])
    output = encrypt_existing(keyed_app)
    assert "answer.text: 0 encrypted, 1 re-encrypted with the new key, 0 already current" in output
    assert "draft.answers: 0 encrypted, 1 re-encrypted" in output
    after = stored("SELECT text FROM answer WHERE text IS NOT NULL")
    assert after != before and PHRASE not in after[0]

    keyed_app.config[SETTING] = KEY_B
    assert read_back() == ([PHRASE], [{"better": "still typing this"}])
    assert "answer.text: 0 encrypted, 0 re-encrypted with the new key, 1 already current" in (
        encrypt_existing(keyed_app)
    )


def test_encrypt_existing_encrypts_text_stored_before_the_key_was_set(keyed_app):
    keyed_app.config[SETTING] = None
    survey = every_type_survey()
    for n in range(3):
        submitted_answer(survey, f"{PHRASE} {n}")
    saved_draft(survey, "half an answer")
    assert stored("SELECT text FROM answer WHERE text IS NOT NULL")[0].startswith(PHRASE)

    keyed_app.config[SETTING] = KEY_A
    output = encrypt_existing(keyed_app)
    assert "answer.text: 3 encrypted, 0 re-encrypted with the new key, 0 already current" in output
    assert "draft.answers: 1 encrypted" in output
    raw = stored("SELECT text FROM answer WHERE text IS NOT NULL")
    raw += stored("SELECT CAST(answers AS TEXT) FROM draft")
    assert len(raw) == 4 and not any(PHRASE in v or "half an answer" in v for v in raw)
    texts, drafts = read_back()
    assert texts == [f"{PHRASE} {n}" for n in range(3)] and drafts == [{"better": "half an answer"}]


def test_encrypt_existing_needs_a_key(app):
    app.config[SETTING] = None  # whatever the environment or a .env file says
    result = app.test_cli_runner().invoke(args=["encryption", "encrypt-existing"])
    assert result.exit_code == 1
    assert "SAYSO_ENCRYPTION_KEY is not set" in result.output


def test_encrypt_existing_with_a_key_that_cannot_read_the_data_says_so(keyed_app):
    submitted_answer(every_type_survey())
    keyed_app.config[SETTING] = KEY_B
    result = keyed_app.test_cli_runner().invoke(args=["encryption", "encrypt-existing"])
    assert result.exit_code == 1
    assert "encrypted with a key that is not in SAYSO_ENCRYPTION_KEY" in result.output
    assert "Traceback" not in result.output


def test_new_key_prints_a_fresh_usable_key(app):
    runner = app.test_cli_runner()
    first, second = (runner.invoke(args=["encryption", "new-key"]).output.strip() for _ in "ab")
    assert first != second and len(first) == 44
    token = Fernet(first.encode()).encrypt(b"x")
    assert Fernet(first.encode()).decrypt(token) == b"x"


def test_a_draft_saved_while_encrypt_existing_runs_is_not_overwritten(keyed_app, monkeypatch):
    keyed_app.config[SETTING] = None
    saved_draft(every_type_survey(), "first words")
    keyed_app.config[SETTING] = KEY_A
    read_plain = crypto_cli._plain_value

    def respondent_saves_meanwhile(column, raw, keys):  # type: ignore[no-untyped-def]
        draft = db.session.scalars(select(Draft)).one()
        draft.answers = {"better": "newer words"}
        db.session.flush()
        return read_plain(column, raw, keys)

    monkeypatch.setattr(crypto_cli, "_plain_value", respondent_saves_meanwhile)
    output = encrypt_existing(keyed_app)
    assert "draft.answers: 0 encrypted, 0 re-encrypted with the new key, 0 already current, " in (
        output
    )
    assert "1 changed meanwhile (run again to check them)" in output
    assert read_back()[1] == [{"better": "newer words"}]
    assert "newer words" not in stored("SELECT CAST(answers AS TEXT) FROM draft")[0]
