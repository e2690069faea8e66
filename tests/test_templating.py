"""Sayso's Jinja environment behaves as Jinja's own does (app/templating.py)."""

from __future__ import annotations

from flask import Flask, render_template_string


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
