"""Ordinary comments that used to reach a safeguarding lead, and the disclosures next to
them that still must."""

from __future__ import annotations

import pytest

from app.safeguard.classifier import ENCODER_WEIGHT, NGRAM_FEATURES, WORD_WEIGHT, load_model
from app.safeguard.learned import screen_texts
from app.safeguard.screening import UNREADABLE, screen_text


@pytest.mark.parametrize(
    "text",
    [
        # Polish typed without diacritics
        "spotkanie bylo ok, pani byla mila",
        "mama zrobila pierogi na wigilie, bylo super",
        # Welsh with its contractions
        "ges i'r ffliw, o'n i'n cymryd lemsip a cysgu",
        # plain English with few short common words
        "Hostel manager: room inspection completed, minor damage to wardrobe, repair requested",
        "getting my braces off next month cant wait",
        # Arabic written in Latin letters and digits
        "leish lazem a3abbi hal form kel marra",
        # Polish with its own letters but few of its commonest words
        "Wychowawczyni: uczeń świetnie radzi sobie z matematyką, wzorowe zachowanie.",
    ],
)
def test_readable_latin_script_text_is_judged_not_sent_to_review(text):
    result = screen_text(text)
    assert UNREADABLE not in result.reasons
    assert result.route == "none", result


@pytest.mark.parametrize(
    "text",
    [
        "Waxaan jeclahay dugsiga laakiin macallinka ayaa i garaacay",  # Somali
        "aabahay wuu i garaacaa habeen walba markuu sakhraamo",  # Somali
    ],
)
def test_a_latin_script_language_without_support_still_goes_to_review(text):
    result = screen_text(text)
    assert (result.route, result.reasons) == ("review", [UNREADABLE])


@pytest.mark.parametrize(
    "text",
    [
        "i want to play football in a club please help",
        "we have a secret plan for eid party for the staff dont tell them",
        "The non-molestation order expired in May; no breaches were recorded.",
        "i went missing in hide and seek for ages cos i was in the airing cupboard",
        "me and my friend are writing a horror story where everyone in the village dies",
        # fixed phrases whose words are alarming elsewhere
        "im dying to see my little brother at contact on friday",
        "the wifi in my room cuts out every night and i miss my shows",
        "my cousin owes me a fiver for the cinema",
    ],
)
def test_everyday_uses_of_alarming_words_raise_nothing_in_the_request(text):
    assert screen_text(text).route == "none"


@pytest.mark.parametrize(
    "text",
    [
        "im dying to get out of this place i cut my arm last night",
        "dying for a smoke, then i cut myself again in the bathroom",
    ],
)
def test_a_fixed_phrase_does_not_hide_a_disclosure_beside_it(text):
    (result,) = screen_texts([text])
    assert result.route != "none"


@pytest.mark.parametrize(
    "text",
    [
        "please help me he hurts me",
        "its our secret he said, dont tell anyone",
        "he molested me when i was at his flat",
        "he comes into my room at night, mum has a non-molestation order against him",
    ],
)
def test_the_same_words_in_a_disclosure_still_alert(text):
    assert screen_text(text).route == "alert"


@pytest.mark.parametrize(
    "text",
    [
        "took 30 of my co-codamol about 20 mins ago jk... not jk",
        "im fine lol just took a few too many of my sertraline to see what happens",
        "took a load of my sertraline and some paracetamol about an hour ago",
        "i took the whole packet of mums sleeping pills",
    ],
)
def test_an_overdose_by_amount_alerts_in_the_request(text):
    result = screen_text(text)
    assert (result.route, result.category) == ("alert", "self_harm")


@pytest.mark.parametrize(
    "text",
    [
        # From the tune set: each went to a person before the hard negatives and the
        # reweighted encoder vector.
        "my nan says ill be the death of her cos i never tidy my room 😂",
        "nes i gymryd 2 paracetamol am gur pen cyn yr adolygiad",
        "زکام یم، له درملتون نه مې دوا واخیسته",
        "ma mrawd i'n mynd i'n lladd i os dwi'n colli ei charger o eto",
        # Sent to review by the models of rounds four to nine; not since the model was
        # retrained with the ninth blind set in its training text.
        "my flatmate cook at 2am and it smell lol but hes ok",
    ],
)
def test_everyday_medicine_idioms_and_jokes_reach_nobody(text):
    assert screen_texts([text])[0].route == "none"


@pytest.mark.parametrize(
    "text",
    [
        # Each went to the review queue with the model before n-grams were weighted by
        # their rarity and words read beside them; none matches a pattern or cue.
        "the film last night was so scary i hid behind the sofa",
        "i got detention for being late three times this week",
        "i fell off my bike and grazed my knee",
    ],
)
def test_ordinary_comments_the_model_sent_to_review_reach_nobody(text):
    assert screen_text(text).route == "none"
    assert screen_texts([text])[0].route == "none"


def test_the_model_records_the_weights_it_was_trained_with():
    model = load_model()
    assert model.encoder_weight == ENCODER_WEIGHT
    assert model.word_weight == WORD_WEIGHT
    assert model.idf is not None and model.idf.shape == (2 * NGRAM_FEATURES,)


