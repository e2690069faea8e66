"""Participation reports: counts computed by the database, suppressed, charted, exported."""
