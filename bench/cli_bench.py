"""How long the ``sayso`` command takes to answer ``--help`` (not a test).

Each command runs in a fresh interpreter, as a person typing it would start one, from a
folder with no ``.env``. In the same run, for comparison:

- ``python -c pass``: the interpreter alone, the floor;
- ``import flask.cli``: the least any Flask command line imports;
- ``help, app built``: ``sayso --help`` as Flask's own command group answers it, building
  the whole app to find the commands (what ``sayso --help`` did before).

    .venv/bin/python bench/cli_bench.py --runs 7

Goal: ``sayso --help`` and ``sayso report build --help`` under 1 s. Figures are the
median and the slowest of ``--runs`` runs after one warm-up, wall time.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

ENTRY = "import sys; sys.argv[0] = 'sayso'; from app.cli import main; main()"
STOCK = (
    "import sys; sys.argv[0] = 'sayso'\n"
    "from flask.cli import FlaskGroup\n"
    "from app.cli import create_background_app\n"
    "FlaskGroup(create_app=create_background_app)()\n"
)

CASES = [
    ("python -c pass", ["-c", "pass"]),
    ("import flask.cli", ["-c", "import flask.cli"]),
    ("help, app built", ["-c", STOCK, "--help"]),
    ("sayso --help", ["-c", ENTRY, "--help"]),
    ("sayso report build --help", ["-c", ENTRY, "report", "build", "--help"]),
    ("sayso themes train --help", ["-c", ENTRY, "themes", "train", "--help"]),
]


def time_once(args: list[str], folder: str) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, *args],
        cwd=folder,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)},
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        print(f"{'command':<28} {'median':>8} {'slowest':>8}")
        for label, args in CASES:
            time_once(args, folder)
            times = [time_once(args, folder) for _ in range(options.runs)]
            print(f"{label:<28} {statistics.median(times):>7.2f}s {max(times):>7.2f}s")


if __name__ == "__main__":
    main()
