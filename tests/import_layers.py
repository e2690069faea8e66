"""Sayso's layers, and a count of the imports that break them.

Run as a script (``python -m tests.import_layers``) it prints, for the code as it is:
the imports that run from a lower package up to a higher one, the pairs of packages that
import each other, and the imports of another feature's views or forms. The test in
``tests/test_import_layers.py`` holds the code to these rules; ``docs/architecture.md``
draws them.

The layers, lowest first. A package may import itself and anything in a lower layer.
Packages in the same layer may not import each other, with one exception: the feature
layer is ordered, and a feature may import the features listed before it.
"""

from __future__ import annotations

import ast
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Modules at the top of app/ that put the application together: they may import anything,
# and nothing below them may import them.
COMPOSITION = ("app", "app.factory", "app.models", "app.cli", "app.task_registry", "workers")

LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    # Infrastructure: every module directly in app/ (settings, database, clock, mail,
    # templating, forms' base, tasks' plumbing...), encryption, the channels messages
    # leave by, and the text tools.
    ("infrastructure", ("app.*", "app.crypto", "app.messaging", "app.text")),
    # What a survey is, what a question type does, who the staff are and what they may
    # see, and the record of scheduled runs.
    ("vocabulary", ("app.survey", "app.auth", "app.periodic")),
    # Answers and every count made of them: models, storing, export, periods, filters,
    # subjects, scope and disclosure control.
    ("shared", ("app.responses",)),
    # Features, in order: each may use those before it, never those after.
    (
        "features",
        (
            "app.invite",
            "app.safeguard",
            "app.themes",
            "app.coding",
            "app.respond",
            "app.actions",
            "app.report",
            "app.retention",
        ),
    ),
    # Ways in that use the features but that no feature uses.
    (
        "surfaces",
        ("app.admin", "app.api", "app.demo", "app.health", "app.translation_review"),
    ),
)
ORDERED_LAYER = "features"
# A feature's screens are its own: others use its domain modules, never these.
PRIVATE_MODULES = ("views", "forms")
PRIVATE_LAYERS = ("features", "surfaces")


@dataclass(frozen=True)
class Import:
    path: str
    line: int
    source: str  # the importing package
    target: str  # the imported package
    module: str  # the module imported, in full


def package_of(module: str) -> str | None:
    """The package of ``module`` in the layers' terms, or None outside Sayso."""
    parts = module.split(".")
    if parts[0] == "workers":
        return "workers"
    if parts[0] != "app":
        return None
    if module in COMPOSITION:
        return module
    if len(parts) >= 2 and (ROOT / "app" / parts[1]).is_dir():
        return f"app.{parts[1]}"
    return "app.*"


def rank_of(package: str) -> tuple[int, int] | None:
    """(layer, position within an ordered layer); None for the composition root."""
    for layer_index, (name, packages) in enumerate(LAYERS):
        if package in packages:
            position = packages.index(package) if name == ORDERED_LAYER else 0
            return layer_index, position
    return None


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_in(path: Path) -> list[Import]:
    """Every import of another Sayso package in the file, at any depth (a function's
    import is still a dependency)."""
    importer = module_name(path)
    source = package_of(importer)
    found: list[Import] = []
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the importing module
                base = importer.split(".")
                if path.name != "__init__.py":
                    base = base[:-1]
                base = base[: len(base) - node.level + 1]
                stem = ".".join(base + ([node.module] if node.module else []))
            else:
                stem = node.module or ""
            names = [f"{stem}.{alias.name}" for alias in node.names]
            # "from app.responses import periods" imports the module app.responses.periods.
            modules = [n for n in names if _is_module(n)] or [stem]
        elif isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        else:
            continue
        for module in modules:
            target = package_of(module)
            if target and source and target != source:
                found.append(
                    Import(str(path.relative_to(ROOT)), node.lineno, source, target, module)
                )
    return found


def _is_module(name: str) -> bool:
    path = ROOT.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def all_imports() -> list[Import]:
    found: list[Import] = []
    for folder in ("app", "workers"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            found.extend(imports_in(path))
    return found


def upward(found: list[Import]) -> list[Import]:
    """Imports from a lower package up to a higher one, or across a layer that is not
    ordered, or into the composition root from below it."""
    broken = []
    for item in found:
        source, target = rank_of(item.source), rank_of(item.target)
        if source is None:  # the composition root may import anything
            continue
        if (
            target is None
            or target[0] > source[0]
            or (
                target[0] == source[0]
                and (LAYERS[source[0]][0] != ORDERED_LAYER or target[1] > source[1])
                and "app.*" not in (item.source, item.target)
            )
        ):
            broken.append(item)
    return broken


def mutual_pairs(found: list[Import]) -> list[tuple[str, str]]:
    edges = {(item.source, item.target) for item in found}
    return sorted({tuple(sorted(edge)) for edge in edges if (edge[1], edge[0]) in edges})


def private_reach(found: list[Import]) -> list[Import]:
    """Imports of a feature's (or surface's) views or forms by another package, from
    anywhere but the composition root."""
    private_layers = {index for index, (name, _) in enumerate(LAYERS) if name in PRIVATE_LAYERS}
    return [
        item
        for item in found
        if rank_of(item.source) is not None
        and (rank_of(item.target) or (-1,))[0] in private_layers
        and item.module.split(".")[-1].endswith(PRIVATE_MODULES)
    ]


def main() -> int:
    found = all_imports()
    up, pairs, private = upward(found), mutual_pairs(found), private_reach(found)
    for item in up:
        print(f"up       {item.path}:{item.line} {item.source} -> {item.module}")
    for item in private:
        print(f"private  {item.path}:{item.line} {item.source} -> {item.module}")
    for a, b in pairs:
        print(f"mutual   {a} <-> {b}")
    counts = Counter(item.source for item in up)
    print(f"\nimports up a layer: {len(up)} (by package: {dict(sorted(counts.items()))})")
    print(f"pairs importing each other: {len(pairs)}")
    print(f"imports of another package's views or forms: {len(private)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
