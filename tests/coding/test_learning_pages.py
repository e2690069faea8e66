"""The model page (how far to trust automatic coding) and the emerging themes page, as a
participation lead uses them with tasks running in-process (the embedded default)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.auth.models import AuditEvent
from app.coding.coding import set_human_codes
from app.coding.model_choice import model_in_use
from app.coding.models import CommentTheme, LocalTheme, ThemeCandidate
from app.extensions import db
from tests.auth.conftest import make_staff, sign_in
from tests.coding.factories import FOOTBALL, WIFI, comment, comments
from tests.conftest import DATA, publish
from tests.pages import Page, get

MODEL = "/reports/every-type/themes/model?period=2026-Q3"
EMERGING = "/reports/every-type/2026-Q3/themes/emerging"


@pytest.fixture
def survey(sqlite_app) -> str:  # type: ignore[no-untyped-def]
    """These pages' queries are the ones tested on both databases elsewhere: SQLite will do."""
    return publish(DATA / "surveys" / "every-type.yaml")


def lead(app):  # type: ignore[no-untyped-def]
    make_staff("lead@example.org", "participation_lead", team=None)
    client = app.test_client()
    sign_in(client, "lead@example.org")
    return client


def button_form(page: Page, name: str, value: str, candidate: int | None = None):  # type: ignore[no-untyped-def]
    """The form that sends ``name=value`` (a hidden field or a named button)."""
    for index, node in enumerate(page.select("form")):
        controls = {(el.get("name"), el.get("value")) for el in node.iter() if el.get("name")}
        if (name, value) in controls and (
            candidate is None or ("candidate", str(candidate)) in controls
        ):
            return page.form(index)
    raise AssertionError(f"no form sending {name}={value}")


def themes_of(answer_id: int) -> dict[str, str]:
    rows = db.session.execute(
        select(CommentTheme.theme_id, CommentTheme.source).where(
            CommentTheme.answer_id == answer_id
        )
    )
    return dict(rows.all())


def test_the_model_page_says_how_many_reviews_there_are_and_how_many_it_needs(sqlite_app, survey):
    for text in WIFI[:4]:
        set_human_codes(db.session, comments(survey, [text])[0].id, ["accommodation"], None)
    db.session.commit()
    page = get(lead(sqlite_app), MODEL)
    text = page.text()
    assert "People have reviewed 4 comments." in text
    assert "Learning needs at least 20" in text and "Review 16 more comments" in text
    assert not page.select("input", name="action", value="train")
    assert page.link("Back to the report") == "/reports/every-type/2026-Q3"


def test_a_lead_trains_a_model_reads_its_quality_and_codes_the_rest_with_it(sqlite_app, survey):
    for text in WIFI:
        set_human_codes(db.session, comments(survey, [text])[0].id, ["accommodation"], None)
    for text in FOOTBALL:
        set_human_codes(db.session, comments(survey, [text])[0].id, ["health_wellbeing"], None)
    waiting = comments(survey, ["the wifi signal is awful tonight"])[0]
    db.session.commit()
    client = lead(sqlite_app)

    trained = button_form(get(client, MODEL), "action", "train").submit(client)
    text = trained.text()
    assert "The model has been trained." in text
    rows = {
        " ".join("".join(row[0].itertext()).split()): [
            " ".join("".join(cell.itertext()).split()) for cell in row[1:]
        ]
        for row in trained.select("tr")[1:]
    }
    assert set(rows) == {"Accommodation", "Health and wellbeing"}
    assert rows["Accommodation"][0] == "12"
    assert rows["Accommodation"][1].endswith("%") and rows["Accommodation"][3]
    assert "It does not code comments yet" in text

    used = button_form(trained, "action", "use").submit(client)
    assert "It codes comments now." in used.text()
    assert model_in_use(db.session) is not None
    db.session.expire_all()
    assert themes_of(waiting.id) == {"accommodation": "model"}

    stopped = button_form(used, "action", "stop").submit(client)
    assert "coded with the codebook again" in stopped.text()
    db.session.expire_all()
    assert themes_of(waiting.id) == {"other": "codebook"}
    actions = set(db.session.scalars(select(AuditEvent.action)))
    assert {"theme_model_used", "theme_model_stopped"} <= actions


def test_a_lead_finds_emerging_themes_and_accepts_one_with_a_new_name(sqlite_app, survey):
    comments(survey, WIFI + FOOTBALL)
    db.session.commit()
    client = lead(sqlite_app)
    page = get(client, EMERGING)
    assert "There are no suggestions for this period yet." in page.text()

    found = button_form(page, "decision", "find").submit(client)
    assert "The search has finished." in found.text()
    wifi = db.session.scalars(
        select(ThemeCandidate).where(ThemeCandidate.label.contains("wifi"))
    ).one()
    section = next(s for s in found.select("section") if s.get("id") == f"candidate-{wifi.id}")
    examples = [
        " ".join("".join(q.itertext()).split())
        for q in section.iter()
        if q.tag.endswith("blockquote")
    ]
    assert 2 <= len(examples) <= 3 and all("wifi" in e for e in examples)
    assert "12 comments" in "".join(section.itertext())

    form = button_form(found, "decision", "accept", wifi.id)
    assert form.values(f"c{wifi.id}-theme_id") == ["wifi_signal"]
    accepted = form.submit(
        client,
        {
            f"c{wifi.id}-label": "Internet at home",
            f"c{wifi.id}-theme_id": "internet_at_home",
            f"c{wifi.id}-terms": "wifi, internet",
            "decision": "accept",
        },
    )
    assert "“Internet at home” is now a theme." in accepted.text()
    assert accepted.link("Internet at home").endswith("/themes/internet_at_home")
    assert db.session.get(LocalTheme, "internet_at_home").terms == ["wifi", "internet"]
    # The comments were coded again: the new theme now has them.
    theme_page = get(client, accepted.link("Internet at home"))
    assert theme_page.h1() == "Internet at home"
    # The newest (shown − 2) of the 12 are listed, never the exact number.
    assert (
        "Comments 1 to 10, newest first. The report counts about 12 comments" in theme_page.text()
    )
    new = comment(survey, "internet is down again")
    db.session.commit()
    get(client, EMERGING)  # opening a page codes what arrived
    assert themes_of(new.id) == {"internet_at_home": "codebook"}


