"""A language's catalogs go out as a review spreadsheet and come back corrected, with
the reviewer and date recorded; a correction that loses a placeholder is refused."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from openpyxl import load_workbook

from app.translation_review.sheets import (
    HEADERS,
    ReviewError,
    export_review,
    import_review,
)

TRANSLATIONS = Path(__file__).resolve().parents[2] / "translations"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    copy = tmp_path / "translations"
    shutil.copytree(TRANSLATIONS / "cy", copy / "cy", ignore=shutil.ignore_patterns("*.mo"))
    return copy


def exported(root: Path, tmp_path: Path) -> Path:
    path = tmp_path / "cy.xlsx"
    export_review(root, "cy").save(path)
    return path


def find_row(sheet, english: str) -> int:  # type: ignore[no-untyped-def]
    for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        if row[1] == english:
            return number
    raise AssertionError(english)


def test_export_has_every_string_with_context_and_screenshot(root: Path, tmp_path: Path):
    sheet = load_workbook(exported(root, tmp_path)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == HEADERS
    start = rows[find_row(sheet, "Start now") - 1]
    assert start[0] == "messages" and start[4] == "respond/start"
    assert "respond/templates/respond/start.html" in start[3]
    assert start[5] == "Dechrau nawr"
    survey = rows[find_row(sheet, "Do you feel safe where you live?") - 1]
    assert survey[0] == "surveys" and survey[4] == "care-leaver-accommodation"
    with (root / "cy" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        count = sum(1 for m in read_po(handle) if m.id)
    assert sum(1 for row in rows if row[0] == "messages") == count


def test_import_applies_corrections_and_records_the_review(root: Path, tmp_path: Path):
    path = exported(root, tmp_path)
    book = load_workbook(path)
    sheet = book.active
    sheet.cell(find_row(sheet, "Start now"), 7).value = "Dechreuwch nawr"
    book.save(path)
    result = import_review(root, "cy", path, "Siân Jones", date(2026, 12, 6))
    assert result.changed == 1
    for domain in ("messages", "surveys"):
        with (root / "cy" / "LC_MESSAGES" / f"{domain}.po").open("rb") as handle:
            catalog = read_po(handle)
        assert "native-speaker review: yes (siân jones, 2026-12-06)" in (
            catalog.header_comment.lower()
        )
        if domain == "messages":
            assert catalog.get("Start now").string == "Dechreuwch nawr"


def test_a_correction_that_loses_a_placeholder_is_refused(root: Path, tmp_path: Path):
    path = exported(root, tmp_path)
    book = load_workbook(path)
    sheet = book.active
    row = find_row(sheet, "Page %(number)s of %(total)s")
    sheet.cell(row, 7).value = "Tudalen %(number)s"
    book.save(path)
    before = (root / "cy" / "LC_MESSAGES" / "messages.po").read_bytes()
    with pytest.raises(ReviewError, match=f"row {row}"):
        import_review(root, "cy", path, "Siân Jones", date(2026, 12, 6))
    assert (root / "cy" / "LC_MESSAGES" / "messages.po").read_bytes() == before


def test_command_writes_the_spreadsheet(sqlite_app, tmp_path: Path):
    runner = sqlite_app.test_cli_runner()
    target = tmp_path / "out.xlsx"
    result = runner.invoke(
        args=["translations", "review-export", "--language", "cy", "--output", str(target)]
    )
    assert result.exit_code == 0, result.output
    assert load_workbook(target).active.cell(1, 1).value == "Catalog"


def test_an_informal_form_is_reviewed_apart_from_the_formal_one(root: Path, tmp_path: Path):
    """Interface text for young readers has a second, informal form ("ti"): it has its own
    row, marked with its context, and a correction to it leaves the formal form alone."""
    path = exported(root, tmp_path)
    book = load_workbook(path)
    sheet = book.active
    rows = [row for row in sheet.iter_rows(values_only=True) if row[1] == "Check your answers"]
    assert [(row[5], row[8] or None) for row in rows] == [
        ("Gwirio eich atebion", None),
        ("Gwirio dy atebion", "informal"),
    ]
    number = next(
        n
        for n, row in enumerate(sheet.iter_rows(values_only=True), start=1)
        if row[1] == "Check your answers" and row[8] == "informal"
    )
    sheet.cell(number, 7).value = "Gwiria dy atebion"
    book.save(path)
    assert import_review(root, "cy", path, "Siân Jones", date(2026, 12, 6)).changed == 1
    with (root / "cy" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle)
    assert catalog.get("Check your answers").string == "Gwirio eich atebion"
    assert catalog.get("Check your answers", context="informal").string == "Gwiria dy atebion"
