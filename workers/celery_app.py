"""The Celery app, configured from the Flask app's settings."""

from app import create_app

flask_app = create_app()
celery = flask_app.extensions["celery"]

import workers.tasks  # noqa: E402, F401 - registers the tasks with the worker
