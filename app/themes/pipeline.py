"""Theme a batch of comments: redact, detect language, match the codebook, score sentiment.

The entry point for tasks, views and the command line::

    results = theme_comments([(17, "my social worker keeps changing", "en"), ...])
    results[0].as_record()
    # {"id": 17, "themes": [{"id": "social_worker_change", "confidence": 0.8,
    #   "sentiment": "negative", ...}], "sentiment": "negative", "language": "en",
    #   "redacted": "my social worker keeps changing"}

Comments are redacted first, and everything after works on the redacted text, so no
name or address can leak into themes, terms or quotes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from app.imports import import_on_first_use
from app.text.encoder import DIMENSIONS
from app.text.language import SHIPPED, detect_language
from app.text.redaction import redact
from app.text.stopwords import without_stopwords
from app.text.tokenise import clauses, tokens
from app.text.vector_memory import VectorMemory
from app.themes.codebook import Codebook, named_codebook
from app.themes.matching import CodebookMatcher, Hit, normalise_for
from app.themes.semantic import LANGUAGES, ThemeSpace, theme_space
from app.themes.sentiment import clamp, is_request, label, text_score

np = import_on_first_use("numpy")  # imported on first use: see app/imports.py

OTHER = "other"
TONE_SHIFT = 0.35  # how far a codebook tone ("not listened to") moves a VADER score
FALLBACK_CONFIDENCE = 0.5

CommentInput = tuple[Any, str, str | None]  # (id, text, language or None)


@dataclass(frozen=True)
class ThemeMention:
    id: str
    confidence: float
    sentiment_score: float

    @property
    def sentiment(self) -> str:
        return label(self.sentiment_score)

    def as_record(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "confidence": round(self.confidence, 3),
            "sentiment": self.sentiment,
            "sentiment_score": round(self.sentiment_score, 3),
        }


@dataclass(frozen=True)
class ThemedComment:
    id: Any
    language: str
    redacted: str
    sentiment_score: float
    themes: tuple[ThemeMention, ...] = field(default_factory=tuple)
    # The encoder's vector of ``redacted`` when theming worked it out: kept with a coded
    # comment so that training a theme model need not encode it again.
    vector: Any = field(default=None, compare=False, repr=False)

    @property
    def sentiment(self) -> str:
        return label(self.sentiment_score)

    @property
    def theme_ids(self) -> list[str]:
        return [t.id for t in self.themes]

    @property
    def unmatched(self) -> bool:
        """No codebook theme fits: a candidate for an emerging theme."""
        return self.theme_ids == [OTHER]

    def as_record(self) -> dict[str, Any]:
        record: dict[str, Any] = {} if self.id is None else {"id": self.id}
        record |= {
            "themes": [t.as_record() for t in self.themes],
            "sentiment": self.sentiment,
            "sentiment_score": round(self.sentiment_score, 3),
            "language": self.language,
            "redacted": self.redacted,
        }
        return record


@dataclass(frozen=True)
class Analysis:
    """A themed comment with its clauses and every theme's evidence, however weak."""

    comment: ThemedComment
    clauses: list[list[str]]
    evidence: dict[str, float]
    vector: Any = None  # the encoder's vector of the redacted text, when it was computed


