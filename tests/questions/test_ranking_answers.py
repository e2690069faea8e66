"""A ranking question answered without JavaScript: checked, kept, stored, read back,
shown on "check your answers" and exported."""

from __future__ import annotations

import csv
import io
import json

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.extensions import db
from app.responses.models import Answer
from app.responses.storing import answer_rows
from app.survey.loader import load_definition
from tests.conftest import DATA, publish
from tests.pages import Element, Page, get

DEFINITION = DATA / "surveys" / "ranking.yaml"
SURVEY = "ranking-check"
HOME = ["feeling_safe", "seeing_family", "school", "own_space"]


def positions(question_id: str, order: list[str]) -> dict[str, list[str]]:
    return {question_id: [f"{value}:{n}" for n, value in enumerate(order, start=1)]}


@pytest.fixture
def ranking_app(sqlite_app: Flask) -> Flask:
    publish(DEFINITION)
    return sqlite_app


def first_page(client: FlaskClient) -> Page:
    return get(client, f"/s/{SURVEY}").form().submit(client)


def selected(page: Page, question_id: str) -> dict[str, str]:
    """Each select's label and the number it shows chosen."""
    chosen = {}
    for group in page.select("div", **{"class": "sayso-ranking__item"}):
        label = "".join(group.find(".//{*}label").itertext()).strip()
        picked = [o.get("value") for o in options_in(group) if o.get("selected") is not None]
        chosen[label] = picked[0].split(":")[1] if picked and picked[0] else ""
    return chosen


def options_in(element: Element) -> list[Element]:
    return [el for el in element.iter() if str(el.tag).endswith("option")]


def test_each_option_is_a_labelled_select_inside_a_fieldset(ranking_app: Flask):
    page = first_page(ranking_app.test_client())
    legend = page.select("legend")[0]
    assert "What matters most to you" in "".join(legend.itertext())
    assert selected(page, "home_order") == {
        "Feeling safe": "",
        "Seeing my family": "",
        "Being near my school": "",
        "Having my own space": "",
    }
    options = [o.text for o in options_in(page.select("select", id="home_order")[0])]
    assert options == ["Choose a number", "1", "2", "3", "4"]


def test_the_same_number_twice_names_both_items_and_keeps_what_was_chosen(ranking_app: Flask):
    client = ranking_app.test_client()
    page = first_page(client)
    given = {"home_order": ["feeling_safe:1", "seeing_family:2", "school:2", "own_space:3"]}
    wrong = page.form().submit(client, given)
    message = (
        "You gave “Seeing my family” and “Being near my school” the same number, 2. "
        "Give each one a different number"
    )
    assert wrong.error_summary() == [message]
    assert selected(wrong, "home_order") == {
        "Feeling safe": "1",
        "Seeing my family": "2",
        "Being near my school": "2",
        "Having my own space": "3",
    }


def test_a_partial_ranking_names_the_item_left_out(ranking_app: Flask):
    client = ranking_app.test_client()
    wrong = (
        first_page(client)
        .form()
        .submit(client, {"home_order": ["feeling_safe:1", "seeing_family:2", "own_space:3"]})
    )
    assert wrong.error_summary() == [
        "Give “Being near my school” a number too: each one needs a different number from 1 to 4"
    ]
    assert selected(wrong, "home_order")["Having my own space"] == "3"


def test_every_item_left_out_or_sharing_a_number_is_named(ranking_app: Flask):
    client = ranking_app.test_client()
    two_left = (
        first_page(client).form().submit(client, {"home_order": ["feeling_safe:1", "own_space:2"]})
    )
    assert two_left.error_summary() == [
        "Give these a number too: “Seeing my family” and “Being near my school”. "
        "Each one needs a different number from 1 to 4"
    ]
    three_same = (
        first_page(client)
        .form()
        .submit(
            client,
            {"home_order": ["feeling_safe:1", "seeing_family:1", "school:1", "own_space:2"]},
        )
    )
    assert three_same.error_summary() == [
        "You gave “Feeling safe”, “Seeing my family” and “Being near my school” the same "
        "number, 1. Give each one a different number"
    ]


