"""Staff pages for actions: record, change, translate, publish; every change audited."""

from __future__ import annotations

from sqlalchemy import select

from app.actions.models import Action
from app.auth.models import AuditEvent
from app.extensions import db
from tests.actions.conftest import make_action
from tests.auth.conftest import make_staff, sign_in
from tests.conftest import SURVEYS, publish
from tests.pages import NS, Page, get

GOOD = {
    "survey_key": "lac-review",
    "theme": "listened_to",
    "period": "2026-Q3",
    "status": "in_progress",
    "happens_on": ["1", "10", "2026"],
    "heard": "You said you did not know who would be at your review.",
    "did": "We now send a letter a week before saying who will be there.",
}


def lead_client(app, role="participation_lead", team="Participation"):  # type: ignore[no-untyped-def]
    make_staff("lead@example.org", role, team=team)
    client = app.test_client()
    sign_in(client, "lead@example.org")
    return client


def chosen_options(page: Page) -> dict[str, str]:
    """What each drop-down on the page has selected (a browser sends these with the form)."""
    found = {}
    for select_node in page.select("select"):
        for option in select_node.iter(f"{NS}option"):
            if option.get("selected") is not None:
                found[select_node.get("name")] = option.get("value")
    return found


def events(action: str) -> list[AuditEvent]:
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def test_lead_records_an_action_and_sees_it_listed(app):
    for name in ("lac-review-child.yaml", "lac-review-professional.yaml"):
        publish(SURVEYS / name)
    client = lead_client(app)
    page = get(client, "/staff/actions")
    assert "No actions have been recorded yet." in page.text()
    form = get(client, "/staff/actions/new").form()
    shown = form.submit(client, GOOD)
    assert shown.status == 200
    assert "Action recorded. It is not public until you publish it." in shown.text()
    assert "Being listened to" in shown.h1()
    assert "You said you did not know" in shown.text()
    assert "&lt;" not in shown.response.text  # markup is markup, not shown as text
    assert shown.select("span", lang="ar", dir="rtl")  # each language named in itself
    action = db.session.scalars(select(Action)).one()
    assert (action.survey_key, action.period_label, action.status) == (
        "lac-review",
        "2026-Q3",
        "in_progress",
    )
    assert action.happens_on.isoformat() == "2026-10-01"
    assert action.published_at is None
    (event,) = events("action.created")
    assert event.object_id == str(action.id)
    assert event.details == {
        "survey": "lac-review",
        "theme": "listened_to",
        "status": "in_progress",
    }
    listed = get(client, "/staff/actions")
    assert "1 action" in listed.text() and "Not published" in listed.text()


def test_mistakes_are_explained_and_nothing_typed_is_lost(app):
    publish(SURVEYS / "care-leaver-accommodation.yaml")
    client = lead_client(app)
    form = get(client, "/staff/actions/new").form()
    page = form.submit(
        client,
        GOOD
        | {
            "survey_key": "care-leaver-accommodation",
            "period": "2026-Q5",
            "happens_on": ["31", "2", "2026"],
            "did": "   ",
        },
    )
    assert page.status == 200
    assert page.title.startswith("Error:")
    assert page.error_summary() == [
        "There is no quarter 5: quarters are Q1 to Q4, as in 2026-Q3.",
        "Enter a real date, like 27 3 2025",
        "Enter what we did",
    ]
    again = page.form()
    assert again.values("period") == ["2026-Q5"]
    assert again.values("heard") == [GOOD["heard"]]
    assert again.values("happens_on") == ["31", "2", "2026"]
    assert chosen_options(page) == {
        "survey_key": "care-leaver-accommodation",
        "theme": "listened_to",
    }
    assert db.session.scalars(select(Action)).all() == []


