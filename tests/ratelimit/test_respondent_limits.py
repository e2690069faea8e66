"""Links, resume codes, and starting, saving and sending answers: a flood from one place is
slowed down with a page that loses nothing, and a class sharing one address is not."""

from __future__ import annotations

import logging

from flask import Flask
from flask.testing import FlaskClient

from app.extensions import db
from app.invite.invitations import create_invitation
from app.responses.models import Draft, Response
from tests.conftest import DATA, publish
from tests.pages import Page, get
from tests.ratelimit.conftest import client_at

EVERY_TYPE = DATA / "surveys" / "every-type.yaml"
SCHOOL, HOME = "198.51.100.40", "192.0.2.50"


def invite(app: Flask, survey_id: str) -> str:
    new = create_invitation(db.session, survey_id=survey_id, key=app.config["SECRET_KEY"], days=28)
    db.session.commit()
    return new.token


def start(client: FlaskClient, survey_id: str) -> Page:
    return get(client, f"/s/{survey_id}").form().submit(client)


def saved_code(client: FlaskClient, survey_id: str) -> str:
    """Answer the first page and press "Save and come back later": the code is shown."""
    page = start(client, survey_id).form().submit(client, {"feeling": "good", "action": "save"})
    return page.select("p", id="resume-code")[0].text or ""


def resume(client: FlaskClient, survey_id: str, code: str) -> Page:
    return get(client, f"/s/{survey_id}/resume").form().submit(client, {"code": code})


def test_opening_links_is_limited_per_address_and_nothing_saved_is_lost(limited_app, caplog):
    app = limited_app(SAYSO_RATE_LIMIT_LINKS="2 per minute")
    survey_id = publish(EVERY_TYPE)
    tokens = [invite(app, survey_id) for _ in range(3)]
    caplog.set_level(logging.INFO)
    for token in tokens[:2]:
        assert get(client_at(app, SCHOOL), f"/r/{token}").h1() == "Every kind of question"

    refused = get(client_at(app, SCHOOL), f"/r/{tokens[2]}", status=429)
    assert refused.h1() == "Too many tries"
    assert "Wait a minute, then try again." in refused.text()
    assert "Nothing you have already saved has been lost." in refused.text()
    assert int(refused.response.headers["Retry-After"]) <= 60
    assert get(client_at(app, HOME), f"/r/{tokens[2]}").h1() == "Every kind of question"

    lines = [record.getMessage() for record in caplog.records]
    assert "rate limit hit: endpoint=links.open_link limit=2 per 1 minute" in lines
    assert not [line for line in lines if any(token in line for token in tokens)]


def test_wrong_resume_codes_are_limited_per_address_and_right_ones_are_not(limited_app):
    app = limited_app(SAYSO_RATE_LIMIT_RESUME="2 per minute")
    survey_id = publish(EVERY_TYPE)
    code = saved_code(client_at(app, HOME), survey_id)
    for _ in range(3):  # children carrying on with their own codes are never held up
        opened = resume(client_at(app, SCHOOL), survey_id, code)
        assert opened.h1() == "Your answers are open here"
        code = opened.select("p", id="resume-code")[0].text or ""  # each code works once
    for _ in range(2):
        wrong = resume(client_at(app, SCHOOL), survey_id, "CCCC-CCCC")
        assert wrong.error_summary()[0].startswith("We could not find that code")

    refused = resume(client_at(app, SCHOOL), survey_id, code)
    assert refused.status == 429
    assert refused.h1() == "Too many tries"
    assert not refused.select("input", name="code")  # the guess is not carried back
    assert resume(client_at(app, HOME), survey_id, code).h1() == "Your answers are open here"


def test_saving_answers_too_often_keeps_them_on_a_try_again_page(limited_app):
    app = limited_app(SAYSO_RATE_LIMIT_SUBMIT="2 per minute")
    survey_id = publish(EVERY_TYPE)
    child = client_at(app, SCHOOL)
    first = start(child, survey_id)
    for _ in range(2):
        assert first.form().submit(child, {"feeling": "good"}).h1() == "I felt listened to"

    refused = first.form().submit(child, {"feeling": "not_good"})
    assert refused.status == 429
    assert refused.h1() == "Your answers have not been saved yet"
    assert "Nothing you typed has been lost" in refused.text()
    assert "Wait a minute, then press ‘Try again’." in refused.text()
    kept = refused.form()
    assert kept.values("feeling") == ["not_good"] and kept.values("csrf_token")
    assert db.session.scalars(db.select(Draft)).one().answers["feeling"] == "good"

    app.extensions["sayso_rate_limiter"].reset()  # the minute has passed
    assert kept.submit(child).h1() == "I felt listened to"
    db.session.expire_all()
    assert db.session.scalars(db.select(Draft)).one().answers["feeling"] == "not_good"


def test_children_sharing_one_address_each_save_their_own_answers(limited_app):
    app = limited_app(SAYSO_RATE_LIMIT_SUBMIT="2 per minute")
    survey_id = publish(EVERY_TYPE)
    children = [client_at(app, SCHOOL) for _ in range(2)]
    first_pages = [start(child, survey_id) for child in children]
    for child, first in zip(children, first_pages, strict=True):
        for _ in range(2):
            assert first.form().submit(child, {"feeling": "good"}).h1() == "I felt listened to"
    assert first_pages[0].form().submit(children[0], {"feeling": "good"}).status == 429


def test_starting_from_one_address_is_limited_and_the_page_can_start_again(limited_app):
    app = limited_app(SAYSO_RATE_LIMIT_SUBMIT="2 per minute")
    survey_id = publish(EVERY_TYPE)
    for _ in range(2):
        assert start(client_at(app, SCHOOL), survey_id).h1() == "How did your meeting feel?"

    late = client_at(app, SCHOOL)
    refused = start(late, survey_id)
    assert refused.status == 429
    assert refused.h1() == "Too many tries"
    assert start(client_at(app, HOME), survey_id).h1() == "How did your meeting feel?"
    app.extensions["sayso_rate_limiter"].reset()
    assert refused.form().submit(late).h1() == "How did your meeting feel?"


def test_sending_too_often_keeps_the_answers_unsent_on_a_try_again_page(limited_app):
    app = limited_app(SAYSO_RATE_LIMIT_SUBMIT="2 per minute")
    survey_id = publish(EVERY_TYPE)
    child = client_at(app, SCHOOL)
    start(child, survey_id).form().submit(child, {"feeling": "good"})
    send = get(child, f"/s/{survey_id}/check").form()
    for _ in range(2):  # a double tap, or the back button and "Send" again
        assert send.submit(child).h1() == "Thank you"

    refused = send.submit(child)
    assert refused.status == 429
    assert refused.h1() == "Your answers have not been sent yet"
    assert refused.form().values("submission_key") == send.values("submission_key")
    assert len(db.session.scalars(db.select(Response)).all()) == 1


def test_limits_off_lets_every_attempt_through(limited_app):
    app = limited_app(SAYSO_RATE_LIMITS=False, SAYSO_RATE_LIMIT_SUBMIT="1 per minute")
    survey_id = publish(EVERY_TYPE)
    for _ in range(3):
        assert start(client_at(app, SCHOOL), survey_id).h1() == "How did your meeting feel?"
    assert "sayso_rate_limiter" not in app.extensions
