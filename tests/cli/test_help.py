"""Every command explains itself: help text with examples on each group, a docstring on each command."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer
from typer.core import TyperGroup
from typer.testing import CliRunner

from ecgraph.cli.app import app

if TYPE_CHECKING:
    # what typer.main.get_command returns: typer's own (vendored) click Command, not click.Command
    from typer._click import Command

runner = CliRunner()


def walk(command: Command, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Command]]:
    found = [(path, command)]
    if isinstance(command, TyperGroup):
        for name, sub in command.commands.items():
            found.extend(walk(sub, (*path, name)))
    return found


def test_every_command_has_help() -> None:
    root = typer.main.get_command(app)
    for path, command in walk(root):
        assert (command.help or "").strip(), f"`ecgraph {' '.join(path)}` has no help text"
        result = runner.invoke(app, [*path, "--help"])
        assert result.exit_code == 0, (path, result.output)


def test_every_group_shows_examples() -> None:
    root = typer.main.get_command(app)
    for path, command in walk(root):
        if isinstance(command, TyperGroup):
            assert "Examples:" in (command.help or ""), f"`ecgraph {' '.join(path)}` --help shows no examples"
