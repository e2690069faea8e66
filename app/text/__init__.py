"""Plain-Python text analysis (no Flask, no Celery): normalising, tokenising, negation.

Used by safeguarding screening inside the submit request, by tasks and by the CLI.
"""
