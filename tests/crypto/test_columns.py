"""Free text is stored encrypted when a key is set, and read back as it was written."""

from __future__ import annotations

import threading

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import select

from app.coding.models import CommentCoding
from app.config import ConfigurationError
from app.crypto import EncryptionKeyError, decrypt_text, encrypt_text
from app.extensions import db
from app.respond.drafts import create_draft, save_answers
from app.respond.sending import store_draft
from app.responses.models import Answer, Draft
from app.safeguard.models import Alert, AlertNote
from app.survey.publishing import current_version
from tests.conftest import DATA, make_app, publish
from tests.crypto.conftest import KEY_A, stored

PHRASE = "my foster carer Jo shouts at night"


def submitted_answer(survey_id: str, words: str = PHRASE) -> Answer:
    version = current_version(db.session, survey_id)
    draft, _ = create_draft(db.session, version.id, "k", 14)
    save_answers(draft, {"feeling": "good", "better": words}, "name", 14)
    response, _ = store_draft(db.session, draft)
    db.session.commit()
    return next(a for a in response.answers if a.text)


def every_type_survey() -> str:
    return publish(DATA / "surveys" / "every-type.yaml")


def test_answer_text_is_ciphertext_in_the_database_and_plain_through_the_models(keyed_app):
    answer_id = submitted_answer(every_type_survey()).id
    (raw,) = stored("SELECT text FROM answer WHERE text IS NOT NULL")
    assert PHRASE not in raw and "foster" not in raw
    assert raw.startswith("sayso-enc:")
    # Choices stay plain, so reports still count them in the database.
    assert stored("SELECT choice FROM answer WHERE choice IS NOT NULL") == ["good"]
    db.session.expire_all()
    assert db.session.get(Answer, answer_id).text == PHRASE
    assert db.session.scalar(select(Answer.text).where(Answer.id == answer_id)) == PHRASE


def test_draft_answers_are_encrypted_json(keyed_app):
    version = current_version(db.session, every_type_survey())
    draft, _ = create_draft(db.session, version.id, "k", 14)
    save_answers(draft, {"feeling": "okay", "better": PHRASE}, "name", 14)
    db.session.commit()
    (raw,) = stored("SELECT CAST(answers AS TEXT) FROM draft")
    assert PHRASE not in raw and "okay" not in raw and "$sayso_enc" in raw
    db.session.expire_all()
    assert db.session.scalars(select(Draft)).one().answers == {
        "feeling": "okay",
        "better": PHRASE,
    }


def test_alert_outcome_notes_and_redacted_comments_are_encrypted(keyed_app):
    answer = submitted_answer(every_type_survey())
    alert = Alert(
        response_id=answer.response_id,
        survey_id="every-type",
        severity="high",
        outcome="Rang Jo's social worker",
    )
    alert.notes.append(AlertNote(text="Spoke to Jo at school"))
    db.session.add(alert)
    db.session.add(
        CommentCoding(
            answer_id=answer.id,
            response_id=answer.response_id,
            survey_id="every-type",
            question_id="better",
            language="en",
            redacted="my foster carer [name] shouts at night",
        )
    )
    db.session.commit()
    raw = stored("SELECT outcome FROM alert") + stored("SELECT text FROM alert_note")
    raw += stored("SELECT redacted FROM comment_coding")
    words = ("social worker", "at school", "foster carer")
    assert len(raw) == 3 and not any(w in v for w in words for v in raw)
    db.session.expire_all()
    alert = db.session.scalars(select(Alert)).one()
    assert alert.outcome == "Rang Jo's social worker"
    assert alert.notes[0].text == "Spoke to Jo at school"
    assert db.session.get(CommentCoding, answer.id).redacted.startswith("my foster carer")


