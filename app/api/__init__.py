"""JSON for integrations under ``/api/v1``, with per-person API tokens."""
