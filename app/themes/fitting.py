"""How assisted coding fits its linear models: every theme at once, on one feature matrix.

The comments' words, negations, word pairs and codebook evidence are a sparse matrix; the
sentence encoder's 384 numbers a comment are a dense block beside it. Two solvers fit a
linear score per theme on them:

* ``ridge`` (the default with the encoder): least squares with an L2 penalty, for all
  themes together by preconditioned conjugate gradients, so each step is one sparse and
  one dense matrix product for every theme at once (no per-theme refitting, no
  per-theme copies of the matrix). The dense block is centred and scaled once. Its
  scores become probabilities by a per-theme logistic calibration on the
  cross-validated scores (both classes weighted equally, as the logistic solver's
  ``balanced`` does), folded into the weights, so a stored model is still an intercept
  and weights per theme read through a sigmoid.
* ``logistic``: one logistic regression per theme with liblinear (the first method, and
  the default for a words-only model, where it is as fast; docs/themes.md has both
  methods' figures).

Both run on one thread and give the same numbers however busy the machine is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from app.imports import import_on_first_use

if TYPE_CHECKING:
    import numpy as np
    from scipy.sparse import csr_matrix
else:  # imported on first use: see app/imports.py
    np = import_on_first_use("numpy")
    sparse = import_on_first_use("scipy.sparse")
    scipy_linalg = import_on_first_use("scipy.linalg")
    sklearn_features = import_on_first_use("sklearn.feature_extraction")
    linear_model = import_on_first_use("sklearn.linear_model")

SOLVERS = ("ridge", "logistic")
RIDGE_PENALTY = 2.0  # on the word features; chosen by cross-validation (docs/themes.md)
DENSE_SCALE = 0.1  # the encoder's block after standardising, against 0/1 word features
LOGISTIC_C = 4.0
MAX_STEPS = 300
TOLERANCE = 1e-3  # relative residual at which conjugate gradients stop (tighter: same F1)


@dataclass(frozen=True)
class FeatureMatrix:
    """Every comment's features, made once for all themes and folds: a sparse matrix of
    named features and, when the encoder is read, a dense block of its numbers."""

    matrix: csr_matrix
    names: list[str]
    dense: Any = None  # (comments, dimensions) float64, or None
    dense_names: tuple[str, ...] = ()

    @classmethod
    def of(
        cls, rows: Sequence[dict[str, float]], dense: Any = None, dense_prefix: str = ""
    ) -> FeatureMatrix:
        vectoriser = sklearn_features.DictVectorizer(sparse=True, sort=True)
        matrix = sparse.csr_matrix(vectoriser.fit_transform(rows), dtype=np.float64)
        names = list(vectoriser.get_feature_names_out())
        if dense is None:
            return cls(matrix, names)
        dense = np.asarray(dense, dtype=np.float64)
        dense_names = tuple(f"{dense_prefix}{i}" for i in range(dense.shape[1]))
        return cls(matrix, names, dense, dense_names)

    @property
    def rows(self) -> int:
        return self.matrix.shape[0]


@dataclass
class LinearScores:
    """A linear score per theme: ``intercepts[t] + features @ weights[:, t]`` over the
    sparse features, plus ``dense @ dense_weights[:, t]`` over the dense block."""

    themes: list[str]
    intercepts: np.ndarray
    weights: np.ndarray  # (sparse features, themes)
    dense_weights: np.ndarray | None = None  # (dense dimensions, themes)
    solution: np.ndarray | None = None  # the ridge solver's own unknowns, to start from

    def scores(self, features: FeatureMatrix, rows: Sequence[int] | None = None) -> np.ndarray:
        """(rows, themes) scores of the given rows (all when None)."""
        chosen = slice(None) if rows is None else np.asarray(rows, dtype=np.intp)
        total = features.matrix[chosen] @ self.weights + self.intercepts
        if self.dense_weights is not None:
            total += features.dense[chosen] @ self.dense_weights
        return np.asarray(total)

    def calibrated(self, slopes: np.ndarray, offsets: np.ndarray) -> LinearScores:
        """The same lines with ``slope * score + offset`` folded in, per theme."""
        return LinearScores(
            self.themes,
            self.intercepts * slopes + offsets,
            self.weights * slopes,
            None if self.dense_weights is None else self.dense_weights * slopes,
        )

    def as_models(
        self, features: FeatureMatrix, floor: float = 1e-4
    ) -> dict[str, tuple[float, dict[str, float]]]:
        """Per theme, the intercept and the weights (by feature name) that matter."""
        found = {}
        for column, theme in enumerate(self.themes):
            weights = _named(features.names, self.weights[:, column], floor)
            if self.dense_weights is not None:
                weights.update(_named(features.dense_names, self.dense_weights[:, column], floor))
            found[theme] = (round(float(self.intercepts[column]), 5), weights)
        return found


def _named(names: Sequence[str], values: np.ndarray, floor: float) -> dict[str, float]:
    return {names[i]: round(float(values[i]), 5) for i in np.flatnonzero(np.abs(values) > floor)}


def fit_lines(
    features: FeatureMatrix,
    rows: Sequence[int],
    labels: np.ndarray,
    themes: list[str],
    solver: str = "ridge",
    start: LinearScores | None = None,
) -> LinearScores:
    """Fit every theme on ``rows``; ``labels`` is a (rows, themes) 0/1 array."""
    if solver == "logistic":
        return _fit_logistic(features, rows, labels, themes)
    if solver == "ridge":
        return _fit_ridge(features, rows, labels, themes, start)
    raise ValueError(f"unknown solver {solver!r}: one of {', '.join(SOLVERS)}")


def _fit_logistic(
    features: FeatureMatrix, rows: Sequence[int], labels: np.ndarray, themes: list[str]
) -> LinearScores:
    chosen = np.asarray(rows, dtype=np.intp)
    matrix = features.matrix[chosen]
    if features.dense is not None:
        matrix = sparse.hstack([matrix, sparse.csr_matrix(features.dense[chosen])]).tocsr()
    coefficients = np.zeros((matrix.shape[1], len(themes)))
    intercepts = np.zeros(len(themes))
    for column in range(len(themes)):
        estimator = linear_model.LogisticRegression(
            C=LOGISTIC_C, class_weight="balanced", solver="liblinear", max_iter=2000
        )
        estimator.fit(matrix, labels[:, column])
        coefficients[:, column] = estimator.coef_[0]
        intercepts[column] = estimator.intercept_[0]
    width = features.matrix.shape[1]
    dense = coefficients[width:] if features.dense is not None else None
    return LinearScores(themes, intercepts, coefficients[:width], dense)


def _fit_ridge(
    features: FeatureMatrix,
    rows: Sequence[int],
    labels: np.ndarray,
    themes: list[str],
    start: LinearScores | None,
) -> LinearScores:
    """Least squares with an L2 penalty for every theme at once, centred (so the
    intercepts are not penalised), by preconditioned conjugate gradients."""
    chosen = np.asarray(rows, dtype=np.intp)
    words = features.matrix[chosen]
    words_t = words.T.tocsr()
    word_mean = np.asarray(words.mean(axis=0)).ravel()
    width = word_mean.size
    dense = None
    if features.dense is not None:
        raw = features.dense[chosen]
        centre = raw.mean(axis=0)
        scale = DENSE_SCALE / (raw.std(axis=0) + 1e-12)  # one standardisation for all
        dense = (raw - centre) * scale
    target = labels - labels.mean(axis=0)

    def apply(w: np.ndarray) -> np.ndarray:
        """(Xc'Xc + penalty) w, Xc the centred features."""
        inner = words @ w[:width] - word_mean @ w[:width]
        if dense is not None:
            inner += dense @ w[width:]
        out = np.empty_like(w)
        out[:width] = words_t @ inner - np.outer(word_mean, inner.sum(axis=0))
        if dense is not None:
            out[width:] = dense.T @ inner
        return out + RIDGE_PENALTY * w

    words_diagonal = np.asarray(words.multiply(words).sum(axis=0)).ravel()
    words_diagonal -= len(chosen) * word_mean**2
    inverse_words = 1.0 / (words_diagonal + RIDGE_PENALTY)
    dense_factor = None
    if dense is not None:
        # The encoder's numbers are strongly correlated: their block of the system is
        # solved exactly in the preconditioner, the sparse words by their diagonal.
        gram = dense.T @ dense + RIDGE_PENALTY * np.eye(dense.shape[1])
        dense_factor = scipy_linalg.cho_factor(gram)

    def precondition(residual: np.ndarray) -> np.ndarray:
        out = residual.copy()
        out[:width] *= inverse_words[:, None]
        if dense_factor is not None:
            out[width:] = scipy_linalg.cho_solve(dense_factor, residual[width:])
        return out

    right = np.empty((width + (0 if dense is None else dense.shape[1]), len(themes)))
    right[:width] = words_t @ target - np.outer(word_mean, target.sum(axis=0))
    if dense is not None:
        right[width:] = dense.T @ target
    # Another fold's solution is a warm start: the folds share most of their comments.
    begin = None
    if start is not None and start.solution is not None and start.solution.shape == right.shape:
        begin = start.solution.copy()
    solution = _conjugate_gradients(apply, right, precondition, begin)
    word_weights = solution[:width]
    intercepts = labels.mean(axis=0) - word_mean @ word_weights
    dense_weights = None
    if dense is not None:
        dense_weights = solution[width:] * scale[:, None]
        intercepts -= centre @ dense_weights
    return LinearScores(themes, intercepts, word_weights, dense_weights, solution)


def _conjugate_gradients(
    apply: Any, right: np.ndarray, precondition: Any, start: np.ndarray | None
) -> np.ndarray:
    """Solve ``apply(x) = right`` column by column, all columns in each step."""
    if right.shape[1] == 0:  # no theme to learn
        return right.copy()
    x = np.zeros_like(right) if start is None else start
    residual = right - apply(x) if start is not None else right.copy()
    z = precondition(residual)
    direction = z.copy()
    rz = (residual * z).sum(axis=0)
    norms = np.linalg.norm(right, axis=0) + 1e-30
    for _ in range(MAX_STEPS):
        if (np.linalg.norm(residual, axis=0) / norms).max() <= TOLERANCE:
            break
        moved = apply(direction)
        step = rz / np.maximum((direction * moved).sum(axis=0), 1e-300)
        x += direction * step
        residual -= moved * step
        z = precondition(residual)
        rz_next = (residual * z).sum(axis=0)
        direction = z + direction * (rz_next / np.maximum(rz, 1e-300))
        rz = rz_next
    return x


def calibration(
    scores: np.ndarray, labels: np.ndarray, usable: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Per theme, the slope and offset of a logistic fit of the labels on the scores (of
    the rows ``usable`` marks), the two classes weighted equally (Newton's method: two
    numbers per theme)."""
    slopes = np.ones(scores.shape[1])
    offsets = np.zeros(scores.shape[1])
    for column in range(scores.shape[1]):
        rows = usable[:, column]
        truth = labels[rows, column].astype(float)
        positives = truth.sum()
        if positives == 0 or positives == truth.size:
            continue
        weight = np.where(truth > 0, 0.5 / positives, 0.5 / (truth.size - positives))
        design = np.column_stack([scores[rows, column], np.ones(truth.size)])
        beta = np.array([1.0, 0.0])
        for _ in range(50):
            p = 1.0 / (1.0 + np.exp(-np.clip(design @ beta, -30, 30)))
            gradient = design.T @ (weight * (p - truth)) + 1e-4 * beta
            hessian = (design * (weight * p * (1 - p))[:, None]).T @ design + 1e-4 * np.eye(2)
            change = np.linalg.solve(hessian, gradient)
            beta -= change
            if np.abs(change).max() < 1e-8:
                break
        slopes[column], offsets[column] = beta
    return slopes, offsets


def probabilities(scores: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(scores, -30.0, 30.0)))
