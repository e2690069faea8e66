"""The learned layer under the patterns: logistic regression on sentence-encoder vectors.

Three heads read one encoding of the text (``app/text/encoder.py``):

- ``concern``: does this need a safeguarding lead at all (alert or review)?
- ``alert``: must it be seen today?
- ``category``: which of the thirteen concerns is it most like?

The concern and alert heads also read hashed character n-grams of the text. Measured on
the tune set, they halved the false alerts at the same recall: the encoder was trained on
English, and n-grams carry the other shipped languages, misspellings and text speak. The
hashing needs no vocabulary, so the model stays plain arrays. The n-gram counts are
weighted as TF-IDF is (1 + log of the count, times the n-gram's inverse document frequency
in the training text, kept in the model as one array), so n-grams every comment shares
("the", "my ") count for less than the rarer ones that tell a disclosure from an ordinary
comment; a model file without that array weighs every n-gram alike, as before. Beside the
characters, the heads read hashed words and word pairs weighted the same way: "dying to",
"we learned", "gonna kill me" mark an idiom or a lesson that its single characters do not.

Each head is a weight matrix and a bias, kept with the thresholds in one ``.npz`` file
(``screen_model.npz``, no pickle). A long answer is cut into pieces at sentence ends and
scored by its most worrying piece, so one sentence of disclosure in a long answer counts.
The thresholds (one per severity) are chosen on the tune set by ``sayso screen train``.
Nothing here imports Flask or Celery.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from app.imports import import_on_first_use
from app.text.encoder import SentenceEncoder, load_encoder
from app.text.normalise import emoji_to_words

if TYPE_CHECKING:
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.feature_extraction.text import HashingVectorizer
else:  # imported on first use: see app/imports.py
    np = import_on_first_use("numpy")
    sparse = import_on_first_use("scipy.sparse")
    sklearn_text = import_on_first_use("sklearn.feature_extraction.text")
    preprocessing = import_on_first_use("sklearn.preprocessing")


MODEL_FILE = Path(__file__).parent / "screen_model.npz"
ROUTES = ("none", "review", "alert")
NGRAM_FEATURES = 2**18
WORD = r"(?u)\b\w+\b"  # a word for the word features: one letter or digit is enough ("i")
PIECE_CHARACTERS = 300  # a long answer is scored in pieces of about this size
# The encoder vector's scale beside the n-grams (both unit length) in the concern and
# alert heads. Chosen on the tune set (1, 0.5, 0.25 and 0.1 tried; 2 and 4 also): at 0.25
# the same recall came with 0.17 false alerts instead of 0.22, because the encoder was
# trained on English and the n-grams carry the other languages, text speak and misspellings.
# The category head reads the encoder vector at its own scale.
ENCODER_WEIGHT = 0.25
# The hashed words and word pairs' scale beside the character n-grams in the same heads.
# Chosen by cross-validation on the training text and checked on the tune set (see
# docs/safeguarding.md): words and pairs ("dying to", "we learned") tell a lesson or an
# idiom from a disclosure better than the characters that spell them.
WORD_WEIGHT = 1.0
LAUGHTER = re.compile(
    r"(?i)(?<![\w'])(?:l+o+l+z?|lo+l|lmf?ao+|rofl|ha(?:ha)+h?|he(?:he)+|jk|jks|just kidding|"
    r"xd+)(?![\w'])|[\U0001F602\U0001F923\U0001F606\U0001F480\U0001F639\u263a]"
)
_SENTENCE = re.compile(r"[^.!?\n]+[.!?\n]*")


class ModelFileError(RuntimeError):
    """The screen's model file is missing or not one Sayso wrote."""


