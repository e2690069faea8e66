"""``sayso --help`` starts without the heavy text-analysis libraries.

Timing a command on a shared machine proves little; what makes it slow is what it
imports, so that is what is checked, in a fresh interpreter.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ENV = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(Path(__file__).parents[1])}

HEAVY = ("nltk", "sklearn", "numpy", "scipy", "tokenizers", "openpyxl")
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
