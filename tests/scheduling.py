"""How the suite shares the machine: how many workers, and which tests start first.

Most of the suite's time is spent waiting (on Chromium, on a worker process, on a Redis
that a fault test stopped on purpose), not computing, so ``-n auto`` starts two workers
per core rather than one. And the longest tests (the fault tests, then the modules that
share an expensive set-up, then the browser walks) are handed out first, so no worker is
left with one long test at the end while the others sit idle.

Tests are handed out one at a time, but a module with a shared set-up goes to one
worker whole (tests/grouping.py).
"""

from __future__ import annotations

import os

import pytest

from tests.grouping import module_shares_a_setup

WORKERS_PER_CORE = 2


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """The number of workers ``-n auto`` starts: ``SAYSO_TEST_WORKERS`` if set, else two
    per core (at least one)."""
    chosen = os.environ.get("SAYSO_TEST_WORKERS", "")
    if chosen.isdecimal():
        return int(chosen)
    return max(1, (os.cpu_count() or 1) * WORKERS_PER_CORE)


def start_order(item: pytest.Item) -> int:
    """0 for the fault tests, 1 for modules with a shared set-up, 2 for the browser
    tests, 3 for everything else."""
    if item.get_closest_marker("faults") is not None:
        return 0
    if module_shares_a_setup(str(item.path)):
        return 1
    if item.get_closest_marker("browser") is not None:
        return 2
    return 3


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Longest first; within a kind, the order tests were collected in (a stable sort),
    so every worker agrees on the order, as pytest-xdist requires."""
    items.sort(key=start_order)
