"""Safeguarding screening: does a piece of free text possibly disclose harm?

Patterns are data (``patterns/<language>.yaml``), one file per language. Each pattern::

    - id: hits-me                 # unique within its file
      category: physical_abuse    # one of CATEGORIES
      severity: high              # high | medium | low
      match: '(hits?|hitting) (me|us)'   # a regular expression over normalised words
      when: affirmed              # affirmed (default): not when negated ("he never hits me")
                                  # negated: only when negated ("I don't feel safe")
                                  # any: negation does not matter ("no food in the house")
      unless: 'target'            # optional: ignore the match if this appears in the clause
      topic: true                 # optional: the words name the harm as a subject
                                  # ("grooming", "self-harm"): not counted in a sentence
                                  # about a lesson, talk or training, or about a plan,
                                  # assessment, referral or piece of work

Text is normalised first (case, apostrophes, text-speak: see ``app.text``), split into
clauses, and each pattern is tried on each clause; negation looks a few words back within
the clause, and ``unless`` only counts within a few words of the match (an everyday word
elsewhere in the clause does not silence a disclosure). Every language's patterns are
tried on every text, because children mix languages. Emoji that carry meaning are read
as words ("🔪" -> "knife").

Then two rules that need no model: time and stance (``stance.py``: past and resolved
harm, reported speech, lessons) lower an alert in their own sentence to review, never
further; and text the
screen cannot read (a language without patterns or model, or too short to judge) goes to
review, never passes silently. This is the request path: no model, no Redis. The learned
layer (``classifier.py``) may then raise the decision (:func:`with_verdict`).
Nothing here imports Flask or Celery.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from app.safeguard.classifier import Verdict, load_model
from app.safeguard.stance import (
    names_a_subject,
    says_ongoing,
    sentence_stance,
    sentences,
    stance_rules,
)
from app.text.encoder import check_model_files
from app.text.language import language_support, readable_by_screen
from app.text.negation import negated
from app.text.normalise import normalise
from app.text.tokenise import clauses, tokens

PATTERN_DIR = Path(__file__).parent / "patterns"
CATEGORIES = (
    "physical_abuse",
    "sexual_abuse",
    "emotional_abuse",
    "neglect",
    "domestic_abuse",
    "self_harm",
    "suicidal_thoughts",
    "criminal_exploitation",
    "sexual_exploitation",
    "going_missing",
    "bullying_threats",
    "unsafe_accommodation",
    "feeling_unsafe",
)
SEVERITIES = ("high", "medium", "low")
UNDETERMINED = "und"  # the language of text in a script no shipped language uses
UNLESS_WINDOW = 4  # words either side of a match in which an ``unless`` word counts
WHEN = ("affirmed", "negated", "any")
KEYS = {"id", "category", "severity", "match", "when", "unless", "topic"}


class PatternError(ValueError):
    """A pattern file that cannot be used, naming the file and pattern."""


@dataclass(frozen=True)
class Pattern:
    id: str
    language: str
    category: str
    severity: str
    regex: re.Pattern[str]
    when: str = "affirmed"
    unless: re.Pattern[str] | None = None
    topic: bool = False  # names the harm as a subject: not counted in a lesson's sentence


# Where a screened answer goes. A learned screen plugs in by returning the same routes.
ROUTES = ("alert", "review", "none")
UNREADABLE = "unreadable_language"


def route_for(concern: bool, severity: str | None) -> str:
    """High and medium concerns alert (and escalate); low ones go to a lead's review."""
    if not concern:
        return "none"
    return "alert" if severity in ("high", "medium") else "review"


@dataclass(frozen=True)
class ScreenResult:
    """``route``: "alert" (tell leads now and escalate), "review" (a lead looks within a
    working day) or "none". Low-severity matches and text in a language the patterns do
    not cover are for review; any screen (patterns, or a learned one) sets it."""

    concern: bool
    severity: str | None
    reasons: list[str] = field(default_factory=list)
    matched: list[str] = field(default_factory=list)
    route: str = "none"
    language: str = "en"
    score: float | None = None  # the learned layer's probability of a concern, when it ran
    category: str | None = None
    stance: str | None = None  # a time-and-stance rule that lowers the learned layer
    # With ``stance``: the sentences that carry no stance, when there are any. The learned
    # layer reads them alone, and its verdict is not lowered when they worry it.
    unstanced: str | None = None

    def as_record(self) -> dict[str, object]:
        return {
            "concern": self.concern,
            "severity": self.severity,
            "reasons": self.reasons,
            "score": None if self.score is None else round(self.score, 4),
            "category": self.category,
            "route": self.route,
            "language": self.language,
        }


