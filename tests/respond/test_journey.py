"""The respondent journey through the test client, on SQLite and PostgreSQL."""

from __future__ import annotations

from flask.testing import FlaskClient
from sqlalchemy import func, select

from app.extensions import db
from app.responses.models import Answer, Draft, Response
from tests.pages import Page, get, parse


def start(client: FlaskClient, survey_id: str) -> Page:
    page = get(client, f"/s/{survey_id}")
    return page.form().submit(client)


def answer(client: FlaskClient, page: Page, **data: object) -> Page:
    return page.form().submit(client, data)  # type: ignore[arg-type]


def test_start_page_says_who_reads_answers_and_where_to_get_help(client, every_type):
    page = get(client, f"/s/{every_type}")
    assert page.h1() == "Every kind of question"
    assert "Who will read your answers" in page.text()
    assert "Only the test suite reads these answers." in page.text()
    assert "0800 1111" in page.text() and "999" in page.text()


def test_unknown_survey_is_a_friendly_404(client, every_type):
    page = get(client, "/s/no-such-survey", status=404)
    assert page.h1() == "Page not found"


def test_completing_every_question_type_stores_one_response(client, every_type):
    page = start(client, every_type)
    assert page.h1() == "How did your meeting feel?"
    assert "Page 1 of 7" in page.text()
    page = answer(client, page, feeling="good")
    assert page.h1() == "I felt listened to"
    page = answer(client, page, listened="prefer_not_to_say")
    page = answer(client, page, knew="no")
    assert page.h1() == "Why didn't you know?"
    assert "Page 4 of 8" in page.text()
    page = answer(client, page, why_not="Nobody told me")
    assert page.h1() == "About the meeting"
    page = answer(client, page, how=["came", "advocate"], where="school")
    page = answer(client, page, score="7")
    page = answer(client, page, when=["27", "3", "2026"])
    page = answer(client, page, better="=SUM(A1)")
    assert page.h1() == "Check your answers"
    text = page.text()
    for words in (
        "Good",
        "Prefer not to say",
        "Nobody told me",
        "I came to the meeting",
        "Someone spoke for me",
        "At school",
        "7",
        "27 March 2026",
        "=SUM(A1)",
    ):
        assert words in text
    page = page.form().submit(client)
    assert page.h1() == "Thank you"
    assert "0800 1111" in page.text()

    response = db.session.scalars(select(Response)).one()
    stored = {(a.question_id, a.choice, a.number, a.text) for a in response.answers}
    assert ("how", "came", None, None) in stored and ("how", "advocate", None, None) in stored
    assert ("score", None, 7.0, None) in stored
    assert ("why_not", None, None, "Nobody told me") in stored
    assert response.survey_version_id is not None
    assert db.session.scalar(select(func.count()).select_from(Draft)) == 0


def test_hidden_question_is_skipped_and_its_stale_answer_dropped(client, every_type):
    page = start(client, every_type)
    page = answer(client, page, feeling="okay")
    page = answer(client, page)
    page = answer(client, page, knew="no")
    page = answer(client, page, why_not="I was not told")
    # Change the answer that showed the follow-up question.
    check = get(client, f"/s/{every_type}/check")
    change = get(client, check.link("Change Did you know about the meeting?"))
    page = answer(client, change, knew="yes")
    assert page.h1() == "Check your answers"
    assert "I was not told" not in page.text()
    page.form().submit(client)
    response = db.session.scalars(select(Response)).one()
    assert "why_not" not in {a.question_id for a in response.answers}


def test_skipping_optional_questions_is_allowed(client, every_type):
    page = start(client, every_type)
    page = answer(client, page)
    assert page.h1() == "I felt listened to"


def test_required_question_shows_error_next_to_field_and_in_summary(client, every_type):
    page = start(client, every_type)
    page = answer(client, page)
    page = answer(client, page)
    page = answer(client, page)
    assert page.status == 200
    assert page.h1() == "Did you know about the meeting?"
    assert page.error_summary() == ["Select an answer"]
    assert page.field_errors() == ["Select an answer"]
    assert page.title.startswith("Error:")


def walk_to(client: FlaskClient, survey_id: str, page_id: str) -> Page:
    start(client, survey_id)
    return get(client, f"/s/{survey_id}/q/{page_id}")


def test_number_out_of_range_keeps_what_was_typed(client, every_type):
    page = walk_to(client, every_type, "score")
    message = "Out of 10, how good was it?: Enter a whole number from 0 to 10"
    page = answer(client, page, score="11")
    assert page.error_summary() == [message]
    assert page.form().values("score") == ["11"]
    page = answer(client, page, score="seven")
    assert page.field_errors() == [message]
    assert page.form().values("score") == ["seven"]


def test_whole_number_scale_refuses_a_fraction(client, every_type):
    page = walk_to(client, every_type, "score")
    [box] = page.select("input", name="score")
    assert box.get("inputmode") == "numeric"
    page = answer(client, page, score="5.5")
    assert page.error_summary() == [
        "Out of 10, how good was it?: Enter a whole number from 0 to 10"
    ]
    assert page.form().values("score") == ["5.5"]
    page = answer(client, page, score="7")
    assert page.error_summary() == []


def test_impossible_date_is_explained_and_kept(client, every_type):
    page = walk_to(client, every_type, "when")
    page = answer(client, page, when=["31", "2", "2026"])
    assert page.error_summary() == ["Enter a real date, like 27 3 2025"]
    assert page.form().values("when") == ["31", "2", "2026"]
    page = answer(client, page, when=["12", "", "2026"])
    assert page.field_errors() == ["The date must include a month"]


