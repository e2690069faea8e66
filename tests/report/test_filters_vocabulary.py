"""Audience, age band and language mean the same codes wherever a report is asked for."""

from __future__ import annotations

from app.responses.filters import CODED_FILTERS, unknown_code
from app.survey.schema import AUDIENCES


def test_every_audience_a_survey_may_have_is_a_filter_and_nothing_else():
    assert set(CODED_FILTERS["audience"]) == set(AUDIENCES)


def test_unknown_codes_are_told_apart_from_no_filter():
    assert unknown_code("language", "xx") and unknown_code("age_band", "12-16")
    assert not unknown_code("language", None) and not unknown_code("language", "cy")


def test_the_report_form_offers_exactly_the_codes_the_api_accepts(app):
    from app.responses.scope_choice import ReportForm

    with app.test_request_context():
        form = ReportForm()
        for name, codes in CODED_FILTERS.items():
            offered = {choice[0] for choice in getattr(form, name).iter_choices()} - {""}
            assert offered == set(codes), name
