"""Codebook patterns compiled for fast matching against tokenised comments.

Every pattern word becomes a *unit* (an exact word, a prefix, or a Snowball stem). Each
distinct token is looked up once per language and the units it satisfies are cached, so
a comment costs a few dictionary look-ups per word however large the codebook is.
A comment is matched against its own language's patterns and the English ones, because
comments mix languages ("mój social worker").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from app.text.negation import is_negator, negated
from app.text.normalise import normalise
from app.text.stemming import has_stemmer, stem
from app.text.tokenise import tokens
from app.themes.codebook import GAP, Codebook, PatternSpec

MAX_GAP = 3
_CACHE_LIMIT = 200_000
_ARABIC_SCRIPT_FOLD = str.maketrans({"ي": "ی", "ك": "ک", "أ": "ا", "إ": "ا", "آ": "ا"})


def fold_script(text: str, language: str) -> str:
    """Dari and Pashto are typed with Arabic letter forms too (ي/ی, ك/ک): one of each."""
    return text.translate(_ARABIC_SCRIPT_FOLD) if language in ("fa", "ps") else text


def normalise_for(text: str, language: str) -> str:
    """The normalised form theming works on (English text-speak only for English and Welsh)."""
    return fold_script(normalise(text, speak=language in ("en", "cy"), emoji=True), language)


class Hit(NamedTuple):
    """One pattern found in a clause (a named tuple: thousands are made per second)."""

    theme: int
    start: int
    end: int
    weight: float
    tone: int  # already flipped when the mention is negated
    negated: bool


@dataclass(frozen=True)
class _Compiled:
    theme: int
    steps: tuple[int, ...]  # unit ids; -1 stands for a gap of up to MAX_GAP words
    tone: int
    when: str
    weight: float
    near: frozenset[int]


class LanguageMatcher:
    """One language's view of a codebook: its patterns plus the English ones."""

    def __init__(self, codebook: Codebook, language: str) -> None:
        self.language = language
        self._units: dict[tuple[str, str, str], int] = {}
        self._exact: dict[str, list[int]] = {}
        self._stems: dict[tuple[str, str], list[int]] = {}
        self._prefixes: list[tuple[str, int]] = []
        self._stem_languages: set[str] = set()
        self.starts: dict[int, list[_Compiled]] = {}
        self._token_cache: dict[str, frozenset[int]] = {}
        for index, theme in enumerate(codebook.themes):
            for spec in theme.patterns:
                if spec.language in (language, "en"):
                    self._add(index, spec)

    def _unit(self, word: str, language: str) -> int:
        if word.endswith("*"):
            key = ("prefix", "", normalise_for(word[:-1], language).replace(" ", ""))
        elif word.startswith("="):
            key = ("exact", "", normalise_for(word[1:], language).replace(" ", ""))
        elif has_stemmer(language):
            key = ("stem", language, stem(word, language))
        else:
            key = ("exact", "", word)
        if key not in self._units:
            unit = self._units[key] = len(self._units)
            kind, stem_language, value = key
            if kind == "prefix":
                self._prefixes.append((value, unit))
            elif kind == "stem":
                self._stems.setdefault((stem_language, value), []).append(unit)
                self._stem_languages.add(stem_language)
            else:
                self._exact.setdefault(value, []).append(unit)
        return self._units[key]

    def _words(self, text: str, language: str) -> list[int]:
        steps: list[int] = []
        for chunk in text.split():
            if chunk == GAP:
                steps.append(-1)
            elif chunk.endswith("*") or chunk.startswith("="):
                steps.append(self._unit(chunk, language))
            else:
                for word in tokens(normalise_for(chunk, language)):
                    steps.append(self._unit(word, language))
        return steps

    def _add(self, theme: int, spec: PatternSpec) -> None:
        steps = tuple(self._words(spec.text, spec.language))
        if not steps or steps[0] < 0:
            return
        near = frozenset(u for w in spec.near for u in self._words(w, spec.language) if u >= 0)
        compiled = _Compiled(theme, steps, spec.tone, spec.when, spec.weight, near)
        self.starts.setdefault(steps[0], []).append(compiled)

    def units(self, token: str) -> frozenset[int]:
        """The units a token satisfies (cached: most words recur across comments)."""
        found = self._token_cache.get(token)
        if found is not None:
            return found
        matched = set(self._exact.get(token, ()))
        for language in self._stem_languages:
            matched.update(self._stems.get((language, stem(token, language)), ()))
        matched.update(unit for prefix, unit in self._prefixes if token.startswith(prefix))
        found = frozenset(matched)
        if len(self._token_cache) >= _CACHE_LIMIT:
            self._token_cache.clear()
        self._token_cache[token] = found
        return found

    def match_clause(self, clause: list[str]) -> Iterable[Hit]:
        """Every pattern that matches in one clause, negation taken into account."""
        unit_sets = [self.units(word) for word in clause]
        for start, units in enumerate(unit_sets):
            for unit in units:
                for pattern in self.starts.get(unit, ()):
                    end = _match_from(pattern.steps, unit_sets, start)
                    if end is None:
                        continue
                    if pattern.near and not any(pattern.near & s for s in unit_sets):
                        continue
                    is_negated = negated(clause, start, end) or (
                        end > start + 1 and any(is_negator(w) for w in clause[start + 1 : end])
                    )
                    if (pattern.when == "affirmed" and is_negated) or (
                        pattern.when == "negated" and not is_negated
                    ):
                        continue
                    tone = -pattern.tone if is_negated else pattern.tone
                    yield Hit(pattern.theme, start, end, pattern.weight, tone, is_negated)


def _match_from(steps: tuple[int, ...], unit_sets: list[frozenset[int]], start: int) -> int | None:
    """The end of the match of ``steps`` beginning at ``start``, or None."""
    if len(steps) == 1:
        return start + 1

    def walk(step: int, position: int) -> int | None:
        if step == len(steps):
            return position
        if steps[step] < 0:
            for skip in range(MAX_GAP + 1):
                end = walk(step + 1, position + skip)
                if end is not None:
                    return end
            return None
        if position < len(unit_sets) and steps[step] in unit_sets[position]:
            return walk(step + 1, position + 1)
        return None

    return walk(1, start + 1)


class CodebookMatcher:
    """A codebook compiled lazily, one language at a time."""

    def __init__(self, codebook: Codebook) -> None:
        self.codebook = codebook
        self._languages: dict[str, LanguageMatcher] = {}

    def for_language(self, language: str) -> LanguageMatcher:
        matcher = self._languages.get(language)
        if matcher is None:
            matcher = self._languages[language] = LanguageMatcher(self.codebook, language)
        return matcher