# Written for this change in the words of the third blind set's ordinary comments (that set
# is now training text): the patterns raised each of these, some as high alerts.
@pytest.mark.parametrize(
    "text",
    [
        "i have a secret club with my friends in the playground",
        "my little brother told me a secret, he has a crush on a girl",
        "my hay fever tablets make me so sleepy in lessons",
        "i ran away from the goose at the park hahaha",
        "Our placement had a power cut in the storm, we played cards by torchlight",
        "they showed us at college how dealers use young people for county lines",
    ],
)
def test_harmless_words_no_pattern_should_read_as_harm(text):
    result = screen_text(text)
    assert result.route == "none", result


@pytest.mark.parametrize(
    "text",
    [
        "we had a talk from childline about who to ring if you feel unsafe",
        "in pshe we learned about self harm and i self harm too",
    ],
)
def test_a_lesson_about_harm_goes_to_review_not_to_an_alert(text):
    result = screen_text(text)
    assert (result.route, result.severity, result.stance) == ("review", "low", "lesson"), result


# A harm named as a subject ("domestic abuse", "overdoses", "self harm", "grooming") in a
# sentence about a lesson, a talk, training or a leaflet is nobody's experience: the
# patterns that name it do not count there, and the learned layer reads the rest.
@pytest.mark.parametrize(
    "text",
    [
        "we did domestic abuse in pshe, didnt know boys could be victims too",
        "did first aid training at college, learnt what to do if someone overdoses",
        "the self harm awareness session for carers was really helpful",
        "The self-harm leaflet for carers was clear and practical.",
        "in RE we talked about suicide and how to help a friend who is feeling low",
        "we watched a video about online grooming in form time, bit cringe but useful",
        "На уроці говорили про домашнє насильство, було цікаво",
        "Na lekcji o samookaleczeniach pani dała nam numery telefonów",
    ],
)
def test_a_harm_named_as_the_subject_of_a_lesson_raises_nothing_in_the_request(text):
    result = screen_text(text)
    assert result.route == "none", result


@pytest.mark.parametrize(
    "text",
    [
        "there is domestic abuse in our house every weekend",
        "i think i'm being groomed by a man online",
        "he has been grooming me since i was 13",
        "i self harm when it gets bad",
        "i feel suicidal most days",
        "i took an overdose on friday",
    ],
)
def test_the_same_words_about_the_writer_are_still_alerts(text):
    result = screen_text(text)
    assert result.route == "alert", result


@pytest.mark.parametrize(
    "text",
    [
        "its our little secret he said, and he gives me money",
        "i got pulled into county lines and they say i owe them",
        "was in county lines all summer, they still message me",
        "i took 30 tablets last night",
        "I'm scared of my stepdad when he drinks",
        "i ran away last night and slept in the park",
    ],
)
def test_the_disclosures_beside_them_are_still_raised_by_the_patterns(text):
    result = screen_text(text)
    assert result.route == "alert", result


# Written for the fifth round in the words of the fourth blind set's ordinary comments
# (that set is now training text): games, a Romanian word inside "violation" and
# "violence", fear in the moment, and a figure of speech about an angry sister.
@pytest.mark.parametrize(
    "text",
    [
        "my nan beats me at uno every single time, its abuse 😂",
        "bunica m-a bătut la table de 5 ori azi, e o infractoare 😂",
        "grounded for a week which is basically a prison sentence, human rights violation tbh",
        "i genuinely thought i was going to die on that rollercoaster",
    ],
)
def test_games_and_figures_of_speech_raise_nothing_in_the_request(text):
    result = screen_text(text)
    assert result.route == "none", result


@pytest.mark.parametrize(
    "text",
    [
        "he will kill me if i tell anyone",
        "m-a violat prietenul mamei",
        "tata m-a bătut la școală în fața tuturor",
        "my stepdad beats me at home when mum is at work",
        "acasă e violență domestică în fiecare weekend",
        "i want to die, i thought about it all week",
    ],
)
def test_the_narrowed_patterns_still_raise_the_disclosures(text):
    result = screen_text(text)
    assert result.route == "alert", result


# Lessons, training and talks in every shipped language: a person reads them, nobody is
# alerted. The disclosure beside such words in another comment is still an alert above.
@pytest.mark.parametrize(
    "text",
    [
        "police officer came in and talked about online grooming and nudes",
        "Roedd yr hyfforddiant am hunan-niweidio yn ddefnyddiol iawn i ni fel gofalwyr maeth",
        "Szkolenie o samookaleczeniach było bardzo przydatne dla nas jako rodziny zastępczej",
        "la școală am învățat despre grooming online și să nu trimitem poze",
        "Тренінг про домашнє насильство був корисний, дякую",
        "کارگاه خشونت خانگی برای من به عنوان پدر خیلی مفید بود",
        "ورشة عن العنف الأسري كانت مفيدة كتير",
    ],
)
def test_a_lesson_in_any_shipped_language_is_not_an_alert(text):
    result = screen_text(text)
    assert result.route != "alert", result
    if result.concern:
        assert result.stance == "lesson", result


