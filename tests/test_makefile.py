"""`PORT=8000 make run` serves on 8000 and makes links for 8000."""

from __future__ import annotations

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_recipe(port: str) -> str:
    """The shell commands ``make run`` would run (``-n``: printed, not run)."""
    made = subprocess.run(
        ["make", "--no-print-directory", "-n", "-o", "install", "run", f"PORT={port}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return made.stdout


def test_base_url_follows_the_port(tmp_path):
    recipe = run_recipe("8000")
    serve = [
        line for line in recipe.splitlines() if "SAYSO_BASE_URL" in line or "sayso run" in line
    ]
    assert "--port 8000" in recipe
    # Run the part that sets the base URL in a clean shell (no .env here) and read it back.
    script = recipe[recipe.index("if [ -z") : recipe.index("sayso run")].rsplit(";", 1)[0]
    shown = subprocess.run(
        ["sh", "-c", script.replace("\\\n", " ") + "; echo $SAYSO_BASE_URL"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert shown.stdout.strip() == "http://127.0.0.1:8000", serve
