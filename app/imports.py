"""Heavy libraries imported on first use rather than when a module is imported.

NumPy, SciPy, scikit-learn, NLTK and the tokenizer take seconds to import, and the web
app, ``sayso --help`` and most commands import the text-analysis modules (through the
report and coding code) without analysing any text. A module that needs one of them
names it here and pays for the import the first time it actually uses it.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any


class ModuleOnFirstUse:
    """Stands in for a module; the first attribute read imports the real one."""

    def __init__(self, name: str) -> None:
        self._name = name
        self._module: ModuleType | None = None

    def __getattr__(self, attribute: str) -> Any:
        if attribute.startswith("__"):
            raise AttributeError(attribute)
        module = self._module
        if module is None:
            module = self._module = importlib.import_module(self._name)
        return getattr(module, attribute)

    def __repr__(self) -> str:
        return f"<{self._name}, imported on first use>"


def import_on_first_use(name: str) -> Any:
    """``name`` as a module object that imports itself when first used."""
    return ModuleOnFirstUse(name)
