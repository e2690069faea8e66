"""Time-and-stance rules: harm that is past and resolved, told about someone else, or the
subject of a lesson goes to the review queue rather than raising an alert.

The rules are data (``stance.yaml``). They only ever lower an alert to review: a
disclosure is never silenced by them, and "lol", "haha" or an emoji are not among them.

A stance lowers only the harm in its own sentence: "we did a lesson on grooming. a man
online keeps sending me gifts" is a lesson and then a disclosure, and the second sentence
raises what it raises. Words that say harm is going on now ("still", "again", "every
night") anywhere in the text cancel every lowering stance.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

STANCE_FILE = Path(__file__).parent / "stance.yaml"
LOWERING = ("past_resolved", "reported", "lesson")
ONGOING = "ongoing"  # words that cancel every lowering stance
SUBJECT = "subject"  # words that make a named harm a subject: they lower nothing
PERSONAL = "personal"  # words that keep a named harm the writer's own: they lower nothing
# Sentence ends in the shipped scripts: Latin and Cyrillic, Arabic (؟ ۔) and the ellipsis.
_SENTENCE = re.compile(r"[^.!?؟۔…\n]+[.!?؟۔…\n]*")


@lru_cache(maxsize=1)
def stance_rules() -> dict[str, tuple[re.Pattern[str], ...]]:
    data = yaml.safe_load(STANCE_FILE.read_text(encoding="utf-8"))
    unknown = set(data) - set(LOWERING) - {ONGOING, SUBJECT, PERSONAL}
    if unknown:
        raise ValueError(f"{STANCE_FILE}: unknown stances {sorted(unknown)}")
    return {
        stance: tuple(re.compile(rf"(?<![\w'])(?:{text})(?![\w'])") for text in expressions)
        for stance, expressions in data.items()
    }


def sentences(text: str) -> list[str]:
    """``text`` cut at sentence ends; pieces with no letters join the one before."""
    found: list[str] = []
    for piece in _SENTENCE.findall(text) or [text]:
        if found and not re.search(r"[^\W\d_]", piece):
            found[-1] += piece
        else:
            found.append(piece)
    return [piece for piece in found if piece.strip()]


def says_ongoing(normalised: str) -> bool:
    """Does the text say the harm is going on now ("still", "again", "every night")?"""
    return any(expression.search(normalised) for expression in stance_rules().get(ONGOING, ()))


def sentence_stance(sentence: str) -> str | None:
    """The first stance found in one sentence that lowers an alert to review, if any
    (the caller checks :func:`says_ongoing` on the whole text first)."""
    for stance, expressions in stance_rules().items():
        if stance in (ONGOING, SUBJECT, PERSONAL):
            continue
        if any(expression.search(sentence) for expression in expressions):
            return stance
    return None


def names_a_subject(sentence: str, lesson: bool) -> bool:
    """Is a harm named in this sentence only a subject: of a lesson (``lesson``, the
    sentence's stance), a plan, an assessment, a referral, a record or a piece of work,
    and nothing in the sentence makes it the writer's own ("me", "my", an emoji of
    distress)? It lowers nothing: see ``topic`` in ``screening.py``."""
    rules = stance_rules()
    if any(expression.search(sentence) for expression in rules.get(PERSONAL, ())):
        return False
    return lesson or any(expression.search(sentence) for expression in rules.get(SUBJECT, ()))


def lowering_stance(normalised: str) -> str | None:
    """The stance of a text whose every sentence carries one, if none says the harm goes
    on: then nothing in it is outside the lesson, the past or the friend's story."""
    if says_ongoing(normalised):
        return None
    found = [sentence_stance(sentence) for sentence in sentences(normalised)]
    if found and all(found):
        return found[0]
    return None
