"""An IRO sends links after a review in one form, sees them, and only ever their own."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from app.extensions import db
from app.invite.models import Invitation, Meeting
from tests.auth.conftest import make_staff, sign_in
from tests.conftest import SURVEYS, publish
from tests.pages import get


def publish_all() -> None:
    for path in sorted(Path(SURVEYS).glob("*.yaml")):
        publish(path)


def fill_meeting(client, people: list[dict[str, str]], **extra: str):
    page = get(client, "/staff/meetings/new")
    data = {
        "kind": "lac_review",
        "held_on": ["3", "11", "2026"],
        "child_age": "9",
        "case_reference": "CR-1234",
    } | extra
    for index, person in enumerate(people):
        for key, value in person.items():
            data[f"people-{index}-{key}"] = value
    return page.form().submit(client, data)


def test_iro_creates_links_for_everyone_at_a_review(app, client):
    publish_all()
    make_staff("iro@example.org", "iro")
    sign_in(client, "iro@example.org")
    page = fill_meeting(
        client,
        [
            {"role": "child", "language": "en", "email": "child@example.org"},
            {"role": "parent", "language": "en", "email": ""},
            {"role": "social_worker", "language": "en", "email": "sw@example.org"},
        ],
    )
    assert page.h1() == "Links for the meeting on 3 November 2026"
    assert "Links created for 3 people." in page.text()
    # Only the link to pass on by hand is shown (once); the others went by email.
    assert page.response.get_data(as_text=True).count('class="sayso-qr"') == 1
    links = [(el.text or "").strip() for el in page.select("textarea", class_="sayso-copy-source")]
    assert len(links) == 1 and "/r/" in links[0]
    assert "Please tell us what you thought of your meeting" in page.text()

    invitations = db.session.scalars(select(Invitation).order_by(Invitation.id)).all()
    assert [i.survey_id for i in invitations] == [
        "lac-review-child",
        "lac-review-parent-carer",
        "lac-review-professional",
    ]
    meeting = db.session.scalars(select(Meeting)).one()
    assert meeting.case_reference == "CR-1234" and meeting.child_age == 9
    # With no Redis the email task ran in-process; with no SMTP the mail went to a folder.
    assert invitations[0].sent_at is not None and invitations[1].sent_at is None
    assert len(list((Path(app.instance_path) / "mail").glob("*.eml"))) == 2


def test_meeting_form_explains_mistakes_and_keeps_answers(app, client):
    publish_all()
    make_staff("iro@example.org", "iro")
    sign_in(client, "iro@example.org")
    page = fill_meeting(
        client, [{"role": "", "language": "en", "email": "not-an-email"}], kind="", child_age="200"
    )
    assert "Select the kind of meeting" in page.error_summary()
    assert "Enter an age from 0 to 25" in page.error_summary()
    assert "Add at least one person to ask" in " ".join(page.error_summary())
    assert page.form().values("child_age") == ["200"]
    assert page.form().values("case_reference") == ["CR-1234"]


def test_another_iros_meeting_is_not_found(app, client):
    publish_all()
    make_staff("iro@example.org", "iro")
    make_staff("other@example.org", "iro")
    sign_in(client, "iro@example.org")
    page = fill_meeting(client, [{"role": "carer", "language": "en", "email": ""}])
    meeting_path = page.response.request.path
    other = app.test_client()
    sign_in(other, "other@example.org")
    assert other.get(meeting_path).status_code == 404
    assert "carer" not in get(other, "/staff/meetings").text().lower()


def test_revoked_link_stops_working(app, client):
    publish_all()
    make_staff("iro@example.org", "iro")
    sign_in(client, "iro@example.org")
    page = fill_meeting(client, [{"role": "carer", "language": "en", "email": ""}])
    link = (page.select("textarea", class_="sayso-copy-source")[0].text or "").strip()
    revoke = [f for f in page.select("form") if f.get("action", "").endswith("/revoke")]
    from tests.pages import Form

    Form(revoke[0], page.response.request.path).submit(client)
    respondent = app.test_client()
    from urllib.parse import urlparse

    assert respondent.get(urlparse(link).path).status_code == 410


def test_only_chairs_and_admins_send_meeting_links(app, client):
    make_staff("lead@example.org", "participation_lead")
    sign_in(client, "lead@example.org")
    assert client.get("/staff/meetings/new").status_code == 403


def test_campaign_file_is_checked_before_anything_is_sent(app, client):
    publish_all()
    make_staff("lead@example.org", "participation_lead")
    sign_in(client, "lead@example.org")
    page = get(client, "/staff/campaigns/new")
    from io import BytesIO

    bad = page.form().submit(
        client,
        {
            "survey": "care-leaver-accommodation",
            "people": (BytesIO(b"email\nnope\n"), "people.csv"),
        },
    )
    assert "Nothing has been sent" in bad.text()
    assert "Enter an email address in the correct format" in bad.text()
    assert db.session.scalars(select(Invitation)).all() == []
    good = page.form().submit(
        client,
        {
            "survey": "care-leaver-accommodation",
            "people": (
                BytesIO(b"email,language\na@example.org,en\nb@example.org,en\n"),
                "people.csv",
            ),
        },
    )
    assert "2 invitations are being sent." in good.text()
    assert len(db.session.scalars(select(Invitation)).all()) == 2
