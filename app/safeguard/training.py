"""Training the learned layer: labelled examples in, a :class:`ScreenModel` out.

Examples come from the shipped corpus (``tests/data/screening/train.jsonl``, one JSON
object per line: text, route alert|review|none, category, language, stance) and from a
council's own decisions (a safeguarding lead's "concern" / "not a concern" on an alert or
a review-queue item), passed in as ``(text, is_concern)`` pairs. Thresholds are chosen on
a separate tune set, one per severity, for the screen as a whole (patterns and model
together), so that recall stays at the target while as few ordinary comments as possible
reach a person. Nothing here imports Flask or Celery.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.imports import import_on_first_use
from app.safeguard.classifier import (
    ENCODER_WEIGHT,
    WORD_WEIGHT,
    ScreenModel,
    features,
    ngram_idf,
)
from app.safeguard.models import ScreenExample
from app.safeguard.screening import CATEGORIES
from app.text.encoder import DIMENSIONS, SentenceEncoder

if TYPE_CHECKING:
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression
else:  # imported on first use: see app/imports.py
    np = import_on_first_use("numpy")
    sparse = import_on_first_use("scipy.sparse")
    linear_model = import_on_first_use("sklearn.linear_model")


ROUTES = ("alert", "review", "none", "concern")  # "concern": alert or review, not said which
DECISION_WEIGHT = 5.0  # a lead's decision counts for more than one written example
TARGET_RECALL = 0.97  # on the tune set, a little above the 0.95 goal on unseen text
HIGH_FALSE_ALERTS = 0.008  # share of ordinary comments the model alone may raise as high
MEDIUM_FALSE_ALERTS = 0.04
C = 32.0  # inverse regularisation, chosen on the tune set (2, 8, 32 tried: 32 best)


class ExampleError(ValueError):
    """A labelled file that cannot be used, naming the file and line."""


@dataclass(frozen=True)
class Example:
    text: str
    route: str  # alert | review | none | concern
    category: str | None = None
    language: str = "en"
    stance: str | None = None
    weight: float = 1.0

    @property
    def concern(self) -> bool:
        return self.route != "none"


def read_examples(path: Path) -> list[Example]:
    """Labelled lines from ``path``: the corpus format, or the older ``concern`` format."""
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            found.append(_example(row))
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            raise ExampleError(f"{path}:{number}: {exc}") from exc
    return found


def _example(row: dict) -> Example:
    route = row["route"] if "route" in row else ("concern" if row["concern"] else "none")
    if route not in ROUTES:
        raise ValueError(f"route must be alert, review or none, not {route!r}")
    category = row.get("category") if route != "none" else None
    if category is not None and category not in CATEGORIES:
        raise ValueError(f"unknown category {category!r}")
    return Example(
        str(row["text"]), route, category, row.get("language") or "en", row.get("stance")
    )


def decision_examples(decisions: Iterable[tuple[str, bool]]) -> list[Example]:
    """A safeguarding lead's decisions ("concern" True / "not a concern" False) as
    examples, weighted above the corpus: they are this council's own answers."""
    return [
        Example(text, "review" if concern else "none", weight=DECISION_WEIGHT)
        for text, concern in decisions
        if text and text.strip()
    ]


def stored_decisions(session: Session) -> list[tuple[str, bool]]:
    """The leads' decisions kept by the review queue (``ScreenExample``), as pairs."""
    rows = session.execute(select(ScreenExample.text, ScreenExample.label)).all()
    return [(text, label == "concern") for text, label in rows if text]


def example_idf(examples: list[Example]) -> np.ndarray:
    """The n-grams' inverse document frequencies in the training examples."""
    return ngram_idf([example.text for example in examples])


def example_features(
    examples: list[Example], encoder: SentenceEncoder, idf: np.ndarray | None = None
) -> csr_matrix:
    """One row per example: encoder vector and hashed n-grams (see ``classifier``)."""
    texts = [example.text for example in examples]
    return features(texts, encoder, ENCODER_WEIGHT, idf, WORD_WEIGHT if idf is not None else 0.0)


