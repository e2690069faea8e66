"""Report pages: who may open them, what they show, bad input, filters, downloads, audit."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from app.auth.models import AuditEvent, StaffUser, Team
from app.extensions import db
from app.report.models import ReportSnapshot
from tests.auth.conftest import make_staff, sign_in
from tests.pages import get, parse
from tests.report.factories import make_invitation, make_meeting, publish_shipped, respond_many

FAMILY_SURVEY = "cp-conference-family"
AUGUST = datetime(2026, 8, 3, 10, 0)
REPORT = f"/reports/{FAMILY_SURVEY}/2026-Q3"


def team(name: str) -> Team:
    return db.session.scalars(select(Team).where(Team.name == name)).one()


def answers_from(
    team_name: str, count: int, got_report: str, chair: StaffUser, listened: str = "agree"
) -> None:
    """``count`` families in the team answering after one conference the chair ran."""
    meeting = make_meeting(kind="cp_conference", team=team(team_name), chair=chair)
    for _ in range(count):
        invitation = make_invitation(FAMILY_SURVEY, meeting=meeting, role="parent")
        respond_many(
            FAMILY_SURVEY,
            {"got_report": got_report, "felt_listened_to": listened},
            1,
            AUGUST,
            invitation=invitation,
        )


@pytest.fixture
def world(sqlite_app):  # type: ignore[no-untyped-def]
    """Twelve answers from team North (all got the report), eleven from South (none did;
    three did not feel listened to, too few to show)."""
    publish_shipped(FAMILY_SURVEY)
    make_staff("admin@example.org", "admin", team="Quality")
    make_staff("lead@example.org", "participation_lead", team="North")
    make_staff("anylead@example.org", "participation_lead", team=None)
    make_staff("iro@example.org", "iro", team="North")
    make_staff("dsl@example.org", "safeguarding_lead", team="North")
    north_chair = make_staff("north.chair@example.org", "iro", password=None, team="North")
    south_chair = make_staff("south.chair@example.org", "iro", password=None, team="South")
    answers_from("North", 12, "yes", north_chair)
    answers_from("South", 8, "no", south_chair)
    answers_from("South", 3, "no", south_chair, listened="disagree")
    db.session.commit()
    return sqlite_app


def signed_in(app, email):  # type: ignore[no-untyped-def]
    client = app.test_client()
    sign_in(client, email)
    return client


def cell_after(page, heading: str) -> str:  # type: ignore[no-untyped-def]
    """The first cell of the table row whose header is ``heading``."""
    for row in page.select("tr"):
        cells = ["".join(c.itertext()).strip() for c in row]
        if cells and cells[0] == heading:
            return cells[1]
    raise AssertionError(f"no row {heading!r}")


@pytest.mark.parametrize("email", ["iro@example.org", "dsl@example.org"])
def test_other_roles_cannot_open_reports_or_downloads(world, email):
    client = signed_in(world, email)
    for path in ("/reports", REPORT, REPORT + ".csv", REPORT + ".xlsx", REPORT + "/board-pack"):
        assert client.get(path).status_code == 403, path


def test_the_form_is_sent_by_get_and_leads_to_a_shareable_address(world):
    client = signed_in(world, "admin@example.org")
    page = get(client, "/reports")
    form = page.form()
    assert form.method == "get"
    assert "July 2026, Q3 2026, 2026 or FY2026/27" in page.text()
    response = client.get(
        "/reports",
        query_string={"survey": FAMILY_SURVEY, "period": " 2026-q3 ", "audience": "parent_carer"},
    )
    assert response.status_code == 302
    location = urlsplit(response.headers["Location"])
    assert location.path == REPORT
    assert parse_qs(location.query) == {"audience": ["parent_carer"]}


def test_a_bad_period_shows_the_form_again_with_what_was_typed(world):
    client = signed_in(world, "admin@example.org")
    page = get(
        client,
        f"/reports?survey={FAMILY_SURVEY}&period=2026-Q5&audience=parent_carer&language=pl",
    )
    assert page.title.startswith("Error:")
    assert any("There is no quarter 5" in e for e in page.error_summary())
    period_box = page.select("input", name="period")[0]
    assert period_box.get("value") == "2026-Q5"
    chosen = {
        s.get("name"): [o.get("value") for o in s if o.get("selected") is not None]
        for s in page.select("select")
    }
    assert chosen["survey"] == [FAMILY_SURVEY]
    assert chosen["audience"] == ["parent_carer"]
    assert chosen["language"] == ["pl"]


@pytest.mark.parametrize(
    ("typed", "label"),
    [
        ("July 2026", "2026-07"),
        ("Q3 2026", "2026-Q3"),
        ("2026-27", "FY2026-27"),
        ("FY2026/27", "FY2026-27"),
    ],
)
def test_a_period_typed_as_people_say_it_leads_to_its_report(world, typed, label):
    client = signed_in(world, "admin@example.org")
    response = client.get("/reports", query_string={"survey": FAMILY_SURVEY, "period": typed})
    assert response.status_code == 302
    assert urlsplit(response.headers["Location"]).path == f"/reports/{FAMILY_SURVEY}/{label}"
    page = get(client, response.headers["Location"])
    assert not page.error_summary()


def test_a_period_not_understood_lists_the_accepted_forms_in_the_readers_language(world):
    client = signed_in(world, "admin@example.org")
    page = get(client, f"/reports?survey={FAMILY_SURVEY}&period=last+quarter")
    (message,) = page.error_summary()
    assert "Q3 2026" in message and "FY2026/27" in message and "July 2026" in message
    welsh = get(client, f"/reports?survey={FAMILY_SURVEY}&period=last+quarter&lang=cy")
    (cymraeg,) = welsh.error_summary()
    assert "FY2026/27" in cymraeg and "Write a year" not in cymraeg


def test_a_bad_period_in_the_address_shows_the_form_not_an_error_page(world):
    client = signed_in(world, "admin@example.org")
    page = get(client, f"/reports/{FAMILY_SURVEY}/2026-13?audience=professional")
    assert any("There is no month 13" in e for e in page.error_summary())
    assert page.select("input", name="period")[0].get("value") == "2026-13"


def test_an_unknown_survey_shows_the_form_with_the_period_kept(world):
    client = signed_in(world, "admin@example.org")
    for path in ("/reports/no-such-survey/2026-Q3", "/reports/no-such-survey/2026-Q3.csv"):
        page = get(client, path)
        assert any("There is no questionnaire" in e for e in page.error_summary()), path
        assert page.select("input", name="period")[0].get("value") == "2026-Q3"


def test_report_page_shows_responses_indicators_and_charts_with_captions(world):
    client = signed_in(world, "admin@example.org")
    page = get(client, REPORT)
    assert page.h1() == (
        "Parents and carers: “Your views on the child protection conference”, July – September 2026"
    )
    assert "2026-Q3" in page.text()  # the period as typed, under "About this report"
    assert cell_after(page, "Responses") == "23"
    text = page.text()
    assert "Got the report before the meeting" in text
    assert "Red" in text  # 12 of 23 is 52.2%, below the amber level of 75%
    assert "52.2%" in text
    charts = list(page.tree.iter("{http://www.w3.org/2000/svg}svg"))
    assert len(charts) > 5 and all(chart.get("role") == "img" for chart in charts)
    for chart in charts:
        caption = chart.get("aria-labelledby")
        assert page.select("figcaption", id=caption), caption
    assert "No comments in this period have been themed yet." in text
    assert "No actions have been recorded for this period yet." in text


def test_small_numbers_are_hidden_and_the_page_says_where_and_why(world):
    client = signed_in(world, "admin@example.org")
    page = get(client, REPORT + "?team=" + str(team("South").id))
    assert cell_after(page, "Responses") == "11"
    assert "fewer than 10" in page.text()
    section = page.select("section", aria_labelledby="hidden-heading")[0]
    words = " ".join("".join(section.itertext()).split())
    assert "never shows a number smaller than 10" in words
    assert "so the number is hidden" in words
    assert "questions." not in words  # places are said in words, not codes


def test_a_lead_with_a_team_sees_only_their_team_whatever_the_address_says(world):
    client = signed_in(world, "lead@example.org")
    south = team("South").id
    page = get(client, f"{REPORT}?team={south}")
    assert cell_after(page, "Responses") == "12"
    assert "answers from your own team, North, only" in page.text()
    form = get(client, "/reports")
    assert not form.select("select", name="team")
    chairs = [o.get("value") for o in form.select("select", name="chair")[0]]
    assert len(chairs) == 3  # "All" and North's two officers, not South's chair
    csv_text = client.get(f"{REPORT}.csv?team={south}").get_data(as_text=True)
    responses = next(
        r for r in csv.DictReader(io.StringIO(csv_text)) if r["measure"] == "responses"
    )
    assert responses["value"] == "12"


def test_a_lead_without_a_team_and_an_admin_can_choose_any_team(world):
    for email in ("anylead@example.org", "admin@example.org"):
        client = signed_in(world, email)
        assert cell_after(get(client, f"{REPORT}?team={team('North').id}"), "Responses") == "12"
        assert cell_after(get(client, f"{REPORT}?team={team('South').id}"), "Responses") == "11"


def test_filters_narrow_the_report_and_are_listed_on_it(world):
    client = signed_in(world, "admin@example.org")
    chair = db.session.scalars(
        select(StaffUser).where(StaffUser.email == "north.chair@example.org")
    ).one()
    page = get(client, f"{REPORT}?chair={chair.id}")
    assert cell_after(page, "Responses") == "12"
    assert "north.chair@example.org" in page.text()
    nobody = get(client, f"{REPORT}?audience=professional")
    assert cell_after(nobody, "Responses") == "fewer than 10"  # never a bare zero
    assert "Who answered Professionals" in nobody.text()


def test_an_edited_filter_value_gets_a_plain_message(world):
    client = signed_in(world, "admin@example.org")
    page = get(client, f"{REPORT}?audience=aliens")
    assert "Choose one of the options in the list" in page.error_summary()


def test_downloads_are_the_same_report_and_each_is_audited(world):
    client = signed_in(world, "admin@example.org")
    north = team("North").id
    csv_response = client.get(f"{REPORT}.csv?team={north}")
    assert csv_response.mimetype == "text/csv"
    assert "attachment" in csv_response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(csv_response.get_data(as_text=True))))
    assert next(r for r in rows if r["measure"] == "responses")["value"] == "12"
    xlsx = client.get(f"{REPORT}.xlsx?team={north}")
    book = load_workbook(io.BytesIO(xlsx.data))
    summary = dict(book["Summary"].iter_rows(min_row=2, values_only=True))
    assert summary["Responses"] == 12
    assert summary["Team"] == "North"
    pack = parse(client.get(f"{REPORT}/board-pack?team={north}"))
    assert pack.response.status_code == 200
    assert pack.select("button", data_module="sayso-print")
    assert not pack.select("form")  # no staff navigation or sign-out in a printout
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "report_export").order_by(AuditEvent.id)
    ).all()
    assert [e.details["format"] for e in events] == ["csv", "xlsx", "board_pack"]
    for event in events:
        assert event.object_id == FAMILY_SURVEY
        assert event.details["period"] == "2026-Q3"
        assert event.details["team_id"] == north


def test_a_report_built_for_one_person_is_kept_for_the_next(world):
    client = signed_in(world, "admin@example.org")
    get(client, REPORT)
    db.session.rollback()  # what the end of a request does to anything left uncommitted
    assert db.session.scalars(select(ReportSnapshot)).all()
    assert cell_after(get(signed_in(world, "anylead@example.org"), REPORT), "Responses") == "23"


def test_reading_the_page_is_not_an_export(world):
    client = signed_in(world, "admin@example.org")
    get(client, REPORT)
    assert not db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "report_export")
    ).all()


def test_the_report_works_on_both_databases(app):
    publish_shipped(FAMILY_SURVEY)
    make_staff("admin@example.org", "admin", team="North")
    chair = make_staff("north.chair@example.org", "iro", password=None, team="North")
    answers_from("North", 10, "yes", chair)
    db.session.commit()
    client = signed_in(app, "admin@example.org")
    page = get(client, REPORT)
    assert cell_after(page, "Responses") == "10"
    assert "Green" in page.text()


def test_the_staff_home_links_a_participation_lead_to_reports(world):
    client = signed_in(world, "lead@example.org")
    home = get(client, "/staff")
    assert home.link("Read themed reports") == "/reports"
    assert home.link("Export reports") == "/reports"


def text_of(node) -> str:  # type: ignore[no-untyped-def]
    return " ".join("".join(node.itertext()).split())


def test_a_family_report_says_who_answered_each_question_and_indicator(world):
    publish_shipped("cp-conference-professional")
    client = signed_in(world, "admin@example.org")
    page = get(client, "/reports/cp-conference/2026-Q3")
    (table,) = [t for t in page.select("table") if "share answering positively" in text_of(t[0])]
    assert "Who answered" in text_of(table)
    rows = [text_of(row) for row in table.iter() if row.tag.endswith("tr")]
    assert any("Parents and carers" in r for r in rows)
    assert any("Professionals" in r for r in rows)
    captions = {text_of(c) for c in page.select("span", class_="govuk-caption-s")}
    assert {"Asked of: Parents and carers", "Asked of: Professionals"} <= captions


def test_a_single_questionnaire_report_does_not_repeat_who_answered(world):
    client = signed_in(world, "admin@example.org")
    page = get(client, REPORT)
    assert "Who answered" not in text_of(page.tree)


def test_the_report_has_contents_and_parts_that_open_and_close_without_javascript(world):
    client = signed_in(world, "admin@example.org")
    page = get(client, REPORT)
    (contents,) = page.select("nav", class_="sayso-contents")
    links = [a.get("href") for a in contents.iter() if a.get("href")]
    parts = page.select("details", class_="sayso-report-part")
    assert links == [f"#{part.get('id')}" for part in parts]
    assert [p.get("id") for p in parts] == [
        "part-findings",
        "part-headline",
        "part-indicators",
        "part-themes",
        "part-trend",
        "part-groups",
        "part-questions",
        "part-hidden",
    ]
    opened = [p.get("id") for p in parts if p.get("open") is not None]
    assert opened == ["part-findings", "part-headline", "part-indicators", "part-themes"]


@pytest.mark.parametrize("language", ["en", "cy", "ar"])
def test_a_report_is_headed_by_who_answered_and_its_period_in_words(sqlite_app, language):
    """The child's and the young person's questionnaires share a title ("Your review
    meeting"); their reports' headings say whose answers they hold, and the period as a
    board says it, not "2026-Q3"."""
    publish_shipped("lac-review-child", "lac-review-young-person")
    make_staff("admin@example.org", "admin", team="Quality")
    respond_many("lac-review-child", {}, 12, AUGUST)
    respond_many("lac-review-young-person", {}, 12, AUGUST)
    db.session.commit()
    client = signed_in(sqlite_app, "admin@example.org")
    child = get(client, f"/reports/lac-review-child/2026-Q3?lang={language}").h1()
    young = get(client, f"/reports/lac-review-young-person/2026-Q3?lang={language}").h1()
    assert child != young
    for heading in (child, young):
        assert "Q3" not in heading and "2026" in heading
    if language == "en":
        assert child.startswith("Children: “Your review meeting”, July")
        assert young.startswith("Young people: “Your review meeting”, July")
        assert young.endswith("September 2026")
    else:
        assert "Your" not in child + young and "July" not in child + young
    # The heading's two parts are joined by the reader's own comma: "،" in Arabic.
    comma = "،" if language == "ar" else ","
    other = "," if language == "ar" else "،"
    for heading in (child, young):
        assert f"{comma} " in heading and other not in heading
