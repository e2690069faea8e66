"""The definition loader: what it accepts, and the ``file:line`` messages for what it does not."""

from __future__ import annotations

import textwrap

import pytest

from app.survey.loader import DefinitionError, parse_definition
from app.survey.schema import PREFER_NOT_TO_SAY

VALID = """\
id: tiny
audience: child
title: Tiny
intro: Hello.
privacy: Only the team reads this.
pages:
  - id: one
    questions:
      - id: happy
        type: smiley
        scale: 3
        text: How do you feel?
  - id: two
    questions:
      - id: why
        type: long_text
        text: Why?
        show_if: {question: happy, equals: not_good}
indicators:
  - {id: happy_ind, label: Happy, question: happy, positive: [good], target: 80, amber: 60}
"""


def problems(text: str) -> list[str]:
    with pytest.raises(DefinitionError) as caught:
        parse_definition(textwrap.dedent(text), "s.yaml")
    return [str(p) for p in caught.value.problems]


def test_valid_definition_builds_every_part():
    survey = parse_definition(VALID, "s.yaml")
    assert survey.id == "tiny"
    happy = survey.question("happy")
    assert [o.value for o in happy.options] == ["good", "okay", "not_good"]
    assert survey.question("why").show_if.equals == "not_good"
    assert survey.question("why").max_length == 2000
    assert survey.indicators[0].positive == ("good",)


def test_yaml_syntax_error_names_the_line():
    assert problems("id: x\npages: [\n  - a\n")[0].startswith("s.yaml:")
    assert "YAML syntax" in problems("id: x\ntitle: 'unterminated\n")[0]


def test_unknown_key_is_reported_with_its_line():
    found = problems(
        VALID.replace(
            "    questions:\n      - id: happy",
            "    questoins: []\n    questions:\n      - id: happy",
            1,
        )
    )
    assert "s.yaml:8: unknown key 'questoins' in page" in found


def test_duplicated_question_id_is_reported():
    text = VALID.replace("      - id: why", "      - id: happy")
    assert any("question id 'happy' is used twice" in p for p in problems(text))


def test_duplicated_yaml_key_is_reported():
    assert any("duplicated key 'title'" in p for p in problems(VALID + "title: Again\n"))


def test_condition_on_a_later_question_is_reported():
    text = VALID.replace("{question: happy, equals: not_good}", "{question: later, equals: x}")
    found = problems(text)
    assert any(
        p.startswith("s.yaml:18:")
        and "names question 'later', which does not exist or comes later" in p
        for p in found
    ), found


def test_condition_on_same_page_is_reported():
    text = VALID.replace(
        """  - id: two
    questions:
""",
        "",
    )
    assert any("on the same page" in p for p in problems(text))


def test_option_without_label_is_reported():
    text = VALID.replace(
        """        type: smiley
        scale: 3""",
        """        type: single_choice
        options:
          - {value: a, label: A}
          - {value: b}""",
    )
    text = text.replace("positive: [good]", "positive: [a]")
    assert any("option 'b' is missing its label" in p for p in problems(text))


def test_indicator_pointing_at_nothing_is_reported():
    text = VALID.replace("question: happy, positive", "question: nothing, positive")
    assert any("indicator 'happy_ind' points at question 'nothing'" in p for p in problems(text))


def test_indicator_positive_values_must_exist():
    text = VALID.replace("positive: [good]", "positive: [great]")
    assert any("'positive' must list values" in p for p in problems(text))


def test_every_problem_is_reported_not_just_the_first():
    text = VALID.replace("audience: child", "audience: martians").replace(
        "type: long_text", "type: essay"
    )
    found = problems(text)
    assert len(found) == 2


def test_prefer_not_to_say_adds_an_option_last():
    text = VALID.replace(
        "        scale: 3\n", "        scale: 3\n        prefer_not_to_say: true\n"
    )
    survey = parse_definition(text)
    assert survey.question("happy").all_options()[-1].value == PREFER_NOT_TO_SAY


def test_smiley_faces_can_be_relabelled_but_not_renamed():
    relabelled = VALID.replace(
        "        scale: 3\n",
        "        scale: 3\n        options:\n          - {value: good, label: Happy}\n",
    )
    assert parse_definition(relabelled).question("happy").options[0].label == "Happy"
    renamed = relabelled.replace("value: good, label: Happy", "value: great, label: Great")
    assert any("option 'great' is not one of" in p for p in problems(renamed))


def test_unquoted_yes_in_yaml_is_caught():
    text = VALID.replace("positive: [good]", "positive: [yes]")
    assert any("'positive' must list values" in p for p in problems(text))
