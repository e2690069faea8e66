"""Read survey definitions from YAML, validate them and report problems as ``file:line``.

The loader is strict: an unknown key is a mistake (most often a typo that would
otherwise silently drop a setting), and every problem is reported, not just the first.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from app.survey.questions import question_type
from app.survey.schema import (
    AUDIENCES,
    QUESTION_TYPES,
    Condition,
    Indicator,
    Option,
    Page,
    Question,
    Settings,
    Survey,
)

ID_PATTERN = re.compile(r"^[a-z][a-z0-9_-]{0,62}$")
SURVEY_KEYS = {
    "id",
    "version",
    "audience",
    "title",
    "intro",
    "privacy",
    "settings",
    "pages",
    "indicators",
    "family",
    "codebook",
}
SETTINGS_KEYS = {"anonymous", "save_and_resume", "safeguarding_screen", "easy_read"}
PAGE_KEYS = {"id", "title", "questions", "show_if"}
QUESTION_KEYS = {
    "id",
    "type",
    "text",
    "help",
    "required",
    "options",
    "prefer_not_to_say",
    "show_if",
    "min",
    "max",
    "max_length",
    "scale",
    "risk_signal",
}
OPTION_KEYS = {"value", "label"}
INDICATOR_KEYS = {"id", "label", "question", "positive", "target", "amber"}
CONDITION_KEYS = {"question", "equals", "any_of", "answered", "all", "any", "not"}


class DefinitionError(Exception):
    """A definition that cannot be used; ``problems`` lists every reason."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class _LocatedDict(dict):
    line: int = 0
    key_lines: dict[str, int]


class _LocatedList(list):
    line: int = 0


