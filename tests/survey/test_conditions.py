""" "Show this if" conditions are data, evaluated without ``eval``."""

from __future__ import annotations

from app.survey.conditions import condition_holds, relevant_answers, visible_pages
from app.survey.loader import parse_definition
from app.survey.schema import Condition

SURVEY = parse_definition("""
id: branching
audience: care_leaver
title: Branching
intro: x
privacy: y
pages:
  - id: safe
    questions:
      - {id: safe, type: yes_no_not_sure, text: "Do you feel safe?"}
  - id: why
    questions:
      - id: why
        type: short_text
        text: What would help?
        show_if: {any_of: ["no", not_sure], question: safe}
  - id: more
    questions:
      - id: more
        type: short_text
        text: Tell us more
        show_if: {all: [{question: why, answered: true}, {not: {question: safe, equals: "yes"}}]}
""")


def test_leaf_conditions():
    assert condition_holds(Condition(question="a", equals="x"), {"a": "x"})
    assert not condition_holds(Condition(question="a", equals="x"), {"a": "y"})
    assert condition_holds(Condition(question="a", any_of=("x", "z")), {"a": ["z", "q"]})
    assert condition_holds(Condition(question="a", answered=False), {})
    assert not condition_holds(Condition(question="a", answered=True), {"a": []})


def test_follow_up_is_shown_only_for_matching_answers():
    assert [p.id for p in visible_pages(SURVEY, {"safe": "yes"})] == ["safe"]
    assert [p.id for p in visible_pages(SURVEY, {"safe": "no"})] == ["safe", "why"]
    assert [p.id for p in visible_pages(SURVEY, {"safe": "no", "why": "x"})] == [
        "safe",
        "why",
        "more",
    ]


def test_changing_an_early_answer_drops_answers_it_hid():
    answers = {"safe": "yes", "why": "a lock", "more": "details"}
    assert relevant_answers(SURVEY, answers) == {"safe": "yes"}
