"""Every log line a test run produces is kept in a file and searched for secrets at the end.

A pytest plugin (registered in ``tests/conftest.py``). For the whole session it attaches
one handler, at DEBUG, to the root logger and to the web server and worker loggers, and
writes each formatted record (with any traceback) to ``sayso-test-logs/run.log`` in a
temporary folder. When the run ends it searches that file, and any ``*.log`` file that
test helpers write into the same folder (its path is in ``SAYSO_TEST_LOG_DIR`` for
subprocesses), for:

- link tokens: ``/r/<token>`` and ``/staff/set-password/<token>`` with a real token, and
  API tokens (``sayso_...``);
- the passwords the tests type (read from the tests' own source, see
  :func:`typed_passwords`) and any value a test registers with :func:`register_secret`
  (the tokens and passwords it made);
- free-text canaries: anything containing :data:`CANARY`;
- email addresses: staff and respondent addresses are personal data, and the app logs
  account ids instead.

A finding fails the run (exit status 1) with the file, line number and kind of secret,
never the secret itself. The handler sees records before the app's handler-level token
filter (``app/log_privacy.py``) runs, so code that relies on that safety net is caught
too; logger-level filters (the access logs') still apply, as they do in production.
"""

from __future__ import annotations

import ast
import itertools
import logging
import os
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import pytest

from app.log_privacy import TokenRedactingFilter

TESTS = Path(__file__).resolve().parent
# Free text that tests type when they want to prove it never reaches a log.
CANARY = "zqx-canary"
# Loggers of test equipment, not of Sayso: the fake SMTP server logs the messages it
# receives (a recipient's mailbox, not Sayso's log).
EQUIPMENT_LOGGERS = ("mail.log",)
EXTRA_LOGGERS = ("werkzeug", "gunicorn", "gunicorn.access", "gunicorn.error", "celery")
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

TOKEN_PATH = re.compile(r"/(?:r|staff/set-password)/[A-Za-z0-9_-]{16,}")
API_TOKEN = re.compile(r"sayso_[A-Za-z0-9_-]{20,}")
QUERY_TOKEN = re.compile(r"[?&;](?:access_token|token|code)=[^&;\s\"'…]{6,}", re.IGNORECASE)
EMAIL = re.compile(r"[A-Za-z0-9._%+=()-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
PATTERNS = (
    ("a link token", TOKEN_PATH),
    ("an API token", API_TOKEN),
    ("a token in a query string", QUERY_TOKEN),
    ("an email address", EMAIL),
)

_registered: set[str] = set()
_subprocess_numbers = itertools.count(1)


@dataclass(frozen=True)
class Finding:
    path: Path
    line: int
    kind: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.kind}"


def register_secret(value: str) -> str:
    """Have the end-of-run scan look for ``value`` (a token, password or canary)."""
    if len(value) >= 6:
        _registered.add(value)
    return value


def subprocess_log(name: str) -> TextIO | None:
    """A file for a subprocess's output (a Celery worker's), scanned with the run's log.

    None when the scan is off. The caller writes each line as it reads it and closes the
    file when the process ends.
    """
    folder = os.environ.get("SAYSO_TEST_LOG_DIR")
    if not folder:
        return None
    path = Path(folder) / f"{name}-{os.getpid()}-{next(_subprocess_numbers)}.log"
    return path.open("a", encoding="utf-8")


def typed_passwords(root: Path = TESTS) -> set[str]:
    """Every password the tests type: string constants named or keyed ``password``.

    Read from the source so a new test's password is covered without a list to update.
    Short ones ("x", "short") are left out: they match ordinary words.
    """
    found: set[str] = set()
    for path in root.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            found |= _password_constants(node)
    return {value for value in found if len(value) >= 8 and "@" not in value}


def _password_constants(node: ast.AST) -> set[str]:
    def text(value: ast.AST | None) -> set[str]:
        ok = isinstance(value, ast.Constant) and isinstance(value.value, str)
        return {value.value} if ok else set()  # type: ignore[union-attr]

    if isinstance(node, ast.Assign):
        names = [t.id for t in node.targets if isinstance(t, ast.Name)]
        if any("PASSWORD" in name.upper() for name in names):
            return text(node.value)
    if isinstance(node, ast.keyword) and node.arg and "password" in node.arg:
        return text(node.value)
    if isinstance(node, ast.Dict):
        return {
            value
            for key, item in zip(node.keys, node.values, strict=True)
            if key is not None and text(key) & {"password", "confirm"}
            for value in text(item)
        }
    if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("sign_in", "make_staff"):
        return set().union(*(text(arg) for arg in node.args[2:3])) if node.args else set()
    return set()


def scan_lines(lines: Iterable[str], secrets: Iterable[str], path: Path) -> list[Finding]:
    """Where in ``lines`` a secret appears, and what kind (never the secret itself)."""
    wanted = [s for s in secrets if s]
    findings = []
    for number, line in enumerate(lines, start=1):
        kinds = [kind for kind, pattern in PATTERNS if pattern.search(line)]
        if CANARY in line:
            kinds.append("a free-text canary")
        if any(secret in line for secret in wanted):
            kinds.append("a test password or registered secret")
        findings.extend(Finding(path, number, kind) for kind in kinds)
    return findings


