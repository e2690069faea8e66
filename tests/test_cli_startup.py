"""``sayso --help`` and a command's ``--help`` start without building the app.

Timing a command on a shared machine proves little; what makes it slow is what it
imports, so that is what is checked, in a fresh interpreter (``bench/cli_bench.py``
times it). The commands still work through the same entry point, with the app built
for them.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ENV = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(Path(__file__).parents[1])}

# The text-analysis libraries, and what building the app loads: the app itself, the ORM
# and its models, the migrations and the report's code.
HEAVY = (
    "nltk",
    "sklearn",
    "numpy",
    "scipy",
    "tokenizers",
    "openpyxl",
    "app.factory",
    "app.models",
    "app.extensions",
    "sqlalchemy.orm",
    "alembic",
    "app.report.build",
)
SCRIPT = """
import json, sys
sys.argv = ["sayso", *json.loads(sys.argv[1])]
from app.cli import main
try:
    main()
except SystemExit:
    pass
print(json.dumps(sorted(n for n in {heavy} if n in sys.modules)), file=sys.stderr)
"""


@pytest.mark.parametrize("args", [["--help"], ["report", "build", "--help"]])
def test_help_imports_no_text_analysis_library(args, tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT.format(heavy=HEAVY), json.dumps(args)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        env=ENV,
    )
    assert "Usage: sayso" in result.stdout, result.stderr
    imported = json.loads(result.stderr.strip().splitlines()[-1])
    assert imported == []


def test_the_screen_still_loads_its_files_when_it_first_screens(tmp_path):
    script = (
        "import sys\n"
        "from app import create_app\n"
        "from app.safeguard.screening import screen_text\n"
        "app = create_app(background=True, load_screen_now=False)\n"
        "assert 'sklearn' not in sys.modules\n"
        "print(screen_text('my stepdad hits me when mum is out').concern)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
        env=ENV,
    )
    assert result.stdout.strip() == "True", result.stderr[-2000:]


def test_the_help_lists_what_the_app_registers_with_the_same_lines():
    """The list of commands ``sayso`` keeps is the app's own: a command added to the app
    and not to the list, or a help line changed in one place only, fails here."""
    from click.testing import CliRunner
    from flask.cli import FlaskGroup

    from app.cli import COMMANDS, cli, create_background_app, load_command

    app = create_background_app()
    stock = FlaskGroup(create_app=lambda: app, help=cli.help)
    runner = CliRunner()
    ours = runner.invoke(cli, ["--help"], prog_name="sayso")
    flasks = runner.invoke(stock, ["--help"], prog_name="sayso")
    assert ours.exit_code == 0, ours.output
    assert ours.output == flasks.output
    registered = set(app.cli.commands) | {"limiter"}
    assert set(COMMANDS) == registered
    for name, command in app.cli.commands.items():
        assert load_command(name) is command, name


ENTRY = "import sys; sys.argv[0] = 'sayso'; from app.cli import main; main()"


def run_sayso(args: list[str], tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", ENTRY, *args],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
        env=ENV | env,
    )


def test_commands_run_with_the_app_built_for_them(tmp_path):
    """Through the real entry point: the database is migrated, surveys published, a
    command added to a group by another module (erase) runs in the app's context, and a
    bad period gets the report's own message."""
    database = {"SAYSO_DATABASE_URL": f"sqlite:///{tmp_path / 'sayso.db'}"}
    upgraded = run_sayso(["db", "upgrade"], tmp_path, **database)
    assert upgraded.returncode == 0, upgraded.stderr[-2000:]
    published = run_sayso(["surveys", "publish"], tmp_path, **database)
    assert published.returncode == 0, published.stderr[-2000:]
    assert "lac-review-young-person" in published.stdout + published.stderr

    erased = run_sayso(["responses", "erase", "--response", "999", "--yes"], tmp_path, **database)
    assert erased.returncode == 1
    assert "999" in erased.stderr
    assert "Traceback" not in erased.stderr

    report = ["report", "build", "--survey", "lac-review-young-person", "--period", "someday"]
    refused = run_sayso(report, tmp_path, **database)
    assert refused.returncode == 2
    assert "2026-Q3" in refused.stderr
    assert "Traceback" not in refused.stderr

    built = run_sayso([*report[:-1], "2026-Q3"], tmp_path, **database)
    assert built.returncode == 0, built.stderr[-2000:]
    report_json = json.loads(built.stdout)
    assert (report_json["survey"], report_json["period"]) == ("lac-review-young-person", "2026-Q3")
