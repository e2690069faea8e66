"""Themes by meaning: the local sentence encoder beside the codebook's patterns, in
codebook theming, assisted coding and emerging themes."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import app.themes.semantic as semantic
from app.themes.classifier import CodedComment, LearnedModel, ModelPipeline, train_model
from app.themes.emerging import emerging_themes
from app.themes.evaluation import macro_f1, read_labelled, score_themes
from app.themes.pipeline import ThemePipeline
from app.themes.semantic import Calibration, ThemeSpace, embed_cached

DATA = Path(__file__).resolve().parents[1] / "data"

# Written for this test, in words the codebook's patterns do not know.
PATTERNS_MISS = [
    ("i dont have any mates round here", "loneliness"),
    ("my bro lives far away and i only see him at xmas", "contact_family"),
]


@pytest.fixture(scope="module")
def plain() -> ThemePipeline:
    return ThemePipeline(semantic=False)


@pytest.mark.parametrize(("text", "theme"), PATTERNS_MISS)
def test_the_encoder_finds_a_theme_the_patterns_miss(pipeline, plain, text, theme):
    assert plain.theme(text, "en").theme_ids == ["other"]
    found = pipeline.theme(text, "en")
    assert found.theme_ids == [theme]
    assert 0.5 <= found.themes[0].confidence <= 0.95


def test_a_comment_about_something_else_stays_other(pipeline):
    for text in ("the wifi keeps cutting out", "i wish i could keep a dog"):
        assert pipeline.theme(text, "en").theme_ids == ["other"]


def test_patterns_still_decide_what_they_find(pipeline, plain):
    text = "my social worker keeps changing"
    assert set(plain.theme(text, "en").theme_ids) <= set(pipeline.theme(text, "en").theme_ids)


def test_other_languages_keep_to_the_patterns(pipeline, plain):
    rows = [r for r in read_labelled(DATA / "themes_holdout.jsonl") if r.language != "en"]
    assert rows
    for row in rows:
        assert pipeline.theme(row.text, row.language).theme_ids == (
            plain.theme(row.text, row.language).theme_ids
        )


def test_a_batch_gives_what_one_at_a_time_gives(pipeline):
    texts = [t for t, _ in PATTERNS_MISS] + ["nobody listens to me", "", "!!!"]
    batch = pipeline.theme_many([(i, t, None) for i, t in enumerate(texts)])
    assert [c.theme_ids for c in batch] == [pipeline.theme(t).theme_ids for t in texts]
    assert [c.id for c in batch] == list(range(len(texts)))


def test_on_the_tune_set_the_encoder_finds_more_human_themes_at_few_themes_each(pipeline, plain):
    """Tune-set figures (choices were made looking at them): the encoder must add to the
    patterns, without giving many more themes per comment than the coders (1.05)."""
    rows = [r for r in read_labelled(DATA / "themes_holdout.jsonl") if r.language == "en"]
    gold = [set(r.themes) for r in rows]

    def measure(themer: ThemePipeline) -> tuple[float, float, float]:
        found = [set(c.theme_ids) for c in themer.theme_many([(0, r.text, "en") for r in rows])]
        among = sum(1 for g, p in zip(gold, found, strict=True) if g & p) / len(rows)
        f1 = macro_f1(score_themes(gold, found, themer.ids))
        return among, f1, sum(map(len, found)) / len(found)

    plain_among, plain_f1, _ = measure(plain)
    among, f1, per_comment = measure(pipeline)
    assert among >= plain_among + 0.05, (among, plain_among)
    assert f1 >= plain_f1 + 0.03, (f1, plain_f1)
    assert per_comment <= 1.3


def test_calibration_leaves_each_example_out_of_its_own_theme():
    """Two themes along two axes; an example that only resembles itself must not be
    given its theme when it is left out."""
    vectors = np.array(
        [[1.0, 0.0], [0.0, 1.0], [1.0, 0.0], [0.99, 0.14], [0.0, 1.0], [0.6, 0.8]],
        dtype=np.float32,
    )
    examples = [("a", ("one",)), ("b", ("one",)), ("c", ("two",)), ("d", ("one",))]
    space = ThemeSpace(["one", "two", "other"], {"one": "x", "two": "y"}, examples, vectors, None)
    space.calibration = Calibration({"one": 0.9, "two": 0.9}, top=1)
    with_itself = space.scores(vectors[2:])
    left_out = space.scores(vectors[2:], leave_out=[0, 1, 2, 3])
    assert with_itself[3, 0] == pytest.approx(1.0)
    assert left_out[3, 0] < 0.9
    assert space.suggest(left_out[0], []) == [("one", pytest.approx(0.1, abs=0.01))]
    assert space.suggest(left_out[0], ["one"]) == []


def test_theme_vectors_are_kept_in_a_file_and_read_back(tmp_path, monkeypatch):
    texts = ["my social worker listens", "i miss my mum"]
    first = embed_cached(texts, "test", tmp_path)
    assert len(list(tmp_path.glob("test-*.npy"))) == 1

    def no_encoder():  # the file must be read, not the encoder run again
        raise AssertionError("encoded twice")

    monkeypatch.setattr(semantic, "load_encoder", no_encoder)
    assert np.array_equal(embed_cached(texts, "test", tmp_path), first)


def test_without_examples_a_codebook_keeps_to_its_patterns():
    assert semantic.theme_space("no-such-codebook", ("a", "other"), (("a", "A"),)) is None


# Assisted coding on the encoder's features.

WIFI = [
    CodedComment(f"the wifi {problem} {where}", ("wifi",), "en")
    for problem in ("is slow", "keeps dropping", "is rubbish", "never works")
    for where in ("at the home", "in my room", "at night")
]
FAMILY = [
    CodedComment(f"i miss my {who} {when}", ("contact_family",), "en")
    for who in ("mum", "dad", "brother", "sister")
    for when in ("so much", "every day", "at weekends")
]


@pytest.fixture(scope="module")
def with_encoder() -> LearnedModel:
    return train_model(WIFI + FAMILY, folds=3, encoder=True)


def test_a_model_with_the_encoder_keeps_its_decision_lines(with_encoder):
    assert with_encoder.encoder
    assert set(with_encoder.thresholds) == {"wifi", "contact_family"}
    assert any(name.startswith("emb:") for name in with_encoder.themes["wifi"][1])
    again = LearnedModel.from_bytes(with_encoder.to_bytes())
    assert again.encoder and again.thresholds == with_encoder.thresholds


def test_the_encoder_lets_a_model_read_words_nobody_coded(with_encoder):
    words_only = train_model(WIFI + FAMILY, folds=3, encoder=False)
    internet, grandparents = "the internet connection is awful", "i long for my grandparents"
    blind = ModelPipeline(words_only)
    assert blind.theme(internet, "en").theme_ids == blind.theme(grandparents, "en").theme_ids
    reading = ModelPipeline(with_encoder)
    assert reading.theme(internet, "en").theme_ids == ["wifi"]
    assert reading.theme(grandparents, "en").theme_ids == ["contact_family"]


def test_decision_lines_give_about_as_many_themes_per_comment_as_the_coders():
    rows = read_labelled(DATA / "themes_labelled.jsonl")
    model = train_model([CodedComment(r.text, r.themes, r.language) for r in rows], folds=3)
    coders = model.metrics["coders_themes_per_comment"]
    assert abs(model.metrics["themes_per_comment"] - coders) <= 0.05 * coders, model.metrics


# Emerging themes by meaning.

PETS = [
    "i wish i could keep a dog",
    "i really want a puppy",
    "please let us get a kitten",
    "can we have pets",
    "a pet rabbit would cheer me up",
]
UNRELATED = [
    "the bus to town is always late",
    "i like drawing and painting",
    "the chips at the chippy are cold",
    "my phone screen is cracked",
    "football on saturdays is fun",
    "it rained all summer",
    "the tv remote is broken",
    "we watched a film on friday",
    "my trainers are too small",
    "the park is nice",
]


def test_a_new_topic_in_different_words_becomes_one_candidate(pipeline):
    texts = PETS + UNRELATED
    results = pipeline.theme_many([(i, t, "en") for i, t in enumerate(texts)])
    assert all(r.unmatched for r in results)
    candidates = emerging_themes(results)
    assert len(candidates) == 1, [c.as_record() for c in candidates]
    assert set(candidates[0].comment_ids) == set(range(len(PETS)))
    assert candidates[0].label and set(candidates[0].examples) <= set(PETS)
