"""Report charts: well-formed SVG, named by a caption, values in words, gaps for suppression."""

from __future__ import annotations

from dataclasses import replace
from xml.etree.ElementTree import Element

from defusedxml.ElementTree import fromstring

from app.report.charts import (
    indicator_trend_chart,
    indicators_chart,
    question_chart,
    responses_trend_chart,
)
from app.report.notes import HiddenWords
from app.report.svg_charts import BLUE, WHITE
from app.responses.shape import SuppressionNote
from tests.report.sample_reports import indicator, option, question, sample_report, trend

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = '<script>alert("x")</script> & =SUM(A1) "quoted"'


def hidden(threshold: int = 10, *codes: str) -> HiddenWords:
    """The sample report's hidden figures (its "Felt listened to" was hidden to protect
    others) and ``codes``, hidden for being below the threshold."""
    report = sample_report(threshold=threshold)
    report.suppression += [SuppressionNote(code, "below threshold") for code in codes]
    return HiddenWords(report)


def parse(markup: str) -> Element:
    """Parse as XML: raises if the chart is not well-formed (an unescaped < or &)."""
    return fromstring(str(markup))


def texts(svg: Element) -> list[str]:
    return ["".join(node.itertext()) for node in svg.iter(f"{SVG}text")]


def rects(svg: Element, **attrs: str) -> list[Element]:
    return [r for r in svg.iter(f"{SVG}rect") if all(r.get(k) == v for k, v in attrs.items())]


def luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_chart_is_an_image_named_by_its_caption():
    svg = parse(question_chart(question(), "caption-1", hidden(), rtl=False))
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "caption-1"


def test_hostile_survey_text_is_escaped_and_shown_as_written():
    chart = question_chart(
        question(options=[option(HOSTILE, 20, 50.0), option("No", 20, 50.0)]), "c", hidden(), False
    )
    svg = parse(chart)
    assert not list(svg.iter(f"{SVG}script")) and not list(svg.iter("script"))
    assert " ".join(texts(svg)).startswith(HOSTILE)
    assert "<script>" not in str(chart)


def test_each_option_shows_its_share_and_count_in_words():
    svg = parse(question_chart(question(), "c", hidden(), rtl=False))
    words = texts(svg)
    assert "70% (28)" in words
    assert "30% (12)" in words


def test_a_suppressed_option_is_a_labelled_gap_not_a_zero_bar():
    svg = parse(question_chart(question(), "c", hidden(), rtl=False))
    assert len(rects(svg, fill=BLUE)) == 2  # Yes and No; "Not sure" was suppressed
    gaps = [r for r in svg.iter(f"{SVG}rect") if r.get("stroke-dasharray")]
    assert len(gaps) == 1
    assert gaps[0].get("width") != "0.00%"
    assert "fewer than 10" in texts(svg)
    assert not any(word.startswith("0%") for word in texts(svg))


def test_gap_names_the_threshold_in_force():
    svg = parse(question_chart(question(), "c", hidden(5), rtl=False))
    assert "fewer than 5" in texts(svg)


def test_indicators_show_target_mark_and_rating_in_words():
    chart = indicators_chart(
        [indicator(), indicator("Felt listened to", 91.0, 75.0, "green", "listened")],
        "c",
        hidden(),
        False,
    )
    svg = parse(chart)
    marks = [line for line in svg.iter(f"{SVG}line") if line.get("stroke-width") == "3"]
    assert [m.get("x1") for m in marks] == ["72.00%", "67.50%"]  # 80% and 75% of 90% width
    assert "72.5% · Target 80% · Amber" in texts(svg)
    assert "91% · Target 75% · Green" in texts(svg)


def test_a_suppressed_indicator_keeps_its_target_but_shows_no_value():
    words = hidden(10, "indicators.cp-conference-family.report_in_time")
    svg = parse(indicators_chart([indicator(value=None, rag=None)], "c", words, False))
    assert "fewer than 10" in texts(svg)
    assert "Target 80%" in texts(svg)
    assert not rects(svg, fill=BLUE)


