"""Theming benchmark: speed per core and macro-F1 of three ways to theme comments.

    .venv/bin/python bench/themes_bench.py [--comments 10000]

* codebook: the shipped codebook with sentiment and redaction (app.themes.pipeline);
* learned: the per-theme classifier learned from coded comments (app.themes.classifier);
* baseline: scikit-learn TF-IDF and one-vs-rest logistic regression on the raw text.

Speed is measured on the same comments for all three, built from the labelled sets, in
one process with one thread for numerical libraries, as comments per CPU-second (so a
busy machine does not flatter or punish the figure). Quality is macro-F1 over the 16
themes: on the held-out set (written before the codebook was tuned; the learned model
and the baseline are trained on the tuning set), and by 5-fold cross-validation over all
labelled comments (the codebook there is flattered: it was tuned on most of them).
"""

from __future__ import annotations

import os

for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

import argparse  # noqa: E402 - thread limits must be set before numpy loads
import random  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable, Sequence  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.multiclass import OneVsRestClassifier  # noqa: E402
from sklearn.preprocessing import MultiLabelBinarizer  # noqa: E402

from app.themes.classifier import CodedComment, ModelPipeline, train_model  # noqa: E402
from app.themes.evaluation import (  # noqa: E402
    LabelledComment,
    macro_f1,
    read_labelled,
    score_themes,
)
from app.themes.pipeline import OTHER, ThemePipeline  # noqa: E402

DATA = ROOT / "tests" / "data"
Predict = Callable[[list[str]], list[set[str]]]


class Baseline:
    """TF-IDF over word unigrams and bigrams, one logistic regression per theme."""

    def __init__(self, rows: Sequence[LabelledComment]) -> None:
        self.vectoriser = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1)
        self.labels = MultiLabelBinarizer()
        y = self.labels.fit_transform([r.themes for r in rows])
        x = self.vectoriser.fit_transform([r.text for r in rows])
        estimator = LogisticRegression(C=10.0, class_weight="balanced", max_iter=2000)
        self.model = OneVsRestClassifier(estimator).fit(x, y)

    def predict(self, texts: list[str]) -> list[set[str]]:
        found = self.model.predict(self.vectoriser.transform(texts))
        themes = self.labels.classes_
        return [{themes[j] for j in row.nonzero()[0]} or {OTHER} for row in found]


def learned(rows: Sequence[LabelledComment]) -> ModelPipeline:
    return ModelPipeline(train_model([CodedComment(r.text, r.themes, r.language) for r in rows]))


def pipeline_predict(pipeline) -> Predict:
    return lambda texts: [set(pipeline.theme(t).theme_ids) for t in texts]


def speed_corpus(rows: Sequence[LabelledComment], size: int, seed: int = 1) -> list[str]:
    """Comments built from the labelled ones, half of them with a clause from another."""
    rng = random.Random(seed)
    by_language: dict[str, list[str]] = {}
    for row in rows:
        by_language.setdefault(row.language or "en", []).append(row.text)
    corpus = []
    for _ in range(size):
        row = rng.choice(rows)
        text = row.text
        if rng.random() < 0.5:
            text = f"{text}. {rng.choice(by_language[row.language or 'en'])}"
        corpus.append(text)
    return corpus


def per_core(predict: Predict, corpus: list[str], batched: bool) -> float:
    """Comments per CPU-second of this (single-threaded) process."""
    predict(corpus[:200])  # warm caches and compiled patterns, as a long-running worker has
    start = time.process_time()
    if batched:
        predict(corpus)
    else:
        for text in corpus:
            predict([text])
    return len(corpus) / (time.process_time() - start)


def f1(predict: Predict, rows: Sequence[LabelledComment], themes: list[str]) -> float:
    predicted = predict([r.text for r in rows])
    return macro_f1(score_themes([r.themes for r in rows], predicted, themes))


def cross_validated(
    build: Callable[[Sequence[LabelledComment]], Predict],
    rows: list[LabelledComment],
    themes: list[str],
    folds: int = 5,
) -> float:
    order = list(range(len(rows)))
    random.Random(0).shuffle(order)
    predicted: list[set[str]] = [set() for _ in rows]
    for fold in range(folds):
        held = order[fold::folds]
        held_set = set(held)
        predict = build([rows[i] for i in order if i not in held_set])
        for i, found in zip(held, predict([rows[i].text for i in held]), strict=True):
            predicted[i] = found
    return macro_f1(score_themes([r.themes for r in rows], predicted, themes))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=10_000)
    args = parser.parse_args()
    tuning = read_labelled(DATA / "themes_labelled.jsonl")
    held_out = read_labelled(DATA / "themes_holdout.jsonl")
    everything = tuning + held_out
    codebook = ThemePipeline()
    themes = codebook.ids
    corpus = speed_corpus(everything, args.comments)

    started = time.process_time()
    model = learned(tuning)
    train_seconds = time.process_time() - started
    baseline = Baseline(tuning)
    methods: dict[str, tuple[Predict, Callable[[Sequence[LabelledComment]], Predict]]] = {
        "codebook": (pipeline_predict(codebook), lambda _rows: pipeline_predict(codebook)),
        "learned": (pipeline_predict(model), lambda rows: pipeline_predict(learned(rows))),
        "baseline": (baseline.predict, lambda rows: Baseline(rows).predict),
    }
    print(f"{len(corpus)} comments for speed; {len(tuning)} tuning, {len(held_out)} held out")
    print(f"learned model trained on the tuning set in {train_seconds:.1f} CPU-s\n")
    header = f"{'method':10} {'comments/s/core':>16} {'F1 held-out':>12} {'F1 5-fold all':>14}"
    print(header)
    print("-" * len(header))
    for name, (predict, build) in methods.items():
        speed = per_core(predict, corpus, batched=name == "baseline")
        print(
            f"{name:10} {speed:16,.0f} {f1(predict, held_out, themes):12.3f}"
            f" {cross_validated(build, everything, themes):14.3f}",
            flush=True,
        )
    print("\ncodebook and learned: redaction, language detection and sentiment included;")
    print("baseline: themes only, predicted in one batch.")


if __name__ == "__main__":
    main()
