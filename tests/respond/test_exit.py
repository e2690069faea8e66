"""The quick exit works as a plain link, and clears the visit before leaving."""

from __future__ import annotations

from tests.pages import get
from tests.respond.test_journey import answer, start


def test_every_respondent_page_has_an_exit_link(client, every_type):
    page = get(client, f"/s/{every_type}")
    assert page.link("Exit this page") == "/exit"
    assert "does not delete your browser history" in page.text()
    question = start(client, every_type)
    assert question.link("Exit this page") == "/exit"


def test_exit_forgets_the_draft_in_this_browser(app, client, every_type):
    page = start(client, every_type)
    answer(client, page, feeling="good")
    response = client.get("/exit")
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
