"""Emerging themes: comments no codebook theme matched, grouped into candidate themes.

The comments are grouped by meaning: the local sentence encoder (``app/text/encoder.py``)
gives each redacted comment a vector, and agglomerative clustering (average linkage over
cosine distance) joins comments only while a group stays close together, so a comment
unlike any other stays on its own instead of being forced into a group. Without the
encoder's files the comments are clustered by their words (TF-IDF and k-means) instead.

Word pairs that belong together are found with NLTK's collocation finder (likelihood
ratio) and joined into single terms, which name each group: its strongest collocation,
or its top two terms. Each group becomes a candidate with that label, key terms and a few
example comments, for a person to accept or dismiss. Only redacted text is used, so no
candidate can carry a name or an address.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from app.imports import import_on_first_use
from app.text.stopwords import stopwords
from app.text.tokenise import tokens
from app.themes.matching import normalise_for
from app.themes.pipeline import ThemedComment

# Imported on first use: see app/imports.py
np = import_on_first_use("numpy")
nltk_collocations = import_on_first_use("nltk.collocations")
sklearn_cluster = import_on_first_use("sklearn.cluster")
sklearn_text = import_on_first_use("sklearn.feature_extraction.text")


MIN_GROUP = 3
MAX_CANDIDATES = 8
GROUP_DISTANCE = 0.6  # mean cosine distance at which two groups are no longer joined
PLACEHOLDERS = {"name", "phone", "email", "postcode", "address", "date", "school"}


@dataclass(frozen=True)
class Candidate:
    label: str
    key_terms: tuple[str, ...]
    comment_ids: tuple[Any, ...]
    examples: tuple[str, ...]

    @property
    def size(self) -> int:
        return len(self.comment_ids)

    def as_record(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "key_terms": list(self.key_terms),
            "size": self.size,
            "comment_ids": list(self.comment_ids),
            "examples": list(self.examples),
        }


def content_words(comment: ThemedComment) -> list[str]:
    """The words that carry meaning, from the redacted text, placeholders left out."""
    stop = stopwords(comment.language)
    return [
        w
        for w in tokens(normalise_for(comment.redacted, comment.language))
        if w[:1].isalpha() and len(w) > 2 and w not in stop and w not in PLACEHOLDERS
    ]


def collocations(documents: Sequence[list[str]], limit: int = 20) -> list[tuple[str, str]]:
    """Word pairs that occur together more than chance, strongest first."""
    finder = nltk_collocations.BigramCollocationFinder.from_documents(documents)
    finder.apply_freq_filter(2)
    return finder.nbest(nltk_collocations.BigramAssocMeasures().likelihood_ratio, limit)


def emerging_themes(
    comments: Sequence[ThemedComment],
    min_group: int = MIN_GROUP,
    seed: int = 0,
    encoder: bool = True,
) -> list[Candidate]:
    """Candidate themes from the comments that no codebook theme matched, largest first.

    ``encoder=False`` (or an encoder whose files are missing) groups by words instead."""
    unmatched = [c for c in comments if c.unmatched]
    documents = [content_words(c) for c in unmatched]
    kept = [(c, d) for c, d in zip(unmatched, documents, strict=True) if d]
    if len(kept) < min_group:
        return []
    pairs = collocations([d for _, d in kept])
    joined = [_join_pairs(d, set(pairs)) for _, d in kept]
    vectoriser = sklearn_text.TfidfVectorizer(analyzer=lambda words: words, min_df=1)
    matrix = vectoriser.fit_transform(joined)
    vectors = _meanings([c.redacted for c, _ in kept]) if encoder else None
    if vectors is not None:
        labels = _by_meaning(vectors)
    else:
        groups = max(1, min(MAX_CANDIDATES, round(len(kept) / (min_group + 1))))
        model = sklearn_cluster.KMeans(n_clusters=groups, n_init=10, random_state=seed)
        labels = model.fit(matrix).labels_
    terms = vectoriser.get_feature_names_out()
    candidates = []
    for group in sorted(set(labels)):
        members = [i for i, g in enumerate(labels) if g == group]
        if len(members) < min_group:
            continue
        centre = np.asarray(matrix[members].mean(0)).ravel()
        top = [terms[i] for i in centre.argsort()[::-1][:5] if centre[i] > 0]
        if vectors is not None:
            middle = vectors[members].mean(0)
            closest = sorted(members, key=lambda i: -float(vectors[i] @ middle))
        else:
            closest = sorted(members, key=lambda i: -float(matrix[i].dot(centre)[0]))
        candidates.append(
            Candidate(
                label=_label(top, [joined[i] for i in members]),
                key_terms=tuple(t.replace("_", " ") for t in top),
                comment_ids=tuple(kept[i][0].id for i in members),
                examples=tuple(kept[i][0].redacted for i in closest[:3]),
            )
        )
    return sorted(candidates, key=lambda c: -c.size)[:MAX_CANDIDATES]


def _meanings(texts: list[str]) -> np.ndarray | None:
    """The encoder's vectors of the redacted texts; None when its files are missing."""
    from app.text.encoder import EncoderFilesError, load_encoder

    try:
        return load_encoder().encode(texts)
    except EncoderFilesError:
        return None


def _by_meaning(vectors: np.ndarray) -> np.ndarray:
    """A group number per comment: average-linkage clustering over cosine distance."""
    if len(vectors) < 2:
        return np.zeros(len(vectors), dtype=int)
    clustering = sklearn_cluster.AgglomerativeClustering(
        n_clusters=None,
        distance_threshold=GROUP_DISTANCE,
        metric="cosine",
        linkage="average",
    )
    return clustering.fit_predict(vectors)


def _join_pairs(words: list[str], pairs: set[tuple[str, str]]) -> list[str]:
    joined, i = [], 0
    while i < len(words):
        if i + 1 < len(words) and (words[i], words[i + 1]) in pairs:
            joined.append(f"{words[i]}_{words[i + 1]}")
            i += 2
        else:
            joined.append(words[i])
            i += 1
    return joined


def _label(top_terms: list[str], documents: list[list[str]]) -> str:
    """A collocation the group uses most, else its two strongest terms."""
    phrases = Counter(w for d in documents for w in set(d) if "_" in w)
    if phrases:
        return phrases.most_common(1)[0][0].replace("_", " ")
    if not top_terms:
        return "unnamed"
    shared = [t for t in top_terms[1:2] if sum(t in d for d in documents) * 2 >= len(documents)]
    return " and ".join([top_terms[0], *shared])
