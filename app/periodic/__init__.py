"""Periodic work (beat's schedule) run inside the web process in the embedded default."""
