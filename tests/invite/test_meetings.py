"""Choosing the questionnaire, QR codes, and checking a campaign file before sending."""

from __future__ import annotations

import pytest

from app.invite.campaigns import read_campaign
from app.invite.meetings import survey_for
from app.invite.qr import qr_svg


@pytest.mark.parametrize(
    ("kind", "role", "age", "survey"),
    [
        ("lac_review", "child", 9, "lac-review-child"),
        ("lac_review", "child", 11, "lac-review-child"),
        ("lac_review", "child", 12, "lac-review-young-person"),
        ("lac_review", "child", None, "lac-review-young-person"),
        ("lac_review", "parent", 9, "lac-review-parent-carer"),
        ("lac_review", "carer", 15, "lac-review-parent-carer"),
        ("lac_review", "social_worker", 15, "lac-review-professional"),
        # Care leavers get their own questionnaire (it used to be the 12-18 review one).
        ("pathway_plan_review", "child", 17, "pathway-plan-review"),
        ("pathway_plan_review", "child", 19, "pathway-plan-review"),
        ("pathway_plan_review", "child", None, "pathway-plan-review"),
        ("pathway_plan_review", "carer", 19, "lac-review-parent-carer"),
        ("cp_conference", "parent", 4, "cp-conference-family"),
        ("cp_review_conference", "other_professional", 4, "cp-conference-professional"),
    ],
)
def test_questionnaire_is_chosen_from_role_and_age(kind, role, age, survey):
    assert survey_for(kind, role, age) == survey


def test_qr_code_is_an_accessible_svg():
    svg = str(qr_svg("https://feedback.example.gov.uk/r/abcdefghijklmnopqrstuv", "QR code"))
    assert svg.startswith('<svg role="img"') and "<title>QR code</title>" in svg
    assert "<path" in svg and "<script" not in svg


LANGS = {"en", "cy", "ar"}


def test_clean_campaign_file_gives_rows():
    rows, problems = read_campaign(
        b"\xef\xbb\xbfEmail,Language\nann@example.org,cy\nbob@example.org,\n", LANGS
    )
    assert problems == []
    assert [(r.email, r.language) for r in rows] == [
        ("ann@example.org", "cy"),
        ("bob@example.org", "en"),
    ]


def test_every_problem_is_listed_by_row_and_column_and_nothing_is_returned():
    data = b"email,language\nann@example.org,cy\nnot-an-email,en\n,en\nANN@example.org,xx\n"
    rows, problems = read_campaign(data, LANGS)
    assert rows == []
    assert [(p.row, p.column) for p in problems] == [
        (3, "email"),
        (4, "email"),
        (5, "email"),
        (5, "language"),
    ]
    assert problems[2].message == "This address is also on row 2."


def test_file_without_email_column_or_not_utf8_is_refused():
    assert read_campaign(b"name\nAnn\n", LANGS)[1][0].column == "email"
    assert "UTF-8" in read_campaign("é,é".encode("latin-1"), LANGS)[1][0].message
