"""Building the Sayso web app: settings, extensions, blueprints, commands and logging."""

from __future__ import annotations

import logging
from typing import Any

from dotenv import load_dotenv
from flask import Flask
from govuk_frontend_wtf.main import WTFormsHelpers
from jinja2 import ChoiceLoader, PackageLoader, PrefixLoader
from werkzeug.middleware.proxy_fix import ProxyFix

from app.config import engine_options, load_settings
from app.crypto import check_encryption_setting
from app.database_waits import bound_engine
from app.extensions import babel, csrf, db, migrate
from app.numbers import IdConverter


def create_app(
    overrides: dict[str, Any] | None = None,
    instance_path: str | None = None,
    background: bool = False,
    load_screen_now: bool = True,
) -> Flask:
    """Create the Sayso web app.

    Settings come from ``SAYSO_*`` environment variables (and a ``.env`` file);
    ``overrides`` replaces any of them, and ``instance_path`` replaces ``instance/``
    (where the SQLite file, the development key and unsent mail live): that is how the
    tests point it at their own database and folder. ``background`` is for workers and
    the command line: they may wait longer for the database than a web request.
    ``load_screen_now=False`` (the command line) leaves the safeguarding screen's files
    to be loaded and checked when something is first screened, so ``sayso --help`` and
    commands that screen nothing start in well under a second.
    """
    load_dotenv()
    # Named "app", the package, as before create_app moved here: its templates, static
    # files and logger are found by that name.
    app = Flask("app", instance_relative_config=True, instance_path=instance_path)
    # Before any route is added: every <int:...> in a URL is an id the database can hold.
    app.url_map.converters["int"] = IdConverter
    app.config.update(
        load_settings(
            instance_path=app.instance_path,
            secret_given=bool(overrides and overrides.get("SECRET_KEY")),
            background=background,
        )
    )
    if overrides:
        app.config.update(overrides)
        if "SQLALCHEMY_ENGINE_OPTIONS" not in overrides:
            app.config["SQLALCHEMY_ENGINE_OPTIONS"] = engine_options(
                app.config["SQLALCHEMY_DATABASE_URI"], app.config["SAYSO_DATABASE_BOUNDS"]
            )
    _configure_logging(app)
    check_encryption_setting(app.config)
    _configure_templates(app)

    db.init_app(app)
    with app.app_context():
        bound_engine(db.engine, app.config["SAYSO_DATABASE_BOUNDS"])
    migrate.init_app(app, db, directory=str(_migrations_dir()))
    csrf.init_app(app)
    babel.init_app(app, locale_selector=_select_locale)
    WTFormsHelpers(app)

    from flask_babel import lazy_gettext as _l

    from app import models  # noqa: F401 - registers every table on the metadata
    from app.actions.public_views import blueprint as you_said_we_did_blueprint
    from app.actions.views import blueprint as actions_blueprint
    from app.admin.views import blueprint as admin_blueprint
    from app.api.token_views import blueprint as api_tokens_blueprint
    from app.api.views import blueprint as api_blueprint
    from app.auth.admin_views import blueprint as user_admin_blueprint
    from app.auth.home_notices import HomeNotice, add_home_notice
    from app.auth.views import blueprint as auth_blueprint
    from app.coding.views import blueprint as coding_blueprint
    from app.errors import register_error_handlers
    from app.health.views import blueprint as health_blueprint
    from app.invite.receipts import blueprint as notify_receipts_blueprint
    from app.invite.views import blueprint as meetings_blueprint
    from app.ratelimit import init_rate_limits
    from app.report.benchmark_views import blueprint as benchmarks_blueprint
    from app.report.subscription_views import blueprint as subscriptions_blueprint
    from app.report.views import blueprint as reports_blueprint
    from app.respond.exit import blueprint as exit_blueprint
    from app.respond.links import blueprint as links_blueprint
    from app.respond.views import blueprint as respond_blueprint
    from app.safeguard.readers import current_coverage_gaps
    from app.safeguard.review_views import blueprint as review_blueprint
    from app.safeguard.screening import load_screen
    from app.safeguard.views import blueprint as alerts_blueprint
    from app.security import register_input_checks, register_security_headers
    from app.static_files import register_static_files
    from app.survey.words import add_survey_words
    from app.task_registry import beat_entries
    from app.tasks import celery_init_app

    add_home_notice(
        app,
        HomeNotice(
            anchor="alert-coverage",
            heading=_l("Safeguarding alerts may not reach someone who can act"),
            roles=("admin", "safeguarding_lead"),
            gather=current_coverage_gaps,
        ),
    )
    add_survey_words(app)
    app.register_blueprint(health_blueprint)
    app.register_blueprint(auth_blueprint)
    app.register_blueprint(user_admin_blueprint)
    app.register_blueprint(respond_blueprint)
    app.register_blueprint(links_blueprint)
    app.register_blueprint(meetings_blueprint)
    app.register_blueprint(review_blueprint)
    app.register_blueprint(alerts_blueprint)
    app.register_blueprint(exit_blueprint)
    app.register_blueprint(admin_blueprint)
    app.register_blueprint(reports_blueprint)
    app.register_blueprint(coding_blueprint)
    app.register_blueprint(subscriptions_blueprint)
    app.register_blueprint(benchmarks_blueprint)
    app.register_blueprint(you_said_we_did_blueprint)
    app.register_blueprint(actions_blueprint)
    app.register_blueprint(api_tokens_blueprint)
    app.register_blueprint(api_blueprint)
    app.register_blueprint(notify_receipts_blueprint)
    register_error_handlers(app)
    init_rate_limits(app)
    _register_commands(app)
    register_security_headers(app)
    register_input_checks(app)
    register_static_files(app)
    celery_init_app(app, beat_entries())
    if load_screen_now:
        load_screen()
    trust_proxies(app)
    _warn_about_alert_coverage(app)
    _run_periodic_work_in_process(app)
    return app