class ThemePipeline:
    """A codebook made ready for use; build one per batch (or keep one per process)."""

    def __init__(
        self,
        codebook: Codebook | None = None,
        semantic: bool = True,
        memory: VectorMemory | None = None,
    ) -> None:
        """``semantic=False`` keeps to the patterns: the plain, fast path (also taken when
        the codebook ships no examples or the encoder's files are missing). ``memory``
        holds vectors of earlier runs: a text found there is not encoded again."""
        self.codebook = codebook or named_codebook()
        self.memory = memory
        self.matcher = CodebookMatcher(self.codebook)
        self.ids = self.codebook.theme_ids
        self.space: ThemeSpace | None = None
        if semantic:
            self.space = theme_space(
                self.codebook.id,
                tuple(self.ids),
                tuple((t.id, t.description) for t in self.codebook.themes),
            )

    def prepare(self, text: str, language: str | None) -> tuple[str, str]:
        """The comment's language (detected when not given or not shipped) and its
        redacted text: everything after redaction reads only the redacted text."""
        if language not in SHIPPED:
            language = detect_language(text)
        return language, redact(text, language)

    def embed(self, redacted: list[str]) -> Any:
        """The encoder's vectors of redacted texts (the theme space's encoder), from the
        memory where it has them."""
        from app.text.encoder import load_encoder

        if self.memory is None:
            return load_encoder().encode(redacted)
        found = self.memory.recall(redacted)
        missing = [i for i, vector in enumerate(found) if vector is None]
        if missing:
            encoded = load_encoder().encode([redacted[i] for i in missing])
            for row, i in enumerate(missing):
                found[i] = encoded[row]
                self.memory.remember(redacted[i], encoded[row])
        return np.stack(found) if found else np.zeros((0, DIMENSIONS), np.float32)

    def theme(
        self, text: str, language: str | None = None, comment_id: Any = None
    ) -> ThemedComment:
        """Theme one comment; ``language`` is detected when not given."""
        return self.analyse(text, language, comment_id).comment

    def analyse(
        self, text: str, language: str | None = None, comment_id: Any = None, vector: Any = None
    ) -> Analysis:
        """Theme one comment, keeping what a learned classifier needs to read it too."""
        language, redacted = self.prepare(text or "", language)
        return self._analyse(redacted, language, comment_id, vector)

    def _analyse(self, redacted: str, language: str, comment_id: Any, vector: Any) -> Analysis:
        normalised = normalise_for(redacted, language)
        parts = clauses(tokens(normalised))
        if not parts:
            return Analysis(ThemedComment(comment_id, language, redacted, 0.0), [], {})
        matcher = self.matcher.for_language(language)
        hits = [(i, hit) for i, clause in enumerate(parts) for hit in matcher.match_clause(clause)]
        words = [w for clause in parts for w in clause]
        base = text_score(normalised, words, language)
        by_theme = _evidence(hits)
        if language == "en":
            by_theme = _without_requested_praise(by_theme, parts)
        mentions = self._mentions(by_theme, parts, language, base)
        if self.space is not None and language in LANGUAGES and without_stopwords(words, language):
            if vector is None:
                vector = self.embed([redacted])[0]
            mentions = self._with_meaning(mentions, vector, base)
        if not mentions and without_stopwords(words, language):
            mentions = [ThemeMention(OTHER, FALLBACK_CONFIDENCE, base)]
        shown = {m.id for m in mentions}
        tones = sum(_tone(found.values()) for t, found in by_theme.items() if self.ids[t] in shown)
        comment = ThemedComment(
            comment_id,
            language,
            redacted,
            clamp(base + TONE_SHIFT * tones),
            tuple(mentions),
            vector,
        )
        evidence = {
            self.ids[t]: _confidence(h.weight for h in found.values())
            for t, found in by_theme.items()
        }
        return Analysis(comment, parts, evidence, vector)

    def _with_meaning(
        self, mentions: list[ThemeMention], vector: Any, base: float
    ) -> list[ThemeMention]:
        """The patterns' themes plus those the encoder finds close enough in meaning
        (at most as many as the calibration allows), after them."""
        assert self.space is not None
        named = [m for m in mentions if m.id != OTHER]
        scores = self.space.scores(vector[None, :])[0]
        added = self.space.suggest(scores, [m.id for m in named])
        if not added:
            return mentions
        extra = [
            ThemeMention(theme, round(min(0.95, FALLBACK_CONFIDENCE + 2 * margin), 3), base)
            for theme, margin in added
        ]
        return named + extra

    def _mentions(
        self,
        by_theme: dict[int, dict[tuple[int, int], Hit]],
        parts: list[list[str]],
        language: str,
        base: float,
    ) -> list[ThemeMention]:
        clause_scores: dict[int, float] = {}
        mentions = []
        for theme_index, found in sorted(by_theme.items()):
            confidence = _confidence(h.weight for h in found.values())
            if confidence < self.codebook.threshold:
                continue
            clause_ids = sorted({clause for clause, _ in found})
            scores = [
                self._clause_score(parts, i, language, base, clause_scores) for i in clause_ids
            ]
            score = clamp(sum(scores) / len(scores) + TONE_SHIFT * _tone(found.values()))
            mentions.append(ThemeMention(self.ids[theme_index], confidence, score))
        named = [m for m in mentions if m.id != OTHER]
        return sorted(named or mentions, key=lambda m: -m.confidence)

    @staticmethod
    def _clause_score(
        parts: list[list[str]], index: int, language: str, base: float, cache: dict[int, float]
    ) -> float:
        if len(parts) == 1:
            return base  # the clause is the whole comment
        if index not in cache:
            cache[index] = text_score(" ".join(parts[index]), parts[index], language)
        return cache[index]

    def theme_many(self, comments: Iterable[CommentInput]) -> list[ThemedComment]:
        """Theme ``(id, text, language)`` triples, in input order."""
        return [analysis.comment for analysis in self.analyse_many(comments)]

    def analyse_many(self, comments: Iterable[CommentInput], batch: int = 256) -> list[Analysis]:
        """:meth:`analyse` for many comments, the encoder given them in batches (much
        cheaper per comment than one at a time)."""
        comments = list(comments)
        found: list[Analysis] = []
        for start in range(0, len(comments), batch):
            part = comments[start : start + batch]
            prepared = [self.prepare(text or "", language) for _, text, language in part]
            vectors: list[Any] = [None] * len(part)
            if self.space is not None:
                wanted = [i for i, (language, _) in enumerate(prepared) if language in LANGUAGES]
                if wanted:
                    encoded = self.embed([prepared[i][1] for i in wanted])
                    for row, i in enumerate(wanted):
                        vectors[i] = encoded[row]
            found.extend(
                self._analyse(redacted, language, comment_id, vector)
                for (comment_id, _, _), (language, redacted), vector in zip(
                    part, prepared, vectors, strict=True
                )
            )
        return found