def test_over_long_answer_is_explained_and_kept(client, every_type):
    page = walk_to(client, every_type, "knew")
    page = answer(client, page, knew="no")
    long_text = "x" * 51
    page = answer(client, page, why_not=long_text)
    assert page.error_summary() == ["Your answer must be 50 characters or fewer"]
    assert page.select("textarea")[0].text == long_text


def test_answers_survive_closing_the_page(client, every_type):
    page = start(client, every_type)
    answer(client, page, feeling="not_good")
    again = get(client, f"/s/{every_type}")
    resume_link = again.link("Carry on where you left off")
    page = get(client, resume_link)
    assert page.h1() == "I felt listened to"
    back = get(client, f"/s/{every_type}/q/feeling")
    assert back.form().values("feeling") == ["not_good"]


def test_resume_code_opens_the_draft_on_another_device(app, client, every_type):
    page = start(client, every_type)
    first_h1 = page.h1()
    page = page.form().submit(client, {"feeling": "good", "action": "save"})
    # One tap: the code comes with the saved page, with no second button to press.
    assert page.h1() == "Your answers are saved"
    assert not page.select("form")
    code = page.select("p", id="resume-code")[0].text
    assert len(code.replace("-", "")) == 8

    other_device = app.test_client()
    resume = get(other_device, f"/s/{every_type}/resume")
    wrong = resume.form().submit(other_device, {"code": "CCCC-CCCC"})
    assert wrong.error_summary()[0].startswith("We could not find that code")
    assert wrong.form().values("code") == ["CCCC-CCCC"]
    page = resume.form().submit(other_device, {"code": code.lower().replace("-", " ")})
    assert page.h1() == "Your answers are open here"
    page = get(other_device, page.link("Carry on answering"))
    # The page where save was pressed opens again, with its answer.
    assert page.h1() == first_h1
    assert page.form().values("feeling") == ["good"]


def saved_with_code(client: FlaskClient, survey_id: str) -> str:
    page = start(client, survey_id)
    page = page.form().submit(client, {"feeling": "good", "action": "save"})
    return page.select("p", id="resume-code")[0].text


def test_a_resume_code_works_once_and_the_new_device_gets_a_fresh_one(app, client, every_type):
    code = saved_with_code(client, every_type)
    second = app.test_client()
    opened = get(second, f"/s/{every_type}/resume").form().submit(second, {"code": code})
    fresh = opened.select("p", id="resume-code")[0].text
    assert fresh != code
    assert "The code you used has now stopped working" in opened.text()

    third = app.test_client()
    again = get(third, f"/s/{every_type}/resume").form().submit(third, {"code": code})
    assert again.error_summary()[0].startswith("We could not find that code")
    moved = get(third, f"/s/{every_type}/resume").form().submit(third, {"code": fresh})
    assert moved.h1() == "Your answers are open here"
    assert db.session.scalar(select(func.count()).select_from(Draft)) == 1


def test_the_device_that_had_the_draft_is_told_it_was_opened_elsewhere_in_its_language(
    app, client, every_type, monkeypatch
):
    from app.languages import KNOWN

    monkeypatch.setattr("app.languages.available_languages", lambda: [KNOWN["en"], KNOWN["cy"]])
    get(client, f"/s/{every_type}?lang=cy")
    code = saved_with_code(client, every_type)
    other = app.test_client()
    get(other, f"/s/{every_type}/resume").form().submit(other, {"code": code})

    response = client.get(f"/s/{every_type}/q/feeling")
    told = parse(response)
    assert response.status_code == 409
    assert told.h1() == "Cafodd dy atebion eu hagor yn rhywle arall"
    assert "Defnyddiodd rhywun dy god" in told.text()
    assert told.link("Mae gen i god") == f"/s/{every_type}/resume"
    # Told once: the next visit starts afresh instead of repeating it.
    assert get(client, f"/s/{every_type}").h1() != told.h1()


def test_sending_twice_creates_one_response(client, every_type):
    page = start(client, every_type)
    page = answer(client, page, feeling="good")
    check = get(client, f"/s/{every_type}/check")
    form = check.form()
    first = form.submit(client)
    assert first.h1() == "Thank you"
    second = form.submit(client)  # the back button, then "send" again
    assert second.h1() == "Thank you"
    assert db.session.scalar(select(func.count()).select_from(Response)) == 1
    assert db.session.scalar(select(func.count()).select_from(Answer)) == 1


def test_page_without_a_draft_sends_respondent_to_the_start(client, every_type):
    page = get(client, f"/s/{every_type}/q/feeling")
    assert page.h1() == "Every kind of question"
    assert "could not be found on this device" in page.text()


def test_form_without_csrf_token_is_refused(client, every_type):
    response = client.post(f"/s/{every_type}/start", data={})
    assert response.status_code == 400
    assert "Your page timed out" in response.get_data(as_text=True)


def test_language_comes_from_the_link_then_query_then_browser(app, client, every_type, monkeypatch):
    from app.languages import KNOWN

    monkeypatch.setattr(
        "app.languages.available_languages", lambda: [KNOWN["en"], KNOWN["cy"], KNOWN["ar"]]
    )
    page = get(client, f"/s/{every_type}")
    assert page.tree.get("lang") == "en"
    other = app.test_client()
    response = other.get(f"/s/{every_type}", headers={"Accept-Language": "ar,en;q=0.5"})
    root = parse(response).tree
    assert (root.get("lang"), root.get("dir")) == ("ar", "rtl")
    chosen = get(client, f"/s/{every_type}?lang=cy")
    assert chosen.tree.get("lang") == "cy"
    again = get(client, f"/s/{every_type}")  # remembered for the visit
    assert again.tree.get("lang") == "cy"
