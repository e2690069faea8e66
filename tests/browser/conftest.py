"""Browser tests: Sayso served on a real port, driven by Debian's Chromium through Playwright.

No browser is downloaded: Playwright launches ``/usr/bin/chromium`` (override with
``SAYSO_CHROMIUM``). Every page a test visits is checked with axe-core.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask_migrate import upgrade

from app.extensions import db
from app.survey.publishing import publish_directory
from tests.browser.axe import AxeLog
from tests.browser.coding_data import coding_comments  # noqa: F401 - one session fixture for all
from tests.conftest import DATA, SURVEYS, make_app
from tests.serving import serving

CHROMIUM = os.environ.get("SAYSO_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args() -> dict:
    if not Path(CHROMIUM).exists() and not shutil.which(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium package")
    return {"executable_path": CHROMIUM, "args": CHROMIUM_ARGS, "headless": True}


@pytest.fixture(scope="session")
def browser_context_args() -> dict:
    return {"viewport": {"width": 320, "height": 640}, "bypass_csp": True, "locale": "en-GB"}


@pytest.fixture(scope="session")
def live_database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The live server's SQLite database, for tests that add their own data (staff accounts)."""
    return f"sqlite:///{tmp_path_factory.mktemp('live') / 'sayso.db'}"


@pytest.fixture(scope="session")
def live_server(live_database_url: str) -> Iterator[str]:
    """Sayso on 127.0.0.1 with its own SQLite database and every shipped survey."""
    app = make_app(live_database_url)
    with app.app_context():
        upgrade()
        publish_directory(db.session, SURVEYS)
        publish_directory(db.session, DATA / "surveys")
        db.session.commit()
        db.session.remove()
    with serving(app) as base:
        yield base


AXE_LOG = AxeLog()


@pytest.fixture(scope="session")
def axe_log() -> AxeLog:
    """Every page's axe result, printed as a table at the end of the run."""
    return AXE_LOG


def pytest_terminal_summary(terminalreporter) -> None:  # type: ignore[no-untyped-def]
    if AXE_LOG.pages:
        terminalreporter.section("accessibility: pages checked with axe-core (WCAG 2.2 A, AA)")
        terminalreporter.write_line(AXE_LOG.summary())


@pytest.fixture(scope="session")
def chair_and_lead(live_server: str, live_database_url: str) -> None:
    """A chair, a safeguarding lead and a participation lead in team North, with passwords."""
    from tests.browser.staff import PASSWORD, run_cli

    for email, role in (
        ("chair@example.org", "iro"),
        ("lead@example.org", "safeguarding_lead"),
        ("plead@example.org", "participation_lead"),
    ):
        run_cli(
            live_database_url,
            "users",
            "create",
            "--email",
            email,
            "--role",
            role,
            "--team",
            "North",
            "--password-stdin",
            stdin=PASSWORD + "\n",
        )
