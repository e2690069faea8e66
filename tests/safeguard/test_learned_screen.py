"""The learned layer under the patterns: what it may change, and what nothing may."""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
import pytest

from app.safeguard.classifier import ScreenModel, Verdict, classify_texts, load_model
from app.safeguard.learned import screen_texts
from app.safeguard.retraining import TUNE_FILE, _judge_on_blind, train_screen
from app.safeguard.screening import UNREADABLE, screen_text, with_verdict
from app.safeguard.training import read_examples
from app.text.encoder import load_encoder
from app.text.normalise import normalise

DISCLOSURES = [
    "i want to kill myself",
    "im going to end it all tonight",
    "took 20 of mums tablets last night",
    "he said he will stab me if i tell",
    "i cut my arms again last night",
]


@pytest.mark.parametrize("text", DISCLOSURES)
@pytest.mark.parametrize("added", [" lol", " haha", " jk", " 😂", " 😂😂 lmao", " 💀"])
def test_lol_and_emoji_never_silence_a_disclosure(text, added):
    plain, joked = screen_texts([text, text + added])
    assert plain.route != "none"
    assert joked.route != "none", joked
    # Nor lower it: a child adding "lol" is not a stance.
    assert joked.route == plain.route
    patterns_plain, patterns_joked = screen_text(text), screen_text(text + added)
    if patterns_plain.concern:  # a pattern matched (not only the language gate)
        assert patterns_joked.route == patterns_plain.route


@pytest.mark.parametrize(
    ("emoji", "word"), [("🔪", "knife"), ("💊", "pills"), ("😭", "crying"), ("🩸", "blood")]
)
def test_emoji_are_read_as_words(emoji, word):
    assert word in normalise(f"he has a {emoji}", emoji=True).split()


def test_an_emoji_carries_a_threat_the_words_do_not():
    words, threat = screen_texts(
        ["he said he will see me later", "he said he will see me later 🔪"]
    )
    assert threat.route == "alert"
    assert threat.score > words.score


@pytest.mark.parametrize(
    "text",
    [
        "我爸爸每天晚上都打我，我很害怕回家",  # Chinese: no patterns, no trained model
        "አባቴ ሁልጊዜ ይመታኛል",  # Amharic
        "xq",  # too short to judge
    ],
)
def test_text_the_screen_cannot_read_goes_to_review(text):
    request = screen_text(text)
    assert request.route == "review" and request.reasons == [UNREADABLE]
    assert request.language == ("en" if text == "xq" else "und")
    assert screen_texts([text])[0].route in ("review", "alert")


def test_ordinary_short_answers_are_judged_not_sent_to_review():
    assert [r.route for r in screen_texts(["ok", "no", "nothing", "nic", "nimic"])] == ["none"] * 5


@pytest.mark.parametrize(
    "text",
    [
        "i used to self harm when i was 12 but im ok now and have support",
        "my friend said her step dad hits her",
        "we had a lesson on self harm and i realised i self harm",
    ],
)
def test_time_and_stance_lower_an_alert_to_review_never_further(text):
    result = screen_texts([text])[0]
    assert result.route == "review", result


def test_a_stance_lowers_the_models_alert_too_but_only_to_review():
    floor = screen_text("years ago a man at the park said things to me, it's sorted now")
    worried = Verdict(score=0.99, alert_score=0.99, category="sexual_abuse", severity="high")
    assert with_verdict(floor, worried).route == "review"


@pytest.mark.parametrize("text", ["i no longer want to live", "nu mai vreau sa traiesc"])
def test_no_longer_wanting_to_live_is_not_read_as_past_harm(text):
    assert screen_texts([text])[0].route == "alert"


def test_the_model_may_raise_a_decision_but_never_lower_one():
    floor = screen_text("he hits me")
    assert floor.severity == "high"
    calm = Verdict(score=0.01, alert_score=0.0, category=None, severity=None)
    assert with_verdict(floor, calm).severity == "high"
    nothing = screen_text("the bus was late")
    worried = Verdict(score=0.9, alert_score=0.95, category="self_harm", severity="high")
    raised = with_verdict(nothing, worried)
    assert raised.route == "alert" and raised.reasons == ["self_harm"]


def test_the_shipped_model_is_plain_arrays_and_reloads_the_same(tmp_path):
    model = load_model()
    model.save(tmp_path / "m.npz")
    with np.load(tmp_path / "m.npz", allow_pickle=False) as data:
        assert "weights" in data
    again = ScreenModel.load(tmp_path / "m.npz")
    assert again.thresholds == pytest.approx(model.thresholds)
    text = ["my stepdad locks me in my room with no food"]
    assert classify_texts(text, again)[0].score == pytest.approx(classify_texts(text)[0].score)


@pytest.fixture(scope="module")
def small_sets(tmp_path_factory):
    """A few dozen English lines for training and tuning: enough to learn from, quick."""
    rows = [json.loads(line) for line in TUNE_FILE.read_text(encoding="utf-8").splitlines()]
    english = [r for r in rows if r["language"] == "en"]
    folder = tmp_path_factory.mktemp("screen-sets")
    train, tune = folder / "train.jsonl", folder / "tune.jsonl"
    # Spread through the file (it is grouped by route): both hold both kinds.
    train.write_text("".join(json.dumps(r) + "\n" for r in english[::5]), encoding="utf-8")
    tune.write_text("".join(json.dumps(r) + "\n" for r in english[2::9]), encoding="utf-8")
    return train, tune


def test_retraining_from_leads_decisions_changes_the_outcome_for_a_taught_example(small_sets):
    train, tune = small_sets
    encoder = load_encoder()
    taught = "we play cards at the blue house on sundays"
    before = train_screen(encoder, [], [train], tune, blind_file=None).model
    decisions = [(taught, True), ("we play football at the park on sundays", False)]
    after = train_screen(encoder, decisions, [train], tune, blind_file=None).model
    fixed = {"low": 0.5, "medium": 0.9, "high": 0.99}
    score_before = classify_texts([taught], replace(before, thresholds=fixed), encoder)[0]
    score_after = classify_texts([taught], replace(after, thresholds=fixed), encoder)[0]
    assert score_before.route == "none" and score_after.route != "none"
    assert score_after.score > score_before.score + 0.2


def test_a_model_worse_on_the_blind_set_is_not_installed(small_sets, tmp_path):
    train, tune = small_sets
    encoder = load_encoder()
    run = train_screen(encoder, [], [train], tune, blind_file=None)
    current = tmp_path / "current.npz"
    run.model.save(current)
    run.model = replace(run.model, thresholds={"low": 1.01, "medium": 1.01, "high": 1.01})
    _judge_on_blind(run, read_examples(tune), current, encoder)
    assert run.refusal and "fewer disclosures" in run.refusal


def test_without_a_blind_set_the_models_are_compared_on_the_tune_set_and_it_says_so(
    small_sets, tmp_path
):
    train, tune = small_sets
    encoder = load_encoder()
    current = tmp_path / "current.npz"
    train_screen(encoder, [], [train], tune, blind_file=None).model.save(current)
    said: list[str] = []
    absent = tmp_path / "blind.jsonl"
    run = train_screen(encoder, [], [train], tune, absent, current, said.append)
    assert run.judged_on == tune
    assert run.blind_new is not None and run.blind_current is not None
    assert any(f"no blind set at {absent}" in line and "tune set" in line for line in said)
