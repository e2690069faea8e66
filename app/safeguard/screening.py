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

Text is normalised first (case, apostrophes, text-speak: see ``app.text``), split into
clauses, and each pattern is tried on each clause; negation looks a few words back within
the clause. Every language's patterns are tried on every text, because children mix
languages. Nothing here imports Flask or Celery.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from app.safeguard.cues import cue_categories, english_cues
from app.text.language import readable_by_screen
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
WHEN = ("affirmed", "negated", "any")
KEYS = {"id", "category", "severity", "match", "when", "unless"}


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

    def as_record(self) -> dict[str, object]:
        return {
            "concern": self.concern,
            "severity": self.severity,
            "reasons": self.reasons,
            "route": self.route,
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
    """Load and check the patterns and cue words now, when the app starts: a pattern file
    that cannot be used stops the app with its name, instead of failing the first
    respondent who sends answers, and that respondent does not wait for the loading."""
    all_patterns()
    english_cues()
    screen_text("nothing to see here")  # what the screen reads on first use: text-speak


def _matches(clause: list[str], joined: str, pattern: Pattern) -> bool:
    if pattern.unless is not None and pattern.unless.search(joined):
        return False
    for match in pattern.regex.finditer(joined):
        start = joined[: match.start()].count(" ")
        end = start + match.group(0).count(" ") + 1
        is_negated = negated(clause, start, end)
        if pattern.when == "any" or (pattern.when == "negated") == is_negated:
            return True
    return False


def screen_text(text: str, language: str | None = None) -> ScreenResult:
    """Screen one answer. ``language`` is a hint only: every language's patterns are tried."""
    if not text or not text.strip():
        return ScreenResult(False, None)
    parts = clauses(tokens(normalise(text)))
    joined = [(clause, " ".join(clause)) for clause in parts]
    hits = [p for p in all_patterns() if any(_matches(c, j, p) for c, j in joined)]
    if not hits:
        found = cue_categories(parts)
        if found:
            return ScreenResult(True, "low", found, [f"cue:{c}" for c in found], "review")
        if not readable_by_screen(text):
            # Nobody can say it is safe: a lead reads it.
            return ScreenResult(False, None, [UNREADABLE], [], "review")
        return ScreenResult(False, None)
    severity = min((p.severity for p in hits), key=SEVERITIES.index)
    reasons = sorted({p.category for p in hits}, key=CATEGORIES.index)
    matched = sorted({f"{p.language}:{p.id}" for p in hits})
    return ScreenResult(True, severity, reasons, matched, route_for(True, severity))


def screen_records(texts: Iterable[str], language: str | None = None) -> Iterator[dict]:
    """``{"concern", "severity", "reasons"}`` for each text, in input order."""
    for text in texts:
        yield screen_text(text, language).as_record()
