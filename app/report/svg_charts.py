"""Charts as small SVG drawn on the server: no script, no inline styles, no library.

Every chart is ``role="img"`` named by the caption beside it (``aria-labelledby``), writes
its values as text so colour never carries meaning alone, and draws a suppressed value as
a labelled gap, never as zero. Colours come from GOV.UK's palette and are set with
presentation attributes (the Content-Security-Policy forbids inline ``style``). Right to
left, the drawing is mirrored while numbers keep reading left to right.

Bar charts lay out in percentages of their width with real pixel text, so they fit a
320 px phone without shrinking the words; trend charts have fixed geometry and scroll in
their own box when the screen is narrower.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

BLUE = "#1d70b8"  # bars, columns and lines: 5.2:1 on white
BLACK = "#0b0c0c"  # text and the target: 19:1
DARK_GREY = "#505a5f"  # gaps and axes: 7.6:1
LIGHT_GREY = "#b1b4b6"  # grid lines only (decoration, not information)
WHITE = "#ffffff"

BAR_SCALE = 0.9  # a 100% bar spans 90% of the width; the rest holds its value
LABEL_CHARS = 34  # a label line that fits a 320 px phone at 16 px
FONT = 16
SMALL = 14
PITCH = 36  # trend charts: pixels per month or quarter
PLOT_HEIGHT = 160
TOP, LEFT, RIGHT, BOTTOM = 40, 52, 16, 44


@dataclass(frozen=True)
class Bar:
    """One bar: ``percent`` is None when suppressed; ``note`` is a line under the bar."""

    label: str
    percent: float | None
    value_text: str
    target: float | None = None
    note: str = ""
    gap_text: str = ""  # what a suppressed bar says, when not the chart's own words


@dataclass(frozen=True)
class Point:
    """One month or quarter (``label`` like 2026-07 or 2026-Q3); None when suppressed."""

    label: str
    value: float | None
    value_text: str = ""
    gap_text: str = ""
    empty: bool = False  # nothing to count: left blank, where a hidden value is a labelled gap


def _attrs(attrs: dict[str, object]) -> str:
    return "".join(
        f' {name.rstrip("_").replace("_", "-")}="{escape(value)}"'
        for name, value in attrs.items()
        if value is not None
    )


def _element(name: str, children: str = "", **attrs: object) -> str:
    if children:
        return f"<{name}{_attrs(attrs)}>{children}</{name}>"
    return f"<{name}{_attrs(attrs)}/>"


def _text(content: str, **attrs: object) -> str:
    attrs.setdefault("fill", BLACK)
    attrs.setdefault("font_size", FONT)
    return _element("text", str(escape(content)), **attrs)


def _svg(
    children: list[str], caption_id: str, width: object, height: int, **extra: object
) -> Markup:
    # direction="ltr" keeps text-anchor meaning what it says inside a right-to-left page;
    # the geometry is mirrored by hand instead.
    return Markup(  # noqa: S704 - every text and attribute value went through escape()
        _element(
            "svg",
            "".join(children),
            xmlns="http://www.w3.org/2000/svg",
            width=width,
            height=height,
            role="img",
            aria_labelledby=caption_id,
            focusable="false",
            direction="ltr",
            font_family="inherit",
            **extra,
        )
    )


def _words(rtl: bool) -> dict[str, object]:
    """Attributes for text in the page's language: it starts at the reading edge.

    With ``direction="rtl"``, ``text-anchor="start"`` puts the text's right edge at x.
    """
    return {"text_anchor": "start", "direction": "rtl" if rtl else None}


def _pct(value: float, rtl: bool) -> str:
    """A horizontal position as a percentage of the width, mirrored right to left."""
    return f"{(100 - value if rtl else value):.2f}%"


def _wrap(label: str) -> list[str]:
    return textwrap.wrap(label, LABEL_CHARS, break_long_words=True) or [""]


def bar_chart(bars: Sequence[Bar], caption_id: str, *, gap_text: str, rtl: bool = False) -> Markup:
    """Horizontal bars, each labelled above, with its value (and target) in words."""
    parts: list[str] = []
    y = 0
    for bar in bars:
        for line in _wrap(bar.label):
            y += 22
            parts.append(_text(line, x=_pct(0, rtl), y=y, **_words(rtl)))
        top = y + 8
        parts.append(_bar_body(bar, top, gap_text, rtl))
        y = top + 28
        if bar.note:
            y += 20
            parts.append(_text(bar.note, x=_pct(0, rtl), y=y, font_size=SMALL, **_words(rtl)))
        y += 14
    parts.append(_axis_line(y, rtl))
    return _svg(parts, caption_id, "100%", y + 4, class_="sayso-chart")


def _bar_body(bar: Bar, top: int, gap_text: str, rtl: bool) -> str:
    step = -8 if rtl else 8
    if bar.percent is None:
        gap = _element(
            "rect",
            x=_pct(BAR_SCALE * 100, rtl) if rtl else "0",
            y=top,
            width=f"{BAR_SCALE * 100:.2f}%",
            height=24,
            fill=WHITE,
            stroke=DARK_GREY,
            stroke_width=2,
            stroke_dasharray="6 4",
        )
        words = bar.gap_text or gap_text
        return gap + _text(words, x=_pct(0, rtl), dx=step, y=top + 17, **_words(rtl))
    width = BAR_SCALE * max(0.0, min(bar.percent, 100.0))
    x = _pct(width, rtl) if rtl else "0"
    parts = [_element("rect", x=x, y=top, width=f"{width:.2f}%", height=24, fill=BLUE)]
    if bar.value_text:
        parts.append(_bar_value(bar, width, top + 17, rtl))
    if bar.target is not None:
        x = _pct(BAR_SCALE * bar.target, rtl)
        parts.append(
            _element("line", x1=x, x2=x, y1=top - 6, y2=top + 30, stroke=BLACK, stroke_width=3)
        )
    return "".join(parts)


def _bar_value(bar: Bar, width: float, middle: int, rtl: bool) -> str:
    """The value at the bar's end: inside a long bar in white (5.2:1), else just beyond it."""
    inside = (bar.percent or 0) > 55
    step = -8 if rtl else 8
    beyond = "end" if rtl else "start"
    within = "start" if rtl else "end"
    return _text(
        bar.value_text,
        x=_pct(width, rtl),
        dx=-step if inside else step,
        y=middle,
        text_anchor=within if inside else beyond,
        fill=WHITE if inside else BLACK,
        font_weight="bold",
    )


