"""The web app registers the worker tasks it queues without building the worker's app."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import make_app

PROBE = """
import app
made = []
original = app.create_app
def counting(*args, **kwargs):
    made.append(1)
    return original(*args, **kwargs)
app.create_app = counting
web = app.create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "k" * 32})
assert "code-new-comments" in web.extensions["celery"].tasks, "tasks not registered"
print(len(made))
import workers
print(workers.celery is not web.extensions["celery"], len(made))
"""


def test_the_web_app_registers_tasks_once_and_the_worker_app_is_made_on_demand():
    # A fresh interpreter: the test process has imported the worker package already.
    done = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=False, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    # One app for the web process; the worker entry point makes its own only when asked.
    assert done.stdout.split() == ["1", "True", "2"]


def test_celery_finds_the_worker_app_from_the_package_name(tmp_path):
    from celery.app.utils import find_app

    make_app(f"sqlite:///{tmp_path / 'sayso.db'}", str(tmp_path / "instance"))
    found = find_app("workers")
    assert "notify-alert" in found.tasks
