"""The same answers sent twice at once (a double tap, a retry racing the first try): one
response, one alert, and both presses end on "Thank you"."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event, func, select

from app.draft_cookies import cookie_name
from app.extensions import db
from app.responses.models import Draft, Response
from app.safeguard.models import Alert
from tests.faults.conftest import Sayso, running_sayso
from tests.faults.respondent import answer_safety_survey, send
from tests.pages import Page


@pytest.fixture
def sayso(database_url: str) -> Iterator[Sayso]:
    with running_sayso(database_url) as app:
        yield app


def same_browser(app: Flask, client: FlaskClient, survey_id: str) -> FlaskClient:
    """A second client holding the first one's cookies, as a second tap in the same browser."""
    twin = app.test_client()
    for name, path in (("session", "/"), (cookie_name(survey_id), f"/s/{survey_id}")):
        cookie = client.get_cookie(name, path=path)
        assert cookie is not None, name
        twin.set_cookie(name, cookie.value, path=path)
    return twin


def count(model: type) -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(model)) or 0


def press_send_twice(
    clients: tuple[FlaskClient, FlaskClient], check_page: Page, names: tuple[str, str]
) -> list[str]:
    """Both presses in their own thread, released together; returns the headings they end on."""
    barrier = threading.Barrier(2)
    headings: list[str] = []
    errors: list[BaseException] = []

    def press(client: FlaskClient) -> None:
        try:
            barrier.wait(timeout=10)
            headings.append(send(client, check_page).h1())
        except BaseException as exc:
            errors.append(exc)

    threads = [
        threading.Thread(target=press, args=(client,), name=name)
        for client, name in zip(clients, names, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    return headings


def test_sending_the_same_answers_twice_at_once_makes_one_response(sayso: Sayso) -> None:
    respondents = 5
    for n in range(respondents):
        client = sayso.app.test_client()
        check_page = answer_safety_survey(client, sayso.survey_id, "no", f"Scared {n}")
        twin = same_browser(sayso.app, client, sayso.survey_id)
        headings = press_send_twice((client, twin), check_page, ("first", "second"))
        assert headings == ["Thank you", "Thank you"]

    assert count(Response) == respondents
    assert count(Alert) == respondents
    assert count(Draft) == 0


def test_second_press_that_finds_the_draft_already_sent_still_says_thank_you(
    sayso: Sayso,
) -> None:
    """The second press looks for the draft just after the first press sent it: it must be
    told its answers were sent, not that they could not be found."""
    client = sayso.app.test_client()
    check_page = answer_safety_survey(client, sayso.survey_id, "yes", "More help")
    twin = same_browser(sayso.app, client, sayso.survey_id)
    first_done = threading.Event()

    def second_press_waits_for_the_first(conn, cursor, statement, *args) -> None:  # type: ignore[no-untyped-def]
        if threading.current_thread().name == "second" and "FROM draft" in statement:
            first_done.wait(timeout=10)

    def first_press(client: FlaskClient) -> str:
        heading = send(client, check_page).h1()
        first_done.set()
        return heading

    event.listen(db.engine, "before_cursor_execute", second_press_waits_for_the_first)
    try:
        headings: list[str] = []
        second = threading.Thread(
            target=lambda: headings.append(send(twin, check_page).h1()), name="second"
        )
        second.start()
        headings.append(first_press(client))
        second.join(timeout=30)
    finally:
        event.remove(db.engine, "before_cursor_execute", second_press_waits_for_the_first)

    assert headings == ["Thank you", "Thank you"]
    assert count(Response) == 1