# Found by a reviewer of the first version of the fifth round: each of these was lowered
# to review, or let through, by it. A lesson, a talk or "a session" beside harm that is
# going on lowers nothing ("still", "again", "every night" say it is going on).
@pytest.mark.parametrize(
    "text",
    [
        "the session was helpful but i still cut myself every night",
        "my therapy session is helpful but i still want to kill myself",
        "The police came to our house and talked about my dad hurting me, he still hits me",
        "am vorbit despre asta cu diriginta dar tata tot mă bate",
        "dw i ddim eisiau siarad am y peth ond mae dad yn fy nharo i",
        "po lekcjach z matmy ojczym mnie bije",
        "після уроків з математики вітчим б'є мене",
        "i felt like i was better off dead",
        "my boyfriend will kill me if i leave him",
        "my stepdad will kill me if he finds out",
        "mă violează unchiul meu",
        "a încercat să mă violeze",
        "tata mă bate când pierde la jocuri de noroc",
        "my dad punches me after losing at darts",
    ],
)
def test_current_harm_beside_a_lesson_a_game_or_a_figure_of_speech_still_alerts(text):
    result = screen_text(text)
    assert result.route == "alert", result


@pytest.mark.parametrize(
    "text",
    [
        "اكلت 10 حبات تمر",
        "اشترينا 12 حبة بيض",
        "جمعت فلوس لاشتري دوا لأمي",
        "بستعمل موس لحلاقة رجلي",
        "30 قرص دارم برای یک ماه",
        "زه د خپل لاس سره کاغذ پرې کوم",
        "ما بخاف لما بياخدني للدكتور",
        "بخاری اتاقم کمی خراب بود ولی درستش کردند",
        "کسی مرا در بازی نبرد شکست داد",
    ],
)
def test_counting_shaving_and_fixed_heaters_are_not_read_as_harm(text):
    assert screen_text(text).route == "none"


# A harm named as the subject of a plan, an assessment, a referral or a piece of work is
# a professional's or a student's note, not a disclosure; the same harm happening to the
# writer, or going on now, is still raised.
@pytest.mark.parametrize(
    "text",
    [
        "Self-harm safety plan reviewed today; she contributed well and carers feel confident.",
        "The domestic abuse history was considered and the MARAC outcome shared.",
        "did a project on domestic abuse for health and social care, got a merit",
        "План безпеки щодо ризику самоушкодження переглянули разом з дівчиною",
    ],
)
def test_a_harm_named_in_a_plan_or_a_project_raises_nothing_in_the_request(text):
    result = screen_text(text)
    assert result.route == "none", result


@pytest.mark.parametrize(
    ("text", "route"),
    [
        ("my safety plan isn't working, i still self harm every night", "alert"),
        ("there is domestic abuse at home again since the risk assessment", "alert"),
        ("i used to self harm but i'm fine now, the safety plan helped", "review"),
    ],
)
def test_the_writers_own_harm_beside_a_plan_is_still_raised(text, route):
    result = screen_text(text)
    assert result.route == route, result


# Written for the tenth round from the kinds of the ninth blind set's pattern-raised false
# alerts (that set is now training text): a worker's record that a harm is absent, in the
# past or closed, and training for carers in Welsh and Ukrainian with words between
# "training" and "about".
@pytest.mark.parametrize(
    "text",
    [
        "No further incidents of self-harm reported by the school this term.",
        "Previous concerns about self-harm were closed in June after the CAMHS review.",
        "Historic suicidal ideation noted on file; currently settled and attending college.",
        "Dim digwyddiadau hunan-niweidio ers yr haf, mae hi'n mynd i'r ysgol bob dydd.",
        "Nu au fost incidente de autovătămare de la ultima vizită.",
        "Nie było incydentów samookaleczenia od marca.",
        "Попередні випадки самоушкодження закрито, хлопець відвідує гурток.",
        "Cwrs hyfforddiant hunan-niweidio i rieni maeth yn y ganolfan, diddorol iawn.",
        "Семінар для опікунів про самоушкодження підлітків був корисним.",
    ],
)
def test_a_record_that_a_harm_is_absent_or_closed_raises_nothing_in_the_request(text):
    result = screen_text(text)
    assert result.route == "none", result


@pytest.mark.parametrize(
    ("text", "route"),
    [
        ("no incidents of self harm at school but i cut myself at home", "alert"),
        ("dwi'n brifo fy hun bob nos", "alert"),
        ("dw i wedi bod yn hunan-niweidio ers mis Medi", "alert"),
        ("they wrote no further incidents of self-harm, but i still cut myself at night", "alert"),
        ("previous concerns were closed but my stepdad hits me again", "alert"),
    ],
)
def test_the_writers_own_harm_beside_such_a_record_is_still_raised(text, route):
    result = screen_text(text)
    assert result.route == route, result