@dataclass(frozen=True)
class ScreenModel:
    """Weights (rows: concern, alert) and a category head, with per-severity thresholds."""

    weights: np.ndarray  # (2, 384 + NGRAM_FEATURES [+ NGRAM_FEATURES]): concern, alert
    bias: np.ndarray  # (2,)
    category_weights: np.ndarray  # (categories, 384)
    category_bias: np.ndarray  # (categories,)
    categories: tuple[str, ...]
    thresholds: dict[str, float]  # "low" (review), "medium", "high" (alert)
    encoder_weight: float = 1.0  # the scale the heads were trained with (ENCODER_WEIGHT)
    idf: np.ndarray | None = None  # n-gram (and word) weights; None: all alike
    word_weight: float = 0.0  # the words' scale beside the n-grams; 0: no words (older files)

    def save(self, path: Path) -> None:
        """Write the model as plain arrays (``np.load`` reads it without pickle)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            np.savez_compressed(
                handle,
                weights=self.weights.astype(np.float32),
                bias=self.bias.astype(np.float32),
                category_weights=self.category_weights.astype(np.float32),
                category_bias=self.category_bias.astype(np.float32),
                categories=np.array(self.categories),
                threshold_names=np.array(list(self.thresholds)),
                threshold_values=np.array(list(self.thresholds.values()), np.float64),
                encoder_weight=np.array(self.encoder_weight, np.float64),
                word_weight=np.array(self.word_weight, np.float64),
                **({} if self.idf is None else {"idf": self.idf.astype(np.float32)}),
            )

    @classmethod
    def load(cls, path: Path) -> ScreenModel:
        if not path.is_file():
            raise ModelFileError(f"screen model missing: {path} (run `sayso screen train`)")
        try:
            with np.load(path, allow_pickle=False) as data:
                return cls(
                    weights=data["weights"],
                    bias=data["bias"],
                    category_weights=data["category_weights"],
                    category_bias=data["category_bias"],
                    categories=tuple(str(c) for c in data["categories"]),
                    thresholds=dict(
                        zip(
                            (str(n) for n in data["threshold_names"]),
                            (float(v) for v in data["threshold_values"]),
                            strict=True,
                        )
                    ),
                    encoder_weight=(
                        float(data["encoder_weight"]) if "encoder_weight" in data else 1.0
                    ),
                    idf=data.get("idf"),
                    word_weight=float(data["word_weight"]) if "word_weight" in data else 0.0,
                )
        except (KeyError, ValueError, OSError) as exc:
            raise ModelFileError(f"screen model {path} cannot be read: {exc}") from exc


@dataclass(frozen=True)
class Verdict:
    """What the learned layer thinks of one text."""

    score: float  # probability of a concern (alert or review)
    alert_score: float  # probability that it must be seen today
    category: str | None
    severity: str | None  # high | medium | low | None, by the model's thresholds

    @property
    def route(self) -> str:
        """High and medium alert; low goes to the review queue; nothing is nothing."""
        if self.severity in ("high", "medium"):
            return "alert"
        return "review" if self.severity == "low" else "none"


def encoder_text(text: str) -> str:
    """What the model reads: emoji that carry meaning become words ("🔪" -> "knife"), and
    laughter is left out ("lol", "haha", "jk", 😂): nothing a child adds may make a
    disclosure look lighter to the model than it is."""
    text = LAUGHTER.sub(" ", unicodedata.normalize("NFKC", text))
    return " ".join(emoji_to_words(text).split())


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


@lru_cache(maxsize=1)
def _hashers() -> tuple[HashingVectorizer, HashingVectorizer]:
    """Character n-grams (2 to 5, within words) and words (one and two)."""
    common = {"n_features": NGRAM_FEATURES, "alternate_sign": False, "norm": None}
    return (
        sklearn_text.HashingVectorizer(analyzer="char_wb", ngram_range=(2, 5), **common),
        sklearn_text.HashingVectorizer(
            analyzer="word", ngram_range=(1, 2), token_pattern=WORD, **common
        ),
    )


def ngram_counts(prepared: list[str], words: bool = True) -> csr_matrix:
    """How often each hashed character n-gram (then, with ``words``, each hashed word and
    word pair) occurs in each text, as ``encoder_text`` left it."""
    characters, word_pairs = _hashers()
    blocks = [characters.transform(prepared)]
    if words:
        blocks.append(word_pairs.transform(prepared))
    return sparse.hstack(blocks).tocsr()


def ngram_idf(texts: list[str]) -> np.ndarray:
    """Smoothed inverse document frequency of each hashed n-gram and word in ``texts``
    (the training text): ``log((1 + n) / (1 + df)) + 1``, as scikit-learn's TF-IDF has it."""
    present = ngram_counts([encoder_text(text) for text in texts])
    present.data[:] = 1
    documents = np.asarray(present.sum(axis=0)).ravel()
    return np.log((1.0 + len(texts)) / (1.0 + documents)) + 1.0