def _axis_line(bottom: int, rtl: bool) -> str:
    x = _pct(0, rtl)
    return _element("line", x1=x, x2=x, y1=0, y2=bottom, stroke=DARK_GREY, stroke_width=1)


class _Frame:
    """Fixed geometry for a chart over time, mirrored right to left."""

    def __init__(self, count: int, rtl: bool) -> None:
        self.count = count
        self.rtl = rtl
        self.width = LEFT + count * PITCH + RIGHT
        self.height = TOP + PLOT_HEIGHT + BOTTOM
        self.base = TOP + PLOT_HEIGHT

    def x(self, value: float) -> float:
        return self.width - value if self.rtl else value

    def centre(self, index: int) -> float:
        return self.x(LEFT + index * PITCH + PITCH / 2)

    def y(self, fraction: float) -> float:
        return self.base - fraction * PLOT_HEIGHT

    def anchor(self, side: str) -> str:
        if not self.rtl:
            return side
        return {"start": "end", "end": "start"}.get(side, side)

    def svg(self, parts: list[str], caption_id: str) -> Markup:
        return _svg(
            parts,
            caption_id,
            self.width,
            self.height,
            viewBox=f"0 0 {self.width} {self.height}",
            class_="sayso-chart sayso-chart--fixed",
        )


def _grid(frame: _Frame, ticks: Sequence[tuple[float, str]]) -> list[str]:
    parts = []
    for fraction, label in ticks:
        y = frame.y(fraction)
        parts.append(
            _element(
                "line",
                x1=frame.x(LEFT),
                x2=frame.x(frame.width - RIGHT),
                y1=y,
                y2=y,
                stroke=LIGHT_GREY,
                stroke_width=1,
            )
        )
        parts.append(
            _text(
                label,
                x=frame.x(LEFT - 6),
                y=y + 4,
                text_anchor=frame.anchor("end"),
                font_size=12,
                fill=DARK_GREY,
            )
        )
    return parts


def _time_axis(frame: _Frame, points: Sequence[Point]) -> list[str]:
    """Each period's short name (07, Q3) with the year under the first of each year."""
    parts = []
    last_year = None
    for index, point in enumerate(points):
        year, _sep, part = point.label.partition("-")
        x = frame.centre(index)
        parts.append(
            _text(part or year, x=x, y=frame.base + 18, text_anchor="middle", font_size=12)
        )
        if part and year != last_year:
            parts.append(
                _text(
                    year,
                    x=x,
                    y=frame.base + 36,
                    text_anchor="middle",
                    font_size=12,
                    font_weight="bold",
                )
            )
        last_year = year
    return parts


