"""The quick exit works as a plain link, and clears the visit before leaving."""

from __future__ import annotations

from tests.auth.conftest import make_staff, sign_in
from tests.pages import get
from tests.respond.test_journey import answer, start

FROM_THIS_SITE = {"Sec-Fetch-Site": "same-origin"}


def draft_cleared(response, survey_id: str) -> bool:  # type: ignore[no-untyped-def]
    cookies = response.headers.getlist("Set-Cookie")
    return any(c.startswith(f"sayso_draft_{survey_id}=;") for c in cookies)


def test_every_respondent_page_has_an_exit_link(client, every_type):
    page = get(client, f"/s/{every_type}")
    assert page.link("Exit this page") == "/exit"
    assert "does not delete your browser history" in page.text()
    question = start(client, every_type)
    assert question.link("Exit this page") == "/exit"


def test_exit_forgets_the_draft_in_this_browser(app, client, every_type):
    page = start(client, every_type)
    answer(client, page, feeling="good")
    response = client.get("/exit", headers=FROM_THIS_SITE)
    assert response.status_code == 303
    assert response.headers["Location"] == app.config["SAYSO_EXIT_URL"]
    cleared = [
        c
        for c in response.headers.getlist("Set-Cookie")
        if c.startswith(f"sayso_draft_{every_type}=;")
    ]
    assert cleared and f"Path=/s/{every_type}" in cleared[0]
    again = get(client, f"/s/{every_type}")
    assert "Carry on where you left off" not in again.text()


def test_exit_keeps_a_staff_member_signed_in_in_the_same_browser(client, every_type):
    make_staff("chair@example.org")
    assert sign_in(client, "chair@example.org").h1() == "Staff home"
    answer(client, start(client, every_type), feeling="good")

    response = client.get("/exit", headers=FROM_THIS_SITE)
    assert draft_cleared(response, every_type)
    assert "cookies" not in response.headers["Clear-Site-Data"]
    assert get(client, "/staff").h1() == "Staff home"


def test_another_site_cannot_make_a_browser_forget_its_answers_or_sign_out(client, every_type):
    make_staff("chair@example.org")
    sign_in(client, "chair@example.org")
    answer(client, start(client, every_type), feeling="good")

    for headers in (
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
        {"Referer": "https://evil.example.com/page"},  # a browser without Sec-Fetch-*
        {},
    ):
        response = client.get("/exit", headers=headers)
        assert response.status_code == 303, headers
        assert response.headers.getlist("Set-Cookie") == [], headers
        assert "Clear-Site-Data" not in response.headers, headers

    assert get(client, "/staff").h1() == "Staff home"
    assert "Carry on where you left off" in get(client, f"/s/{every_type}").text()


def test_an_older_browser_exiting_from_a_sayso_page_forgets_the_draft(client, every_type):
    answer(client, start(client, every_type), feeling="good")
    response = client.get("/exit", headers={"Referer": f"http://localhost/s/{every_type}"})
    assert draft_cleared(response, every_type)
