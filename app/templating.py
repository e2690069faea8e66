"""Jinja for Sayso's pages, made cheaper where respondent pages spend their time.

Rendering the GOV.UK Frontend macros is most of what a respondent page costs. These cut
that without changing a byte of the HTML:

- ``fragment``: much of a page (the skip link, "Exit this page", the language list, the
  footer, the buttons) is identical for everyone reading in the same language. In a
  template, ``{% call fragment("footer") %}...{% endcall %}`` renders its body the first
  time for each name, extra key and language, and reuses the HTML after that. Wrap only
  what depends on nothing but the language and the extra keys given: never a CSRF token,
  a nonce, form values, flashed messages or anything about the visitor. While templates
  reload on change (development), nothing is kept.
- ``COMPILED``: a template compiled once is kept for the life of the process, so every
  app built in it (a web server's workers each build one; a test run builds hundreds)
  compiles each template once. The compiled code is found by the template's name, file
  and source checksum and the environment's syntax settings: an edited template, or an
  environment set up differently, is compiled afresh.
- ``SaysoEnvironment``: each ``{% from ... import %}`` (the GOV.UK macros import each
  other, some twenty times a page) makes Jinja check that the importing template has no
  globals the imported one lacks, a set difference that went through
  ``collections.ChainMap`` one key at a time in Python; here it is one C-level operation.
"""

from __future__ import annotations

from collections import ChainMap
from collections.abc import Callable, Hashable, MutableMapping
from typing import Any, TypeVar

from flask import Flask, current_app
from flask.templating import Environment
from flask_babel import format_date
from jinja2.bccache import Bucket, BytecodeCache

from app.form_of_address import speaking_informally
from app.languages import current_language

FRAGMENTS = "sayso_fragments"
FIELDS = "sayso_fields"
# Fragments are few (a handful of names, each with a few keys, per language). Choices
# made on checkbox questions could make many field states: that store stops growing here
# (about 5,000 fields of 2 to 6 KB) and later states are rendered each time.
STORE_LIMITS = {FIELDS: 5_000}
T = TypeVar("T")


class TemplateGlobals(ChainMap):
    """A template's globals over the environment's, as Jinja makes them, with set-like
    ``keys()`` computed in C (Jinja subtracts them from a set on every import)."""

    def keys(self) -> Any:
        keys: set[str] = set()
        for mapping in self.maps:
            keys.update(mapping.keys())
        return keys


class ProcessBytecodeCache(BytecodeCache):
    """Compiled templates in memory, shared by every Jinja environment in the process.

    Jinja checks each entry's source checksum before using it; the key adds what in the
    environment changes the compiled code (its class, syntax and extensions)."""

    def __init__(self) -> None:
        self._store: dict[tuple[Hashable, ...], bytes] = {}

    @staticmethod
    def _key(bucket: Bucket) -> tuple[Hashable, ...]:
        env = bucket.environment
        syntax = (
            *(env.block_start_string, env.block_end_string),
            *(env.variable_start_string, env.variable_end_string),
            *(env.comment_start_string, env.comment_end_string),
            *(env.line_statement_prefix, env.line_comment_prefix),
            *(env.trim_blocks, env.lstrip_blocks, env.newline_sequence),
            env.keep_trailing_newline,
            env.optimized,
        )
        return (type(env), syntax, tuple(sorted(env.extensions)), bucket.key)

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._store.get(self._key(bucket))
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._store[self._key(bucket)] = bucket.bytecode_to_string()


COMPILED = ProcessBytecodeCache()


class SaysoEnvironment(Environment):
    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        return TemplateGlobals({} if d is None else d, self.globals)


def kept(store_name: str, key: tuple[Hashable, ...], make: Callable[[], T]) -> T:
    """``make()``'s result, kept in the app's store ``store_name`` under ``key`` plus the
    page's language and register (formal or informal), and made again only when missing
    (or while templates reload on change, so an edited template or translation shows at
    once). HTML is kept and returned as the template rendered it (markup, already
    escaped), never marked safe here. A store with a limit (``STORE_LIMITS``) keeps
    nothing more once full."""
    if current_app.jinja_env.auto_reload:
        return make()
    store: dict[tuple[Hashable, ...], T] = current_app.extensions.setdefault(store_name, {})
    full_key = (current_language(), speaking_informally(), *key)
    value = store.get(full_key)
    if value is None:
        # Two threads may both make a missing entry; they store equal values.
        value = make()
        limit = STORE_LIMITS.get(store_name)
        if limit is None or len(store) < limit:
            store[full_key] = value
    return value


def cached_fragment(name: str, *key: Hashable, caller: Callable[[], str]) -> str:
    """The body of a ``{% call fragment(name, *key) %}`` block, rendered once per language
    and register."""
    return kept(FRAGMENTS, (name, *key), caller)


def use_sayso_environment(app: Flask) -> None:
    """Before ``app.jinja_env`` is first used: the faster environment, and ``fragment``."""
    if "jinja_env" in app.__dict__:
        raise RuntimeError("the Jinja environment was made before Sayso could choose its class")
    app.jinja_environment = SaysoEnvironment
    app.jinja_env.bytecode_cache = COMPILED
    app.jinja_env.globals["fragment"] = cached_fragment
    app.jinja_env.filters["long_date"] = long_date


def long_date(value: Any) -> str:
    """A day as the page's language writes it ("20 December 2026", "20 Rhagfyr 2026")."""
    return format_date(value, "d MMMM y") if value else ""
