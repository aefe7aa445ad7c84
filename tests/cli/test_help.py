"""Suggestions and help: did-you-mean for commands, a pointer to search, help with no arguments."""

from __future__ import annotations

import subprocess
import sys

import pytest
from typer.testing import CliRunner

from sciaticli.cli.commands import (
    COMMANDS,
)
from sciaticli.cli.main import (
    app,
    build_command,
)


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [
        ("techniqes", "'techniques'"),
        ("tech", "'techniques'"),
        ("saftey", "'safety'"),
        ("home-routin", "'home-routine'"),
        ("histroy", "'history'"),
    ],
)
def test_mistyped_command_gets_did_you_mean(runner: CliRunner, typed: str, suggested: str) -> None:
    result = runner.invoke(app, [typed])
    assert result.exit_code == 2
    assert f"Error: No such command '{typed}'. Did you mean {suggested}" in result.stderr
    assert result.stdout == ""


def test_unknown_command_with_nothing_close_points_to_help(runner: CliRunner) -> None:
    result = runner.invoke(app, ["xyzzy"])
    assert result.exit_code == 2
    assert "No such command 'xyzzy'. Run 'sciaticli --help' for the list." in result.stderr


def test_a_name_that_matches_nothing_points_to_search(runner: CliRunner) -> None:
    # A routine names the few routines instead (tests/cli/test_unknown_names.py).
    result = runner.invoke(app, ["techniques", "foam roller"])
    assert result.exit_code == 1
    assert result.stderr.endswith(
        "'foam roller'. To look for it in every entry: sciaticli search 'foam roller'\n"
    )


def test_no_arguments_prints_the_overview_on_stdout_and_exits_0() -> None:
    # A real process: stdout and stderr apart, the exit status as a shell sees it.
    done = subprocess.run(
        [sys.executable, "-m", "sciaticli"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0
    assert done.stdout.startswith("Usage: sciaticli [OPTIONS] COMMAND [ARGS]...")
    assert "Commands to start with:" in done.stdout  # a short overview (test_help_width)
    assert done.stderr == ""


def test_help_lists_every_command_with_its_whole_description(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--help"], env={"COLUMNS": "80"})
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())  # wrapped lines joined
    assert "..." not in result.stdout.split("Commands:")[1]
    for name in COMMANDS:
        description = build_command(name).get_short_help_str(limit=1000)
        assert f"{name} {description}" in text


def test_help_descriptions_are_one_sentence_each() -> None:
    for name in COMMANDS:
        help_text = build_command(name).get_short_help_str(limit=1000)
        assert help_text.endswith("."), name
        assert len(help_text) < 100, name


def test_a_groups_help_lists_its_commands_whole_too(runner: CliRunner) -> None:
    result = runner.invoke(app, ["journal", "--help"], env={"COLUMNS": "60"})
    assert result.exit_code == 0
    commands = result.stdout.split("Commands:")[1]
    assert "..." not in commands
    text = " ".join(commands.split())
    assert "check Check the pain journal: SQLite's full integrity check and" in text


def test_root_options_without_a_command_print_the_overview(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--no-pager"])
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: ")
    assert "Commands to start with:" in result.stdout
