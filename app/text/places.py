"""UK towns and villages named in a comment become ``[place]``.

The names come from ``data/uk_places.txt``: every UK place of 500 people or more in
GeoNames (CC BY 4.0), with its other Latin-script names, so "Tregaron", "Ystrad Mynach",
"Stoke-on-Trent" and "Rhydaman" (Ammanford in Welsh) are all found, in any case.

A name of several words ("Ystrad Mynach") is a place in any case. One word is a place
after a word that introduces a place ("in", "from", "near": "i live in tregaron"), or
written with a capital inside a sentence. A place whose name is also an everyday word
("Reading", "Bath", "Hope", "Mark") needs its capital even then, and is never taken for a
place at the start of a sentence: "reading is boring" and "Hope it helps" are left
alone, "I live in Reading" is not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from app.text.language import english_vocabulary
from app.text.stopwords import stopwords

PLACES_FILE = Path(__file__).parent / "data" / "uk_places.txt"
AREAS_FILE = Path(__file__).parent / "data" / "uk_areas.txt"
PLACEHOLDER = "[place]"
_TOKEN = re.compile(r"[^\W\d_](?:[\w'’-]*[^\W\d_])?")
# Everyday English words that are also UK place names.
_EVERYDAY_WORDS = """
    ash bath beer bowling bridge brook bury canvey cardigan castle chapel cheddar church
    cliff colne cove cross deal down ealing east eye ferry flint ford gate goring grange
    green hale hatch heath hill hook hope hythe kent lamb leek lewes march marsh mold moor
    nash north over park pool port reading rhyl rye sale sandy send shaw shotts south
    spa stone street strood sutton swanage tarbert thorne tower town ware wells west
    whale wick wool yarm york barry grace hazel mark road lane field bank wood bay
    """
EVERYDAY = frozenset(_EVERYDAY_WORDS.split())
# Months and days are never taken for places ("on 12 March", "see you Monday"), though
# March is a town in Cambridgeshire: a date is far commoner in a comment.
_MONTHS_AND_DAYS = """
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday
    """
NEVER_PLACES = frozenset(_MONTHS_AND_DAYS.split())
_INTRODUCER_WORDS = (
    "in into from near at to round around outside nr by of live lives living moved move "
    "stay staying stays"
)
_INTRODUCERS = frozenset(_INTRODUCER_WORDS.split())


@dataclass(frozen=True)
class Gazetteer:
    """Place names by their first word (casefolded), longest first."""

    by_first: dict[str, tuple[tuple[str, ...], ...]]
    everyday: frozenset[str]


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The shipped place names, read once per process."""
    # Common words of the Latin-script languages Sayso ships count as everyday too.
    words = {w.casefold() for lang in ("en", "cy", "pl", "ro") for w in stopwords(lang)}
    words |= EVERYDAY
    grouped: dict[str, set[tuple[str, ...]]] = {}
    everyday = set()
    english = english_vocabulary()
    for path in (PLACES_FILE, AREAS_FILE):
        for line in path.read_text(encoding="utf-8").splitlines():
            name = line.strip()
            if not name or name.startswith("#"):
                continue
            parts = tuple(p.casefold() for p in _TOKEN.findall(name))
            if not parts:
                continue
            grouped.setdefault(parts[0], set()).add(parts)
            if len(parts) == 1 and (parts[0] in words or len(parts[0]) <= 3):
                everyday.add(parts[0])
            # Welsh mutates a name's first letter after some words ("i Gaerdydd", "yn
            # Nhreorci", "o Fangor"): those forms are the same place. A form that is an
            # English or a common word ("Gross" from "Cross") is left out.
            for mutated in welsh_mutations(parts[0]):
                if mutated not in words and mutated not in english:
                    grouped.setdefault(mutated, set()).add((mutated, *parts[1:]))
    by_first = {
        first: tuple(sorted(names, key=len, reverse=True)) for first, names in grouped.items()
    }
    return Gazetteer(by_first, frozenset(everyday))


# Soft, nasal and aspirate mutations of a word's first letters. "G" dropping (soft) is
# left out: "Grange" would become "Range".
_MUTATIONS = (
    ("ll", ("l",)),
    ("rh", ("r",)),
    ("c", ("g", "ngh", "ch")),
    ("p", ("b", "mh", "ph")),
    ("t", ("d", "nh", "th")),
    ("g", ("ng",)),
    ("b", ("f", "m")),
    ("d", ("dd", "n")),
    ("m", ("f",)),
)


def welsh_mutations(word: str) -> tuple[str, ...]:
    """The mutated forms of a casefolded place name's first word (six letters or more:
    shorter mutated forms are too often words of their own, "Marra" from "Barra")."""
    if len(word) < 6:
        return ()
    for start, replacements in _MUTATIONS:
        if word.startswith(start):
            return tuple(r + word[len(start) :] for r in replacements)
    return ()


def redact_places(text: str) -> str:
    """``text`` with the UK places it names replaced by ``[place]``."""
    places = gazetteer()
    tokens = list(_TOKEN.finditer(text))
    folded = [t.group().casefold() for t in tokens]
    spans: list[tuple[int, int]] = []
    index = 0
    while index < len(tokens):
        length = _match_at(folded, index, places)
        if length and _reads_as_place(text, tokens, folded, index, length, places):
            spans.append((tokens[index].start(), tokens[index + length - 1].end()))
            index += length
        else:
            index += 1
    for start, end in reversed(spans):
        text = text[:start] + PLACEHOLDER + text[end:]
    return text


def _match_at(folded: list[str], index: int, places: Gazetteer) -> int:
    """How many words from ``index`` on make the longest place name, or 0."""
    for name in places.by_first.get(folded[index], ()):
        if tuple(folded[index : index + len(name)]) == name:
            return len(name)
    return 0


def _reads_as_place(
    text: str,
    tokens: list[re.Match[str]],
    folded: list[str],
    index: int,
    length: int,
    places: Gazetteer,
) -> bool:
    """A name of several words is always a place; one word is a place after a word that
    introduces one ("in tregaron"), or written with a capital inside a sentence; at the
    start of a sentence only when it is not also an everyday word ("Tregaron is nice",
    not "Hope it helps")."""
    if length > 1:
        return True
    if folded[index] in NEVER_PLACES:
        return False
    word, everyday = tokens[index].group(), folded[index] in places.everyday
    capital = word[0].isupper() and not word.isupper()
    if index and folded[index - 1] in _INTRODUCERS:
        return capital or not everyday
    if not capital:
        return False
    before = text[: tokens[index].start()].rstrip()
    starts_sentence = not before or before[-1] in ".!?\n"
    return not (starts_sentence and everyday)