def test_long_labels_wrap_onto_more_lines_without_losing_words():
    label = "Did the chair explain what would happen at the meeting and why it was being held?"
    svg = parse(question_chart(question(options=[option(label, 20, 100.0)]), "c", hidden(), False))
    lines = [t for t in texts(svg) if t and "%" not in t]
    assert len(lines) >= 2
    assert " ".join(lines) == label
    assert all(len(line) <= 34 for line in lines)


def test_responses_trend_has_a_column_per_period_and_a_gap_where_suppressed():
    svg = parse(responses_trend_chart(trend([12, None, 15, 20]), "c", hidden(), False))
    assert len(rects(svg, fill=BLUE)) == 3
    words = texts(svg)
    assert "fewer than 10" in words
    assert {"12", "15", "20"} <= set(words)
    assert {"01", "02", "03", "04"} <= set(words) and "2025" in words


def test_indicator_trend_line_breaks_at_the_gap_and_shows_the_target():
    points = trend([12, 14, None, 15, 20])
    words = hidden(10, "trend.2025-03.indicators.report_in_time")
    svg = parse(indicator_trend_chart(points, indicator(), "c", words, False))
    lines = list(svg.iter(f"{SVG}polyline"))
    assert [len(line.get("points").split()) for line in lines] == [2, 2]
    words = texts(svg)
    assert "Target 80%" in words
    assert "fewer than 10" in words
    assert "60%" in words and "61%" in words


def test_right_to_left_mirrors_the_drawing_and_keeps_numbers_left_to_right():
    svg = parse(question_chart(question(), "c", hidden(), rtl=True))
    assert svg.get("direction") == "ltr"
    labels = [t for t in svg.iter(f"{SVG}text") if "".join(t.itertext()) == "Yes"]
    assert labels[0].get("x") == "100.00%" and labels[0].get("direction") == "rtl"
    bar = rects(svg, fill=BLUE)[0]
    assert float(bar.get("x").rstrip("%")) + float(bar.get("width").rstrip("%")) == 100.0
    value = next(t for t in svg.iter(f"{SVG}text") if "".join(t.itertext()) == "70% (28)")
    assert value.get("direction") is None  # inherits the chart's left-to-right


def test_right_to_left_trend_runs_from_the_right():
    svg = parse(responses_trend_chart(trend([12, 13]), "c", hidden(), rtl=True))
    first, second = rects(svg, fill=BLUE)
    assert float(first.get("x")) > float(second.get("x"))


def test_colours_meet_contrast_rules_and_no_inline_styles():
    charts = [
        question_chart(question(), "c", hidden(), False),
        indicators_chart([indicator()], "c", hidden(), False),
        indicator_trend_chart(trend([12, None, 30]), indicator(), "c", hidden(), False),
    ]
    for chart in charts:
        svg = parse(chart)
        assert not [node for node in svg.iter() if node.get("style") is not None]
        for node in svg.iter(f"{SVG}text"):
            background = BLUE if node.get("fill") == WHITE else WHITE
            assert contrast(node.get("fill"), background) >= 4.5, node.get("fill")
        for node in svg.iter(f"{SVG}rect"):
            colour = node.get("stroke") or node.get("fill")
            assert contrast(colour, WHITE) >= 3, colour


def test_a_figure_hidden_to_protect_another_is_not_called_fewer_than_the_threshold():
    listened = indicator("Felt listened to", None, 75.0, None, "listened")
    svg = parse(indicators_chart([listened], "c", hidden(), False))
    assert "not shown" in texts(svg)
    assert "fewer than 10" not in texts(svg)


def test_a_figure_missing_because_nobody_answered_says_so():
    unanswered = replace(indicator(value=None, rag=None), suppressed=False)
    svg = parse(indicators_chart([unanswered], "c", hidden(), False))
    assert "no answers" in texts(svg)
    assert "fewer than 10" not in texts(svg)


def test_a_period_nobody_answered_is_left_blank_not_drawn_as_a_gap():
    points = trend([12, 14, None, 15])  # 2025-03 has no note: nobody answered
    svg = parse(indicator_trend_chart(points, indicator(), "c", hidden(), False))
    assert not [r for r in svg.iter(f"{SVG}rect") if r.get("stroke-dasharray")]
    assert "no answers" not in texts(svg)
    assert [len(line.get("points").split()) for line in svg.iter(f"{SVG}polyline")] == [2]
