"""Safeguarding screening: negation and context, every language, and measured quality."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from app.safeguard.learned import screen_texts
from app.safeguard.screening import (
    PatternError,
    all_patterns,
    load_pattern_file,
    screen_records,
    screen_text,
)

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.mark.parametrize(
    "text",
    [
        "I don't feel safe at home",
        "he hits me when he's drunk",
        "I don't want to be here any more",
        "ppl make me carry stuff for them or they said theyll hurt my sister",
        "someone online keeps asking me for pics",
    ],
)
def test_disclosures_are_concerns(text):
    assert screen_text(text).concern


@pytest.mark.parametrize(
    "text",
    [
        "I feel safe now",
        "I don't feel unsafe",
        "my carer doesn't hit me",
        "the meeting was killing me lol it was so long",
        "nobody listens",
        "I hit my targets at school this term",
    ],
)
def test_ordinary_comments_are_not(text):
    result = screen_text(text)
    assert not result.concern, result.matched


def test_suicidal_thoughts_are_high_severity():
    result = screen_text("i dont wanna be alive")
    assert result.severity == "high" and result.reasons == ["suicidal_thoughts"]


def test_phrasing_no_pattern_has_is_found_by_the_learned_layer():
    # No pattern is written for it; the request alone lets it through, and the learned
    # layer (run straight after, on the high-priority queue) raises it.
    texts = [
        "he makes me sit in the cold garage for hours as punishment",
        "a man from snapchat wants to meet me and says i am mature for my age",
        "the landlord says i can pay rent another way",
    ]
    assert not any(screen_text(text).concern for text in texts)
    assert all(result.route != "none" for result in screen_texts(texts))


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("nie czuję się bezpiecznie w domu", "pl"),
        ("mă bate tata", "ro"),
        ("не почуваюся в безпеці вдома", "uk"),
        ("dw i ddim yn teimlo'n ddiogel adre", "cy"),
        ("لا أشعر بالأمان في البيت", "ar"),
        ("احساس امنیت نمی‌کنم", "fa"),
        ("خوندي نه یم", "ps"),
    ],
)
def test_every_shipped_language_is_screened(text, language):
    assert screen_text(text, language).concern


def test_every_pattern_file_loads_and_covers_a_language():
    languages = {p.language for p in all_patterns()}
    assert languages == {"en", "cy", "ar", "fa", "ps", "pl", "ro", "uk"}


def test_a_broken_pattern_file_names_the_file_and_pattern(tmp_path):
    bad = tmp_path / "xx.yaml"
    bad.write_text("- {id: oops, category: nonsense, severity: high, match: 'x'}\n")
    with pytest.raises(PatternError, match=r"xx.yaml: pattern oops: category must be"):
        load_pattern_file(bad)
    bad.write_text("- {id: broken, category: neglect, severity: low, match: '(unclosed'}\n")
    with pytest.raises(PatternError, match="broken: bad regular expression"):
        load_pattern_file(bad)


def test_records_keep_input_order():
    records = list(screen_records(["he hits me", "all good"]))
    assert [r["concern"] for r in records] == [True, False]
    # The issue extends the contract: the old keys keep their meaning, four are added.
    assert set(records[0]) == {
        "concern",
        "severity",
        "reasons",
        "score",
        "category",
        "route",
        "language",
    }


@pytest.mark.parametrize(
    ("text", "route", "severity"),
    [
        ("my stepdad hits me", "alert", "high"),
        ("in pshe we learned about self harm", "none", None),  # a lesson names a subject
        ("in pshe we learned about self harm and i self harm too", "review", "low"),  # lowered
        ("Waxaan jeclahay dugsiga laakiin macallinka ayaa i garaacay", "review", None),  # Somali
        ("我很害怕回家", "review", None),
        ("the wifi is bad in my room at night", "none", None),
    ],
)
def test_each_answer_is_routed_to_an_alert_a_review_or_nothing(text, route, severity):
    result = screen_text(text)
    assert (result.route, result.severity) == (route, severity)


def measure(path: Path) -> tuple[float, float, dict[str, float]]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    found: dict[str, list[bool]] = defaultdict(list)
    false_alerts = []
    # The whole screen: the patterns in the request, then the learned layer (the cue words
    # that once widened the request's net are gone; the learned layer is that net now).
    results = {}
    for language in {row["language"] for row in rows}:
        mine = [row for row in rows if row["language"] == language]
        screened = screen_texts([row["text"] for row in mine], language)
        results.update({id(row): result for row, result in zip(mine, screened, strict=True)})
    for row in rows:
        concern = results[id(row)].route != "none"
        if row["concern"]:
            found[row["language"]].append(concern)
        else:
            false_alerts.append(concern)
    hits = [c for values in found.values() for c in values]
    by_language = {lang: sum(v) / len(v) for lang, v in found.items()}
    return sum(hits) / len(hits), sum(false_alerts) / len(false_alerts), by_language


def test_quality_on_the_labelled_set():
    recall, false_rate, by_language = measure(DATA / "screening_labelled.jsonl")
    print(f"\nrecall {recall:.3f}, false alerts {false_rate:.3f}, by language {by_language}")
    assert recall >= 0.95
    assert false_rate <= 0.10
    assert all(value >= 0.9 for value in by_language.values()), by_language


def test_quality_on_the_blind_set_written_by_a_second_person():
    # 393 sentences written without reading the patterns (first sight: recall 0.833,
    # false alerts 0.044; see docs/safeguarding.md). Now a regression guard.
    recall, false_rate, by_language = measure(DATA / "screening_blind.jsonl")
    print(f"\nblind set: recall {recall:.3f}, false alerts {false_rate:.3f}, {by_language}")
    assert recall >= 0.95 and false_rate <= 0.10


def test_quality_on_the_later_rounds_stays_where_it_was_fixed():
    # Sentences written after the patterns, to see how they cope with unforeseen phrasing
    # (first sight: recall 0.43, then 0.50; see docs/safeguarding.md). Patterns were
    # then widened, so these now guard against regressions rather than measure.
    recall, false_rate, _ = measure(DATA / "screening_holdout.jsonl")
    assert recall >= 0.95 and false_rate <= 0.10


def test_labelled_set_is_big_and_varied_enough():
    rows = [
        json.loads(line)
        for line in (DATA / "screening_labelled.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert sum(r["concern"] for r in rows) >= 150
    assert sum(not r["concern"] for r in rows) >= 300


def test_screen_command_prints_one_json_line_per_text(runner, tmp_path):
    single = runner.invoke(args=["screen", "--text", "he hits me"])
    record = json.loads(single.output)
    assert {k: record[k] for k in ("concern", "severity", "reasons", "route")} == {
        "concern": True,
        "severity": "high",
        "reasons": ["physical_abuse"],
        "route": "alert",
    }
    assert record["route"] == "alert" and record["language"] == "en"
    assert record["category"] == "physical_abuse" and 0.5 < record["score"] <= 1
    csv_file = tmp_path / "c.csv"
    csv_file.write_text("id,comment\n1,all good\n2,i want to die\n", encoding="utf-8")
    result = runner.invoke(args=["screen", "--input", str(csv_file), "--text-column", "comment"])
    assert [json.loads(line)["concern"] for line in result.output.splitlines()] == [False, True]
    jsonl = tmp_path / "c.jsonl"
    jsonl.write_text('{"text": "nobody listens"}\n{"text": "mă bate tata"}\n')
    result = runner.invoke(args=["screen", "--input", str(jsonl)])
    assert [json.loads(line)["concern"] for line in result.output.splitlines()] == [False, True]
    assert runner.invoke(args=["screen"]).exit_code == 2


def test_a_broken_pattern_file_stops_the_app_at_start_not_at_a_respondents_send(
    tmp_path, monkeypatch
):
    import app.safeguard.screening as screening
    from tests.conftest import make_app

    bad = tmp_path / "xx.yaml"
    bad.write_text("- {id: oops, category: neglect, severity: low, match: '(unclosed'}\n")
    monkeypatch.setattr(screening, "PATTERN_DIR", tmp_path)
    screening.all_patterns.cache_clear()
    try:
        with pytest.raises(PatternError, match=r"xx\.yaml: pattern oops: bad regular expression"):
            make_app(f"sqlite:///{tmp_path / 'sayso.db'}", str(tmp_path / "instance"))
    finally:
        monkeypatch.undo()
        screening.all_patterns.cache_clear()
    # The shipped patterns load again for the tests that follow.
    assert screen_text("he hits me").concern


# Written for the sixth round, in the words of the fifth blind set's misses (that set is
# now training text): a conditional plan in Dari, pills gathered in Arabic, hurting an arm
# or hand in Arabic and Pashto, and a child not taken to a doctor.
@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("اگه کیس پناهندگیم رد شوه خودمه میکشم، تصمیم گرفتم", "suicidal_thoughts"),
        ("جمعت حبوب الصداع عندي، تقريبا 30 حبة", "suicidal_thoughts"),
        ("بجرح نفسي بالموس في دراعي بس بلبس كم طويل", "self_harm"),
        ("کله چې ډېر خپه شم خپل لاس په سګرټ سوځوم", "self_harm"),
        ("تبه يې ډېره ده خو فوستر کورنۍ يې ډاکټر ته نه بيايي", "neglect"),
        ("یک سال اس اینجه هستم، هیچکس مره برای چک آپ صحی یا واکسین نبرده", "neglect"),
        ("ده سپورتد اکومودیشن گرمی خراب اس و پیسه غذا هم تمام شده", "neglect"),
    ],
)
def test_disclosures_in_arabic_script_languages_alert_in_the_request(text, category):
    result = screen_text(text)
    assert (result.route, result.category) == ("alert", category), result


@pytest.mark.parametrize(
    "text",
    [
        "الدكتور قال لازم آخذ 1 حبة كل يوم للحساسية",
        "2 تا قرص سرماخوردگی خوردم و بهتر شدم",
        "گرمی هوا خیلی زیاد است و کولر نداریم",
        "عندي جرح صغير بإيدي من المطبخ",
    ],
)
def test_everyday_pills_heat_and_cuts_in_those_languages_raise_nothing(text):
    assert screen_text(text).route == "none"
