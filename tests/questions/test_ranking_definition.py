"""A ranking question in a survey definition: 3 to 6 options, each value once."""

from __future__ import annotations

import pytest

from app.survey.loader import DefinitionError, parse_definition

HEAD = """\
id: ranked
title: Ranked
intro: Hello
privacy: Who reads this
audience: young_person
pages:
  - id: first
    questions:
      - id: order
        type: ranking
        text: Put these in order
"""


def definition(options: list[str], extra: str = "") -> str:
    listed = "".join(f"          - {{value: {v}, label: Label {v}}}\n" for v in options)
    return HEAD + extra + "        options:\n" + listed


def problems(text: str) -> list[str]:
    with pytest.raises(DefinitionError) as caught:
        parse_definition(text, "ranked.yaml")
    return [str(p) for p in caught.value.problems]


def test_a_ranking_keeps_its_options_in_the_order_written():
    survey = parse_definition(definition(["a", "b", "c", "d"]), "ranked.yaml")
    question = survey.question("order")
    assert question.type == "ranking"
    assert [o.value for o in question.options] == ["a", "b", "c", "d"]


@pytest.mark.parametrize("options", [["a", "b"], ["a", "b", "c", "d", "e", "f", "g"]])
def test_too_few_or_too_many_options_are_reported_at_the_question(options: list[str]):
    assert problems(definition(options)) == [
        "ranked.yaml:12: question 'order': a ranking question needs 'options', from 3 to 6"
    ]


def test_no_options_at_all_is_reported():
    assert problems(HEAD) == [
        "ranked.yaml:9: question 'order': a ranking question needs 'options', from 3 to 6"
    ]


def test_an_option_value_used_twice_is_reported_at_that_option():
    assert problems(definition(["a", "b", "a"])) == [
        "ranked.yaml:15: question 'order': option value 'a' is used twice"
    ]


def test_a_ranking_cannot_offer_prefer_not_to_say_nor_a_scale():
    found = problems(
        definition(["a", "b", "c"], "        prefer_not_to_say: true\n        scale: 3\n")
    )
    assert found == [
        "ranked.yaml:12: question 'order': 'prefer_not_to_say' needs a choice question",
        "ranked.yaml:13: question 'order': 'scale' is only for smiley questions",
    ]
