"""Emerging themes: comments no codebook theme matched, grouped into candidate themes.

Word pairs that belong together are found with NLTK's collocation finder (likelihood
ratio), joined into single terms, and the comments are clustered (TF-IDF and k-means).
Each group becomes a candidate with a suggested label (its strongest collocation, or its
top two terms), key terms and a few example comments, for a person to accept or dismiss.
Only redacted text is used, so no candidate can carry a name or an address.
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
nltk_collocations = import_on_first_use("nltk.collocations")
sklearn_cluster = import_on_first_use("sklearn.cluster")
sklearn_text = import_on_first_use("sklearn.feature_extraction.text")


MIN_GROUP = 3
MAX_CANDIDATES = 8
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
    comments: Sequence[ThemedComment], min_group: int = MIN_GROUP, seed: int = 0
) -> list[Candidate]:
    """Candidate themes from the comments that no codebook theme matched."""
    unmatched = [c for c in comments if c.unmatched]
    documents = [content_words(c) for c in unmatched]
    kept = [(c, d) for c, d in zip(unmatched, documents, strict=True) if d]
    if len(kept) < min_group:
        return []
    pairs = collocations([d for _, d in kept])
    joined = [_join_pairs(d, set(pairs)) for _, d in kept]
    vectoriser = sklearn_text.TfidfVectorizer(analyzer=lambda words: words, min_df=1)
    matrix = vectoriser.fit_transform(joined)
    groups = max(1, min(MAX_CANDIDATES, round(len(kept) / (min_group + 1))))
    model = sklearn_cluster.KMeans(n_clusters=groups, n_init=10, random_state=seed).fit(matrix)
    terms = vectoriser.get_feature_names_out()
    candidates = []
    for group in range(groups):
        members = [i for i, g in enumerate(model.labels_) if g == group]
        if len(members) < min_group:
            continue
        centre = model.cluster_centers_[group]
        top = [terms[i] for i in centre.argsort()[::-1][:5] if centre[i] > 0]
        closest = sorted(members, key=lambda i: -float(matrix[i].dot(centre)[0]))
        candidates.append(
            Candidate(
                label=_label(top, [joined[i] for i in members]),
                key_terms=tuple(t.replace("_", " ") for t in top),
                comment_ids=tuple(kept[i][0].id for i in members),
                examples=tuple(kept[i][0].redacted for i in closest[:3]),
            )
        )
    return sorted(candidates, key=lambda c: -c.size)


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
