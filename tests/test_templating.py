"""Sayso's Jinja environment behaves as Jinja's own does (app/templating.py)."""

from __future__ import annotations

import jinja2
import pytest
from flask import Flask, render_template_string
from jinja2 import DictLoader

from app.templating import COMPILED, ProcessBytecodeCache


def test_templates_see_globals_added_after_they_were_loaded(sqlite_app: Flask):
    env = sqlite_app.jinja_env
    template = env.from_string(
        '{% from "govuk_frontend_jinja/components/back-link/macro.html" import govukBackLink %}'
        '{{ govukBackLink({"href": "/b", "text": label}) }}{{ late_global }}'
    )
    env.globals["late_global"] = "added late"
    html = template.render(label="Back")
    assert 'href="/b"' in html and "Back" in html and "added late" in html


def test_a_template_global_overrides_the_environments_only_in_that_template(sqlite_app: Flask):
    env = sqlite_app.jinja_env
    own = env.from_string("{{ service_name }}", globals={"service_name": "Just here"})
    assert own.render() == "Just here"
    with sqlite_app.test_request_context():
        assert render_template_string("{{ service_name }}") == "Have your say"
    assert {"service_name", "url_for"} <= set(own.globals.keys())


def test_a_template_is_compiled_once_per_process_and_again_when_it_or_the_syntax_changes(
    sqlite_app: Flask, monkeypatch: pytest.MonkeyPatch
):
    assert sqlite_app.jinja_env.bytecode_cache is COMPILED
    cache = ProcessBytecodeCache()
    templates = {"page.html": "{% if name %}\n  Hello {{ name }}\n{% endif %}"}
    compiled: list[str | None] = []
    real_compile = jinja2.Environment.compile

    def counting_compile(self, source, name=None, *args, **kwargs):  # type: ignore[no-untyped-def]
        compiled.append(name)
        return real_compile(self, source, name, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counting_compile)

    def render(**options: object) -> str:
        env = jinja2.Environment(
            loader=DictLoader(templates), bytecode_cache=cache, autoescape=True, **options
        )
        return env.get_template("page.html").render(name="Sam")

    assert render() == "\n  Hello Sam\n"
    assert render() == "\n  Hello Sam\n"  # a second app's environment: compiled already
    assert compiled == ["page.html"]
    assert render(trim_blocks=True, lstrip_blocks=True) == "  Hello Sam\n"
    assert compiled == ["page.html"] * 2
    templates["page.html"] = "Goodbye {{ name }}"
    assert render() == "Goodbye Sam"
    assert compiled == ["page.html"] * 3
