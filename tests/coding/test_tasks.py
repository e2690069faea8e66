"""The coding tasks, run in-process as in the embedded default: safe to run twice, and
each does a bounded amount of work."""

from celery import Task
from sqlalchemy import func, select

from app.coding.coding import set_human_codes
from app.coding.learning import train_theme_model
from app.coding.model_choice import use_model
from app.coding.models import CommentTheme, ThemeCandidate, ThemeModel
from app.coding.runs import recode_unreviewed
from app.coding.tasks import (
    code_new_comments_task,
    code_with_model_task,
    find_emerging_themes_task,
    train_theme_model_task,
)
from app.extensions import db
from app.tasks import enqueue
from tests.coding.factories import FOOTBALL, WIFI, comments


def count(model) -> int:  # type: ignore[no-untyped-def]
    return db.session.scalar(select(func.count()).select_from(model))


def sources(answer_ids: list[int]) -> set[str]:
    return set(
        db.session.scalars(
            select(CommentTheme.source).where(CommentTheme.answer_id.in_(answer_ids))
        )
    )


def reviewed(survey_id: str) -> None:
    for texts, theme in ((WIFI, "accommodation"), (FOOTBALL, "health_wellbeing")):
        for answer in comments(survey_id, texts):
            set_human_codes(db.session, answer.id, [theme], None)
    db.session.commit()


def run(app, task: Task, *args) -> None:  # type: ignore[no-untyped-def]
    with app.test_request_context():
        assert enqueue(task, *args)
    db.session.expire_all()


def test_training_twice_stores_one_model(app, every_type):
    reviewed(every_type)
    run(app, train_theme_model_task, None)
    run(app, train_theme_model_task, None)
    assert count(ThemeModel) == 1


def test_finding_emerging_themes_twice_keeps_one_set_of_candidates(app, every_type):
    comments(every_type, WIFI + FOOTBALL)
    db.session.commit()
    args = (every_type, "2026-Q3", {}, 10)
    run(app, find_emerging_themes_task, *args)
    first = count(ThemeCandidate)
    run(app, find_emerging_themes_task, *args)
    assert first == count(ThemeCandidate) == 2
    run(app, find_emerging_themes_task, "withdrawn-survey", "2026-Q3", {}, 10)
    assert count(ThemeCandidate) == 2


def test_coding_with_a_model_nobody_chose_any_more_does_nothing(app, every_type):
    reviewed(every_type)
    old = train_theme_model(db.session, None)
    waiting = [a.id for a in comments(every_type, ["the wifi signal is awful tonight"])]
    db.session.commit()
    run(app, code_with_model_task, old.id)  # never chosen
    assert sources(waiting) == {"codebook"}

    use_model(db.session, old, None)
    db.session.commit()
    run(app, code_with_model_task, old.id)
    assert sources(waiting) == {"model"}


def test_recoding_is_bounded_and_the_next_run_carries_on(app, every_type):
    reviewed(every_type)
    waiting = [a.id for a in comments(every_type, ["wifi signal is bad"] * 3)]
    use_model(db.session, train_theme_model(db.session, None), None)
    db.session.commit()
    assert recode_unreviewed(db.session, max_batches=1, batch=2) == (2, True)
    assert recode_unreviewed(db.session, max_batches=1, batch=2) == (1, False)
    assert sources(waiting) == {"model"}


def test_the_beat_carries_on_recoding_that_a_lost_message_left(app, every_type):
    reviewed(every_type)
    waiting = [a.id for a in comments(every_type, ["wifi signal is bad"] * 2)]
    use_model(db.session, train_theme_model(db.session, None), None)
    db.session.commit()  # chosen, but the code-with-model message never arrived
    run(app, code_new_comments_task)
    assert sources(waiting) == {"model"}
