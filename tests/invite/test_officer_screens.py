"""The reviewing officer's screens: meetings told apart by case reference, a plain error
for an age typed in words, the whole link in a box that can be selected, UK times."""

from __future__ import annotations

from datetime import datetime

from flask import Flask, g
from flask_babel import refresh

from app.clock import uk_time
from tests.auth.conftest import make_staff, sign_in
from tests.invite.test_meeting_pages import fill_meeting, publish_all
from tests.pages import get

CHILD = [{"role": "child", "language": "en", "email": ""}]


def test_my_meetings_shows_each_case_reference(sqlite_app: Flask):
    publish_all()
    make_staff("iro@example.org", "iro")
    client = sqlite_app.test_client()
    sign_in(client, "iro@example.org")
    fill_meeting(client, CHILD, case_reference="CR-1111")
    fill_meeting(client, CHILD, case_reference="CR-2222")
    page = get(client, "/staff/meetings")
    headers = ["".join(th.itertext()).strip() for th in page.select("th")]
    assert "Case reference" in headers
    text = page.text()
    assert "CR-1111" in text and "CR-2222" in text


def test_age_in_words_gets_a_plain_message(sqlite_app: Flask):
    publish_all()
    make_staff("iro@example.org", "iro")
    client = sqlite_app.test_client()
    sign_in(client, "iro@example.org")
    page = fill_meeting(client, CHILD, child_age="fourteen")
    assert page.error_summary() == ["Enter the age in numbers, like 14"]
    assert "Not a valid integer value" not in page.text()
    assert page.form().values("child_age") == ["fourteen"]
    get(client, "/staff/meetings/new?lang=cy")
    page = fill_meeting(client, CHILD, child_age="pedwar ar ddeg")
    assert page.error_summary() == ["Rhowch yr oed mewn rhifau, fel 14"]


def test_link_is_shown_whole_in_a_read_only_box(sqlite_app: Flask):
    publish_all()
    make_staff("iro@example.org", "iro")
    client = sqlite_app.test_client()
    sign_in(client, "iro@example.org")
    page = fill_meeting(client, CHILD)
    [box] = page.select("textarea", class_="sayso-copy-source")
    assert box.get("readonly") is not None
    link = (box.text or "").strip()
    assert link.startswith("http") and "/r/" in link and " " not in link


def test_times_are_in_uk_time(sqlite_app: Flask):
    with sqlite_app.test_request_context("/"):
        g.pop("sayso_language", None)
        refresh()
        assert uk_time(datetime(2026, 7, 1, 12, 30)) == "1 July 2026, 13:30"  # summer
        assert uk_time(datetime(2026, 12, 1, 12, 30)) == "1 December 2026, 12:30"


def test_pathway_plan_review_for_a_19_year_old_sends_the_care_leaver_questionnaire(
    sqlite_app: Flask,
):
    from sqlalchemy import select

    from app.extensions import db
    from app.invite.models import Invitation

    publish_all()
    make_staff("iro@example.org", "iro")
    client = sqlite_app.test_client()
    sign_in(client, "iro@example.org")
    fill_meeting(client, CHILD, kind="pathway_plan_review", child_age="19")
    [invitation] = db.session.scalars(select(Invitation)).all()
    assert invitation.survey_id == "pathway-plan-review"
    start = get(sqlite_app.test_client(), "/s/pathway-plan-review?lang=uk")
    assert start.h1() == "Огляд твого плану переходу до самостійного життя"
