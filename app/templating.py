"""Jinja for Sayso's pages, made cheaper where respondent pages spend their time.

Rendering the GOV.UK Frontend macros is most of what a respondent page costs. Two things
here cut that without changing a byte of the HTML:

- ``fragment``: much of a page (the skip link, "Exit this page", the language list, the
  footer, the buttons) is identical for everyone reading in the same language. In a
  template, ``{% call fragment("footer") %}...{% endcall %}`` renders its body the first
  time for each name, extra key and language, and reuses the HTML after that. Wrap only
  what depends on nothing but the language and the extra keys given: never a CSRF token,
  a nonce, form values, flashed messages or anything about the visitor. While templates
  reload on change (development), nothing is kept.
- ``SaysoEnvironment``: each ``{% from ... import %}`` (the GOV.UK macros import each
  other, some twenty times a page) makes Jinja check that the importing template has no
  globals the imported one lacks, a set difference that went through
  ``collections.ChainMap`` one key at a time in Python; here it is one C-level operation.
"""

from __future__ import annotations

from collections import ChainMap
from collections.abc import Callable, Hashable, MutableMapping
from typing import Any

from flask import Flask, current_app
from flask.templating import Environment

from app.languages import current_language

FRAGMENTS = "sayso_fragments"


class TemplateGlobals(ChainMap):
    """A template's globals over the environment's, as Jinja makes them, with set-like
    ``keys()`` computed in C (Jinja subtracts them from a set on every import)."""

    def keys(self) -> Any:
        keys: set[str] = set()
        for mapping in self.maps:
            keys.update(mapping.keys())
        return keys


class SaysoEnvironment(Environment):
    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        return TemplateGlobals({} if d is None else d, self.globals)


def cached_fragment(name: str, *key: Hashable, caller: Callable[[], str]) -> str:
    """The body of a ``{% call fragment(name, *key) %}`` block, rendered once per language.

    The body comes back as the template rendered it (markup, already escaped), so it is
    kept and returned as it is, never marked safe here.
    """
    if current_app.jinja_env.auto_reload:
        return caller()
    store: dict[tuple[Hashable, ...], str] = current_app.extensions[FRAGMENTS]
    full_key = (name, current_language(), *key)
    html = store.get(full_key)
    if html is None:
        # Two threads may both render a missing fragment; they store the same HTML.
        html = store[full_key] = caller()
    return html


def use_sayso_environment(app: Flask) -> None:
    """Before ``app.jinja_env`` is first used: the faster environment, and ``fragment``."""
    if "jinja_env" in app.__dict__:
        raise RuntimeError("the Jinja environment was made before Sayso could choose its class")
    app.jinja_environment = SaysoEnvironment
    app.extensions[FRAGMENTS] = {}
    app.jinja_env.globals["fragment"] = cached_fragment
