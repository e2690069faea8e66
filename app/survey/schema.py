"""The one declared shape of a survey definition, once it has been validated."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from flask_babel import lazy_gettext as _l

QUESTION_TYPES = (
    "single_choice",
    "multiple_choice",
    "agreement",
    "smiley",
    "yes_no_not_sure",
    "short_text",
    "long_text",
    "number",
    "date",
    "ranking",
)
CHOICE_TYPES = ("single_choice", "multiple_choice", "agreement", "smiley", "yes_no_not_sure")
TEXT_TYPES = ("short_text", "long_text")
AUDIENCES = ("child", "young_person", "care_leaver", "parent_carer", "professional", "staff")
PREFER_NOT_TO_SAY = "prefer_not_to_say"
# The meetings a questionnaire may follow (a review or conference), with their names;
# labels are translated when shown (an email goes out in the invited person's language).
MEETING_KINDS = {
    "lac_review": _l("Looked-after child review"),
    "cp_conference": _l("Child protection conference"),
    "cp_review_conference": _l("Child protection review conference"),
    "pathway_plan_review": _l("Pathway plan review"),
}

# Built-in option sets. Definitions may relabel them (a face's text, say) but not
# change their values, so reports can compare like with like across surveys.
AGREEMENT_OPTIONS = (
    ("strongly_agree", "Strongly agree"),
    ("agree", "Agree"),
    ("neither", "Neither agree nor disagree"),
    ("disagree", "Disagree"),
    ("strongly_disagree", "Strongly disagree"),
)
YES_NO_NOT_SURE_OPTIONS = (("yes", "Yes"), ("no", "No"), ("not_sure", "Not sure"))
SMILEY_OPTIONS = {
    3: (("good", "Good"), ("okay", "Okay"), ("not_good", "Not good")),
    5: (
        ("very_good", "Really good"),
        ("good", "Good"),
        ("okay", "Okay"),
        ("not_good", "Not good"),
        ("very_bad", "Really bad"),
    ),
}
DEFAULT_MAX_LENGTH = {"short_text": 200, "long_text": 2000}


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class Condition:
    """A "show this if" rule. Exactly one of the shapes is used.

    - leaf: ``question`` with ``equals`` (one value) or ``any_of`` (several values),
      or ``answered`` (true/false);
    - ``all`` / ``any``: lists of conditions; ``not``: one condition.
    """

    question: str | None = None
    equals: str | None = None
    any_of: tuple[str, ...] = ()
    answered: bool | None = None
    all: tuple[Condition, ...] = ()
    any: tuple[Condition, ...] = ()
    negate: Condition | None = None

    def questions(self) -> set[str]:
        """Every question id this condition reads."""
        found = {self.question} if self.question else set()
        for child in (*self.all, *self.any, *((self.negate,) if self.negate else ())):
            found |= child.questions()
        return found


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    text: str
    help: str | None = None
    required: bool = False
    options: tuple[Option, ...] = ()
    prefer_not_to_say: bool = False
    show_if: Condition | None = None
    min: float | None = None
    max: float | None = None
    max_length: int | None = None
    scale: int | None = None
    risk_signal: tuple[str, ...] = ()

    @property
    def is_choice(self) -> bool:
        return self.type in CHOICE_TYPES

    @property
    def is_free_text(self) -> bool:
        return self.type in TEXT_TYPES

    @property
    def whole_numbers(self) -> bool:
        """A number question takes whole numbers only, unless a bound has a fraction
        (``min: 0.5``): a 0 to 10 scale has no 5.5."""
        return all(bound is None or float(bound).is_integer() for bound in (self.min, self.max))

    def all_options(self) -> tuple[Option, ...]:
        """The options a respondent sees, "prefer not to say" last when asked for."""
        if self.prefer_not_to_say:
            return (*self.options, Option(PREFER_NOT_TO_SAY, "Prefer not to say"))
        return self.options

    @cached_property
    def option_values(self) -> frozenset[str]:
        """The values of ``all_options``, for checking a stored answer is one of them."""
        return frozenset(option.value for option in self.all_options())

    def label_for(self, value: str) -> str:
        for option in self.all_options():
            if option.value == value:
                return option.label
        return value


@dataclass(frozen=True)
class Page:
    id: str
    questions: tuple[Question, ...]
    title: str | None = None
    show_if: Condition | None = None


@dataclass(frozen=True)
class Indicator:
    """A headline figure: the percentage of answers to ``question`` that are ``positive``.

    RAG: green at or above ``target``, amber at or above ``amber``, red below.
    """

    id: str
    label: str
    question: str
    positive: tuple[str, ...]
    target: float
    amber: float


@dataclass(frozen=True)
class Settings:
    anonymous: bool = True
    save_and_resume: bool = True
    safeguarding_screen: bool = True
    easy_read: bool = False


@dataclass(frozen=True)
class Survey:
    id: str
    version: int
    audience: str
    title: str
    intro: str
    privacy: str
    settings: Settings
    pages: tuple[Page, ...]
    indicators: tuple[Indicator, ...] = ()
    family: str | None = None
    codebook: str | None = None
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def questions(self) -> list[Question]:
        return [q for page in self.pages for q in page.questions]

    def question(self, question_id: str) -> Question:
        for q in self.questions():
            if q.id == question_id:
                return q
        raise KeyError(question_id)

    def page(self, page_id: str) -> Page:
        for page in self.pages:
            if page.id == page_id:
                return page
        raise KeyError(page_id)
