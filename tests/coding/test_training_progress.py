"""Training a theme model reports how far it has got; the learning page shows it."""

from __future__ import annotations

import uuid

from app.coding.coding import set_human_codes
from app.coding.learning import train_theme_model
from app.coding.progress import report_training, training_progress
from app.extensions import db
from tests.auth.conftest import make_staff, sign_in
from tests.coding.factories import FOOTBALL, WIFI, comments
from tests.conftest import DATA, publish
from tests.databases import redis_url
from tests.pages import get

MODEL = "/reports/every-type/themes/model?period=2026-Q3"


def test_training_reports_each_step_to_the_end(sqlite_app):
    survey = publish(DATA / "surveys" / "every-type.yaml")
    for texts, theme in ((WIFI, "accommodation"), (FOOTBALL, "health_wellbeing")):
        for answer in comments(survey, texts):
            set_human_codes(db.session, answer.id, [theme], None)
    db.session.commit()
    seen: list[tuple[str, int, int]] = []
    model = train_theme_model(db.session, None, lambda *report: seen.append(report))
    assert model is not None
    reading = [r for r in seen if r[0] == "reading"]
    fitting = [r for r in seen if r[0] == "fitting"]
    assert reading and reading[-1][1] == reading[-1][2] == model.examples
    assert [done for _, done, _ in fitting] == list(range(1, fitting[-1][2] + 1))


def test_the_learning_page_shows_a_training_under_way(sqlite_app):
    publish(DATA / "surveys" / "every-type.yaml")
    sqlite_app.config["SAYSO_REDIS_URL"] = redis_url()
    sqlite_app.config["SAYSO_QUEUE_PREFIX"] = f"progress-{uuid.uuid4().hex[:8]}"
    make_staff("lead@example.org", "participation_lead", team=None)
    client = sqlite_app.test_client()
    sign_in(client, "lead@example.org")
    assert training_progress() is None
    assert "Training is under way" not in get(client, MODEL).text()

    report_training("reading", 128, 512)
    page = get(client, MODEL).text()
    assert "Training is under way: 25% done." in page and "Reading the reviewed" in page
    report_training("fitting", 2, 6)
    page = get(client, MODEL).text()
    assert "Training is under way: 33% done." in page and "Learning from them" in page
    report_training("finished", 1, 1)
    assert "Training is under way" not in get(client, MODEL).text()
    assert training_progress()["percent"] == 100


def test_without_redis_there_is_no_progress_to_show(sqlite_app):
    report_training("fitting", 1, 2)
    assert training_progress() is None
