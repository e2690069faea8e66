"""Celery worker and beat entry points: ``celery -A workers worker`` / ``celery -A workers beat``."""

from workers.celery_app import celery

__all__ = ["celery"]
