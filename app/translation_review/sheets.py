"""Write a language's catalogs to a review spreadsheet, and read the reviewed one back.

One row per message: the catalog (``messages`` for the pages, ``surveys`` for the
questionnaires), the English, where it is used, the page to look at (``screenshot``: the
template or questionnaire it comes from), today's translation, and two columns for the
reviewer, "Reviewed translation" (left empty when today's is right) and "Note".
Plural messages list each form on its own line. A message with a context has it in the
last column: "informal" is the form of interface text for children, young people and
care leavers ("ti" in Welsh, "ти" in Ukrainian), beside the plain, formal one.
Importing changes only messages whose reviewed translation is filled in and keeps every
placeholder (``%(count)s``); a translation that loses one is refused, with its row
number, and nothing is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po, write_po

from app.imports import import_on_first_use

if TYPE_CHECKING:
    from openpyxl import Workbook
else:  # imported on first use: see app/imports.py
    openpyxl = import_on_first_use("openpyxl")
    openpyxl_styles = import_on_first_use("openpyxl.styles")

DOMAINS = ("messages", "surveys")
HEADERS = (
    "Catalog",
    "English",
    "English plural",
    "Where it is used",
    "Screenshot",
    "Translation today",
    "Reviewed translation",
    "Note",
    "Context",
)
PLACEHOLDER = re.compile(r"%\(\w+\)s|%s|%d|%\{\w+\}")
REVIEW_LINE = re.compile(r"^(#\s*)?Native-speaker review: .*$", re.MULTILINE)
FORMS_SEPARATOR = "\n"


class ReviewError(ValueError):
    """The reviewed spreadsheet cannot be imported as it is (the message says why)."""


@dataclass(frozen=True)
class ImportResult:
    changed: int
    unchanged: int


def catalog_path(root: Path, language: str, domain: str) -> Path:
    return root / language / "LC_MESSAGES" / f"{domain}.po"


def _read(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle)


def screenshot_name(message: Message, domain: str) -> str:
    """The page a reviewer should look at: the questionnaire, or the template's name."""
    if domain == "surveys":
        for comment in message.auto_comments:
            return comment.split(":")[0].strip()
    for filename, _line in message.locations:
        name = Path(filename)
        if name.suffix == ".html":
            return f"{name.parent.name}/{name.stem}"
    return Path(message.locations[0][0]).stem if message.locations else ""


def _text(value: str | tuple[str, ...] | None) -> str:
    if isinstance(value, tuple):
        return FORMS_SEPARATOR.join(value)
    return value or ""


def export_review(root: Path, language: str) -> Workbook:
    """The review spreadsheet for ``language``'s catalogs under ``root``."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = f"Review {language}"
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = openpyxl_styles.Font(bold=True)
    for domain in DOMAINS:
        for message in _read(catalog_path(root, language, domain)):
            if not message.id:
                continue
            singular, plural = message.id if isinstance(message.id, tuple) else (message.id, "")
            where = "; ".join([*message.auto_comments, *(f"{f}:{n}" for f, n in message.locations)])
            sheet.append(
                (
                    domain,
                    singular,
                    plural,
                    where,
                    screenshot_name(message, domain),
                    _text(message.string),
                    "",
                    "",
                    message.context or "",
                )
            )
    widths = (10, 60, 30, 40, 28, 60, 60, 30, 12)
    for column, width in zip("ABCDEFGHI", widths, strict=True):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = openpyxl_styles.Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "B2"
    return book


def import_review(
    root: Path, language: str, sheet_path: Path, reviewer: str, on: date
) -> ImportResult:
    """Apply a reviewed spreadsheet to ``language``'s catalogs and record the review."""
    if not reviewer.strip():
        raise ReviewError("Say who reviewed the translations (REVIEWER=...).")
    catalogs = {domain: _read(catalog_path(root, language, domain)) for domain in DOMAINS}
    book = openpyxl.load_workbook(sheet_path, read_only=True)
    try:
        rows = list(book.active.iter_rows(values_only=True))
    finally:
        book.close()
    header = rows.pop(0) if rows else None
    if header is None or tuple(header[: len(HEADERS)]) != HEADERS:
        raise ReviewError(f"{sheet_path}: the first row must be the headings {HEADERS}.")
    changed = unchanged = 0
    for number, row in enumerate(rows, start=2):  # row 1 holds the headings
        domain, english, plural, *_rest = row
        reviewed = (row[6] or "").strip() if len(row) > 6 else ""
        context = ((row[8] or "").strip() or None) if len(row) > 8 else None
        if not english or domain not in catalogs:
            continue
        message = catalogs[domain].get(english, context=context)
        if message is None:
            raise ReviewError(f"row {number}: this English is no longer in the {domain} catalog.")
        if not reviewed:
            unchanged += 1
            continue
        forms = reviewed.split(FORMS_SEPARATOR) if isinstance(message.id, tuple) else [reviewed]
        wanted = sorted(PLACEHOLDER.findall(plural or english))
        if any(sorted(PLACEHOLDER.findall(form)) != wanted for form in forms):
            raise ReviewError(
                f"row {number}: the reviewed translation must keep the placeholders "
                f"{wanted or '(none)'} exactly as the English has them."
            )
        if isinstance(message.id, tuple):
            count = catalogs[domain].num_plurals
            if len(forms) != count:
                raise ReviewError(f"row {number}: give {count} forms, one on each line.")
            message.string = tuple(forms)
        else:
            message.string = forms[0]
        message.flags.discard("fuzzy")
        changed += 1
    record = f"Native-speaker review: yes ({reviewer.strip()}, {on.isoformat()})"
    for domain, catalog in catalogs.items():
        comment = catalog.header_comment or ""
        if REVIEW_LINE.search(comment):
            comment = REVIEW_LINE.sub(lambda found: (found.group(1) or "") + record, comment)
        else:
            comment = f"{comment}\n{record}" if comment else record
        catalog.header_comment = comment
        with catalog_path(root, language, domain).open("wb") as handle:
            write_po(handle, catalog, width=None, sort_by_file=True)
    return ImportResult(changed, unchanged)
