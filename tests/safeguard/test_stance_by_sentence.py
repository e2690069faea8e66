"""A lesson, a past or a friend's story lowers only the harm in its own sentence.

Before, any stance word anywhere in an answer lowered every alert in it to review: "we
did a lesson on grooming. a man online keeps sending me gifts" waited in the review
queue instead of reaching a lead at once.
"""

from __future__ import annotations

import pytest

from app.safeguard.learned import screen_texts
from app.safeguard.screening import screen_text
from app.safeguard.stance import lowering_stance, sentences


@pytest.mark.parametrize(
    "text",
    [
        "we talked about knife crime in pshe. a lad at school says he will stab me after school",
        "We had a workshop on healthy relationships. My boyfriend hits me when he is drunk.",
        "used to get bullied in year 7 but it stopped. now my stepdad hits me",
        "my friend told me her dad hits her. my dad hits me too",
        "Gwers am fwlio heddiw. Mae dad yn fy nharo i bob nos",
    ],
)
def test_harm_in_a_sentence_of_its_own_is_an_alert_in_the_request(text):
    result = screen_text(text)
    assert (result.route, result.severity) == ("alert", "high"), result


@pytest.mark.parametrize(
    "text",
    [
        "we did a lesson about grooming at school. a man online keeps sending me gifts and "
        "says i must not tell anyone we talk",
        "My dad used to hit me when I was little but it's over now. Now my mum's boyfriend "
        "locks me in my room and won't let me eat",
    ],
)
def test_the_learned_layer_reads_the_sentences_without_a_stance_alone(text):
    [result] = screen_texts([text])
    assert result.route == "alert", result


@pytest.mark.parametrize(
    "text",
    [
        "in pshe we learned about self harm and i self harm too",
        "i used to get hit by my dad when i was little but it's over now",
        "my friend told me her stepdad hits her",
    ],
)
def test_a_stance_in_the_harms_own_sentence_still_lowers_it_to_review(text):
    [result] = screen_texts([text])
    assert result.route == "review", result
    assert result.stance is not None


def test_harm_going_on_cancels_every_stance_in_the_text():
    text = "we did a session on self harm at school. i still do it"
    assert lowering_stance(text) is None
    [result] = screen_texts(["the session on self harm was good but i still cut myself"])
    assert result.route == "alert", result


def test_a_piece_without_words_stays_with_the_sentence_before_it():
    found = [
        piece.strip() for piece in sentences("i cut myself again. 😭😭. we did a lesson on it!")
    ]
    assert found == ["i cut myself again. 😭😭.", "we did a lesson on it!"]


# Found by attacking the topic rule: a harm named inside a lesson's or a plan's sentence
# is still the writer's own when the sentence says "me" or "my", or carries an emoji of
# distress, or says "I overdosed"; the lesson lowers it to review at most, never to
# nothing.
@pytest.mark.parametrize(
    ("text", "route"),
    [
        (
            "we learned about grooming in pshe and i think thats whats happening to me "
            "with a man online",
            "review",
        ),
        ("we had a lesson on self harm 🔪😭", "review"),
        ("the safety plan says to call someone but i overdosed last night anyway", "alert"),
        ("the risk assessment says im safe but my foster dad hits me", "alert"),
    ],
)
def test_a_named_harm_that_is_the_writers_own_is_still_raised(text, route):
    assert screen_text(text).route == route
    [result] = screen_texts([text])
    assert result.route == route, result
