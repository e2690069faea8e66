"""Learning from people's codes: enough reviews, a model stored as JSON with its measured
quality, and coding with it only once a person chooses to (their own codes always win)."""

import gzip
import json

from sqlalchemy import func, select

from app.coding.coding import set_human_codes
from app.coding.learning import (
    MIN_REVIEWED,
    reviewed_examples,
    theme_quality,
    train_theme_model,
    verdict,
)
from app.coding.model_choice import model_in_use, stop_using_models, use_model
from app.coding.models import CommentCoding, CommentTheme, ThemeModel
from app.coding.runs import code_new_comments, recode_unreviewed
from app.extensions import db
from tests.coding.factories import FOOTBALL, WIFI, comment, comments


def themes_of(answer_id: int) -> dict[str, str]:
    rows = db.session.execute(
        select(CommentTheme.theme_id, CommentTheme.source).where(
            CommentTheme.answer_id == answer_id
        )
    )
    return dict(rows.all())


def reviewed_world(survey_id: str) -> None:
    """People decided the wifi comments are about where children live, and football
    about their wellbeing: the codebook knew neither."""
    for text in WIFI:
        set_human_codes(db.session, comments(survey_id, [text])[0].id, ["accommodation"], None)
    for text in FOOTBALL:
        set_human_codes(db.session, comments(survey_id, [text])[0].id, ["health_wellbeing"], None)
    db.session.commit()


def test_too_few_reviews_train_nothing_and_say_how_many_more_are_needed(app, every_type):
    for text in WIFI[:5]:
        set_human_codes(db.session, comments(every_type, [text])[0].id, ["accommodation"], None)
    db.session.commit()
    examples = reviewed_examples(db.session)
    assert (examples.reviewed, examples.missing, examples.ready) == (5, MIN_REVIEWED - 5, False)
    assert train_theme_model(db.session, None) is None
    assert db.session.scalar(select(func.count()).select_from(ThemeModel)) == 0


def test_a_model_learned_from_people_s_codes_stores_its_quality_and_json_weights(app, every_type):
    reviewed_world(every_type)
    named = comments(every_type, ["my worker Sarah said the wifi signal will be fixed"])[0]
    set_human_codes(db.session, named.id, ["accommodation"], None)
    db.session.commit()

    model = train_theme_model(db.session, None)
    db.session.commit()

    assert model.examples == 25 and model.metrics["reviewed"] == 25
    measured = model.metrics["themes"]
    assert set(measured) == {"accommodation", "health_wellbeing"}
    assert measured["accommodation"]["support"] == 13
    assert 0.8 <= measured["accommodation"]["precision"] <= 1.0
    stored = json.loads(gzip.decompress(model.blob))  # gzipped JSON, never a pickle
    assert stored["format"] == "sayso-theme-model/2"
    names = stored["features"]
    weights = " ".join(names[i] for i, _ in stored["themes"]["accommodation"]["weights"])
    assert "wifi" in weights and "sarah" not in weights.casefold()  # learned from redacted text


def test_training_again_without_new_reviews_keeps_the_same_model(app, every_type):
    reviewed_world(every_type)
    first = train_theme_model(db.session, None)
    db.session.commit()
    assert train_theme_model(db.session, None).id == first.id
    set_human_codes(
        db.session, comments(every_type, ["the wifi signal is bad"])[0].id, ["accommodation"], None
    )
    db.session.commit()
    assert train_theme_model(db.session, None).id != first.id
    assert db.session.scalar(select(func.count()).select_from(ThemeModel)) == 2


def test_a_model_codes_nothing_until_a_person_chooses_it(app, every_type):
    reviewed_world(every_type)
    train_theme_model(db.session, None)
    db.session.commit()
    waiting = comments(every_type, ["the wifi signal is awful tonight"])[0]
    assert themes_of(waiting.id) == {"other": "codebook"}
    assert model_in_use(db.session) is None
    assert recode_unreviewed(db.session) == (0, False)
    assert themes_of(waiting.id) == {"other": "codebook"}


def test_a_chosen_model_codes_every_unreviewed_comment_and_people_s_codes_win(app, every_type):
    reviewed_world(every_type)
    model = train_theme_model(db.session, None)
    waiting = comments(every_type, ["the wifi signal is awful tonight", "football club was fun"])
    corrected = comments(every_type, ["wifi signal is slow in my room"])[0]
    set_human_codes(db.session, corrected.id, ["money"], None)
    use_model(db.session, model, None)
    db.session.commit()

    coded, more = recode_unreviewed(db.session)
    assert (coded, more) == (2, False)
    assert themes_of(waiting[0].id) == {"accommodation": "model"}
    assert themes_of(waiting[1].id) == {"health_wellbeing": "model"}
    assert {t for t, source in themes_of(corrected.id).items() if source != "codebook"} == {"money"}
    assert recode_unreviewed(db.session) == (0, False)  # nothing left: safe to run twice


def test_new_comments_use_the_model_and_the_codebook_gives_themes_it_never_learned(app, every_type):
    reviewed_world(every_type)
    use_model(db.session, train_theme_model(db.session, None), None)
    db.session.commit()
    new = comment(every_type, "I feel safe here but the wifi signal is awful")
    db.session.commit()
    code_new_comments(db.session)
    assert themes_of(new.id) == {"accommodation": "model", "safety": "model"}
    assert db.session.get(CommentCoding, new.id).reviewed_at is None


def test_stopping_the_model_codes_unreviewed_comments_with_the_codebook_again(app, every_type):
    reviewed_world(every_type)
    waiting = comments(every_type, ["the wifi signal is awful tonight"])[0]
    use_model(db.session, train_theme_model(db.session, None), None)
    db.session.commit()
    recode_unreviewed(db.session)
    assert themes_of(waiting.id) == {"accommodation": "model"}

    stop_using_models(db.session)
    db.session.commit()
    assert recode_unreviewed(db.session) == (1, False)
    assert themes_of(waiting.id) == {"other": "codebook"}


def test_quality_is_put_into_how_far_to_trust_each_theme(app, every_type):
    assert verdict(0.9, 0.85, 20) == "good"
    assert verdict(0.9, 0.65, 20) == "fair"
    assert verdict(0.4, 0.95, 20) == "poor"
    assert verdict(1.0, 1.0, 3) == "few"
    reviewed_world(every_type)
    model = train_theme_model(db.session, None)
    rows = theme_quality(model, {"health_wellbeing": "Health", "accommodation": "Home"})
    assert [(r.label, r.examples) for r in rows] == [("Health", 12), ("Home", 12)]