def test_changing_an_action_records_which_fields_changed(app):
    publish(SURVEYS / "care-leaver-accommodation.yaml")
    action = make_action(survey_key="care-leaver-accommodation", status="planned")
    client = lead_client(app)
    edit = get(client, f"/staff/actions/{action.id}/edit")
    form = edit.form()
    assert form.values("period") == ["2026-Q3"]
    assert form.values("happens_on") == ["1", "10", "2026"]
    assert chosen_options(edit) == {
        "survey_key": "care-leaver-accommodation",
        "theme": "listened_to",
    }
    page = form.submit(
        client, chosen_options(edit) | {"status": "done", "happens_on": ["", "", ""]}
    )
    assert "Action saved." in page.text()
    db.session.expire_all()
    changed = db.session.get(Action, action.id)
    assert changed.status == "done" and changed.happens_on is None
    (event,) = events("action.changed")
    assert event.details == {"status": True, "happens_on": True}


def test_translation_is_added_then_removed(app):
    action = make_action()
    client = lead_client(app)
    page = get(client, f"/staff/actions/{action.id}")
    add = page.link("Add the text in Cymraeg")
    form_page = get(client, add)
    assert form_page.select("textarea", lang="cy")
    missing = form_page.form().submit(client, {"heard": "Clywsom ni", "did": ""})
    assert missing.error_summary() == ["Enter what we did, in this language"]
    assert missing.form().values("heard") == ["Clywsom ni"]
    saved = missing.form().submit(client, {"did": "Gwnaethom ni"})
    assert "Text in Cymraeg saved." in saved.text()
    db.session.expire_all()
    assert db.session.get(Action, action.id).text_in("cy").did == "Gwnaethom ni"
    assert [e.details for e in events("action.translation_added")] == [{"language": "cy"}]

    change = get(client, saved.link("Change the text in Cymraeg"))
    removed = change.form(-1).submit(client)
    assert "Text in Cymraeg removed." in removed.text()
    db.session.expire_all()
    assert db.session.get(Action, action.id).text_in("cy") is None
    assert len(events("action.translation_removed")) == 1


def test_unknown_language_or_action_is_not_found(app):
    action = make_action()
    client = lead_client(app)
    get(client, f"/staff/actions/{action.id}/translations/en", status=404)
    get(client, f"/staff/actions/{action.id}/translations/xx", status=404)
    get(client, f"/staff/actions/{action.id + 1}", status=404)


def test_publish_and_unpublish_from_the_action_page(app):
    action = make_action()
    client = lead_client(app, role="admin")
    page = get(client, f"/staff/actions/{action.id}")
    published = page.form(-1).submit(client)
    assert "Published. It is now on the public" in published.text()
    db.session.expire_all()
    assert db.session.get(Action, action.id).published_at is not None
    unpublished = published.form(-1).submit(client)
    assert "Unpublished." in unpublished.text()
    db.session.expire_all()
    assert db.session.get(Action, action.id).published_at is None
    assert len(events("action.published")) == len(events("action.unpublished")) == 1


def test_list_filters_and_explains_a_bad_period(app):
    make_action(survey_key="lac-review", status="done", theme="safety")
    make_action(survey_key="lac-review", status="planned", theme="money")
    client = lead_client(app)
    page = get(client, "/staff/actions?status=planned")
    assert "Money" in page.text() and "Feeling safe" not in page.text()
    bad = get(client, "/staff/actions?period=last+summer")
    assert bad.error_summary() and "is not a period" in bad.error_summary()[0]
    assert bad.form(-1).values("period") == ["last summer"]


def test_actions_are_council_wide_for_leads_in_any_team(app):
    action = make_action()
    client = lead_client(app, team="Another team")
    assert "Being listened to" in get(client, f"/staff/actions/{action.id}").h1()


def test_other_roles_cannot_open_the_action_pages(app):
    make_staff("chair@example.org", "iro")
    client = app.test_client()
    sign_in(client, "chair@example.org")
    assert client.get("/staff/actions").status_code == 403
    assert client.get("/staff/actions/new").status_code == 403
