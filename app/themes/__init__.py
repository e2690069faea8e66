"""Theming free-text comments: codebooks, sentiment, emerging themes, learned coding.

A plain library (no Flask, no Celery): the web app, tasks and the ``sayso themes``
commands all call :func:`app.themes.pipeline.theme_comments`.
"""
