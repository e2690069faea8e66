"""Finding people's names in a comment: shipped lists read with capitalisation rules.

See :mod:`app.text.redaction` for the rules in plain words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from app.text.language import english_lexicon, english_vocabulary

NAMES_DIR = Path(__file__).parent / "data" / "names"
_TOKEN = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
TITLES = frozenset(
    {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "pan", "pani", "domnul", "doamna", "dna"}
)
# A capitalised word straight after one of these is a name even when no list has it.
ROLE_CUES = frozenset(
    {
        "worker",
        "carer",
        "carers",
        "iro",
        "teacher",
        "called",
        "named",
        "adviser",
        "advisor",
        "pa",
        "keyworker",
        "mentor",
        "friend",
        "boyfriend",
        "girlfriend",
        "chair",
        "sister",
        "brother",
        "cousin",
        "auntie",
        "aunty",
        "uncle",
    }
)
# A lower-case word of the long list of names (``NameLists.more``) is a name only
# straight after one of these: "my brother mykola", "my pa vasile", "called aleksandra".
LOWERCASE_CUES = ROLE_CUES | {
    "mate",
    "bestie",
    "bff",
    "sw",
    "son",
    "daughter",
    "nan",
    "nana",
    "nanna",
    "grandma",
    "gran",
    "granny",
    "bro",
    "sis",
    "partner",
    "husband",
    "wife",
    "name",
    "names",
    "neighbour",
    "neighbor",
    "manager",
    "lady",
    "fella",
    "mum",
    "mam",
    "dad",
    "stepdad",
    "stepmum",
    "grandad",
    "grandpa",
    "niece",
    "nephew",
    "twin",
    "fiance",
    "fiancé",
    "brothers",
    "sisters",
    "cousins",
    "stepbrother",
    "stepsister",
    "ex",
    "counsellor",
    "therapist",
}
# A name word at the start of a sentence is a name when one of these follows ("Will said").
NAME_VERBS = frozenset(
    {
        "said",
        "says",
        "told",
        "tells",
        "is",
        "was",
        "has",
        "had",
        "helped",
        "helps",
        "came",
        "comes",
        "listens",
        "listened",
        "always",
        "never",
        "does",
        "did",
        "gets",
        "got",
        "visits",
        "visited",
        "rang",
        "called",
        "phoned",
        "explained",
        "asked",
        "and",
    }
)
# Name words that are more often something else mid-sentence: months, seasons, and the
# Amber of Red/Amber/Green ratings. Only a title, a role or a surname makes them names.
NEEDS_CUE = frozenset({"may", "june", "april", "summer", "autumn", "august", "amber"})
NEVER_NAMES = frozenset(
    {
        "social",
        "worker",
        "iro",
        "independent",
        "reviewing",
        "officer",
        "i",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "july",
        "september",
        "october",
        "november",
        "december",
        "mum",
        "dad",
        "nan",
        "nana",
        "grandad",
        "god",
        "allah",
        "camhs",
        "ofsted",
        "english",
        "welsh",
        "council",
        "christmas",
        "eid",
    }
)
SENTENCE_ENDS = (".", "!", "?", "\n", ":", ";", '"', "“", "(")


@dataclass(frozen=True)
class NameLists:
    first: frozenset[str]  # lower case, including name words
    name_words: frozenset[str]  # lower case: names that are also words or months
    surnames: frozenset[str]
    surname_words: frozenset[str]
    other_scripts: frozenset[str]
    # Lower case: first names from many countries (first_names_more.txt) that are not
    # English words. Some are words of another shipped language written without accents
    # ("sie", "asta", "nath"), so they are names only where the context says so: capitalised
    # inside a sentence ("siblings, Amira and Yasin"), or in lower case straight after a
    # role ("my brother mykola"). See ``_more_is_name``.
    more: frozenset[str] = frozenset()
    # The same list with the names that are also English words kept ("jamal", "linda",
    # "marcus" are in the encoder's vocabulary), name words left out ("will", "may"): in
    # lower case straight after a role a word of it is a name ("my brother jamal").
    after_role: frozenset[str] = frozenset()


# Words of the long list that mostly say something else straight after a role: "my
# brother said", "my sister and me", "my mum will", "my carer can".
_NOT_AFTER_ROLE = frozenset(
    {
        *("is", "was", "and", "or", "but", "said", "says", "will", "would", "can", "could"),
        *("may", "might", "must", "shall", "should", "has", "had", "have", "did", "does"),
        *("got", "gets", "get", "told", "tells", "lives", "lived", "always", "never", "still"),
        *("also", "too", "just", "now", "then", "again", "so", "as", "if", "who", "that"),
        *("from", "at", "in", "on", "with", "to", "for", "of", "all", "not", "no", "yes"),
        *("come", "came", "comes", "went", "goes", "go", "sees", "saw", "see", "takes"),
        *("took", "take", "makes", "made", "make", "loves", "love", "likes", "like", "hates"),
        *("hate", "helps", "help", "helped", "keeps", "kept", "wants", "wanted"),
        *("sorted", "works", "worked", "lost", "died", "left", "moved", "passed", "cares"),
        *("big", "little", "older", "younger", "old", "young", "new", "best", "real"),
        *("half", "step", "foster", "birth", "baby", "twin", "only", "eldest", "youngest"),
        *("dad", "mum", "mam", "nan", "son", "daughter", "sister", "brother", "uncle"),
        *("worker", "carer", "teacher", "friend", "mate", "partner", "boyfriend"),
        *("girlfriend", "husband", "wife", "cousin", "auntie", "aunty", "grandma", "gran"),
        *("even", "ever", "till", "until", "though", "yet", "there", "here", "ask", "asked"),
        *("tried", "tries", "try", "says", "knows", "knew", "know", "thinks", "thought"),
        *("proper", "gave", "gives", "give", "bought", "buys", "buy", "put", "puts"),
        # Harm, which must never read as a name ("my sister burns herself")
        *("gun", "guns", "hang", "hangs", "hanged", "burn", "burns", "rob", "robs", "stab"),
        *("stabs", "cut", "cuts", "hit", "hits", "punch", "punches", "kick", "kicks", "slap"),
        *("slaps", "choke", "chokes", "knife", "drink", "drinks", "drunk", "smoke", "smokes"),
        *("deals", "sells", "mad", "sad", "ginger", "brown", "gay", "nice", "lies"),
    }
)


# Words that follow a verb, not a name: "burns the food", "fed me", "drew a picture".
_OBJECTS = frozenset(
    {
        *("a", "an", "the", "me", "him", "her", "us", "them", "it", "my", "his", "their"),
        *("our", "your", "its", "this", "that", "these", "those", "some", "all", "up"),
        *("out", "off", "down", "over", "round", "about", "everything", "nothing", "to"),
        *("myself", "himself", "herself", "themselves", "yourself", "itself", "ourselves"),
        *("at", "with", "by", "for", "on", "in", "into", "onto"),
    }
)


def _read(name: str) -> frozenset[str]:
    lines = (NAMES_DIR / name).read_text(encoding="utf-8").splitlines()
    return frozenset(s.strip() for s in lines if s.strip() and not s.startswith("#"))


@lru_cache(maxsize=1)
def name_lists() -> NameLists:
    """The shipped name lists, read once per process."""
    words = frozenset(n.casefold() for n in _read("name_words.txt"))
    first = frozenset(n.casefold() for n in _read("first_names.txt")) | words
    more = frozenset(n.casefold() for n in _read("first_names_more.txt")) - first
    return NameLists(
        first=first,
        name_words=words,
        surnames=frozenset(n.casefold() for n in _read("surnames.txt")),
        surname_words=frozenset(n.casefold() for n in _read("surname_words.txt")),
        other_scripts=_read("other_scripts.txt"),
        more=frozenset(n for n in more if n not in english_vocabulary()),
        after_role=frozenset(
            n for n in more if n not in _NOT_AFTER_ROLE and n not in english_lexicon()
        )
        | (first - words),
    )


@dataclass
class _Word:
    text: str
    base: str  # without a possessive 's
    lower: str
    start: int
    end: int
    at_start: bool
    capitalised: bool
    shouted: bool
    joined: bool = False  # nothing but spaces between it and the word before


def _word(text: str, matches: list[re.Match[str]], i: int) -> _Word:
    match = matches[i]
    word = match.group(0)
    base = _without_possessive(word)
    joined = False
    if i == 0:
        at_start = True
    else:
        previous = matches[i - 1]
        gap = text[previous.end() : match.start()].strip()
        after_title = previous.group(0).casefold() in TITLES and gap == "."
        at_start = gap.endswith(SENTENCE_ENDS) and not after_title
        joined = gap == ""
    return _Word(
        word,
        base,
        base.casefold(),
        match.start(),
        match.start() + len(base),
        at_start,
        base[:1].isupper(),
        base.isupper() and len(base) > 1,
        joined,
    )


def _without_possessive(word: str) -> str:
    return word[:-2] if word.endswith(("'s", "’s", "'S", "’S")) else word


def _is_candidate(matches: list[re.Match[str]], i: int, lists: NameLists, lowercase: bool) -> bool:
    """Cheap first look: most words are lower case and in no list, and are skipped."""
    token = matches[i].group(0)
    if token[:1].isupper() or token in lists.other_scripts:
        return True
    if lowercase and _without_possessive(token).casefold() in lists.first:
        return True
    previous = matches[i - 1].group(0).casefold() if i > 0 else ""
    if lowercase and previous in LOWERCASE_CUES:
        return _without_possessive(token).casefold() in lists.after_role
    return previous in TITLES


def _is_name(words: list[_Word | None], lists: NameLists, lowercase: bool) -> bool:
    """Is the middle one of (previous, word, following) a name?"""
    previous, word, following = words
    if word is None:
        return False
    if word.lower in NEVER_NAMES:
        return False
    if word.text in lists.other_scripts or word.base in lists.other_scripts:
        return True
    if previous is not None and previous.lower in TITLES and not word.at_start:
        return word.capitalised or previous.lower != "miss"
    if not word.capitalised:
        return lowercase and _lowercase_name(word, previous, following, lists)
    if word.lower in lists.first:
        if word.lower not in lists.name_words:
            return True
        return _name_word_is_name(word, previous, following, lists)
    if word.lower in lists.more:
        return _more_is_name(word, following)
    if word.lower in lists.surnames:
        after_name = previous is not None and previous.capitalised and previous.lower in lists.first
        return after_name or word.lower not in lists.surname_words
    return previous is not None and previous.lower in ROLE_CUES and not word.shouted


def _lowercase_name(
    word: _Word, previous: _Word | None, following: _Word | None, lists: NameLists
) -> bool:
    if previous is not None and previous.lower in LOWERCASE_CUES:
        if not word.joined:  # "my sisters, theres no room": a comma parts them
            return False
        if word.lower in lists.more:
            return True
        if previous.lower in ("name", "names"):  # "they call me names gay and stuff"
            return False
        # A name that is also an English word ("jamal", "linda", "drew", "burns") straight
        # after the role, in the same phrase, and not doing something to someone: "my
        # brother jamal is", but "my worker drew a picture", "her mum fed me".
        return (
            word.lower in lists.after_role
            and word.joined
            and not (following is not None and following.lower in _OBJECTS)
        )
    return len(word.lower) >= 3 and word.lower in lists.first and word.lower not in lists.name_words


def _more_is_name(word: _Word, following: _Word | None) -> bool:
    """A capitalised name of the long list: a name inside a sentence ("siblings, Amira
    and Yasin"), at a sentence's start only before a verb that names do ("Oliwia said").
    In lower case it is a name only after a role: see ``_lowercase_name``."""
    if word.shouted:
        return False
    if word.at_start:
        return following is not None and following.lower in NAME_VERBS
    return True


def _name_word_is_name(
    word: _Word, previous: _Word | None, following: _Word | None, lists: NameLists
) -> bool:
    """ "Will", "May", "Rose": a name only where the context says so."""
    if previous is not None and previous.lower in ROLE_CUES:
        return True
    if following is not None and following.capitalised and following.lower in lists.surnames:
        return True
    if word.shouted or word.lower in NEEDS_CUE:
        return False
    if word.at_start:
        return following is not None and following.lower in NAME_VERBS
    return True  # capitalised mid-sentence: "I asked Will", "Rose helped me"


def redact_names(text: str, lists: NameLists, lowercase: bool = True) -> str:
    """``text`` with every name found replaced by ``[name]`` (one for a full name)."""
    matches = list(_TOKEN.finditer(text))
    spans: list[list[int]] = []
    for i in range(len(matches)):
        if not _is_candidate(matches, i, lists, lowercase):
            continue
        words = [
            _word(text, matches, j) if 0 <= j < len(matches) else None for j in (i - 1, i, i + 1)
        ]
        if not _is_name(words, lists, lowercase):
            continue
        word = words[1]
        if spans and text[spans[-1][1] : word.start].strip() == "":
            spans[-1][1] = word.end
        else:
            spans.append([word.start, word.end])
    for start, end in reversed(spans):
        text = f"{text[:start]}[name]{text[end:]}"
    return text