class _LineLoader(yaml.SafeLoader):
    """A safe loader that remembers the line of every mapping, list and key."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> _LocatedDict:
    result = _LocatedDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicated key {key!r}", key_node.start_mark
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[str(key)] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> _LocatedList:
    result = _LocatedList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    return result


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def _line(node: Any, key: str | None = None) -> int:
    if key is not None and isinstance(node, _LocatedDict):
        return node.key_lines.get(key, node.line)
    return getattr(node, "line", 1)


class _Builder:
    """Turns parsed YAML into a :class:`Survey`, collecting every problem on the way."""

    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.problems: list[Problem] = []
        self.seen_questions: list[str] = []
        self.same_page: list[str] = []

    def problem(self, node: Any, message: str, key: str | None = None) -> None:
        self.problems.append(Problem(self.filename, _line(node, key), message))

    def check_keys(self, node: dict, allowed: set[str], what: str) -> None:
        for key in node:
            if key not in allowed:
                self.problem(node, f"unknown key {key!r} in {what}", key)

    def text(self, node: dict, key: str, what: str, required: bool = True) -> str | None:
        value = node.get(key)
        if value is None:
            if required:
                self.problem(node, f"{what} needs a {key!r}")
            return None
        if not isinstance(value, str) or not value.strip():
            self.problem(node, f"{what}: {key!r} must be some text", key)
            return None
        return value.strip()

    def identifier(self, node: dict, what: str) -> str:
        value = node.get("id")
        if not isinstance(value, str) or not ID_PATTERN.match(value):
            self.problem(
                node,
                f"{what} needs an 'id' of lower-case letters, digits, '-' or '_', "
                "starting with a letter",
                "id",
            )
            return f"_invalid_{len(self.problems)}"
        return value

    def build(self, data: Any) -> Survey | None:
        if not isinstance(data, dict):
            self.problem(data, "a survey definition must be a mapping of keys to values")
            return None
        self.check_keys(data, SURVEY_KEYS, "survey")
        survey_id = self.identifier(data, "the survey")
        version = data.get("version", 1)
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            self.problem(data, "'version' must be a whole number from 1", "version")
            version = 1
        audience = data.get("audience")
        if audience not in AUDIENCES:
            self.problem(data, f"'audience' must be one of {', '.join(AUDIENCES)}", "audience")
        title = self.text(data, "title", "the survey") or ""
        intro = self.text(data, "intro", "the survey") or ""
        privacy = self.text(data, "privacy", "the survey") or ""
        settings = self.settings(data.get("settings", {}))
        pages = self.pages(data)
        indicators = self.indicators(data, pages)
        family = data.get("family")
        if family is not None and not (isinstance(family, str) and ID_PATTERN.match(family)):
            self.problem(data, "'family' must be an id like 'lac-review'", "family")
        codebook = data.get("codebook")
        if codebook is not None and not isinstance(codebook, str):
            self.problem(data, "'codebook' must name a codebook file", "codebook")
        if self.problems:
            return None
        return Survey(
            id=survey_id,
            version=version,
            audience=str(audience),
            title=title,
            intro=intro,
            privacy=privacy,
            settings=settings,
            pages=tuple(pages),
            indicators=tuple(indicators),
            family=family,
            codebook=codebook,
            raw=_plain(data),
        )

    def settings(self, node: Any) -> Settings:
        if not isinstance(node, dict):
            self.problem(node, "'settings' must be a mapping")
            return Settings()
        self.check_keys(node, SETTINGS_KEYS, "settings")
        values = {}
        for key in SETTINGS_KEYS & node.keys():
            if not isinstance(node[key], bool):
                self.problem(node, f"setting {key!r} must be true or false", key)
            else:
                values[key] = node[key]
        return Settings(**values)

    def pages(self, data: dict) -> list[Page]:
        node = data.get("pages")
        if not isinstance(node, list) or not node:
            self.problem(data, "the survey needs 'pages', a list with at least one page", "pages")
            return []
        pages: list[Page] = []
        page_ids: set[str] = set()
        for page_node in node:
            if not isinstance(page_node, dict):
                self.problem(node, "each page must be a mapping with an 'id' and 'questions'")
                continue
            self.check_keys(page_node, PAGE_KEYS, "page")
            page_id = self.identifier(page_node, "each page")
            if page_id in page_ids:
                self.problem(page_node, f"page id {page_id!r} is used twice", "id")
            page_ids.add(page_id)
            show_if = self.condition_at(page_node, "show_if", f"page {page_id!r}")
            title = self.text(page_node, "title", f"page {page_id!r}", required=False)
            questions = self.questions(page_node, page_id)
            pages.append(Page(page_id, tuple(questions), title, show_if))
        return pages

    def questions(self, page_node: dict, page_id: str) -> list[Question]:
        node = page_node.get("questions")
        if not isinstance(node, list) or not node:
            self.problem(page_node, f"page {page_id!r} needs at least one question", "questions")
            return []
        built = []
        page_question_ids: list[str] = []
        for q_node in node:
            if not isinstance(q_node, dict):
                self.problem(node, "each question must be a mapping")
                continue
            question = self.question(q_node, page_question_ids)
            if question:
                built.append(question)
                page_question_ids.append(question.id)
        self.seen_questions.extend(page_question_ids)
        return built

    def question(self, node: dict, same_page: list[str]) -> Question | None:
        self.check_keys(node, QUESTION_KEYS, "question")
        qid = self.identifier(node, "each question")
        if qid in self.seen_questions or qid in same_page:
            self.problem(node, f"question id {qid!r} is used twice", "id")
        qtype = node.get("type")
        if qtype not in QUESTION_TYPES:
            self.problem(
                node,
                f"question {qid!r}: 'type' must be one of {', '.join(QUESTION_TYPES)}",
                "type",
            )
            return None
        text = self.text(node, "text", f"question {qid!r}") or ""
        help_text = self.text(node, "help", f"question {qid!r}", required=False)
        required = self.flag(node, "required", qid)
        prefer = self.flag(node, "prefer_not_to_say", qid)
        kind = question_type(qtype)
        if prefer and not kind.is_choice:
            self.problem(
                node,
                f"question {qid!r}: 'prefer_not_to_say' needs a choice question",
                "prefer_not_to_say",
            )
        parts = kind.check_definition(node, qid, self)
        options = list(parts.options)
        self.same_page = same_page
        show_if = self.condition_at(node, "show_if", f"question {qid!r}")
        self.same_page = []
        low, high = self.number(node, "min", qid), self.number(node, "max", qid)
        if (low is not None or high is not None) and not kind.takes_range:
            self.problem(node, f"question {qid!r}: 'min' and 'max' are for number questions")
        if low is not None and high is not None and low > high:
            self.problem(node, f"question {qid!r}: 'min' is bigger than 'max'", "min")
        risk = node.get("risk_signal", [])
        if not isinstance(risk, list) or not all(isinstance(v, str) for v in risk):
            self.problem(
                node, f"question {qid!r}: 'risk_signal' must list answer values", "risk_signal"
            )
            risk = []
        values = {o.value for o in options}
        for value in risk:
            if value not in values:
                self.problem(
                    node,
                    f"question {qid!r}: risk_signal value {value!r} is not one of its options",
                    "risk_signal",
                )
        return Question(
            id=qid,
            type=qtype,
            text=text,
            help=help_text,
            required=required,
            options=tuple(options),
            prefer_not_to_say=prefer,
            show_if=show_if,
            min=low,
            max=high,
            max_length=parts.max_length,
            scale=parts.scale,
            risk_signal=tuple(risk),
        )

    def flag(self, node: dict, key: str, qid: str) -> bool:
        value = node.get(key, False)
        if not isinstance(value, bool):
            self.problem(node, f"question {qid!r}: {key!r} must be true or false", key)
            return False
        return value

    def number(self, node: dict, key: str, qid: str) -> float | None:
        value = node.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.problem(node, f"question {qid!r}: {key!r} must be a number", key)
            return None
        return float(value)

    def listed_options(self, given: list, qid: str) -> list[Option]:
        """Options written out as ``value``/``label`` mappings (question types call this)."""
        options: list[Option] = []
        for item in given:
            if not isinstance(item, dict):
                self.problem(given, f"question {qid!r}: each option needs a 'value' and a 'label'")
                continue
            self.check_keys(item, OPTION_KEYS, "option")
            value = item.get("value")
            if not isinstance(value, str) or not ID_PATTERN.match(value):
                self.problem(
                    item,
                    f"question {qid!r}: each option needs a 'value' of lower-case "
                    "letters, digits, '-' or '_', starting with a letter",
                    "value",
                )
                continue
            label = item.get("label")
            if not isinstance(label, str) or not label.strip():
                self.problem(item, f"question {qid!r}: option {value!r} is missing its label")
                continue
            if any(o.value == value for o in options):
                self.problem(item, f"question {qid!r}: option value {value!r} is used twice")
            options.append(Option(value, label.strip()))
        return options

    def condition_at(self, node: dict, key: str, what: str) -> Condition | None:
        if key not in node:
            return None
        return self.condition(node[key], node, key, what)

    def condition(self, cond: Any, parent: Any, key: str, what: str) -> Condition | None:
        if not isinstance(cond, dict) or not cond:
            self.problem(parent, f"{what}: a condition must be a mapping", key)
            return None
        self.check_keys(cond, CONDITION_KEYS, "condition")
        if "all" in cond or "any" in cond:
            combined = "all" if "all" in cond else "any"
            parts = cond[combined]
            if not isinstance(parts, list) or not parts:
                self.problem(cond, f"{what}: {combined!r} needs a list of conditions", combined)
                return None
            built = tuple(c for c in (self.condition(p, cond, combined, what) for p in parts) if c)
            return Condition(**{combined: built})
        if "not" in cond:
            inner = self.condition(cond["not"], cond, "not", what)
            return Condition(negate=inner) if inner else None
        return self.leaf_condition(cond, what)

    def leaf_condition(self, cond: dict, what: str) -> Condition | None:
        ref = cond.get("question")
        if not isinstance(ref, str):
            self.problem(cond, f"{what}: a condition needs the 'question' it depends on")
            return None
        if ref in self.same_page:
            self.problem(
                cond,
                f"{what}: condition names {ref!r}, which is on the same page; "
                "put this question on a later page",
                "question",
            )
            return None
        if ref not in self.seen_questions:
            self.problem(
                cond,
                f"{what}: condition names question {ref!r}, which does not exist or comes later",
                "question",
            )
            return None
        tests = [k for k in ("equals", "any_of", "answered") if k in cond]
        if len(tests) != 1:
            self.problem(cond, f"{what}: a condition needs one of 'equals', 'any_of' or 'answered'")
            return None
        if "answered" in cond:
            if not isinstance(cond["answered"], bool):
                self.problem(cond, f"{what}: 'answered' must be true or false", "answered")
                return None
            return Condition(question=ref, answered=cond["answered"])
        values = [cond["equals"]] if "equals" in cond else cond["any_of"]
        if not isinstance(values, list) or not all(isinstance(v, str | int) for v in values):
            self.problem(cond, f"{what}: condition values must be answer values", tests[0])
            return None
        values = [str(v) for v in values]
        if "equals" in cond:
            return Condition(question=ref, equals=values[0])
        return Condition(question=ref, any_of=tuple(values))

    def indicators(self, data: dict, pages: list[Page]) -> list[Indicator]:
        node = data.get("indicators", [])
        if not isinstance(node, list):
            self.problem(data, "'indicators' must be a list", "indicators")
            return []
        questions = {q.id: q for p in pages for q in p.questions}
        built, ids = [], set()
        for item in node:
            if not isinstance(item, dict):
                self.problem(node, "each indicator must be a mapping")
                continue
            self.check_keys(item, INDICATOR_KEYS, "indicator")
            iid = self.identifier(item, "each indicator")
            if iid in ids:
                self.problem(item, f"indicator id {iid!r} is used twice", "id")
            ids.add(iid)
            label = self.text(item, "label", f"indicator {iid!r}") or ""
            ref = item.get("question")
            question = questions.get(ref) if isinstance(ref, str) else None
            if question is None:
                self.problem(
                    item,
                    f"indicator {iid!r} points at question {ref!r}, which does not exist",
                    "question",
                )
                continue
            if not question.is_choice:
                self.problem(
                    item,
                    f"indicator {iid!r} needs a choice question, not {question.type!r}",
                    "question",
                )
                continue
            positive = item.get("positive")
            values = {o.value for o in question.options}
            if not isinstance(positive, list) or not positive or not set(positive) <= values:
                self.problem(
                    item,
                    f"indicator {iid!r}: 'positive' must list values of question "
                    f"{ref!r} ({', '.join(sorted(values))})",
                    "positive",
                )
                continue
            target, amber = item.get("target"), item.get("amber")
            if not all(isinstance(v, int | float) and 0 <= v <= 100 for v in (target, amber)):
                self.problem(
                    item,
                    f"indicator {iid!r}: 'target' and 'amber' must be percentages from 0 to 100",
                    "target",
                )
                continue
            if amber > target:
                self.problem(
                    item, f"indicator {iid!r}: 'amber' must not be above 'target'", "amber"
                )
                continue
            built.append(Indicator(iid, label, ref, tuple(positive), float(target), float(amber)))
        return built


def _plain(value: Any) -> Any:
    """Strip the line-tracking types so the definition can be stored as JSON."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def parse_definition(text: str, filename: str = "<definition>") -> Survey:
    """Parse and validate one definition; raise :class:`DefinitionError` listing every problem."""
    try:
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise DefinitionError([Problem(filename, line, f"YAML syntax: {exc.problem}")]) from exc
    except yaml.YAMLError as exc:
        raise DefinitionError([Problem(filename, 1, f"YAML syntax: {exc}")]) from exc
    builder = _Builder(filename)
    survey = builder.build(data)
    if survey is None:
        raise DefinitionError(builder.problems)
    return survey


def load_definition(path: Path) -> Survey:
    """Read one definition file."""
    return parse_definition(path.read_text(encoding="utf-8"), str(path))


def survey_from_stored(raw: dict[str, Any]) -> Survey:
    """Rebuild a survey from the JSON stored with a published version."""
    builder = _Builder("<stored>")
    survey = builder.build(raw)
    if survey is None:
        raise DefinitionError(builder.problems)
    return survey


def content_hash(survey: Survey) -> str:
    """A fingerprint of everything a respondent or a report could notice."""
    canonical = json.dumps(survey.raw, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def check_paths(paths: list[Path]) -> list[Problem]:
    """Validate definition files (directories are searched for ``*.yaml``)."""
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for path in definition_files(paths):
        try:
            survey = load_definition(path)
        except DefinitionError as exc:
            problems.extend(exc.problems)
            continue
        if survey.id in seen:
            problems.append(
                Problem(str(path), 1, f"survey id {survey.id!r} is also used by {seen[survey.id]}")
            )
        seen[survey.id] = str(path)
    return problems


def definition_files(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.glob("*.yaml") if p.is_file()))
        else:
            files.append(path)
    return files