def scan_files(paths: Iterable[Path], secrets: Iterable[str]) -> list[Finding]:
    secrets = list(secrets)
    findings: list[Finding] = []
    for path in paths:
        with path.open(encoding="utf-8", errors="replace") as lines:
            findings.extend(scan_lines(lines, secrets, path))
    return findings


class RunLogHandler(logging.FileHandler):
    """Writes every record once, even when it reaches this handler from two loggers."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, encoding="utf-8", delay=False)
        self.setLevel(logging.DEBUG)
        self.setFormatter(logging.Formatter(FORMAT))
        self._last: logging.LogRecord | None = None

    def addFilter(self, filter: object) -> None:
        # The app adds its token filter to every root handler; this one records what the
        # code logged, so a leak the filter would have hidden still counts.
        if not isinstance(filter, TokenRedactingFilter):
            super().addFilter(filter)  # type: ignore[arg-type]

    def emit(self, record: logging.LogRecord) -> None:
        if record is self._last or record.name.startswith(EQUIPMENT_LOGGERS):
            return
        self._last = record
        super().emit(record)


class LogScan:
    """One run's log folder. Under pytest-xdist the controller makes the folder and hands
    it to every worker; each worker writes its own ``run-<worker>.log`` there, and only
    the controller (or a plain run) scans, once all workers have finished."""

    def __init__(self) -> None:
        self.folder: Path | None = None
        self.path = Path()
        self.handler: RunLogHandler | None = None
        self.findings: list[Finding] = []
        self.scans = True
        self._levels: dict[str, int] = {}

    def start(self, folder: Path | None = None, worker: str | None = None) -> None:
        self.scans = worker is None
        self.folder = folder or Path(tempfile.mkdtemp(prefix="sayso-test-logs-"))
        self.path = self.folder / (f"run-{worker}.log" if worker else "run.log")
        self.handler = RunLogHandler(self.path)
        os.environ["SAYSO_TEST_LOG_DIR"] = str(self.folder)
        for name in ("", *EXTRA_LOGGERS):
            logger = logging.getLogger(name or None)
            logger.addHandler(self.handler)
        root = logging.getLogger()
        self._levels[""] = root.level
        root.setLevel(logging.DEBUG)

    def finish(self) -> list[Finding]:
        if self.handler is None or self.folder is None:
            return []
        for name in ("", *EXTRA_LOGGERS):
            logging.getLogger(name or None).removeHandler(self.handler)
        logging.getLogger().setLevel(self._levels.get("", logging.WARNING))
        self.handler.close()
        if not self.scans:
            return []
        files = sorted(self.folder.glob("*.log"))
        self.findings = scan_files(files, typed_passwords() | _registered_everywhere())
        return self.findings


def _registered_everywhere() -> set[str]:
    """Secrets registered in this process and, under xdist, by every worker (each worker
    writes its own into the shared folder as it finishes)."""
    found = set(_registered)
    if _scan.folder is not None:
        for path in _scan.folder.glob("registered-*.txt"):
            found |= set(path.read_text(encoding="utf-8").splitlines())
    return found


_scan = LogScan()


def run_log_position() -> int:
    """Where the run's log file ends now, to read what a test adds after this point."""
    assert _scan.handler is not None
    _scan.handler.flush()
    return _scan.path.stat().st_size if _scan.path.exists() else 0


def run_log_since(position: int) -> list[str]:
    """The run log's lines written since ``position`` (before any token filter ran)."""
    assert _scan.handler is not None
    _scan.handler.flush()
    with _scan.path.open(encoding="utf-8", errors="replace") as log_file:
        log_file.seek(position)
        return log_file.read().splitlines()


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node) -> None:  # type: ignore[no-untyped-def]
    """xdist controller: every worker writes its log into the controller's folder."""
    if _scan.folder is not None:
        node.workerinput["sayso_log_dir"] = str(_scan.folder)


def pytest_sessionstart(session: pytest.Session) -> None:
    workerinput = getattr(session.config, "workerinput", None)
    if workerinput is None:
        _scan.start()
    else:
        _scan.start(Path(workerinput["sayso_log_dir"]), workerinput["workerid"])


@pytest.hookimpl(tryfirst=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if not _scan.scans and _scan.folder is not None:
        worker = session.config.workerinput["workerid"]  # type: ignore[attr-defined]
        (_scan.folder / f"registered-{worker}.txt").write_text(
            "\n".join(sorted(_registered)), encoding="utf-8"
        )
    if _scan.finish() and session.exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not _scan.scans:
        return
    terminalreporter.write_sep("-", "log scan")
    terminalreporter.write_line(f"every log line of this run: {_scan.folder}")
    if not _scan.findings:
        terminalreporter.write_line("no tokens, passwords, emails or free-text canaries found")
        return
    terminalreporter.write_line(
        f"FAILED: {len(_scan.findings)} secret(s) in the logs (the lines say what kind):",
        red=True,
    )
    for finding in _scan.findings[:50]:
        terminalreporter.write_line(f"  {finding}", red=True)
