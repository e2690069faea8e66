"""The ``sayso`` command: Flask's CLI for the Sayso app (``flask --app app`` works too).

Command groups are registered on ``app.cli`` by :func:`app.factory.create_app`, so both
entry points offer the same commands. ``sayso`` itself does not build the app to find
them: it knows where each command lives (:data:`COMMANDS`), imports only the one asked
for, and builds the app only when a command is run, not when its help is asked for. So
``sayso --help`` and ``sayso report build --help`` answer without loading the database
layer, the templates or the text models. A test checks that this list and its help
lines match what the app registers.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, NamedTuple

import click
from flask.cli import FlaskGroup, ScriptInfo

if TYPE_CHECKING:
    from flask import Flask


class Where(NamedTuple):
    """Where a command lives, and its line in ``sayso --help``."""

    module: str
    attribute: str
    short_help: str


COMMANDS: dict[str, Where] = {
    "db": Where("flask_migrate.cli", "db", "Perform database migrations."),
    "demo": Where(
        "app.demo.cli",
        "demo_command",
        "Add realistic synthetic responses (several questionnaires, languages, teams and "
        "two years), then theme their comments.",
    ),
    "drafts": Where("app.retention.cli", "drafts_cli", "Work with drafts (answers not yet sent)."),
    "encryption": Where(
        "app.crypto.cli",
        "encryption_cli",
        "Encryption at rest of free text (SAYSO_ENCRYPTION_KEY).",
    ),
    "invite": Where("app.invite.cli", "invite_cli", "Create personal feedback links."),
    "limiter": Where(
        "flask_limiter.commands", "cli", "Flask-Limiter maintenance & utility commands"
    ),
    "report": Where("app.report.cli", "report_cli", "Build participation reports."),
    "responses": Where("app.respond.cli", "responses_cli", "Work with submitted responses."),
    "retention": Where(
        "app.retention.cli", "retention_cli", "Remove data past its retention period."
    ),
    "screen": Where(
        "app.safeguard.cli",
        "screen_command",
        'Print {"concern", "severity", "reasons", "score", "category", "route", '
        '"language"} for each text, in input order.',
    ),
    "surveys": Where("app.survey.cli", "surveys_cli", "Check and publish survey definitions."),
    "themes": Where(
        "app.themes.cli", "themes_cli", "Theme free-text comments, learn from coded ones."
    ),
    "translations": Where(
        "app.translation_review.cli", "translations_cli", "Native-speaker review of translations."
    ),
    "users": Where("app.auth.cli", "users_cli", "Manage staff accounts."),
}


# Subcommands that live in a later feature than their group: erasing one response is
# retention's work (it deletes what the purge deletes) but is offered under `responses`.
SUBCOMMANDS: dict[str, list[tuple[str, str]]] = {
    "responses": [("app.retention.cli", "erase_command")],
}


def _attribute(module: str, attribute: str) -> click.Command:
    return getattr(importlib.import_module(module), attribute)


def load_command(name: str) -> click.Command:
    """The command called ``name`` in :data:`COMMANDS`, importing only its modules."""
    where = COMMANDS[name]
    command = _attribute(where.module, where.attribute)
    if isinstance(command, click.Group):
        for module, attribute in SUBCOMMANDS.get(name, []):
            command.add_command(_attribute(module, attribute))
    return command


def register_commands(group: click.Group) -> None:
    """Add every Sayso command to ``group`` (the app's ``app.cli``). Flask-Migrate and
    Flask-Limiter add their own (``db``, ``limiter``)."""
    for name, where in COMMANDS.items():
        if where.module.startswith("app."):
            group.add_command(load_command(name))


def asks_for_help(args: list[str]) -> bool:
    """True when the words after a command name ask for help rather than for work."""
    return "--help" in args


class SaysoGroup(FlaskGroup):
    """Flask's command group, finding Sayso's commands without building the app."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *COMMANDS})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.commands:  # run, shell and routes
            return self.commands[name]
        if name in COMMANDS:
            return load_command(name)
        return None

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        """Find the command, and build the app for it unless only its help is wanted: as
        Flask does, the app's context is pushed for the command and everything under it."""
        name, command, rest = super().resolve_command(ctx, args)
        if name in COMMANDS and not asks_for_help(rest) and not ctx.resilient_parsing:
            from flask import current_app

            app = ctx.ensure_object(ScriptInfo).load_app()
            if not current_app or current_app._get_current_object() is not app:  # type: ignore[attr-defined]
                ctx.with_resource(app.app_context())
        return name, command, rest

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The commands and their help lines, as click writes them, without importing
        every command's module."""
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = []
        for name in names:
            if name in self.commands:
                line = self.commands[name].get_short_help_str(limit)
            else:
                listed = click.Command(name, help=COMMANDS[name].short_help)
                line = listed.get_short_help_str(limit)
            rows.append((name, line))
        with formatter.section("Commands"):
            formatter.write_dl(rows)


def create_background_app() -> Flask:
    """The app as the command line needs it: migrations and reports may take minutes,
    and the screen's files load when a command first screens something."""
    from app import create_app

    return create_app(background=True, load_screen_now=False)


cli = SaysoGroup(
    create_app=create_background_app,
    help="Sayso: survey and feedback for children's social care.",
)


def main() -> None:
    cli()
