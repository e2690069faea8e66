"""Schools, homes, streets and public places named in lower case are redacted; the same
kinds of place named by everyday words ("the local leisure centre", "my mums house",
"family court") are left alone, as are Welsh sentences about a school or a house."""

from __future__ import annotations

import pytest

from app.text.redaction import redact

# Written for this test (none taken from a labelled set): one of each rule's forms.
NAMED = [
    ("we go swimming at penylan leisure centre on fridays", "penylan", "[place]"),
    ("i get the train from temple meads station to see my nan", "temple meads", "[place]"),
    ("the nurse at the royal glamorgan was kind", "glamorgan", "[place]"),
    ("my brother has been at northfield high since september", "northfield", "[school]"),
    ("i started at greenhill juniors and everyone is nice", "greenhill", "[school]"),
    ("my son goes to bumblebees nursery three days a week", "bumblebees", "[school]"),
    ("can i stay at st teilos cos my mates are there", "teilos", "[school]"),
    ("st bernadettes primary are brilliant with him", "bernadettes", "[school]"),
    ("i want to go back to cardinal heenan next year", "heenan", "[school]"),
    ("i want to study at the university of west london", "west london", "[school]"),
    ("the staff at ashfield lodge are proper sound", "ashfield lodge", "[place]"),
    ("i was at cherry tree house for two years", "cherry tree", "[place]"),
    ("i left thornbury house at 18 with nothing", "thornbury", "[place]"),
    ("i lived at hazelcroft from 12 to 16", "hazelcroft", "[place]"),
    ("my little sister is still at the laurels", "laurels", "[place]"),
    ("they put me in a hostel called the anchor in town", "anchor", "[place]"),
    ("we meet by the chippy on wellfield road", "wellfield", "[address]"),
    ("my brother went from the unit to hmp parc", "parc", "[place]"),
    ("i go to ysgol bro morgannwg and i like it", "morgannwg", "[school]"),
    ("doing plumbing at coleg sir gar this year", "sir gar", "[school]"),
    ("the staff at ty coch let us cook", "coch", "[place]"),
    ("we got a flat on the bryncethin estate", "bryncethin", "[place]"),
    ("we live on the treharris and theres nothing to do", "treharris", "[place]"),
    ("my new flat in llanedeyrn is cold", "llanedeyrn", "[place]"),
    ("i grew up in cefn hengoed and miss it", "cefn hengoed", "[place]"),
    ("The placement with the Joneses in Adamsdown is stable", "adamsdown", "[place]"),
    ("my school is Fitzalan and i hate it", "fitzalan", "[school]"),
    ("his old home was Bryn Awel and he liked it", "bryn awel", "[place]"),
]


@pytest.mark.parametrize(("text", "hidden", "placeholder"), NAMED)
def test_places_named_in_lower_case_are_redacted(text, hidden, placeholder):
    redacted = redact(text, "en")
    assert hidden not in redacted.casefold()
    assert placeholder in redacted


EVERYDAY = [
    "i go to the local leisure centre with my foster dad",
    "i want to start college next year and do hair",
    "we had contact at my mums house and it was nice",
    "the hearing in family court was scary",
    "the flat is on the main road so its loud at night",
    "i learned to drive last summer",
    "we waited at the bus stop outside school for ages",
    "been looking at the bridge near college every day",
    "i had a great time at secondary school in the end",
    "i hate leaving the house in the morning",
    "they stab people after school round here",
    "the virtual school helped with my tutoring",
    "my short breaks unit is fun",
    "i am in a secure unit and the staff are ok",
    "ty so much miss you are the best",
    "I want to go to the park after school",
    "at the end of the road there is a shop",
    "i got lost in the woods once",
    "the staff at the house are kind",
    "the review was at the council offices in the morning",
    "we live on the council estate and its ok",
    "i want to be an estate agent when im older",
    "we live in hope that he comes home",
    "i live in supported lodgings now",
    "living in fear every day",
    "the session was held in Tigrinya with an interpreter",
    "I got a new skin in Fortnite",
    "there was police at our house at nite",
    # From the spent eighth set: the two comments the lower-case rules changed there
    "i dont know why i had to move house again, nobody said",
    "my teacher at the hospital school helped me get into college",
    "my school is Good at helping me",
    "my school is Really Good now",
    # A reviewer's attack: kinds of place, and "high", read as names
    "my dad came back from the pub high and hit my mum",
    "i went into school high on weed",
    "they made me sell at the trap house",
    "he took me to the crack house",
    "i was working at the cannabis farm",
    "we stayed at the womens refuge",
    "i was in the eating disorder unit",
    "the school called safeguarding and nothing happened",
    "the hostel called the ambulance",
    "he pushed me into the brambles",
    "i stayed in hospitle for a week",
    "in the social worker's view the placement is stable",
    "i got support from Camhs",
    "My school is Homophobic",
    # From the spent ninth set
    "summer was always the worst in care because school was the only routine i had",
]


@pytest.mark.parametrize("text", EVERYDAY)
def test_everyday_places_are_left_alone(text):
    assert redact(text, "en") == text


@pytest.mark.parametrize(
    "text",
    [
        "mae'r ysgol yn dda a dw i'n hapus",  # the school is good and I am happy
        "mae gen i dŷ newydd a ty newydd i mam",  # I have a new house, a new house for mum
        "dw i'n mynd i'r ysgol gynradd bob dydd",  # I go to the primary school every day
    ],
)
def test_welsh_sentences_about_a_school_or_house_are_left_alone(text):
    assert redact(text, "cy") == text
