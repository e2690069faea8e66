"""Descriptions that point at one child or one family are redacted; what people say of
someone who is good to them, and a plain age, are left alone."""

from __future__ import annotations

import pytest

from app.text.redaction import redact

# Written for this test: each rule's forms, none taken from a labelled set.
SINGLED_OUT = [
    ("everyone knows im the only one in my year who has a social worker", "only one"),
    ("he is the only one in care there and the kids know it", "in care there"),
    ("she is the only one who wears a hijab in her class", "wears a hijab"),
    ("they are the only Somali family in the village and get stared at", "Somali family"),
    ("we are the only foster carers on our road with a teenager", "foster carers"),
    ("i am the youngest of the nine of us", "youngest"),
    ("i was the first kid from my home to pass my driving test", "first kid"),
    ("im the one whose brother got sent down last year", "whose brother"),
    ("the lad upstairs, the one with the ankle tag, is trouble", "ankle tag"),
    ("i was the pregnant 15 year old at school", "pregnant 15"),
    ("she is the 13 year old who went missing for a week", "went missing"),
    ("my cousin was in the paper for stealing a car", "in the paper"),
    ("im the only one in my class who gets free school meals", "free school meals"),
]


@pytest.mark.parametrize(("text", "hidden"), SINGLED_OUT)
def test_descriptions_that_single_someone_out_are_redacted(text, hidden):
    redacted = redact(text, "en")
    assert hidden.casefold() not in redacted.casefold()
    assert "[description]" in redacted


ORDINARY = [
    "she is the only one who listens to me",
    "my carer is the only one who gets it",
    "the only one there for me is my nan",
    "she is the only one in my family who visits me",
    "the only family i have got is my foster family",
    "the first time i went to contact i cried",
    "the 4 year old has started nursery and loves it",
    "my son is 15 years old and wants to go home",
    "she was the one with me at the review",
    "he was the one who helped me most",
    "she is the only one who has time for me",
    "my worker is the only person who has never given up on me",
    # A reviewer's attack: disclosures and praise that lost their meaning
    "the only one who hits me is my dad",
    "my mum is the one who's hitting me",
    "the one with the knife was my brother",
    "my teacher was the first person to believe me about the abuse",
    "she was the only one who took me seriously",
    "the first of the 6 sessions was good",
    "im the only one who does the dishes lol not fair",
]


@pytest.mark.parametrize("text", ORDINARY)
def test_what_people_say_of_someone_good_to_them_is_left_alone(text):
    assert redact(text, "en") == text


def test_the_rest_of_the_comment_keeps_its_meaning():
    """A description ends at a clause of its own: the feeling after it stays."""
    text = "Being the only care experienced person on my course makes me feel like an outsider"
    assert redact(text, "en") == "Being [description] makes me feel like an outsider"
