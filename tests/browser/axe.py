"""Run axe-core (served from node_modules, never a CDN) in a page and collect violations."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from playwright.sync_api import Page

AXE_SOURCE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


@dataclass
class AxeLog:
    """Violations per page, for the summary table printed at the end of the run."""

    pages: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def record(self, label: str, violations: list[str]) -> None:
        self.pages[label].extend(violations)

    def summary(self) -> str:
        width = max([len(k) for k in self.pages] + [10])
        lines = [f"{'page':<{width}}  violations", f"{'-' * width}  ----------"]
        for label, violations in sorted(self.pages.items()):
            lines.append(
                f"{label:<{width}}  {len(violations)}"
                + (f"  {', '.join(sorted(set(violations)))}" if violations else "")
            )
        return "\n".join(lines)


def axe_violations(page: Page) -> list[dict]:
    """axe-core's violations for the WCAG 2.2 A and AA rules on the current page."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE_SOURCE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_22_AA
    )
    return result["violations"]


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
