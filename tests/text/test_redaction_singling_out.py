"""Redaction of what points at one child without naming them: handles given in words,
children's homes and landmarks, a rare characteristic next to a place, unspaced mobile
numbers without their 0, and Welsh first names in lower case. Development examples,
written for this feature (the labelled evaluation set is kept apart from the code)."""

from __future__ import annotations

import pytest

from app.text.redaction import redact


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my snap is jess_99 add me", "my snap is [handle] add me"),
        ("add me on tiktok lily.r_2010", "add me on tiktok [handle]"),
        ("insta: kay.dee", "insta: [handle]"),
        ("Snapchat name is bigdave", "Snapchat name is [handle]"),
        ("text me 7700900123", "text me [phone]"),
        ("ring 07700900123 after school", "ring [phone] after school"),
    ],
)
def test_handles_and_phone_numbers_in_any_form_are_redacted(text, expected):
    assert redact(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I live at Rose Lodge now", "I live at [place] now"),
        ("the staff at Willow Tree Children's Home are kind", "the staff at [place] are kind"),
        ("we live in the flat above the Spar in Bala", "we live in the flat [place]"),
        ("I'm the only black lad in Pontypridd", "I'm [description]"),
        ("everyone knows the deaf girl from Llanelli", "everyone knows [description]"),
        ("the only Polish boy at Ysgol Glan Taf", "[description]"),
        ("that autistic kid from the Willows gets picked on", "[description] gets picked on"),
    ],
)
def test_homes_landmarks_and_rare_characteristics_next_to_a_place_are_redacted(text, expected):
    assert redact(text) == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("cerys said I could go", "en", "[name] said I could go"),
        ("dywedodd dafydd ei fod yn iawn", "cy", "dywedodd [name] ei fod yn iawn"),
        ("Siôn and Ffion helped me", "en", "[name] and [name] helped me"),
    ],
)
def test_welsh_first_names_are_redacted_in_lower_case_too(text, language, expected):
    assert redact(text, language) == expected


@pytest.mark.parametrize(
    "text",
    [
        "snapchat with my mates is fun",
        "I use insta a lot",
        "My House is cold",
        "the only person in the meeting who listened",
        "my IRO is deaf and signs with me",
        "I saw a shooting seren",
    ],
)
def test_ordinary_phrases_are_left_alone(text):
    assert redact(text) == text


# A child who is one of few, or known by what sets them apart, with no place beside it.
@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("my son is the only autistic boy in year 6", "autistic boy"),
        # "the only ... lad in ...": once left alone, now taken out, as the issue of
        # anonymity asks (a class knows who its only girl is).
        ("I am the only girl in my class", "only girl"),
        ("He is one of only two Black pupils in the sixth form", "Black pupils"),
        ("i am the only care leaver on the nursing course", "care leaver on"),
        ("everyone calls him the boy who set fire to the bins", "boy who set fire"),
        ("at school im the lad whose mum was on the news", "lad whose mum"),
        ("she is the little girl with Down's syndrome round here", "girl with Down"),
        ("they were the twins who moved here from Sudan", "twins who moved"),
    ],
)
def test_a_child_who_is_one_of_few_is_described_no_more(text, gone):
    assert gone not in redact(text)
    assert "[description]" in redact(text)


@pytest.mark.parametrize(
    "text",
    [
        "the only one who listens to me is my carer",
        "the only thing i want is to go home",
        "the only time she listened was at the review",
        "hes the only family i got",
        "the boy with me was nice",
        "the girls in my class are kind",
        "the boy next door is nice",
    ],
)
def test_everyday_only_and_the_boy_phrases_are_left_alone(text):
    assert redact(text) == text