def _evidence(hits: list[tuple[int, Hit]]) -> dict[int, dict[tuple[int, int], Hit]]:
    """Per theme, one hit for each stretch of words: overlapping patterns count once."""
    by_theme: dict[int, dict[tuple[int, int], Hit]] = defaultdict(dict)
    for clause_index, hit in sorted(hits, key=lambda pair: (pair[0], pair[1].start)):
        found = by_theme[hit.theme]
        overlapping = next(
            (k for k, h in found.items() if k[0] == clause_index and hit.start < h.end), None
        )
        if overlapping is None:
            found[(clause_index, hit.start)] = hit
        elif hit.weight > found[overlapping].weight:
            found[overlapping] = hit
    return by_theme


def _without_requested_praise(
    by_theme: dict[int, dict[tuple[int, int], Hit]], parts: list[list[str]]
) -> dict[int, dict[tuple[int, int], Hit]]:
    """A clause that asks for something ("listen to me", "please ask us") says it is
    missing, so a positive tone found in it is dropped: it still names the theme, but
    "Listen to me. More staff." is no longer read as praise."""
    asking = {index for index, clause in enumerate(parts) if clause and is_request(clause)}
    for found in by_theme.values():
        for key, hit in found.items():
            if hit.tone > 0 and key[0] in asking:
                found[key] = hit._replace(tone=0)
    return by_theme


def _confidence(weights: Iterable[float]) -> float:
    """Independent pieces of evidence: 1 - (1 - w1)(1 - w2)..."""
    missing = 1.0
    for weight in weights:
        missing *= 1.0 - weight
    return round(min(0.99, 1.0 - missing), 3)


def _tone(hits: Iterable[Hit]) -> int:
    total = sum(h.tone for h in hits)
    return (total > 0) - (total < 0)


def theme_comments(
    comments: Iterable[CommentInput], codebook: Codebook | None = None
) -> list[ThemedComment]:
    """Theme a batch of ``(id, text, language)``; language may be None to detect it."""
    return ThemePipeline(codebook).theme_many(comments)
