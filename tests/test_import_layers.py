"""Sayso's packages keep to their layers (tests/import_layers.py, docs/architecture.md)."""

from __future__ import annotations

import textwrap

import pytest

from tests import import_layers
from tests.import_layers import all_imports, imports_in, mutual_pairs, private_reach, upward


def describe(found: list[import_layers.Import]) -> str:
    return "\n".join(f"{i.path}:{i.line} {i.source} imports {i.module}" for i in found)


def test_nothing_below_imports_from_above():
    assert not (broken := upward(all_imports())), describe(broken)


def test_no_two_packages_import_each_other():
    assert mutual_pairs(all_imports()) == []


def test_no_package_reaches_into_another_features_views_or_forms():
    assert not (broken := private_reach(all_imports())), describe(broken)


def test_every_package_has_a_place_in_the_layers():
    """A new package must be given its layer, or the rules above would not see it."""
    app_dir = import_layers.ROOT / "app"
    packages = {f"app.{path.name}" for path in app_dir.iterdir() if (path / "__init__.py").exists()}
    placed = {p for _, members in import_layers.LAYERS for p in members}
    assert packages - placed == set()


@pytest.fixture()
def planted(tmp_path, monkeypatch):
    """A throwaway copy of the layout, to plant imports in: the rules must catch them."""
    root = tmp_path
    for package in ("survey", "responses", "respond", "report", "safeguard", "coding"):
        (root / "app" / package).mkdir(parents=True)
        (root / "app" / package / "__init__.py").write_text("")
    (root / "app" / "__init__.py").write_text("")
    (root / "app" / "clock.py").write_text("")
    monkeypatch.setattr(import_layers, "ROOT", root)

    def plant(path: str, source: str) -> list[import_layers.Import]:
        file = root / path
        file.write_text(textwrap.dedent(source))
        return imports_in(file)

    return plant


def test_a_shared_module_importing_a_feature_is_caught(planted):
    found = planted("app/responses/models.py", "from app.report.build import x\n")
    assert [(i.source, i.target) for i in upward(found)] == [("app.responses", "app.report")]


def test_infrastructure_importing_a_feature_inside_a_function_is_caught(planted):
    found = planted("app/clock.py", "def now():\n    from app.respond.views import blueprint\n")
    assert [(i.source, i.module) for i in upward(found)] == [("app.*", "app.respond.views")]


def test_an_earlier_feature_importing_a_later_one_is_caught(planted):
    found = planted("app/safeguard/alerts.py", "from app.coding.runs import code\n")
    assert len(upward(found)) == 1
    allowed = planted("app/coding/runs.py", "from app.safeguard.alerts import raise_alert\n")
    assert upward(allowed) == []


def test_a_feature_using_anothers_form_is_caught(planted):
    found = planted("app/report/build.py", "from app.respond.forms import DayMonthYearField\n")
    assert upward(found) == []  # respond comes before report: the direction is allowed
    assert [i.module for i in private_reach(found)] == ["app.respond.forms"]


def test_two_packages_importing_each_other_are_caught(planted):
    found = planted("app/coding/a.py", "import app.report.b\n")
    found += planted("app/report/b.py", "from app.coding import a\n")
    assert mutual_pairs(found) == [("app.coding", "app.report")]
