"""What a page looks like on paper: the text of each page of a PDF that Chromium printed,
and the tables that print wider than the paper.

Chromium (Skia) writes each font as Identity-H glyph ids with a ToUnicode map, text as
``<hex> Tj`` runs inside ``BT .. ET``, and each page's content as one Flate stream. That is
all this reads; it is not a general PDF reader.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

from playwright.sync_api import Page

A4_WIDTH_MM = 210
# The board pack's @page margin (app/static/css: .sayso-board-pack print rules).
PACK_MARGIN_MM = 12
CSS_PX_PER_MM = 96 / 25.4

_OBJECT = re.compile(rb"(\d+) 0 obj\s*(.*?)endobj", re.S)
_TEXT = re.compile(rb"/(\w+) [\d.]+ Tf|<([0-9A-Fa-f]*)> Tj|\[(.*?)\] TJ|(ET)", re.S)


def _objects(pdf: bytes) -> dict[int, bytes]:
    return {int(m.group(1)): m.group(2) for m in _OBJECT.finditer(pdf)}


def _stream(body: bytes) -> bytes:
    start = body.index(b"stream") + len(b"stream")
    data = body[start:].lstrip(b"\r\n")
    return zlib.decompressobj().decompress(data) if b"/FlateDecode" in body[:start] else data


def _unicode_map(cmap: bytes) -> dict[int, str]:
    glyphs: dict[int, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, text in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            glyphs[int(code, 16)] = bytes.fromhex(text.decode()).decode("utf-16-be")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", cmap, re.S):
        for low, high, first in re.findall(
            rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block
        ):
            start = int(first, 16)
            for offset, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                glyphs[code] = chr(start + offset)
    return glyphs


def _fonts(objects: dict[int, bytes], page: bytes) -> dict[str, dict[int, str]]:
    fonts: dict[str, dict[int, str]] = {}
    found = re.search(rb"/Font\s*<<(.*?)>>", page, re.S)
    for name, ref in re.findall(rb"/(\w+) (\d+) 0 R", found.group(1) if found else b""):
        font = objects[int(ref)]
        cmap = re.search(rb"/ToUnicode (\d+) 0 R", font)
        glyphs = _unicode_map(_stream(objects[int(cmap.group(1))])) if cmap else {}
        fonts[name.decode()] = glyphs
    return fonts


def _decode(hex_text: bytes, glyphs: dict[int, str]) -> str:
    return "".join(glyphs.get(int(hex_text[i : i + 4], 16), "") for i in range(0, len(hex_text), 4))


def _page_text(objects: dict[int, bytes], page: bytes) -> str:
    fonts = _fonts(objects, page)
    contents = re.search(rb"/Contents (\d+) 0 R", page)
    if not contents:
        return ""
    content = _stream(objects[int(contents.group(1))])
    lines, line, glyphs = [], "", {}
    for font, shown, array, end in _TEXT.findall(content):
        if font:
            glyphs = fonts.get(font.decode(), {})
        elif end:
            lines.append(line)
            line = ""
        else:
            runs = [shown] if shown else re.findall(rb"<([0-9A-Fa-f]*)>", array)
            line += "".join(_decode(run, glyphs) for run in runs)
    return "\n".join(text for text in lines if text.strip())


def pdf_page_texts(pdf: bytes) -> list[str]:
    """The text on each page of a PDF printed by Chromium, in page order."""
    objects = _objects(pdf)
    root = next(
        body
        for body in objects.values()
        if re.search(rb"/Type /Pages", body) and b"/Parent" not in body
    )

    def pages_under(node: bytes) -> list[bytes]:
        if re.search(rb"/Type /Page(?![s\w])", node):
            return [node]
        kids = re.search(rb"/Kids \[(.*?)\]", node, re.S)
        refs = re.findall(rb"(\d+) 0 R", kids.group(1) if kids else b"")
        return [page for ref in refs for page in pages_under(objects[int(ref)])]

    return [_page_text(objects, page) for page in pages_under(root)]


def squeezed(text: str) -> str:
    """``text`` without its spaces and line breaks (a PDF breaks lines where a page did)."""
    return re.sub(r"\s+", "", text)


def pages_holding_only_captions(page_texts: list[str], captions: list[str]) -> list[int]:
    """The pages (numbered from 1) whose only text is captions or headings: a chart's
    caption printed apart from its chart, or a heading apart from its section."""
    # Longest first, so a caption is taken out whole before any heading inside it.
    wanted = sorted({squeezed(c) for c in captions if c.strip()}, key=len, reverse=True)
    alone = []
    for number, text in enumerate(page_texts, start=1):
        rest = squeezed(text)
        for caption in wanted:
            rest = rest.replace(caption, "")
        if squeezed(text) and not rest:
            alone.append(number)
    return alone


def captions_and_headings(page: Page) -> list[str]:
    """The text of every caption and heading on the page."""
    return page.eval_on_selector_all(
        "caption, figcaption, h1, h2, h3, h4, .govuk-caption-l, .govuk-caption-s",
        "nodes => nodes.map(n => n.textContent)",
    )


def tables_wider_than_paper(page: Page, margin_mm: float = PACK_MARGIN_MM) -> list[str]:
    """Captions of tables that do not fit the paper, with the page laid out as on A4 in print
    media: a table past the printable width, one wider than the box it sits in, or one whose
    columns are too narrow for a word (it fits only by breaking words: "Peri / od").
    Leaves the page in print media at the printable width."""
    printable = round((A4_WIDTH_MM - 2 * margin_mm) * CSS_PX_PER_MM)
    page.emulate_media(media="print")
    page.set_viewport_size({"width": printable, "height": 1000})
    return page.eval_on_selector_all(
        "table",
        """(tables, printable) => tables.filter(table => {
            const box = table.getBoundingClientRect();
            const holder = table.parentElement;
            if (box.left < -1 || box.right > printable + 1
                || table.scrollWidth > table.clientWidth + 1
                || holder.scrollWidth > holder.clientWidth + 1) return true;
            return [...table.querySelectorAll("th, td")].some(cell => {
                const wrap = cell.style.overflowWrap, brk = cell.style.wordBreak;
                cell.style.overflowWrap = "normal";
                cell.style.wordBreak = "normal";
                const split = cell.scrollWidth > cell.clientWidth + 1;
                cell.style.overflowWrap = wrap;
                cell.style.wordBreak = brk;
                return split;
            });
        }).map(table => (table.caption ? table.caption.textContent : "a table").trim())""",
        printable,
    )


@dataclass
class PackOnPaper:
    """A board pack as Chromium prints it on A4."""

    pdf: bytes
    page_texts: list[str]
    caption_pages: list[int]
    wide_tables: list[str]
    hidden_list_items: int

    @property
    def pages(self) -> int:
        return len(self.page_texts)


def pack_on_paper(page: Page, url: str) -> PackOnPaper:
    """Open the board pack at ``url`` and print it on A4 as a person saving a PDF would."""
    page.goto(url)
    wide = tables_wider_than_paper(page)
    captions = captions_and_headings(page)
    listed = page.locator("section[aria-labelledby='hidden-heading'] li").count()
    pdf = page.pdf(format="A4", print_background=True)
    texts = pdf_page_texts(pdf)
    page.emulate_media(media="screen")
    page.set_viewport_size({"width": 1280, "height": 800})
    return PackOnPaper(pdf, texts, pages_holding_only_captions(texts, captions), wide, listed)


@dataclass
class ReportOnScreen:
    """Where things are on the report page (pixels from the top), and the screen's height."""

    height: int
    screen: int
    has_contents: bool
    details: int
    findings_top: int
    themes_top: int
    first_quote_top: int
    findings_themes_link_top: int


def report_on_screen(page: Page, url: str, width: int = 1280, height: int = 800) -> ReportOnScreen:
    """Open the report page at ``url`` on a screen this size and find its parts."""
    page.set_viewport_size({"width": width, "height": height})
    page.emulate_media(media="screen")
    page.goto(url)
    found = page.evaluate(
        """() => {
        const top = selector => {
            const node = document.querySelector(selector);
            if (!node || !node.getClientRects().length) return -1;
            return Math.round(node.getBoundingClientRect().top + window.scrollY);
        };
        return {
            height: document.documentElement.scrollHeight,
            screen: window.innerHeight,
            has_contents: document.querySelectorAll("nav.sayso-contents a").length > 0,
            details: document.querySelectorAll("main details").length,
            findings_top: top("#findings-heading"),
            themes_top: top("#themes-heading"),
            first_quote_top: top(".sayso-quote"),
            findings_themes_link_top: top(
                "section[aria-labelledby='findings-heading'] a[href='#themes-heading']"),
        };
    }"""
    )
    return ReportOnScreen(**found)