def _compile(text: str, where: str) -> re.Pattern[str]:
    try:
        # The group matters: without it the boundaries bind only to the first and last
        # alternatives of "a|b|c", and "safe" would match inside "safeguarding".
        return re.compile(rf"(?<![\w'])(?:{text})(?![\w'])")
    except re.error as exc:
        raise PatternError(f"{where}: bad regular expression: {exc}") from exc


def load_pattern_file(path: Path) -> list[Pattern]:
    """Read and check one language's patterns."""
    language = path.stem
    try:
        items = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    except yaml.YAMLError as exc:
        raise PatternError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(items, list):
        raise PatternError(f"{path}: must be a list of patterns")
    built, seen = [], set()
    for item in items:
        where = f"{path}: pattern {item.get('id', '?') if isinstance(item, dict) else '?'}"
        if not isinstance(item, dict) or not {"id", "category", "severity", "match"} <= item.keys():
            raise PatternError(f"{where}: needs id, category, severity and match")
        if set(item) - KEYS:
            raise PatternError(f"{where}: unknown keys {sorted(set(item) - KEYS)}")
        if item["id"] in seen:
            raise PatternError(f"{where}: id used twice")
        seen.add(item["id"])
        if item["category"] not in CATEGORIES:
            raise PatternError(f"{where}: category must be one of {', '.join(CATEGORIES)}")
        if item["severity"] not in SEVERITIES:
            raise PatternError(f"{where}: severity must be high, medium or low")
        if not isinstance(item.get("topic", False), bool):
            raise PatternError(f"{where}: topic must be true or false")
        when = item.get("when", "affirmed")
        if when not in WHEN:
            raise PatternError(f"{where}: when must be affirmed, negated or any")
        built.append(
            Pattern(
                id=str(item["id"]),
                language=language,
                category=item["category"],
                severity=item["severity"],
                regex=_compile(str(item["match"]), where),
                when=when,
                unless=_compile(str(item["unless"]), where) if item.get("unless") else None,
                topic=bool(item.get("topic", False)),
            )
        )
    return built


@lru_cache(maxsize=1)
def all_patterns() -> tuple[Pattern, ...]:
    """Every shipped language's patterns, loaded once per process."""
    found: list[Pattern] = []
    for path in sorted(PATTERN_DIR.glob("*.yaml")):
        found.extend(load_pattern_file(path))
    return tuple(found)


def load_screen() -> None:
    """Load and check the patterns, stance rules and the learned layer's files
    now, when the app starts: a file that is missing or cannot be used stops the app with
    its name, instead of failing the first
    respondent who sends answers, and that respondent does not wait for the loading."""
    all_patterns()
    stance_rules()
    check_model_files()  # the encoder's weights: present and the published ones
    load_model()
    screen_text("nothing to see here")  # what the screen reads on first use: text-speak


def _matches(clause: list[str], joined: str, pattern: Pattern) -> bool:
    for match in pattern.regex.finditer(joined):
        start = joined[: match.start()].count(" ")
        end = start + match.group(0).count(" ") + 1
        if pattern.unless is not None:
            near = " ".join(clause[max(0, start - UNLESS_WINDOW) : end + UNLESS_WINDOW])
            if pattern.unless.search(near):
                continue
        is_negated = negated(clause, start, end)
        if pattern.when == "any" or (pattern.when == "negated") == is_negated:
            return True
    return False


def _pattern_hits(parts: list[list[str]], subject: bool) -> list[Pattern]:
    joined = [(clause, " ".join(clause)) for clause in parts]
    return [
        p
        for p in all_patterns()
        if not (subject and p.topic) and any(_matches(c, j, p) for c, j in joined)
    ]


