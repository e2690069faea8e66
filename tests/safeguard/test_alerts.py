"""A concern found at submission becomes an alert at once, whatever Redis is doing."""

from __future__ import annotations

from sqlalchemy import func, select

from app.extensions import db
from app.responses.models import Response
from app.safeguard.models import Alert
from tests.pages import Page, get


def answer_safety(
    client,
    survey_id: str,
    feel_safe: str,
    text: str | None,
    contact: str | None = None,
    how: str | None = None,
) -> Page:
    page = get(client, f"/s/{survey_id}").form().submit(client)
    page = page.form().submit(client, {"feel_safe": feel_safe})
    page = page.form().submit(client, {"what_would_help": text or ""})
    page = page.form().submit(client, {"contact_me": contact} if contact else {})
    if how is not None:
        page = page.form().submit(client, {"contact_how": how})
    return page.form().submit(client)


def test_disclosure_in_free_text_raises_an_alert_and_helps_the_respondent(client, safety):
    done = answer_safety(client, safety, "yes", "my step dad hits me when hes drunk")
    assert done.h1() == "Thank you"
    assert "We want to make sure you are safe" in done.text()
    # The test questionnaire is for care leavers: adult services, not Childline (under-19s).
    assert "116 123" in done.text() and "999" in done.text()
    assert "0800 1111" not in done.text()
    alert = db.session.scalars(select(Alert)).one()
    response = db.session.scalars(select(Response)).one()
    assert alert.response_id == response.id
    assert alert.severity == "high"
    assert alert.questions == ["what_would_help"]
    assert alert.anonymous is True


def test_no_to_feeling_safe_raises_an_alert(client, safety):
    done = answer_safety(client, safety, "no", None, contact="yes", how="07700 900123")
    assert "We want to make sure you are safe" in done.text()
    alert = db.session.scalars(select(Alert)).one()
    assert alert.reasons == ["risk_answer"] and alert.questions == ["feel_safe"]


def test_ordinary_answers_raise_nothing(client, safety):
    done = answer_safety(client, safety, "yes", "I feel safe now, my flat is nice")
    assert "We want to make sure you are safe" not in done.text()
    assert db.session.scalar(select(func.count()).select_from(Alert)) == 0


def test_alert_is_created_even_when_redis_is_down(app, safety):
    app.config["SAYSO_REDIS_URL"] = "redis://127.0.0.1:1/0"
    from app.task_registry import beat_entries
    from app.tasks import celery_init_app

    celery_init_app(app, beat_entries())
    client = app.test_client()
    done = answer_safety(client, safety, "yes", "i dont want to be alive any more")
    assert done.h1() == "Thank you"
    assert db.session.scalar(select(func.count()).select_from(Alert)) == 1
    assert db.session.scalars(select(Alert)).one().notified_at is None


def test_the_safety_page_is_shown_once_and_never_names_the_carer(client, safety):
    done = answer_safety(client, safety, "yes", "my carer hits me")
    text = done.text()
    assert "We want to make sure you are safe" in text
    assert "someone you trust" in text and "116 123" in text
    assert "your carer" not in text.lower()

    # Reloading, going back to it from history, or the next person on the same phone.
    again = get(client, f"/s/{safety}/done")
    assert again.h1() == "Thank you"
    assert "We want to make sure you are safe" not in again.text()
    assert not again.select("h2", id="concern")
    assert "your carer" not in again.text().lower()