def _gap(frame: _Frame, index: int, gap_text: str) -> str:
    """A suppressed period: a dashed band with its reason written up the band."""
    left = frame.x(LEFT + index * PITCH + 4) - (PITCH - 8 if frame.rtl else 0)
    x = frame.centre(index)
    band = _element(
        "rect",
        x=left,
        y=TOP,
        width=PITCH - 8,
        height=PLOT_HEIGHT,
        fill=WHITE,
        stroke=DARK_GREY,
        stroke_width=1.5,
        stroke_dasharray="5 4",
    )
    y = frame.base - 8
    # Written bottom to top; right to left, "end" is the text's left edge before turning.
    label = _text(
        gap_text,
        x=x + 4,
        y=y,
        font_size=12,
        transform=f"rotate(-90 {x + 4} {y})",
        text_anchor="end" if frame.rtl else "start",
        direction="rtl" if frame.rtl else None,
    )
    return band + label


def column_chart(
    points: Sequence[Point], caption_id: str, *, gap_text: str, rtl: bool = False
) -> Markup:
    """Counts per month or quarter as columns, each with its number above it."""
    frame = _Frame(len(points), rtl)
    top_value = _nice_ceiling(max((p.value or 0 for p in points), default=0))
    ticks = [(0, "0"), (0.5, _number(top_value / 2)), (1, _number(top_value))]
    parts = _grid(frame, ticks)
    for index, point in enumerate(points):
        if point.value is None:
            parts.append(_gap(frame, index, point.gap_text or gap_text))
            continue
        height = PLOT_HEIGHT * point.value / top_value
        x = frame.centre(index)
        parts.append(
            _element(
                "rect",
                x=x - (PITCH - 10) / 2,
                y=frame.base - height,
                width=PITCH - 10,
                height=height,
                fill=BLUE,
            )
        )
        parts.append(
            _text(
                point.value_text, x=x, y=frame.base - height - 6, text_anchor="middle", font_size=12
            )
        )
    parts.extend(_time_axis(frame, points))
    return frame.svg(parts, caption_id)


def line_chart(
    points: Sequence[Point],
    caption_id: str,
    *,
    gap_text: str,
    target: float | None = None,
    target_text: str = "",
    rtl: bool = False,
) -> Markup:
    """Percentages per month or quarter as a line broken at every gap, with a target line."""
    frame = _Frame(len(points), rtl)
    parts = _grid(frame, [(0, "0%"), (0.5, "50%"), (1, "100%")])
    if target is not None:
        parts.extend(_target_line(frame, target, target_text))
    run: list[tuple[float, float]] = []
    for index, point in enumerate(points):
        if point.value is None:
            parts.append(_polyline(run))
            run = []
            if not point.empty:
                parts.append(_gap(frame, index, point.gap_text or gap_text))
            continue
        x, y = frame.centre(index), frame.y(max(0.0, min(point.value, 100.0)) / 100)
        run.append((x, y))
        parts.append(_element("circle", cx=x, cy=y, r=4, fill=BLUE))
        parts.append(_text(point.value_text, x=x, y=y - 9, text_anchor="middle", font_size=12))
    parts.append(_polyline(run))
    parts.extend(_time_axis(frame, points))
    return frame.svg(parts, caption_id)


def _target_line(frame: _Frame, target: float, target_text: str) -> list[str]:
    y = frame.y(max(0.0, min(target, 100.0)) / 100)
    dashed = {"stroke": BLACK, "stroke_width": 2, "stroke_dasharray": "8 5"}
    # The key sits above the plot so the words never cover a point.
    key_x = frame.x(LEFT)
    key_end = frame.x(LEFT + 28)
    return [
        _element("line", x1=frame.x(LEFT), x2=frame.x(frame.width - RIGHT), y1=y, y2=y, **dashed),
        _element("line", x1=key_x, x2=key_end, y1=14, y2=14, **dashed),
        _text(target_text, x=frame.x(LEFT + 34), y=19, font_size=SMALL, **_words(frame.rtl)),
    ]


def _polyline(run: list[tuple[float, float]]) -> str:
    if len(run) < 2:
        return ""
    points = " ".join(f"{x:.1f},{y:.1f}" for x, y in run)
    return _element("polyline", points=points, fill="none", stroke=BLUE, stroke_width=3)


def _nice_ceiling(value: float) -> float:
    """The smallest of 1, 2, 5 times a power of ten at or above ``value`` (at least 10)."""
    step = 10.0
    while True:
        for multiple in (1, 2, 5):
            if step * multiple >= value:
                return step * multiple
        step *= 10


def _number(value: float) -> str:
    return f"{value:g}"
