"""The Celery app, configured from the Flask app's settings."""

from celery.signals import after_setup_logger, after_setup_task_logger

from app import create_app
from app.log_privacy import install_log_filters

# Tasks may wait minutes for the database (reports, purges); web requests may not.
flask_app = create_app(background=True)
celery = flask_app.extensions["celery"]


@after_setup_logger.connect
@after_setup_task_logger.connect
def keep_secrets_out_of_worker_logs(**_: object) -> None:
    """Celery replaces the root logger's handlers when the worker starts: filter its own."""
    install_log_filters()