def trust_proxies(app: Flask) -> None:
    """Believe ``X-Forwarded-For``, ``-Proto``, ``-Host`` and ``-Port`` from exactly the
    ``SAYSO_TRUSTED_PROXIES`` proxies in front of the app, and nobody else: the visitor's
    address (rate limits) and ``https`` (HSTS, the CSRF referrer check) come from them."""
    hops = int(app.config.get("SAYSO_TRUSTED_PROXIES") or 0)
    if hops:
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops
        )


def _run_periodic_work_in_process(app: Flask) -> None:
    """In the embedded default (no Redis, so no beat process), the first request a web
    process serves starts its beat thread: commands and workers never start one."""
    from app.tasks import runs_in_process

    if not runs_in_process(app.config) or not app.config["SAYSO_EMBEDDED_BEAT"]:
        return
    import threading

    from app.periodic.schedule import start_embedded_beat

    lock = threading.Lock()

    @app.before_request
    def start_beat_once() -> None:
        if "sayso_embedded_beat" in app.extensions:
            return
        with lock:
            if "sayso_embedded_beat" not in app.extensions:
                start_embedded_beat(app)


def _warn_about_alert_coverage(app: Flask) -> None:
    """Say at start when a safeguarding alert could reach nobody who can open it."""
    from sqlalchemy.exc import SQLAlchemyError

    from app.safeguard.readers import current_coverage_gaps

    with app.app_context():
        try:
            gaps = current_coverage_gaps(db.session, app.config)
        except SQLAlchemyError:  # a database not created yet: `sayso db upgrade` comes first
            gaps = []
        finally:
            db.session.remove()
    for gap in gaps:
        logging.getLogger("app.safeguard").warning("safeguarding: %s", gap.message)


def _register_commands(app: Flask) -> None:
    from app.cli import register_commands

    register_commands(app.cli)


def _migrations_dir() -> Any:
    from app.config import PROJECT_ROOT

    return PROJECT_ROOT / "migrations"


def _configure_templates(app: Flask) -> None:
    from app.templating import use_sayso_environment

    app.jinja_loader = ChoiceLoader(
        [
            app.jinja_loader,
            PrefixLoader(
                {
                    "govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja"),
                    "govuk_frontend_wtf": PackageLoader("govuk_frontend_wtf"),
                }
            ),
        ]
    )
    use_sayso_environment(app)
    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    from app.service_names import NameInPageLanguage, council_name, service_name

    app.jinja_env.globals["council_name"] = NameInPageLanguage(council_name, app.config)
    app.jinja_env.globals["council_logo"] = app.config["SAYSO_COUNCIL_LOGO"]
    app.jinja_env.globals["govukRebrand"] = False
    from app.languages import available_languages, current_language, language_name, text_direction

    app.jinja_env.globals["current_language"] = current_language
    app.jinja_env.globals["text_direction"] = text_direction
    app.jinja_env.globals["language_name"] = language_name
    app.jinja_env.globals["available_languages"] = available_languages
    app.jinja_env.globals["service_name"] = NameInPageLanguage(service_name, app.config)
    from app.component_messages import character_count_params, password_input_params

    app.jinja_env.globals["character_count_params"] = character_count_params
    app.jinja_env.globals["password_input_params"] = password_input_params
    from app.clock import uk_time

    app.jinja_env.filters["uk_time"] = uk_time
    from app.respond.audience_help import help_for

    app.jinja_env.globals["help_for"] = help_for
    from app.form_of_address import addressed_in_template

    app.jinja_env.globals["addressed"] = addressed_in_template


def _select_locale() -> str:
    from app.languages import current_language

    return current_language()


def _configure_logging(app: Flask) -> None:
    from app.log_privacy import install_log_filters

    if not logging.getLogger().handlers:
        logging.basicConfig(
            level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
        )
    install_log_filters()
