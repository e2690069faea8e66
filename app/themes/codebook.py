"""Codebooks: the themes a survey's comments are coded against, as editable YAML.

The format is described at the top of ``surveys/codebooks/childrens-social-care.yaml``
and in ``docs/themes.md``. Problems are reported as ``file:line: message``, every one of
them, the way survey definitions are (the same line-tracking YAML loader).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from app.survey.loader import Problem, _line, _LineLoader
from app.text.language import SHIPPED

CODEBOOK_DIR = Path(__file__).resolve().parents[2] / "surveys" / "codebooks"
DEFAULT_CODEBOOK = "childrens-social-care"
CODEBOOK_KEYS = {"id", "version", "title", "threshold", "themes"}
THEME_KEYS = {"id", "label", "description", "patterns"}
PATTERN_KEYS = {"match", "tone", "when", "weight", "near"}
TONES = {"positive": 1, "negative": -1}
WHEN = ("any", "affirmed", "negated")
THEME_ID = re.compile(r"^[a-z][a-z0-9_]{0,62}$")
CODEBOOK_ID = re.compile(r"^[a-z][a-z0-9_-]{0,62}$")
GAP = "..."
DEFAULT_WEIGHT = 0.8


class CodebookError(Exception):
    """A codebook that cannot be used; ``problems`` lists every reason."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class PatternSpec:
    text: str
    language: str
    tone: int = 0  # +1 positive, -1 negative, 0 none; flipped when negated
    when: str = "any"
    weight: float = DEFAULT_WEIGHT
    near: tuple[str, ...] = ()


@dataclass(frozen=True)
class Theme:
    id: str
    label: str
    description: str
    patterns: tuple[PatternSpec, ...]

    def languages(self) -> set[str]:
        return {p.language for p in self.patterns}


@dataclass(frozen=True, eq=False)
class Codebook:
    id: str
    version: int
    title: str
    threshold: float
    themes: tuple[Theme, ...]
    source: str = "<codebook>"

    @property
    def theme_ids(self) -> list[str]:
        return [t.id for t in self.themes]

    def theme(self, theme_id: str) -> Theme:
        return next(t for t in self.themes if t.id == theme_id)


class _Builder:
    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.problems: list[Problem] = []

    def problem(self, node: Any, message: str, key: str | None = None) -> None:
        self.problems.append(Problem(self.filename, _line(node, key), message))

    def check_keys(self, node: dict, allowed: set[str], what: str) -> None:
        for key in node:
            if key not in allowed:
                self.problem(node, f"unknown key {key!r} in {what}", key)

    def text(self, node: dict, key: str, what: str) -> str:
        value = node.get(key)
        if not isinstance(value, str) or not value.strip():
            self.problem(node, f"{what} needs a {key!r} (some text)", key)
            return ""
        if "\n" in value.strip():
            self.problem(node, f"{what}: {key!r} must be one line", key)
        return value.strip()

    def build(self, data: Any) -> Codebook | None:
        if not isinstance(data, dict):
            self.problem(data, "a codebook must be a mapping with id, title and themes")
            return None
        self.check_keys(data, CODEBOOK_KEYS, "the codebook")
        codebook_id = data.get("id")
        if not isinstance(codebook_id, str) or not CODEBOOK_ID.match(codebook_id):
            self.problem(data, "the codebook needs an 'id' of lower-case letters, digits, - or _")
        version = data.get("version", 1)
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            self.problem(data, "'version' must be a whole number from 1", "version")
        threshold = data.get("threshold", 0.5)
        if not _is_number(threshold) or not 0 < threshold <= 1:
            self.problem(data, "'threshold' must be a number above 0 and at most 1", "threshold")
        title = self.text(data, "title", "the codebook")
        themes = self.themes(data)
        if self.problems:
            return None
        return Codebook(codebook_id, version, title, float(threshold), themes, self.filename)

    def themes(self, data: dict) -> tuple[Theme, ...]:
        items = data.get("themes")
        if not isinstance(items, list) or not items:
            self.problem(data, "'themes' must be a list of at least one theme", "themes")
            return ()
        built, seen = [], set()
        for item in items:
            if not isinstance(item, dict):
                self.problem(items, "each theme must be a mapping with id, label and patterns")
                continue
            theme = self.theme(item)
            if theme.id in seen:
                self.problem(item, f"theme id {theme.id!r} is used twice", "id")
            seen.add(theme.id)
            built.append(theme)
        return tuple(built)

    def theme(self, node: dict) -> Theme:
        self.check_keys(node, THEME_KEYS, "a theme")
        theme_id = node.get("id")
        if not isinstance(theme_id, str) or not THEME_ID.match(theme_id):
            self.problem(node, "a theme needs an 'id' of lower-case letters, digits and _", "id")
            theme_id = f"_invalid_{len(self.problems)}"
        what = f"theme {theme_id}"
        label = self.text(node, "label", what)
        description = self.text(node, "description", what)
        patterns = node.get("patterns")
        built: list[PatternSpec] = []
        if not isinstance(patterns, dict) or not patterns:
            self.problem(node, f"{what} needs 'patterns': a list for each language", "patterns")
            return Theme(theme_id, label, description, ())
        for language, items in patterns.items():
            if language not in SHIPPED:
                self.problem(
                    patterns, f"{what}: {language!r} is not one of {', '.join(SHIPPED)}", language
                )
                continue
            if not isinstance(items, list) or not items:
                self.problem(patterns, f"{what}: {language} must list some patterns", language)
                continue
            for item in items:
                spec = self.pattern(item, items, language, what)
                if spec is not None:
                    built.append(spec)
        return Theme(theme_id, label, description, tuple(built))

    def pattern(self, item: Any, parent: Any, language: str, what: str) -> PatternSpec | None:
        where = f"{what} ({language})"
        node = item if isinstance(item, dict) else parent
        if isinstance(item, dict):
            self.check_keys(item, PATTERN_KEYS, f"a pattern of {where}")
            text = item.get("match")
        else:
            text, item = item, {}
        if not isinstance(text, str) or not text.strip(" *."):
            self.problem(node, f"{where}: a pattern must be some text, got {text!r}")
            return None
        words = text.split()
        if words[0] == GAP or words[-1] == GAP:
            self.problem(node, f"{where}: {text!r} cannot start or end with '...'")
        tone = item.get("tone")
        if tone is not None and tone not in TONES:
            self.problem(node, f"{where}: tone must be positive or negative", "tone")
        when = item.get("when", "any")
        if when not in WHEN:
            self.problem(node, f"{where}: when must be any, affirmed or negated", "when")
        weight = item.get("weight", DEFAULT_WEIGHT)
        if not _is_number(weight) or not 0 < weight <= 1:
            self.problem(node, f"{where}: weight must be above 0 and at most 1", "weight")
            weight = DEFAULT_WEIGHT
        near = item.get("near", [])
        if not isinstance(near, list) or not all(isinstance(w, str) and w for w in near):
            self.problem(node, f"{where}: near must be a list of words", "near")
            near = []
        return PatternSpec(
            text.strip(), language, TONES.get(tone, 0), when, float(weight), tuple(near)
        )


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def parse_codebook(text: str, filename: str = "<codebook>") -> Codebook:
    """Parse and check a codebook; raise :class:`CodebookError` listing every problem."""
    try:
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise CodebookError([Problem(filename, line, f"YAML syntax: {exc.problem}")]) from exc
    except yaml.YAMLError as exc:
        raise CodebookError([Problem(filename, 1, f"YAML syntax: {exc}")]) from exc
    builder = _Builder(filename)
    codebook = builder.build(data)
    if codebook is None:
        raise CodebookError(builder.problems)
    return codebook


