"""How negation and requests change the valence of words in one English clause.

VADER flips every sentiment word within three words after a negator, across commas and
full stops, and scores "no" as a negative word. Feedback says otherwise:

* "no problems", "nothing bad", "can't fault them", "never had an issue": a negated
  negative word (or a negative noun such as "issue" or "concern") is mild praise;
* a negator reaches its first sentiment word only ("without a doubt the best"), a
  second one only through "or" / "nor" ("not kind or helpful"), and never past a new
  subject ("nothing its perfect");
* "nothing to improve", "couldn't be better", "could not be happier": an improvement
  word negated by "nothing" or a negated "could" / "can" / "would" is praise;
* "can't thank them enough", "nothing but praise": not negation at all;
* "no" before a neutral word ("no explanation", "no chair") keeps VADER's negative
  valence; "no" alone or with thanks is an answer, not a feeling;
* a clause that asks for something ("more staff", "listen to me", "I wish ...") says
  it is missing: its positive words do not count, and a comment that only asks leans
  slightly negative (ranked below plain statements, still within VADER's neutral band).

The word lists are data (``data/sentiment.yaml``, key ``english.rules``).
"""

from __future__ import annotations

from dataclasses import dataclass

N_SCALAR = -0.74  # VADER's own factor for a negated word
WINDOW = 3  # VADER's negation reach, in words


@dataclass(frozen=True)
class ValenceRules:
    negators: frozenset[str]  # VADER's negators, "no" and "nobody" among them
    improvement: frozenset[str]  # "better", "improve": praise when negated by ...
    praising_negators: frozenset[str]  # ... "nothing", "couldn't", "can't"
    modals: frozenset[str]  # "could", "can", "would": "could not be better"
    continuing: frozenset[str]  # "or", "nor": a negator reaches on through them
    scope_breaks: frozenset[str]  # "it's", "they": a new subject, out of reach
    answers: frozenset[str]  # words that with "no" make an answer ("no thanks")
    request_valence: float  # what a comment that only asks adds (slightly negative)


def is_negator(word: str, rules: ValenceRules) -> bool:
    return word in rules.negators or word.endswith("n't")


def no_as_answer(clause: list[str], rules: ValenceRules) -> bool:
    """ "no", "no thanks", "no comment at this time": an answer, not a feeling."""
    return clause[0] == "no" and (len(clause) == 1 or clause[1] in rules.answers)


def negate(clause: list[str], valences: list[float], rules: ValenceRules) -> list[float]:
    """``valences`` of the clause's words (VADER's, without its negation) after negation."""
    result = list(valences)
    for index, word in enumerate(clause):
        if not is_negator(word, rules):
            continue
        if word == "nothing" and index + 1 < len(clause) and clause[index + 1] == "but":
            continue  # "nothing but praise": only praise
        praising = word in rules.praising_negators or (
            word == "not" and index > 0 and clause[index - 1] in rules.modals
        )
        reach = index + 1 + WINDOW
        target = index + 1
        while target < min(reach, len(clause)):
            if is_negator(clause[target], rules) or clause[target] in rules.scope_breaks:
                break  # the next negator takes over; a new subject is out of reach
            if result[target]:
                result[target] = _negated(clause, target, result[target], praising, rules)
                joined = target + 1 < len(clause) and clause[target + 1] in rules.continuing
                if not joined:
                    break
                reach = target + 2 + WINDOW
                target += 1
            target += 1
    return result


def _negated(
    clause: list[str], index: int, valence: float, praising: bool, rules: ValenceRules
) -> float:
    if "enough" in clause[index + 1 : index + 4]:
        return valence  # "can't thank them enough"
    if praising and clause[index] in rules.improvement:
        return abs(valence)  # "nothing to improve", "couldn't be better"
    return valence * N_SCALAR


def without_requested_praise(valences: list[float]) -> list[float]:
    """A request's positive words do not count: what is asked for is missing."""
    return [min(v, 0.0) for v in valences]
