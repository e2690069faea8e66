"""Assisted coding: a model learned from coded comments, with cross-validated quality."""

from __future__ import annotations

import json
from pathlib import Path

import numpy  # noqa: F401 - loads OpenBLAS, so its thread count can be read and set
import pytest
from threadpoolctl import threadpool_info, threadpool_limits

from app.themes import classifier
from app.themes.classifier import (
    CodedComment,
    LearnedModel,
    ModelPipeline,
    load_model,
    save_model,
    train_model,
)
from app.themes.evaluation import read_labelled

DATA = Path(__file__).resolve().parents[1] / "data"


def coded(text: str, *themes: str) -> CodedComment:
    return CodedComment(text, themes, "en")


# A local theme the codebook does not know ("wifi"), to show the model learns from people.
EXAMPLES = [
    coded(f"the wifi {problem} {where}", "wifi")
    for problem in ("is slow", "keeps dropping", "is rubbish", "never works")
    for where in ("at the home", "in my room", "at night")
] + [
    coded(f"i miss my {who} {when}", "contact_family")
    for who in ("mum", "dad", "brother", "sister")
    for when in ("so much", "every day", "at weekends")
]


@pytest.fixture(scope="module")
def model() -> LearnedModel:
    return train_model(EXAMPLES, folds=3)


def test_a_model_learns_a_theme_people_coded(model):
    pipeline = ModelPipeline(model)
    assert pipeline.theme("the wifi is slow again").theme_ids == ["wifi"]
    assert pipeline.theme("i miss my nan").theme_ids == ["contact_family"]


def test_cross_validated_precision_and_recall_per_theme(model):
    assert model.metrics["folds"] == 3
    assert set(model.metrics["themes"]) == {"wifi", "contact_family"}
    for scores in model.metrics["themes"].values():
        assert {"precision", "recall", "f1", "support"} <= set(scores)
        assert scores["precision"] >= 0.9 and scores["recall"] >= 0.9


def test_a_model_round_trips_through_bytes_and_a_folder(model, tmp_path: Path):
    assert LearnedModel.from_bytes(model.to_bytes()).themes == model.themes
    save_model(model, tmp_path / "m")
    loaded = load_model(tmp_path / "m")
    assert ModelPipeline(loaded).theme("wifi keeps dropping").theme_ids == ["wifi"]
    with pytest.raises(ValueError, match="not a Sayso theme model"):
        LearnedModel.from_bytes(b'{"format": "something else"}')


def test_a_model_in_the_first_plain_json_format_still_loads(model):
    """Models stored before the compact format keep working after an upgrade."""
    old = {
        "format": "sayso-theme-model/1",
        "codebook": model.codebook_id,
        "examples": model.examples,
        "metrics": model.metrics,
        "themes": {t: {"intercept": i, "weights": w} for t, (i, w) in model.themes.items()},
    }
    loaded = LearnedModel.from_bytes(json.dumps(old).encode("utf-8"))
    assert loaded.themes == model.themes
    assert ModelPipeline(loaded).theme("wifi keeps dropping").theme_ids == ["wifi"]


def test_training_gives_the_same_model_whatever_the_blas_threads(model):
    """Training holds BLAS to one thread itself, so a busy machine changes nothing."""
    with threadpool_limits(limits=2):
        again = train_model(EXAMPLES, folds=3)
    assert again.to_bytes() == model.to_bytes()


def test_training_reads_the_comments_on_one_blas_thread_too(monkeypatch):
    """The encoder's products are held to one thread as well as the fits: a second
    OpenBLAS thread on a busy machine made encoding slower and changed the last bits."""
    seen: list[int] = []
    reading = classifier.analyse_for_model

    def spy(*args, **kwargs):
        seen.extend(pool["num_threads"] for pool in threadpool_info())
        return reading(*args, **kwargs)

    monkeypatch.setattr(classifier, "analyse_for_model", spy)
    with threadpool_limits(limits=2):
        assert max(pool["num_threads"] for pool in threadpool_info()) == 2
        train_model(EXAMPLES, folds=3, encoder=False)
    assert seen and set(seen) == {1}


