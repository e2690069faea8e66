"""Checks for any page: axe-core (served from node_modules, never a CDN) and its violations,
sideways scrolling, and what a page must be like with JavaScript off."""

from __future__ import annotations

import weakref
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import urlparse

from playwright.sync_api import BrowserContext, Page

AXE_SOURCE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
# Contexts whose new pages get axe-core as they load (see ``axe_violations``).
PRELOADED: weakref.WeakSet[BrowserContext] = weakref.WeakSet()


@dataclass
class AxeLog:
    """Violations and keyboard results per page, for the summary table printed at the end
    of the run (one row per page, language and size, as the label says)."""

    pages: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    keyboard: dict[str, tuple[int, list[str]]] = field(default_factory=dict)

    def record(self, label: str, violations: list[str]) -> None:
        self.pages[label].extend(violations)

    def record_keyboard(self, label: str, stops: int, problems: list[str]) -> None:
        self.keyboard[label] = (stops, problems)

    def summary(self) -> str:
        labels = sorted(set(self.pages) | set(self.keyboard))
        width = max([len(k) for k in labels] + [10])
        lines = [
            f"{'page':<{width}}  {'axe':>3}  {'keyboard':<12}  problems",
            f"{'-' * width}  ---  {'-' * 12}  --------",
        ]
        for label in labels:
            violations = self.pages.get(label, [])
            stops, problems = self.keyboard.get(label, (0, []))
            keys = "not checked" if label not in self.keyboard else f"{stops} stops"
            keys += f", {len(problems)} bad" if problems else ""
            found = sorted(set(violations)) + problems[:1]
            lines.append(
                f"{label:<{width}}  {len(violations):>3}  {keys:<12}  {'; '.join(found)}".rstrip()
            )
        failing = sum(1 for label in labels if self.pages.get(label))
        clumsy = sum(1 for stops, problems in self.keyboard.values() if problems)
        lines.append(
            f"{len(labels)} pages: {failing} with axe violations; "
            f"{len(self.keyboard)} walked by keyboard, {clumsy} with keyboard problems"
        )
        return "\n".join(lines)


@cache
def axe_script() -> str:
    return AXE_SOURCE.read_text(encoding="utf-8")


def axe_violations(page: Page) -> list[dict]:
    """axe-core's violations for the WCAG 2.2 A and AA rules on the current page."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Sending axe-core's half a megabyte to every page took as long as running it:
        # the context keeps it and adds it to each later page as that page loads.
        if page.context not in PRELOADED:
            page.context.add_init_script(axe_script())
            PRELOADED.add(page.context)
        page.add_script_tag(content=axe_script())
    # Only violations cross back to Python: passes and inapplicable rules are most of
    # axe's result, and serialising them took longer than the rules themselves.
    return page.evaluate(
        """tags => axe.run(document, {runOnly: {type: 'tag', values: tags},
                                       resultTypes: ['violations']})
                  .then(result => result.violations)""",
        WCAG_22_AA,
    )


def assert_accessible(page: Page, log: AxeLog, label: str | None = None) -> None:
    violations = axe_violations(page)
    name = label or urlparse(page.url).path
    log.record(name, [v["id"] for v in violations])
    details = [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + "; ".join(n["target"][0] if n["target"] else "?" for n in v["nodes"][:3])
        for v in violations
    ]
    assert not violations, f"axe violations on {name}:\n" + "\n".join(details)


def assert_no_sideways_scroll(page: Page) -> None:
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px"


def copy_page_without_scripts(source: Page, target: Page, origin: str) -> None:
    """Show ``source``'s document, as it stands, in ``target`` with every script removed.

    axe-core cannot run where page JavaScript is off (its timers never fire), so a page
    opened with JavaScript off is checked through this copy in a context with it on: same
    markup, same styles, same viewport if the contexts match, and no script to change it.
    """
    html = source.evaluate("""() => { const copy = document.documentElement.cloneNode(true);
        copy.querySelectorAll('script').forEach(s => s.remove());
        return copy.outerHTML }""")
    if not target.url.startswith(origin):
        target.goto(f"{origin}/healthz")  # same origin, so the page's styles load
    target.set_content("<!DOCTYPE html>" + html)
    # A new document, seen as it first loads: the previous copy's scroll position (the
    # keyboard walk scrolls) would otherwise carry over, with the sticky "Exit this page"
    # button drawn over whatever the scroll left under it.
    target.evaluate("() => window.scrollTo(0, 0)")


def assert_works_without_script(page: Page, quick_exit: bool = True) -> None:
    """Nothing on the page needs JavaScript: no control that only a script could work is
    shown (read aloud, copy), and the quick exit (on respondents' pages) is a plain link
    to Sayso's exit."""
    state = page.evaluate("""() => ({
        enhanced: document.body.classList.contains('js-enabled'),
        scriptOnly: [...document.querySelectorAll(
            'button[type=button], [data-sayso-read-aloud], .sayso-copy')]
            .filter(el => el.checkVisibility()).map(el => el.outerHTML.slice(0, 80)),
        exits: [...document.querySelectorAll('.govuk-exit-this-page__button')]
            .map(el => [el.tagName, new URL(el.href, location).pathname, el.checkVisibility()]),
    })""")
    assert not state["enhanced"], f"{page.url} ran a script"
    assert not state["scriptOnly"], f"controls that need JavaScript on {page.url}: {state}"
    exits = [["A", "/exit", True]] if quick_exit else []
    assert state["exits"] == exits, f"quick exit on {page.url}: {state}"
