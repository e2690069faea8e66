"""PostgreSQL restarts while people answer: they see a "try again" page that keeps their
answers (never a traceback), trying again works, and no half-written response exists."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
from flask.testing import FlaskClient
from flask_babel import force_locale, gettext
from sqlalchemy import Engine, create_engine, text

from app.languages import available_languages
from tests.faults.conftest import Sayso, running_sayso
from tests.faults.proxy import CuttableProxy
from tests.faults.respondent import answer_safety_survey, send
from tests.pages import Page, get

ANSWERS_PER_RESPONSE = 3  # feel_safe, what_would_help, contact_me


@pytest.fixture
def sayso(database_url: str, database_proxy: CuttableProxy) -> Iterator[Sayso]:
    """The app reaching PostgreSQL only through the proxy the test can cut."""
    with running_sayso(database_url, app_database_url=database_proxy.url_for(database_url)) as app:
        yield app


@pytest.fixture
def database(database_url: str) -> Iterator[Engine]:
    """A direct connection for the test's own checks, never through the proxy."""
    engine = create_engine(database_url)
    yield engine
    engine.dispose()


def rows(database: Engine, table: str) -> int:
    with database.connect() as connection:
        return int(connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())  # noqa: S608


def assert_try_again_page(page: Page, heading: str, language: str = "en") -> None:
    """What the respondent sees: a calm page in their language with a reference to quote."""
    with force_locale(language):
        heading = gettext(heading)
        reassurance = gettext(
            "Something went wrong on our side. Nothing you typed has been lost: "
            "it is kept on this page."
        )
    assert page.status == 503
    assert page.response.headers["Retry-After"]
    assert page.tree.get("lang") == language
    assert page.h1() == heading
    assert reassurance in page.text()
    assert "Traceback" not in page.response.get_data(as_text=True)
    reference = page.select("strong", class_="sayso-code")
    assert reference and len("".join(reference[0].itertext())) == 12
    assert page.form().values("csrf_token")


def test_database_down_while_saving_a_page_keeps_the_answer_for_a_retry(
    sayso: Sayso, database_proxy: CuttableProxy, database: Engine
) -> None:
    # A respondent reading in another language (any whose catalogs are complete).
    with sayso.app.test_request_context():
        others = [language.code for language in available_languages() if language.code != "en"]
    language = others[0] if others else "en"
    client = sayso.app.test_client()
    page = get(client, f"/s/{sayso.survey_id}?lang={language}").form().submit(client)
    page = page.form().submit(client, {"feel_safe": "yes"})
    comment = "Mwy o amser gyda fy ngweithiwr cymdeithasol"

    database_proxy.cut()
    failed = page.form().submit(client, {"what_would_help": comment})
    assert_try_again_page(failed, "Your answers have not been saved yet", language=language)
    assert failed.form().values("what_would_help") == [comment]

    database_proxy.restore()
    page = failed.form().submit(client)
    assert page.status == 200
    assert page.select("input", name="contact_me")
    with database.connect() as connection:
        answers = connection.execute(text("SELECT answers FROM draft")).scalar_one()
    assert answers["what_would_help"] == comment


def test_database_down_while_opening_a_question_page_then_back(
    sayso: Sayso, database_proxy: CuttableProxy
) -> None:
    # A question page reads outside a transaction, its first query before the view runs.
    client = sayso.app.test_client()
    first = get(client, f"/s/{sayso.survey_id}?lang=cy").form().submit(client)
    path = first.response.request.path
    first.form().submit(client, {"feel_safe": "yes"})

    database_proxy.cut()
    failed = get(client, path, status=503)
    assert failed.tree.get("lang") == "cy"
    assert "Traceback" not in failed.response.get_data(as_text=True)
    with force_locale("cy"):
        assert failed.h1() == gettext("Sorry, something went wrong")

    database_proxy.restore()
    again = get(client, path)
    assert again.form().values("feel_safe") == ["yes"]


@pytest.mark.parametrize("fault", ["commit never arrives", "commit reply is lost"])
def test_database_failing_at_commit_leaves_no_half_response_and_a_retry_sends_once(
    sayso: Sayso, database_proxy: CuttableProxy, database: Engine, fault: str
) -> None:
    client = sayso.app.test_client()
    check_page = answer_safety_survey(client, sayso.survey_id, "no", "I do not feel safe")

    if fault == "commit never arrives":
        database_proxy.drop_next_commit()
    else:
        database_proxy.lose_next_commit_reply()
    failed = send(client, check_page)
    assert database_proxy.commits_broken == 1
    assert_try_again_page(failed, "Your answers have not been sent yet")

    # All or nothing: either the whole response is there, or none of it and the draft.
    if fault == "commit never arrives":
        assert (rows(database, "response"), rows(database, "answer")) == (0, 0)
        assert (rows(database, "draft"), rows(database, "alert")) == (1, 0)
    else:
        assert rows(database, "response") == 1
        assert rows(database, "answer") == ANSWERS_PER_RESPONSE
        assert (rows(database, "draft"), rows(database, "alert")) == (0, 1)

    done = failed.form().submit(client)
    assert done.h1() == "Thank you"
    assert rows(database, "response") == 1
    assert rows(database, "answer") == ANSWERS_PER_RESPONSE
    assert (rows(database, "draft"), rows(database, "alert")) == (0, 1)


def send_until_sent(client: FlaskClient, check_page: Page, outcomes: list[str]) -> None:
    """Press "Send", and "Try again" on the page that may follow, as a respondent would."""
    page = send(client, check_page)
    deadline = time.monotonic() + 30
    while page.h1() != "Thank you" and time.monotonic() < deadline:
        assert page.status == 503, (page.status, page.h1())
        outcomes.append("try again")
        time.sleep(0.3)
        page = page.form().submit(client)
    assert page.h1() == "Thank you"
    outcomes.append("sent")


def test_database_restart_during_submissions_loses_and_doubles_nothing(
    sayso: Sayso, database_proxy: CuttableProxy, database: Engine
) -> None:
    respondents = 6
    clients = [sayso.app.test_client() for _ in range(respondents)]
    check_pages = [
        answer_safety_survey(client, sayso.survey_id, "yes", f"Comment number {n}")
        for n, client in enumerate(clients)
    ]
    outcomes: list[str] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(respondents + 1)

    def respondent(client: FlaskClient, check_page: Page) -> None:
        try:
            barrier.wait(timeout=10)
            send_until_sent(client, check_page, outcomes)
        except BaseException as exc:
            errors.append(exc)

    threads = [
        threading.Thread(target=respondent, args=pair)
        for pair in zip(clients, check_pages, strict=True)
    ]
    for thread in threads:
        thread.start()
    database_proxy.cut()  # the restart begins as they all press "Send"
    barrier.wait(timeout=10)
    time.sleep(1.5)
    database_proxy.restore()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert outcomes.count("sent") == respondents
    assert outcomes.count("try again") >= respondents
    assert rows(database, "response") == respondents
    assert rows(database, "answer") == respondents * ANSWERS_PER_RESPONSE
    assert rows(database, "draft") == 0
