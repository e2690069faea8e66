from sqlalchemy import func, select

from app.coding.analysis import codebook_analyser
from app.coding.coding import (
    code_answers,
    coded_answer_ids,
    recode_answers,
    set_human_codes,
    uncoded_answer_ids,
)
from app.coding.models import CommentCoding, CommentTheme
from app.coding.tasks import code_new_comments_task
from app.extensions import db
from tests.coding.factories import comment


def themes_of(answer_id: int) -> set[tuple[str, str]]:
    rows = db.session.execute(
        select(CommentTheme.theme_id, CommentTheme.source).where(
            CommentTheme.answer_id == answer_id
        )
    )
    return set(rows.all())


def test_new_long_text_answers_are_coded_once_with_names_redacted(app, every_type):
    answer = comment(every_type, "My social worker Sarah keeps changing and nobody listens")
    short = comment(every_type, "call me on 07700 900123", question_id="better")
    db.session.commit()
    assert uncoded_answer_ids(db.session) == [answer.id]  # contact details are not comments

    assert code_answers(db.session, [answer.id], codebook_analyser()) == 1
    assert code_answers(db.session, [answer.id], codebook_analyser()) == 0
    db.session.commit()

    coding = db.session.get(CommentCoding, answer.id)
    assert "Sarah" not in coding.redacted and "[name]" in coding.redacted
    assert {"social_worker_change", "listened_to"} <= {t for t, _ in themes_of(answer.id)}
    assert coding.sentiment < 0
    assert db.session.get(CommentCoding, short.id) is None
    assert uncoded_answer_ids(db.session) == []


def test_people_s_codes_win_and_survive_recoding(app, every_type):
    answer = comment(every_type, "I never see my brother and sister")
    db.session.commit()
    code_answers(db.session, [answer.id], codebook_analyser())
    set_human_codes(db.session, answer.id, ["contact_family", "loneliness"], staff_id=None)
    db.session.commit()

    recode_answers(
        db.session, coded_answer_ids(db.session, [every_type]), codebook_analyser(), "codebook"
    )
    db.session.commit()

    human = {t for t, source in themes_of(answer.id) if source == "human"}
    assert human == {"contact_family", "loneliness"}
    assert db.session.get(CommentCoding, answer.id).reviewed_at is not None


def test_coding_a_batch_twice_stores_each_answer_once(app, every_type):
    answers = [comment(every_type, f"school is good {n}") for n in range(5)]
    db.session.commit()
    ids = [a.id for a in answers]
    assert code_answers(db.session, ids[:3], codebook_analyser()) == 3
    assert code_answers(db.session, ids, codebook_analyser()) == 2
    db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(CommentCoding)) == 5


def test_the_task_codes_whatever_arrived_since_the_last_run(app, every_type):
    from app.tasks import enqueue

    answers = [comment(every_type, "I want to see my mum more") for _ in range(3)]
    db.session.commit()
    with app.test_request_context():
        assert enqueue(code_new_comments_task)  # in-process without Redis
    db.session.expire_all()
    coded = {a.id for a in answers if db.session.get(CommentCoding, a.id) is not None}
    assert coded == {a.id for a in answers}
    assert {"contact_family"} <= {t for t, _ in themes_of(answers[0].id)}
