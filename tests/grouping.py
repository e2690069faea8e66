"""Which tests pytest-xdist hands out together.

Tests are handed out one at a time, except that the tests of a module with a fixture
made once per module or class (demo data on PostgreSQL, a trained model) go to one
worker as one group; otherwise each worker that ran one of them would build that set-up
again. pytest-xdist's own ``xdist_group`` marks do not reach its scheduler with this
pytest (it renames an attribute pytest no longer reads), so the scheduler here decides
from the module's source, which it can read without collecting the tests.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from xdist.scheduler import LoadScopeScheduling

SHARED_SCOPE = re.compile(r"""@pytest\.fixture\([^)]*scope=["'](module|class)["']""")


@cache
def module_shares_a_setup(path: str) -> bool:
    """True when the test module at ``path`` defines a module- or class-scoped fixture."""
    try:
        return SHARED_SCOPE.search(Path(path).read_text(encoding="utf-8")) is not None
    except OSError:
        return False


class ModulesWithSharedSetUp(LoadScopeScheduling):
    """One test per work unit, but one unit for a module that shares a set-up."""

    def __init__(self, config: pytest.Config, log: object = None) -> None:
        super().__init__(config, log)  # type: ignore[arg-type]
        self.root = config.rootpath

    def _split_scope(self, nodeid: str) -> str:
        module = nodeid.split("::", 1)[0]
        return module if module_shares_a_setup(str(self.root / module)) else nodeid


def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> LoadScopeScheduling:
    return ModulesWithSharedSetUp(config, log)
