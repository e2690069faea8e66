"""Theming keeps each comment's encoder vector (encrypted), so training a theme model
encodes only comments that have none, and learns the same model either way."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, func, select

from app.coding.coding import set_human_codes
from app.coding.learning import train_theme_model
from app.coding.models import CommentCoding, CommentVector, ThemeModel
from app.extensions import db
from app.text import encoder as encoder_module
from app.text.encoder import load_encoder
from app.text.vector_memory import from_text
from app.themes.classifier import LearnedModel, ModelPipeline
from tests.coding.factories import comments
from tests.coding.test_learning import reviewed_world


@pytest.fixture
def encoded(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every text the sentence encoder is asked to encode, in order."""
    seen: list[str] = []
    original = encoder_module.SentenceEncoder.encode

    def counting(self, texts):  # type: ignore[no-untyped-def]
        seen.extend(texts)
        return original(self, texts)

    monkeypatch.setattr(encoder_module.SentenceEncoder, "encode", counting)
    return seen


def kept() -> int:
    return db.session.scalar(select(func.count()).select_from(CommentVector))


def test_theming_keeps_each_comment_s_vector_and_training_encodes_nothing_again(
    app, every_type, encoded
):
    reviewed_world(every_type)
    codings = db.session.scalar(select(func.count()).select_from(CommentCoding))
    assert kept() == codings == 24
    row = db.session.scalars(select(CommentVector)).first()
    coding = db.session.get(CommentCoding, row.answer_id)
    vector = from_text(row.vector)
    assert vector is not None
    assert abs(vector - load_encoder().encode([coding.redacted])[0]).max() < 1e-5
    encoded.clear()

    train_theme_model(db.session, None)
    db.session.commit()

    assert encoded == []


def test_a_comment_without_a_kept_vector_is_encoded_once_and_kept(app, every_type, encoded):
    """Comments themed before vectors were kept: the first training encodes them."""
    reviewed_world(every_type)
    new = comments(every_type, ["the wifi in my room never works at night"])[0]
    set_human_codes(db.session, new.id, ["accommodation"], None)
    db.session.execute(delete(CommentVector).where(CommentVector.answer_id == new.id))
    db.session.commit()
    encoded.clear()

    train_theme_model(db.session, None)
    db.session.commit()

    assert encoded == [db.session.get(CommentCoding, new.id).redacted]
    assert db.session.get(CommentVector, new.id) is not None
    assert kept() == 25


def test_a_model_learned_from_kept_vectors_codes_as_one_learned_without_them(
    app, every_type, encoded
):
    """Kept vectors were worked out one comment at a time when it was themed; a training
    from scratch encodes in batches, whose sums round differently in the last bits
    (about 1e-7). The same reviews give the same training twice over, and a model that
    codes as the other does."""
    reviewed_world(every_type)
    models = []
    for forget in (False, False, True):
        db.session.execute(delete(ThemeModel))  # else an unchanged training is skipped
        if forget:
            db.session.execute(delete(CommentVector))
        db.session.commit()
        encoded.clear()
        models.append(LearnedModel.from_bytes(train_theme_model(db.session, None).blob))
        db.session.commit()
        assert bool(encoded) == forget
    kept, again, scratch = models
    assert kept.to_bytes() == again.to_bytes()
    assert kept.thresholds == scratch.thresholds and set(kept.themes) == set(scratch.themes)
    pipeline = ModelPipeline(kept)
    for text in ["the wifi keeps cutting out in my room", "i love playing football"]:
        features = pipeline.features(pipeline.pipeline.analyse(text, "en"))
        ours, theirs = kept.probabilities(features), scratch.probabilities(features)
        assert max(abs(ours[t] - theirs[t]) for t in ours) < 1e-3
        assert kept.decide(ours) == scratch.decide(theirs)


def test_a_vector_of_other_text_is_not_used(app, every_type, encoded):
    """A kept vector whose digest no longer matches (another encoder, a comment whose
    redaction changed) is encoded again and replaced."""
    reviewed_world(every_type)
    train_theme_model(db.session, None)
    db.session.commit()
    stale = db.session.scalars(select(CommentVector)).first()
    stale.digest = "0" * 64
    answer_id = stale.answer_id
    db.session.execute(delete(ThemeModel))
    db.session.commit()
    encoded.clear()

    train_theme_model(db.session, None)
    db.session.commit()

    assert encoded == [db.session.get(CommentCoding, answer_id).redacted]
    assert db.session.get(CommentVector, answer_id).digest != "0" * 64