def test_accepting_with_a_code_already_taken_says_so_and_keeps_what_was_typed(sqlite_app, survey):
    comments(survey, WIFI + FOOTBALL)
    db.session.commit()
    client = lead(sqlite_app)
    found = button_form(get(client, EMERGING), "decision", "find").submit(client)
    wifi = db.session.scalars(
        select(ThemeCandidate).where(ThemeCandidate.label.contains("wifi"))
    ).one()
    form = button_form(found, "decision", "accept", wifi.id)
    refused = form.submit(
        client,
        {f"c{wifi.id}-label": "Wifi woes", f"c{wifi.id}-theme_id": "safety", "decision": "accept"},
    )
    assert refused.error_summary() == ["There is already a theme with that code. Choose another."]
    assert refused.select("input", name=f"c{wifi.id}-label", value="Wifi woes")
    assert db.session.get(LocalTheme, "safety") is None
    assert db.session.get(ThemeCandidate, wifi.id).status == "new"


def test_a_set_aside_theme_is_not_suggested_again(sqlite_app, survey):
    comments(survey, WIFI + FOOTBALL)
    db.session.commit()
    client = lead(sqlite_app)
    found = button_form(get(client, EMERGING), "decision", "find").submit(client)
    wifi = db.session.scalars(
        select(ThemeCandidate).where(ThemeCandidate.label.contains("wifi"))
    ).one()
    set_aside = button_form(found, "decision", "dismiss", wifi.id).submit(
        client, {"decision": "dismiss"}
    )
    assert "will not be suggested again" in set_aside.text()

    again = button_form(set_aside, "decision", "find").submit(client)
    headings = [" ".join("".join(h.itertext()).split()) for h in again.select("h3")]
    assert wifi.label not in headings and any("football" in h for h in headings)
    assert f"{wifi.label}: set aside" in again.text()
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "emerging_themes_viewed")
    ).all()
    assert events and not any("wifi" in str(e.details) for e in events)


def test_renaming_keeps_the_suggestion_open_under_its_new_name(sqlite_app, survey):
    comments(survey, WIFI + FOOTBALL)
    db.session.commit()
    client = lead(sqlite_app)
    found = button_form(get(client, EMERGING), "decision", "find").submit(client)
    wifi = db.session.scalars(
        select(ThemeCandidate).where(ThemeCandidate.label.contains("wifi"))
    ).one()
    renamed = button_form(found, "decision", "rename", wifi.id).submit(
        client, {f"c{wifi.id}-label": "Getting online", "decision": "rename"}
    )
    assert "Renamed to “Getting online”." in renamed.text()
    assert "Getting online" in [
        " ".join("".join(h.itertext()).split()) for h in renamed.select("h3")
    ]
    assert db.session.get(ThemeCandidate, wifi.id).status == "new"


def test_renaming_to_nothing_asks_for_a_name_and_nothing_else(sqlite_app, survey):
    comments(survey, WIFI + FOOTBALL)
    db.session.commit()
    client = lead(sqlite_app)
    found = button_form(get(client, EMERGING), "decision", "find").submit(client)
    wifi = db.session.scalars(
        select(ThemeCandidate).where(ThemeCandidate.label.contains("wifi"))
    ).one()
    refused = button_form(found, "decision", "rename", wifi.id).submit(
        client, {f"c{wifi.id}-label": "  ", f"c{wifi.id}-terms": "", "decision": "rename"}
    )
    assert refused.error_summary() == ["Enter a name for the theme"]
    assert db.session.get(ThemeCandidate, wifi.id).label == wifi.label


def test_a_candidate_this_person_cannot_see_cannot_be_decided(sqlite_app, survey):
    comments(survey, WIFI + FOOTBALL)
    db.session.commit()
    client = lead(sqlite_app)
    found = button_form(get(client, EMERGING), "decision", "find").submit(client)
    wifi = db.session.scalars(
        select(ThemeCandidate).where(ThemeCandidate.label.contains("wifi"))
    ).one()
    form = button_form(found, "decision", "dismiss", wifi.id)
    form.action = "/reports/every-type/2026-Q1/themes/emerging"  # a period without them
    refused = form.submit(client, {"decision": "dismiss"}, follow=False)
    assert refused.status == 404
    assert db.session.get(ThemeCandidate, wifi.id).status == "new"
