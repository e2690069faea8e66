"""QR codes for links, drawn as SVG by Sayso itself (no image service)."""

from __future__ import annotations

import segno
from markupsafe import Markup


def qr_svg(link: str, title: str) -> Markup:
    """An inline SVG QR code for ``link``, with an accessible title."""
    code = segno.make(link, error="m", micro=False)
    svg = code.svg_inline(
        scale=4,
        border=2,
        dark="#0b0c0c",
        light="#ffffff",
        title=title,
        svgclass="sayso-qr",
        omitsize=False,
    )
    svg = svg.replace("<svg ", '<svg role="img" focusable="false" ', 1)
    return Markup(svg)  # noqa: S704 - segno escapes the title; the rest is its own markup
