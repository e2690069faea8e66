"""The board pack on paper and the report page on screen, at the scale of the demo data.

Builds (once) a throwaway SQLite database with ``sayso demo --responses N`` as of a fixed
day, approves every quote a lead could approve (the longest pack a board could get), then
serves Sayso on 127.0.0.1 and opens each period's board pack and report page in Chromium
through Playwright. For the pack it prints the A4 page count of ``page.pdf(format="A4")``,
the pages whose only text is a caption or heading, the tables wider than the printable
width, and whether the hidden numbers are listed one by one. For the report page (1280 x
800), its height, where the themes start, and whether the key findings link to them.

    python bench/pack_pages.py [--database $TMPDIR/sayso-pack-bench/sayso.db] [--responses 3000]
        [--survey lac-review] [--periods 2026-Q3 2026-Q4] [--no-quotes] [--language cy]

Delete the database file to build it again (a different ``--responses`` needs a new file).
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Page, sync_playwright  # noqa: E402

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.browser.printed import pack_on_paper, report_on_screen  # noqa: E402
from tests.browser.staff import sign_in  # noqa: E402
from tests.conftest import make_app  # noqa: E402
from tests.demo_database import build_demo_database  # noqa: E402
from tests.serving import serving  # noqa: E402

LEAD = "bench-lead@example.org"
DEFAULT_DATABASE = Path(tempfile.gettempdir()) / "sayso-pack-bench" / "sayso.db"
# The demo's two years end here, so 2026-Q3 and 2026-Q4 are the same data in every run.
TODAY = date(2026, 12, 7)


def measure(page: Page, base: str, survey: str, period: str, pdf_dir: Path, language: str) -> None:
    query = f"?lang={language}" if language else ""
    pack = pack_on_paper(page, f"{base}/reports/{survey}/{period}/board-pack{query}")
    (pdf_dir / f"pack-{survey}-{period}{language and '-' + language}.pdf").write_bytes(pack.pdf)
    print(
        f"{survey} {period} board pack: {pack.pages} A4 pages; "
        f"pages with only a caption or heading: {pack.caption_pages or 'none'}; "
        f"tables wider than the paper: {pack.wide_tables or 'none'}; "
        f"hidden numbers listed one by one: {pack.hidden_list_items}"
    )
    screen = report_on_screen(page, f"{base}/reports/{survey}/{period}{query}")
    print(
        f"{survey} {period} report page: {screen.height} px tall "
        f"({screen.height / screen.screen:.1f} screens of {screen.screen} px); "
        f"contents list: {screen.has_contents}; parts in <details>: {screen.details}; "
        f"key findings at {screen.findings_top} px; themes at {screen.themes_top} px; "
        f"first quote at {screen.first_quote_top} px; "
        f"key findings link to the themes at {screen.findings_themes_link_top} px"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", default=str(DEFAULT_DATABASE))
    parser.add_argument("--responses", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--survey", default="lac-review")
    parser.add_argument("--periods", nargs="+", default=["2026-Q3", "2026-Q4"])
    parser.add_argument("--no-quotes", action="store_true", help="approve no quotes")
    parser.add_argument("--language", default="", help="a shipped language code, e.g. cy")
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    database = Path(args.database)
    database.parent.mkdir(parents=True, exist_ok=True)
    fresh = not database.exists()
    app = make_app(f"sqlite:///{database}", str(database.parent / "instance"))
    if fresh:
        made, coded, approved = build_demo_database(
            app, args.responses, TODAY, args.seed, LEAD, not args.no_quotes
        )
        print(f"built: {made} responses, {coded} comments themed, {approved} quotes approved")
    with serving(app) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        sign_in(page, base, LEAD)
        assert "/staff/sign-in" not in page.url, "could not sign in: delete the database"
        for period in args.periods:
            measure(page, base, args.survey, period, database.parent, args.language)
        browser.close()


if __name__ == "__main__":
    main()