def ngram_features(
    prepared: list[str], idf: np.ndarray | None = None, word_weight: float = 0.0
) -> csr_matrix:
    """Hashed character n-grams, then (when ``word_weight``) hashed words and word pairs
    times ``word_weight``; each block of unit length. With ``idf`` a count ``c`` weighs
    ``(1 + log c) * idf``; without it (older model files), raw character counts alone."""
    counts = ngram_counts(prepared, words=bool(word_weight)).astype(np.float64)
    if idf is not None:
        # Each stored count times its column's weight: no diagonal matrix of 2**19 rows.
        counts.data = (1.0 + np.log(counts.data)) * idf[counts.indices]
    blocks = [preprocessing.normalize(counts[:, :NGRAM_FEATURES], norm="l2")]
    if word_weight:
        words = preprocessing.normalize(counts[:, NGRAM_FEATURES:], norm="l2")
        blocks.append(words * word_weight)
    return sparse.hstack(blocks).tocsr()


def features(
    texts: list[str],
    encoder: SentenceEncoder,
    encoder_weight: float = ENCODER_WEIGHT,
    idf: np.ndarray | None = None,
    word_weight: float = 0.0,
) -> csr_matrix:
    """One row per text: its encoder vector (times ``encoder_weight``), then its hashed
    n-grams and words (see :func:`ngram_features`)."""
    prepared = [encoder_text(text) for text in texts]
    vectors = encoder.encode(prepared) * encoder_weight
    ngrams = ngram_features(prepared, idf, word_weight)
    return sparse.hstack([sparse.csr_matrix(vectors), ngrams]).tocsr()


def pieces(text: str) -> list[str]:
    """``text`` cut at sentence ends into pieces of about ``PIECE_CHARACTERS``."""
    found: list[str] = []
    for sentence in _SENTENCE.findall(text) or [text]:
        if found and len(found[-1]) + len(sentence) <= PIECE_CHARACTERS:
            found[-1] += sentence
        else:
            found.append(sentence)
    return [piece for piece in found if piece.strip()] or [text]


def verdicts_from_features(
    model: ScreenModel, rows: csr_matrix, owners: list[int], count: int
) -> list[Verdict]:
    """Score ``count`` texts whose pieces are ``rows`` (``owners[i]`` is row i's text),
    each by its most worrying piece."""
    probabilities = _sigmoid(np.asarray(rows @ model.weights.T) + model.bias)
    dense = rows[:, : model.category_weights.shape[1]].toarray() / model.encoder_weight
    found = []
    for text in range(count):
        mine = [i for i, owner in enumerate(owners) if owner == text]
        worst = max(mine, key=lambda i: probabilities[i, 0])
        score, alert = (float(p) for p in probabilities[worst])
        logits = dense[worst] @ model.category_weights.T + model.category_bias
        category = model.categories[int(np.argmax(logits))]
        severity = severity_for(model.thresholds, score, alert)
        found.append(Verdict(score, alert, category if severity else None, severity))
    return found


def severity_for(thresholds: dict[str, float], score: float, alert: float) -> str | None:
    if score < thresholds["low"]:
        return None
    if alert >= thresholds["high"]:
        return "high"
    return "medium" if alert >= thresholds["medium"] else "low"


@lru_cache(maxsize=4)
def load_model(path: Path | None = None) -> ScreenModel:
    """The shipped (or retrained) model, read once per process."""
    return ScreenModel.load(path or MODEL_FILE)


def classify_texts(
    texts: list[str],
    model: ScreenModel | None = None,
    encoder: SentenceEncoder | None = None,
) -> list[Verdict]:
    """The learned layer's verdict on each text, in order."""
    model = model or load_model()
    encoder = encoder or load_encoder()
    owners, parts = [], []
    for index, text in enumerate(texts):
        for piece in pieces(text):
            owners.append(index)
            parts.append(piece)
    if not parts:
        return []
    rows = features(parts, encoder, model.encoder_weight, model.idf, model.word_weight)
    return verdicts_from_features(model, rows, owners, len(texts))