def _logistic(x: csr_matrix | np.ndarray, y: np.ndarray, weights: np.ndarray) -> LogisticRegression:
    # liblinear for the two yes/no heads: several times faster than lbfgs on wide sparse rows.
    solver = "liblinear" if len(np.unique(y)) == 2 else "lbfgs"
    model = linear_model.LogisticRegression(
        C=C, class_weight="balanced", max_iter=3000, solver=solver, random_state=16
    )
    with warnings.catch_warnings():
        # A council's few decisions may name many categories once each: still classes.
        warnings.filterwarnings("ignore", "The number of unique classes", UserWarning)
        model.fit(x, y, sample_weight=weights)
    return model


def fit_heads(
    rows: csr_matrix,
    examples: list[Example],
    thresholds: dict[str, float] | None = None,
    idf: np.ndarray | None = None,
) -> ScreenModel:
    """Fit the concern and alert heads on ``rows`` (one per example, their n-grams
    weighted by ``idf``), the category head on their encoder part."""
    weights = np.array([e.weight for e in examples])
    concern = _logistic(rows, np.array([e.concern for e in examples]), weights)
    # The alert head learns only from examples whose route is known.
    known = np.array([e.route != "concern" for e in examples])
    alert = _logistic(
        rows[known], np.array([e.route == "alert" for e in examples])[known], weights[known]
    )
    labelled = np.array([e.category is not None for e in examples])
    labels = np.array([e.category or "" for e in examples])[labelled]
    dense = rows[:, :DIMENSIONS].toarray() / ENCODER_WEIGHT  # the vector at its own scale
    category = _logistic(dense[labelled], labels, weights[labelled])
    classes = tuple(str(c) for c in category.classes_)
    category_weights, category_bias = category.coef_, category.intercept_
    if len(classes) == 2:  # scikit-learn keeps one row for two classes
        category_weights = np.vstack([-category_weights[0], category_weights[0]])
        category_bias = np.array([-category_bias[0], category_bias[0]])
    return ScreenModel(
        weights=np.vstack([concern.coef_[0], alert.coef_[0]]),
        bias=np.array([concern.intercept_[0], alert.intercept_[0]]),
        category_weights=category_weights,
        category_bias=category_bias,
        categories=classes,
        thresholds=thresholds or {"low": 0.5, "medium": 0.7, "high": 0.9},
        encoder_weight=ENCODER_WEIGHT,
        idf=idf,
        word_weight=WORD_WEIGHT if idf is not None else 0.0,
    )


def choose_thresholds(
    scores: np.ndarray,
    alert_scores: np.ndarray,
    examples: list[Example],
    floor_found: np.ndarray,
) -> dict[str, float]:
    """Per-severity thresholds from tune-set scores.

    ``floor_found`` says, per example, whether the patterns (with their time-and-stance
    and language rules) already route it to a person: the model need only find the rest.
    "low" is the highest threshold that keeps the whole screen's recall at the target;
    "medium" and "high" are set by how many ordinary comments they would raise.
    """
    concern = np.array([e.concern for e in examples])
    if concern.all() or not concern.any():
        raise ExampleError("the tune set needs both disclosures and ordinary comments")
    candidates = np.unique(np.concatenate([scores[concern], [0.02]]))
    low = 0.02
    for threshold in sorted(candidates, reverse=True):
        found = floor_found | (scores >= threshold)
        if found[concern].mean() >= TARGET_RECALL:
            low = float(threshold)
            break
    ordinary = alert_scores[(~concern) & (scores >= low)]
    total = max(int((~concern).sum()), 1)
    high = _quantile_for_share(ordinary, total, HIGH_FALSE_ALERTS)
    medium = min(_quantile_for_share(ordinary, total, MEDIUM_FALSE_ALERTS), high)
    return {"low": low, "medium": medium, "high": high}


def _quantile_for_share(values: np.ndarray, total: int, share: float) -> float:
    """The smallest threshold above which at most ``share`` of ``total`` values lie."""
    allowed = int(share * total)
    ordered = np.sort(values)[::-1]
    if len(ordered) <= allowed:
        return 0.5
    return float(min(max(ordered[allowed] + 1e-6, 0.5), 0.999))
