"""Theming benchmark: every figure beside its baseline, on the tune set, in one run.

    .venv/bin/python bench/themes_bench.py [--comments 2000] [--folds 5]

Data (``tests/data/README_themes.md``):

* train: ``themes_labelled.jsonl`` and the first blind set ``themes/first_blind.jsonl`` (used for
  training once theming changed); the codebook's encoder examples are the English ones;
* tune: ``themes_holdout.jsonl``. Its figures are tune-set figures: choices were made
  while looking at them, so they flatter; only a sealed blind set measures honestly.

It prints, each with a 95% interval (Wilson for shares, bootstrap over comments for
macro-F1 and themes per comment):

1. codebook themes: patterns alone (the plain path), patterns plus the encoder (the
   default path) and a TF-IDF + logistic regression baseline trained on the train set:
   the share of comments whose human theme is among the predicted ones, macro-F1 and
   themes per comment against the coders';
2. assisted coding trained on the train set and scored on the tune set: the learned
   model with the encoder's features, the same without them, and TF-IDF + LinearSVC;
3. speed on one core (numerical libraries held to one thread): start-up (loading the
   encoder and the theme vectors) apart from the time per comment, for theming and
   for training.
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
from sklearn.svm import LinearSVC  # noqa: E402

from app.text.encoder import load_encoder  # noqa: E402
from app.themes.classifier import CodedComment, ModelPipeline, train_model  # noqa: E402
from app.themes.evaluation import (  # noqa: E402
    LabelledComment,
    macro_f1,
    read_labelled,
    score_themes,
)
from app.themes.pipeline import OTHER, ThemePipeline  # noqa: E402
from bench.intervals import wilson  # noqa: E402

DATA = ROOT / "tests" / "data"
Predict = Callable[[list[LabelledComment]], list[set[str]]]


class Baseline:
    """TF-IDF over word unigrams and bigrams, one linear classifier per theme."""

    def __init__(self, rows: Sequence[LabelledComment], svc: bool = False) -> None:
        self.vectoriser = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1)
        self.labels = MultiLabelBinarizer()
        y = self.labels.fit_transform([r.themes for r in rows])
        x = self.vectoriser.fit_transform([r.text for r in rows])
        estimator = (
            LinearSVC(C=1.0, class_weight="balanced")
            if svc
            else LogisticRegression(C=10.0, class_weight="balanced", max_iter=2000)
        )
        self.model = OneVsRestClassifier(estimator).fit(x, y)

    def __call__(self, rows: list[LabelledComment]) -> list[set[str]]:
        found = self.model.predict(self.vectoriser.transform([r.text for r in rows]))
        themes = self.labels.classes_
        return [{themes[j] for j in row.nonzero()[0]} or {OTHER} for row in found]


def themer(pipeline: ThemePipeline | ModelPipeline) -> Predict:
    def predict(rows: list[LabelledComment]) -> list[set[str]]:
        found = pipeline.theme_many([(i, r.text, r.language) for i, r in enumerate(rows)])
        return [set(c.theme_ids) for c in found]

    return predict


def bootstrap(
    figure: Callable[[list[int]], float], count: int, rounds: int = 400
) -> tuple[float, float]:
    rng = random.Random(7)
    values = sorted(figure([rng.randrange(count) for _ in range(count)]) for _ in range(rounds))
    return values[int(0.025 * rounds)], values[int(0.975 * rounds) - 1]


def figures(
    gold: list[set[str]], predicted: list[set[str]], themes: list[str]
) -> dict[str, tuple[float, tuple[float, float]]]:
    count = len(gold)
    hits = sum(1 for g, p in zip(gold, predicted, strict=True) if g & p)

    def f1(rows: list[int]) -> float:
        return macro_f1(score_themes([gold[i] for i in rows], [predicted[i] for i in rows], themes))

    def per_comment(rows: list[int]) -> float:
        return sum(len(predicted[i]) for i in rows) / len(rows)

    every = list(range(count))
    return {
        "among": (hits / count, wilson(hits, count)),
        "f1": (f1(every), bootstrap(f1, count)),
        "per": (per_comment(every), bootstrap(per_comment, count)),
    }


def show(name: str, found: dict[str, tuple[float, tuple[float, float]]]) -> None:
    among, f1, per = found["among"], found["f1"], found["per"]
    print(
        f"{name:34} {among[0]:6.1%} [{among[1][0]:.1%}, {among[1][1]:.1%}]"
        f"  {f1[0]:.3f} [{f1[1][0]:.3f}, {f1[1][1]:.3f}]"
        f"  {per[0]:.2f} [{per[1][0]:.2f}, {per[1][1]:.2f}]",
        flush=True,
    )


def header(title: str, gold: list[set[str]]) -> None:
    print(f"\n{title}")
    print(
        f"{'method':34} {'human theme among predicted':>28}  {'macro-F1':>21}"
        f"  themes/comment (coders {sum(map(len, gold)) / len(gold):.2f})"
    )


def speed(predict: Predict, rows: list[LabelledComment]) -> float:
    """Comments per CPU-second of this single-threaded process, after a warm-up."""
    predict(rows[:50])
    load_encoder()._cache.clear()  # no method may reuse another's encoded texts
    start = time.process_time()
    predict(rows)
    return len(rows) / (time.process_time() - start)


def speed_corpus(
    rows: Sequence[LabelledComment], size: int, seed: int = 1
) -> list[LabelledComment]:
    """Comments built from the labelled ones, half with a clause from another (new texts,
    so no cache of the encoder flatters them)."""
    rng = random.Random(seed)
    corpus = []
    for number in range(size):
        row, other = rng.choice(rows), rng.choice(rows)
        text = f"{row.text}. {other.text}" if rng.random() < 0.5 else row.text
        corpus.append(LabelledComment(f"{text} ({number})", row.themes, row.language))
    return corpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=2000, help="for the speed figures")
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    train = read_labelled(DATA / "themes_labelled.jsonl") + read_labelled(
        DATA / "themes" / "first_blind.jsonl"
    )
    tune = read_labelled(DATA / "themes_holdout.jsonl")
    english = [r for r in tune if (r.language or "en") == "en"]

    started = time.process_time()
    default = ThemePipeline()
    startup = time.process_time() - started
    plain = ThemePipeline(semantic=False)
    themes = default.ids
    baseline = Baseline(train)
    print(f"train {len(train)} comments, tune {len(tune)} ({len(english)} in English)")
    print("TUNE-SET figures: choices were made looking at them; they flatter.")

    for title, rows in (
        ("Codebook themes, tune set, all languages", tune),
        ("Codebook themes, tune set, English only", english),
    ):
        gold = [set(r.themes) for r in rows]
        header(title, gold)
        for name, predict in (
            ("patterns (plain path)", themer(plain)),
            ("patterns + encoder (default path)", themer(default)),
            ("baseline: TF-IDF + logistic", baseline),
        ):
            show(name, figures(gold, predict(rows), themes))

    coded = [CodedComment(r.text, r.themes, r.language) for r in train]
    started = time.process_time()
    with_encoder = train_model(coded, folds=args.folds, encoder=True)
    train_seconds = time.process_time() - started
    started = time.process_time()
    without_encoder = train_model(coded, folds=args.folds, encoder=False)
    plain_train_seconds = time.process_time() - started
    svc = Baseline(train, svc=True)
    gold = [set(r.themes) for r in tune]
    header("Assisted coding: trained on train, scored on the tune set", gold)
    scored = {}
    for name, predict in (
        ("learned, encoder + words", themer(ModelPipeline(with_encoder))),
        ("learned, words only", themer(ModelPipeline(without_encoder))),
        ("baseline: TF-IDF + LinearSVC", svc),
    ):
        scored[name] = figures(gold, predict(tune), themes)
        show(name, scored[name])
    ratio = scored["learned, encoder + words"]["f1"][0] / max(
        1e-9, scored["baseline: TF-IDF + LinearSVC"]["f1"][0]
    )
    print(f"macro-F1, learned with encoder / LinearSVC baseline: {ratio:.2f}x")
    print(
        f"cross-validated on train: macro-F1 {with_encoder.metrics['macro_f1']:.3f}, "
        f"themes per comment {with_encoder.metrics['themes_per_comment']:.2f} "
        f"(coders {with_encoder.metrics['coders_themes_per_comment']:.2f})"
    )

    corpus = speed_corpus(train + tune, args.comments)
    print(f"\nSpeed on one core ({len(corpus)} new comments, CPU-seconds of this process)")
    print(f"start-up of the default path (encoder and theme vectors): {startup:.1f} s")
    for name, predict in (
        ("patterns (plain path)", themer(plain)),
        ("patterns + encoder (default path)", themer(default)),
        ("learned, encoder + words", themer(ModelPipeline(with_encoder))),
    ):
        rate = speed(predict, corpus)
        print(f"{name:34} {rate:8,.0f} comments/s  50,000 in {50_000 / rate / 60:5.1f} min")
    print(
        f"training on {len(coded)} comments ({args.folds}-fold): with encoder "
        f"{train_seconds:.1f} s, words only {plain_train_seconds:.1f} s"
    )


if __name__ == "__main__":
    main()