def load_codebook(path: Path) -> Codebook:
    """Read one codebook file."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise CodebookError([Problem(str(path), 1, f"cannot be read: {exc.strerror}")]) from exc
    return parse_codebook(text, str(path))


def check_codebooks(paths: list[Path]) -> list[Problem]:
    """Every problem in the given codebook files (folders are searched for ``*.yaml``)."""
    problems: list[Problem] = []
    for path in paths:
        files = sorted(path.glob("*.yaml")) if path.is_dir() else [path]
        for file in files:
            try:
                load_codebook(file)
            except CodebookError as exc:
                problems.extend(exc.problems)
    return problems


def codebook_path(name: str | None, directory: Path = CODEBOOK_DIR) -> Path:
    """The file a survey's ``codebook:`` names (the default codebook when it names none)."""
    name = name or DEFAULT_CODEBOOK
    if "/" in name or "\\" in name or name.startswith("."):
        raise CodebookError([Problem(name, 1, "a codebook is named by its file name only")])
    return directory / (name if name.endswith(".yaml") else f"{name}.yaml")


@lru_cache(maxsize=32)
def named_codebook(name: str | None = None, directory: Path = CODEBOOK_DIR) -> Codebook:
    """A codebook from ``surveys/codebooks/`` by name, loaded once per process."""
    return load_codebook(codebook_path(name, directory))


def with_local_themes(codebook: Codebook, local: list[tuple[str, str, str, list[str]]]) -> Codebook:
    """The codebook plus themes people added (id, label, description, terms).

    Terms use the pattern syntax and are listed as English, so every language's comments
    are matched against them (comments mix languages). A local theme never replaces one
    of the codebook's own; ``other`` stays last, as the fallback.
    """
    known = set(codebook.theme_ids)
    added = tuple(
        Theme(theme_id, label, description, tuple(PatternSpec(t, "en") for t in terms if t))
        for theme_id, label, description, terms in local
        if theme_id not in known and THEME_ID.match(theme_id)
    )
    own = [t for t in codebook.themes if t.id != "other"]
    rest = [t for t in codebook.themes if t.id == "other"]
    return Codebook(
        codebook.id,
        codebook.version,
        codebook.title,
        codebook.threshold,
        (*own, *added, *rest),
        codebook.source,
    )