def test_model_output_is_redacted_and_scored_like_the_codebook(model):
    result = ModelPipeline(model).theme("Sarah says the wifi never works", comment_id=3)
    assert result.redacted == "[name] says the wifi never works"
    assert result.id == 3 and result.themes[0].confidence > 0.5


def test_learned_model_on_the_labelled_comments_beats_a_coin():
    rows = read_labelled(DATA / "themes_labelled.jsonl")
    trained = train_model([CodedComment(r.text, r.themes, r.language) for r in rows], folds=3)
    assert trained.metrics["macro_f1"] >= 0.8, trained.metrics


# Training every theme at once (the ridge solver, the default) against one liblinear fit per
# theme (the first method, kept as ``solver="logistic"``).

SCHOOL = [
    coded(f"my {who} {what}", "education")
    for who in ("teacher", "school", "tutor")
    for what in ("helps me with maths", "set too much homework", "says i am doing well")
]
BOTH = [
    coded("the wifi is slow and i miss my mum", "wifi", "contact_family"),
    coded("my teacher helps me but the wifi never works", "education", "wifi"),
    coded("i miss my dad and my school is hard", "contact_family", "education"),
]


@pytest.fixture(scope="module", params=["ridge", "logistic"])
def taught(request) -> LearnedModel:
    return train_model(EXAMPLES + SCHOOL + BOTH, folds=3, encoder=False, solver=request.param)


def test_a_model_codes_the_comments_it_was_taught_to_their_themes(taught):
    pipeline = ModelPipeline(taught)
    for example in EXAMPLES + SCHOOL + BOTH:
        assert set(pipeline.theme(example.text).theme_ids) == set(example.themes), example.text


def test_a_model_s_confidence_is_a_probability_on_either_side_of_its_line(taught):
    """People read the confidence as how sure the model is: over the theme's decision
    line for its own comments, and low for a theme the comment is not about."""
    probabilities = taught.probabilities(
        ModelPipeline(taught).features(ModelPipeline(taught).pipeline.analyse("the wifi is slow"))
    )
    assert probabilities["wifi"] >= taught.thresholds.get("wifi", 0.5)
    assert probabilities["education"] < 0.5 and probabilities["contact_family"] < 0.5
    assert all(0.0 < p < 1.0 for p in probabilities.values())


@pytest.mark.parametrize("solver", ["ridge", "logistic"])
def test_themes_too_rare_to_learn_leave_a_model_that_codes_other(solver):
    rare = [
        coded("the wifi is slow", "wifi"),
        coded("i miss my mum", "contact_family"),
        coded("nothing to say", "other"),
    ]
    model = train_model(rare, folds=3, solver=solver)
    assert model.themes == {}
    assert ModelPipeline(model).theme("the wifi is slow").theme_ids == ["other"]


def test_an_unknown_solver_is_refused_by_name():
    with pytest.raises(ValueError, match="unknown solver 'lbfgs'"):
        train_model(EXAMPLES, folds=3, encoder=False, solver="lbfgs")


def test_a_model_file_written_before_training_was_sped_up_still_codes_comments():
    """A model saved by the previous version (one liblinear fit per theme, with the
    encoder) loads and codes as it did: words it learnt and words nobody coded."""
    loaded = load_model(DATA / "themes" / "model_trained_by_liblinear.json.gz")
    assert loaded.encoder and set(loaded.thresholds) == {"wifi", "contact_family"}
    pipeline = ModelPipeline(loaded)
    assert pipeline.theme("the wifi is slow again", "en").theme_ids == ["wifi"]
    assert pipeline.theme("i miss my nan", "en").theme_ids == ["contact_family"]
    assert pipeline.theme("the internet connection is awful", "en").theme_ids == ["wifi"]