def test_a_number_out_of_range_is_refused(ranking_app: Flask):
    client = ranking_app.test_client()
    order = {"home_order": ["feeling_safe:1", "seeing_family:2", "school:3", "own_space:9"]}
    wrong = first_page(client).form().submit(client, order)
    assert wrong.error_summary() == ["Choose a number from 1 to 4 for “Having my own space”"]


def test_an_optional_ranking_left_blank_is_skipped_and_a_required_one_is_not(
    ranking_app: Flask,
):
    client = ranking_app.test_client()
    second = first_page(client).form().submit(client)
    assert not second.error_summary()
    assert "What would you most like to do" in second.h1()
    wrong = second.form().submit(client)
    assert wrong.error_summary() == [
        "Put these in order: give each one a different number from 1 to 3"
    ]


def walk_to_check(client: FlaskClient) -> Page:
    page = (
        first_page(client)
        .form()
        .submit(
            client,
            positions("home_order", ["own_space", "feeling_safe", "school", "seeing_family"]),
        )
    )
    return page.form().submit(client, positions("weekend_order", ["gaming", "sport", "friends"]))


def test_check_your_answers_lists_the_options_in_the_order_given(ranking_app: Flask):
    check = walk_to_check(ranking_app.test_client())
    assert check.h1() == "Check your answers"
    shown = [" ".join(el.itertext()) for el in check.select("span", class_="sayso-answer")]
    assert shown[:4] == [
        "1. Having my own space",
        "2. Feeling safe",
        "3. Being near my school",
        "4. Seeing my family",
    ]


def test_going_back_shows_the_ranking_given(ranking_app: Flask):
    client = ranking_app.test_client()
    walk_to_check(client)
    again = get(client, f"/s/{SURVEY}/q/home")
    assert selected(again, "home_order") == {
        "Feeling safe": "2",
        "Seeing my family": "4",
        "Being near my school": "3",
        "Having my own space": "1",
    }


def test_a_ranking_is_stored_as_one_row_per_option_with_its_position(ranking_app: Flask):
    survey = load_definition(DEFINITION)
    rows = answer_rows(
        survey, {"home_order": ["school", "own_space", "feeling_safe", "seeing_family"]}
    )
    assert [(r.question_id, r.choice, r.number) for r in rows] == [
        ("home_order", "school", 1.0),
        ("home_order", "own_space", 2.0),
        ("home_order", "feeling_safe", 3.0),
        ("home_order", "seeing_family", 4.0),
    ]


def test_sent_rankings_read_back_in_order_in_both_exports(ranking_app: Flask):
    client = ranking_app.test_client()
    check = walk_to_check(client)
    check.form().submit(client)
    stored = db.session.scalars(select(Answer).where(Answer.question_id == "home_order")).all()
    assert {(a.choice, a.number) for a in stored} == {
        ("own_space", 1.0),
        ("feeling_safe", 2.0),
        ("school", 3.0),
        ("seeing_family", 4.0),
    }
    runner = ranking_app.test_cli_runner()
    lines = runner.invoke(args=["responses", "export", "--survey", SURVEY, "--format", "jsonl"])
    record = json.loads(lines.stdout.splitlines()[0])
    assert record["answers"]["home_order"] == [
        "own_space",
        "feeling_safe",
        "school",
        "seeing_family",
    ]
    assert record["answers"]["weekend_order"] == ["gaming", "sport", "friends"]
    table = runner.invoke(args=["responses", "export", "--survey", SURVEY, "--format", "csv"])
    row = next(csv.DictReader(io.StringIO(table.stdout)))
    assert row["home_order"] == (
        "Having my own space > Feeling safe > Being near my school > Seeing my family"
    )
    # The cell starts with "=": escaped so a spreadsheet shows it instead of running it.
    assert row["weekend_order"] == "'=Gaming > Sport > Seeing friends"


def test_the_order_does_not_depend_on_the_order_the_browser_sends_the_lists(
    ranking_app: Flask,
):
    client = ranking_app.test_client()
    sent = positions("home_order", ["own_space", "feeling_safe", "school", "seeing_family"])
    sent["home_order"].reverse()
    second = first_page(client).form().submit(client, sent)
    assert not second.error_summary()
    again = get(client, f"/s/{SURVEY}/q/home")
    assert selected(again, "home_order")["Having my own space"] == "1"