def test_turning_the_key_on_encrypts_new_text_and_old_text_still_reads(keyed_app):
    keyed_app.config["SAYSO_ENCRYPTION_KEY"] = None
    survey = every_type_survey()
    old_id = submitted_answer(survey, "written before the key").id
    assert stored("SELECT text FROM answer WHERE text IS NOT NULL") == ["written before the key"]

    keyed_app.config["SAYSO_ENCRYPTION_KEY"] = KEY_A
    new_id = submitted_answer(survey).id
    raw = stored("SELECT text FROM answer WHERE text IS NOT NULL ORDER BY id")
    assert raw[0] == "written before the key" and PHRASE not in raw[1]
    db.session.expire_all()
    assert db.session.get(Answer, old_id).text == "written before the key"
    assert db.session.get(Answer, new_id).text == PHRASE


def test_text_that_looks_like_ciphertext_stays_text(keyed_app):
    keyed_app.config["SAYSO_ENCRYPTION_KEY"] = None
    answer_id = submitted_answer(every_type_survey(), "sayso-enc:gAAAA-not-a-token").id
    keyed_app.config["SAYSO_ENCRYPTION_KEY"] = KEY_A
    db.session.expire_all()
    assert db.session.get(Answer, answer_id).text == "sayso-enc:gAAAA-not-a-token"


def test_reading_with_a_wrong_key_is_a_clear_error_naming_the_setting(keyed_app):
    answer_id = submitted_answer(every_type_survey()).id
    keyed_app.config["SAYSO_ENCRYPTION_KEY"] = Fernet.generate_key().decode()
    db.session.expire_all()
    with pytest.raises(EncryptionKeyError, match="SAYSO_ENCRYPTION_KEY") as raised:
        db.session.get(Answer, answer_id)
    assert "not in SAYSO_ENCRYPTION_KEY" in str(raised.value) and PHRASE not in str(raised.value)


def test_reading_encrypted_text_with_no_key_is_a_clear_error(keyed_app):
    answer_id = submitted_answer(every_type_survey()).id
    keyed_app.config["SAYSO_ENCRYPTION_KEY"] = None
    db.session.expire_all()
    with pytest.raises(EncryptionKeyError, match="SAYSO_ENCRYPTION_KEY is not set"):
        db.session.get(Answer, answer_id)


def test_values_are_not_encrypted_or_decrypted_outside_an_app_context(keyed_app):
    submitted_answer(every_type_survey())
    engine = db.engine
    errors: list[BaseException] = []

    def outside() -> None:
        try:
            with engine.connect() as connection:
                connection.execute(select(Answer.text).where(Answer.text.is_not(None))).all()
        except BaseException as exc:
            errors.append(exc)

    thread = threading.Thread(target=outside)
    thread.start()
    thread.join()
    assert len(errors) == 1 and isinstance(errors[0], EncryptionKeyError)
    assert "app context" in str(errors[0])


def test_a_malformed_key_stops_the_app_at_startup(tmp_path):
    with pytest.raises(ConfigurationError, match="SAYSO_ENCRYPTION_KEY: key 2 of 2"):
        make_app(f"sqlite:///{tmp_path / 'x.db'}", SAYSO_ENCRYPTION_KEY=f"{KEY_A},not-a-key")


def test_escaping_round_trips_without_a_key():
    for words in ("sayso-plain:x", "sayso-enc:x", "sayso-", "plain", ""):
        assert decrypt_text(encrypt_text(words, None), None) == words


def test_stored_reports_keep_their_quotes_encrypted(keyed_app):
    from app.report.models import ReportSnapshot

    data = {"themes": [{"id": "safety", "quotes": [{"text": "my foster carer [name] shouts"}]}]}
    snapshot = ReportSnapshot(
        survey_key="lac-review",
        period="2026-Q3",
        filters_key="",
        threshold=10,
        fingerprint="f",
        data=data,
    )
    db.session.add(snapshot)
    db.session.commit()
    (raw,) = stored("SELECT CAST(data AS TEXT) FROM report_snapshot")
    assert "foster carer" not in raw and "$sayso_enc" in raw
    db.session.expire_all()
    assert db.session.get(ReportSnapshot, snapshot.id).data == data
