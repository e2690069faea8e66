"""Codebook themes and sentiment on a blind set of comments, each beside a baseline.

    python bench/themes_blind_bench.py [--blind tests/data/themes/blind.jsonl]

The blind set is JSON Lines, ``{"text", "themes": [...], "sentiment": 1-5, "audience"}``,
written by someone who never saw the codebook's patterns or examples. Nothing here is
tuned on it. It prints:

* themes: the share of comments whose human theme (any of them) is among Sayso's, themes
  per comment against the coders', and precision and recall per theme, for the shipped
  codebook with the encoder (the default path) and without it (patterns only), for a
  learned model and for a TF-IDF + logistic regression baseline, both trained on the
  labelled sets in ``tests/data`` (the first blind set among them, unless it is the set
  measured);
* sentiment: Spearman's rank correlation with the coders' 1-5 score and macro-F1 over three
  classes (1-2 negative, 3 neutral, 4-5 positive), for Sayso and for NLTK's VADER as it
  comes (the packaged lexicon, no domain words, no changes to negation).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scipy.stats import spearmanr  # noqa: E402
from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.metrics import f1_score  # noqa: E402
from sklearn.multiclass import OneVsRestClassifier  # noqa: E402
from sklearn.preprocessing import MultiLabelBinarizer  # noqa: E402

from app.themes.classifier import CodedComment, ModelPipeline, train_model  # noqa: E402
from app.themes.evaluation import read_labelled  # noqa: E402
from app.themes.pipeline import OTHER, ThemePipeline  # noqa: E402
from app.themes.sentiment import NEUTRAL_BAND  # noqa: E402
from bench.intervals import wilson  # noqa: E402
from bench.sentiment_bench import PlainVader  # noqa: E402

DEFAULT_SET = ROOT / "tests" / "data" / "themes" / "blind.jsonl"
DATA = ROOT / "tests" / "data"


def three_way(score: float) -> str:
    if score >= NEUTRAL_BAND:
        return "positive"
    if score <= -NEUTRAL_BAND:
        return "negative"
    return "neutral"


def human_three_way(score: int) -> str:
    return "negative" if score <= 2 else "neutral" if score == 3 else "positive"


def baseline_themer(train_texts: list[str], train_themes: list[set[str]]) -> Callable:
    binarizer = MultiLabelBinarizer()
    labels = binarizer.fit_transform(train_themes)
    vectoriser = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1)
    model = OneVsRestClassifier(LogisticRegression(C=4.0, max_iter=2000))
    model.fit(vectoriser.fit_transform(train_texts), labels)

    def predict(texts: list[str]) -> list[set[str]]:
        chosen = model.predict(vectoriser.transform(texts))
        return [set(binarizer.classes_[row.astype(bool)]) or {OTHER} for row in chosen]

    return predict


def theme_figures(name: str, gold: list[set[str]], predicted: list[set[str]]) -> None:
    hits = sum(1 for g, p in zip(gold, predicted, strict=True) if g & p)
    low, high = wilson(hits, len(gold))
    per_comment = sum(len(p) for p in predicted) / len(predicted)
    coders = sum(len(g) for g in gold) / len(gold)
    print(f"\n{name}: human theme among predicted for {hits}/{len(gold)} = {hits / len(gold):.1%}")
    print(f"  95% interval [{low:.1%}, {high:.1%}]; themes per comment {per_comment:.2f}")
    print(f"  (coders gave {coders:.2f})")
    print(f"  {'theme':<26} {'precision':>9} {'recall':>7} {'support':>7}")
    for theme in sorted({t for g in gold for t in g}):
        tp = sum(1 for g, p in zip(gold, predicted, strict=True) if theme in g and theme in p)
        chosen = sum(1 for p in predicted if theme in p)
        support = sum(1 for g in gold if theme in g)
        precision = tp / chosen if chosen else 0.0
        recall = tp / support if support else 0.0
        print(f"  {theme:<26} {precision:>9.2f} {recall:>7.2f} {support:>7}")


def sentiment_figures(name: str, human: list[int], scores: list[float]) -> None:
    rho = spearmanr(human, scores).statistic
    f1 = f1_score(
        [human_three_way(h) for h in human], [three_way(s) for s in scores], average="macro"
    )
    classes = Counter(three_way(s) for s in scores)
    print(f"  {name:<22} Spearman {rho:+.3f}   3-class macro-F1 {f1:.3f}   {dict(classes)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--blind", type=Path, default=DEFAULT_SET)
    args = parser.parse_args()
    items = [json.loads(line) for line in args.blind.open(encoding="utf-8") if line.strip()]
    texts = [item["text"] for item in items]
    gold = [set(item["themes"]) for item in items]
    print(f"{len(items)} comments from {args.blind}")

    if args.blind.resolve() == DEFAULT_SET.resolve():
        print("NOTE: this first blind set has been training data since theming by meaning;")
        print("its figures below flatter. Pass --blind with a sealed set.")

    pipeline = ThemePipeline()
    themed = pipeline.theme_many([(i, text, "en") for i, text in enumerate(texts)])
    theme_figures(
        "codebook: patterns + encoder (the default path)", gold, [set(t.theme_ids) for t in themed]
    )
    plain_path = ThemePipeline(semantic=False)
    theme_figures(
        "codebook: patterns only (the plain path)",
        gold,
        [set(plain_path.theme(text, "en").theme_ids) for text in texts],
    )
    labelled = read_labelled(DATA / "themes_labelled.jsonl") + read_labelled(
        DATA / "themes_holdout.jsonl"
    )
    if args.blind.resolve() != DEFAULT_SET.resolve():
        labelled += read_labelled(DEFAULT_SET)
    model = ModelPipeline(
        train_model([CodedComment(c.text, c.themes, c.language) for c in labelled])
    )
    theme_figures(
        f"learned model (encoder + words) trained on {len(labelled)} labelled comments",
        gold,
        [set(t.theme_ids) for t in model.theme_many([(i, t, "en") for i, t in enumerate(texts)])],
    )
    predict = baseline_themer([c.text for c in labelled], [set(c.themes) for c in labelled])
    theme_figures("baseline TF-IDF + logistic regression", gold, predict(texts))

    human = [int(item["sentiment"]) for item in items]
    plain = PlainVader()
    print("\nsentiment against the coders' 1-5 score")
    sentiment_figures("Sayso", human, [t.sentiment_score for t in themed])
    sentiment_figures("plain VADER", human, [plain.polarity_scores(t)["compound"] for t in texts])
    print(f"  human classes: {dict(Counter(human_three_way(h) for h in human))}")


if __name__ == "__main__":
    main()
