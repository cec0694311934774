"""Every command's ``--help`` as a person reads it in a terminal: plain text, no
reStructuredText markup (the docstrings that click shows are written for people)."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from besluitpak.cli import main


def _commands(group: click.Group, path: tuple[str, ...]) -> list[tuple[str, ...]]:
    found = [path]
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            found += _commands(command, (*path, name))
        else:
            found.append((*path, name))
    return found


@pytest.mark.parametrize("path", _commands(main, ()), ids=lambda p: " ".join(p) or "besluitpak")
def test_a_command_s_help_shows_no_rst_double_backticks(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(main, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "``" not in result.output
