"""What the report page and board pack put in page order: indicators by who answered them."""

from __future__ import annotations

from dataclasses import replace

from app.report.pages import report_page
from tests.report.sample_reports import indicator, sample_report


def test_a_familys_indicators_are_grouped_by_who_answered_them_in_report_order():
    felt = [
        replace(indicator("Felt listened to", indicator_id="listened"), survey=survey)
        for survey in ("cp-child", "cp-parent", "cp-professional")
    ]
    in_time = replace(indicator(), survey="cp-parent")
    report = sample_report(
        indicators=[felt[0], felt[1], in_time, felt[2]],
        survey_audiences={
            "cp-child": "child",
            "cp-parent": "parent_carer",
            "cp-professional": "professional",
        },
    )

    groups = report_page(report, rtl=False).indicator_groups

    assert [(g.audience, [i.survey for i in g.indicators]) for g in groups] == [
        ("child", ["cp-child"]),
        ("parent_carer", ["cp-parent", "cp-parent"]),
        ("professional", ["cp-professional"]),
    ]


def test_one_questionnaires_indicators_are_one_group_with_no_name():
    report = sample_report(survey_audiences={"cp-conference-family": "parent_carer"})

    groups = report_page(report, rtl=False).indicator_groups

    assert [(g.audience, len(g.indicators)) for g in groups] == [("", 2)]