def _pattern_result(
    pieces: list[str], ongoing: bool
) -> tuple[str | None, list[str], list[str], list[str]]:
    """Severity, categories and pattern ids found in the sentences ``pieces``, one by
    one: a sentence's own time-and-stance words lower what it raises (to low), unless the
    text says the harm goes on (``ongoing``). Also each sentence's lowering stance ("" for
    one without)."""
    severities: list[str] = []
    hits: list[Pattern] = []
    stances: list[str] = []
    for piece in pieces:
        sentence = normalise(piece, emoji=True)
        stance = None if ongoing else sentence_stance(sentence)
        stances.append(stance or "")
        subject = not ongoing and names_a_subject(sentence, stance == "lesson")
        found = _pattern_hits(clauses(tokens(sentence)), subject)
        if not found:
            continue
        hits.extend(found)
        severity = min((p.severity for p in found), key=SEVERITIES.index)
        severities.append("low" if stance and severity in ("high", "medium") else severity)
    if not hits:
        return None, [], [], stances
    reasons = sorted({p.category for p in hits}, key=CATEGORIES.index)
    return (
        min(severities, key=SEVERITIES.index),
        reasons,
        sorted({f"{p.language}:{p.id}" for p in hits}),
        stances,
    )


def screen_text(text: str, language: str | None = None) -> ScreenResult:
    """Screen one answer with the patterns and rules (no model: the request path).

    ``language`` is a hint only: every language's patterns are tried.
    """
    if not text or not text.strip():
        return ScreenResult(False, None, language=language or "en")
    pieces = sentences(text)
    severity, reasons, matched, stances = _pattern_result(
        pieces, says_ongoing(normalise(text, emoji=True))
    )
    detected, support = language_support(text)
    if support == "ok" and not readable_by_screen(text):
        support = "unsupported"
    # What lowers the learned layer's verdict, which reads the whole text: a stance, and
    # the sentences without one (if any) for it to read alone.
    stance = next((found for found in stances if found), None)
    unstanced = None
    if stance and not all(stances):
        unstanced = " ".join(
            p.strip() for p, found in zip(pieces, stances, strict=True) if not found
        )
    if support == "unsupported":
        detected = UNDETERMINED
    if severity is None and support != "ok":
        # Nobody can say it is safe: a lead reads it.
        return ScreenResult(
            False, None, [UNREADABLE], [f"language:{support}"], "review", language=detected
        )
    return ScreenResult(
        severity is not None,
        severity,
        reasons,
        matched,
        route_for(severity is not None, severity),
        language=detected,
        category=reasons[0] if reasons else None,
        stance=stance,
        unstanced=unstanced,
    )


def with_verdict(result: ScreenResult, verdict: Verdict) -> ScreenResult:
    """The patterns' decision, raised (never lowered) by the learned layer's verdict. A
    time-and-stance rule lowers the verdict's alert to review (the patterns' own were
    lowered sentence by sentence), and unreadable text stays with a person. The caller
    clears ``result.stance`` when the sentences without a stance worry the learned layer
    by themselves (:func:`app.safeguard.learned.screen_texts`)."""
    learned = verdict.severity
    if result.stance and learned in ("high", "medium"):
        learned = "low"
    severity = result.severity
    if learned and _rank(learned) > _rank(severity):
        severity = learned
    reasons = [r for r in result.reasons if not (verdict.severity and r == UNREADABLE)]
    if verdict.category and verdict.severity and verdict.category not in reasons:
        reasons.append(verdict.category)
    route = route_for(severity is not None, severity)
    if route == "none" and result.route == "review":
        route = "review"
    return ScreenResult(
        severity is not None,
        severity,
        reasons,
        result.matched,
        route,
        language=result.language,
        score=verdict.score,
        category=verdict.category if verdict.severity else result.category,
        stance=result.stance,
    )


def _rank(severity: str | None) -> int:
    return 0 if severity is None else 3 - SEVERITIES.index(severity)


def screen_records(texts: Iterable[str], language: str | None = None) -> Iterator[dict]:
    """``{"concern", "severity", "reasons", "score", "category", "route", "language"}``
    for each text, in input order: patterns and rules only. The command line adds the
    learned layer (:func:`app.safeguard.learned.screen_texts`)."""
    for text in texts:
        yield screen_text(text, language).as_record()
