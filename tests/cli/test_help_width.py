"""`sciaticli` alone is a short overview; help and errors wrap at the terminal's real width
(40 columns too) without splitting a word."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from sciaticli.cli.commands import (
    COMMANDS,
    FIRST_COMMANDS,
)
from sciaticli.cli.main import (
    app,
)
from tests.terminal import environment, on_pty


def test_sciaticli_alone_is_a_short_overview_with_the_emergency_line(
    runner: CliRunner,
) -> None:
    result = runner.invoke(app, [], env={"COLUMNS": "80"})
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) <= 22  # the emergency line stays on an 80x24 screen
    text = " ".join(result.stdout.split())
    assert "An offline guide to massage and self-massage for sciatica" in text
    assert "need emergency care now: call the emergency number (999 United Kingdom" in text
    assert "111 New Zealand) or go to the emergency department" in text
    for name in ("check", "home-routine", "home-routine --guided", "exercises", "log", "report"):
        assert f"  {name}  " in result.stdout
    assert [name for name, _ in FIRST_COMMANDS] == [
        "check", "home-routine", "home-routine --guided", "exercises", "log", "report"
    ]  # fmt: skip
    assert "Every command and option: sciaticli --help" in text
    full = runner.invoke(app, ["--help"], env={"COLUMNS": "80"})
    assert full.exit_code == 0
    assert len(full.stdout.splitlines()) > len(lines)
    for name in COMMANDS:  # --help stays complete
        assert f"  {name} " in full.stdout


def words(text: str) -> list[str]:
    """The words, with a choice list broken after a `|` (`<western|structural|` then
    `oriental|energy>`) joined again."""
    return re.sub(r"\|\s+", "|", text).split()


@pytest.mark.parametrize(
    "args",
    [[], ["--help"], *([name, "--help"] for name in COMMANDS), ["journal", "check", "--help"]],
)
def test_help_at_40_columns_fits_and_keeps_every_word_whole(
    runner: CliRunner, args: list[str]
) -> None:
    narrow = runner.invoke(app, args, env={"COLUMNS": "40"})
    wide = runner.invoke(app, args, env={"COLUMNS": "200"})
    assert narrow.exit_code == wide.exit_code == 0
    too_long = [line for line in narrow.stdout.splitlines() if len(line) > 40]
    assert too_long == []
    # The same words, in the same order: a word split at the edge would be two.
    assert words(narrow.stdout) == words(wide.stdout)
    if args == ["--help"]:
        assert "  --install-completion\n" in narrow.stdout  # whole, not --install- / completion


@pytest.mark.parametrize(
    "args",
    [
        ["serch"],
        ["search"],
        ["log", "--pain-before", "11"],
        ["check", "--yes", "saddle-numbnes", "--no-others"],
        ["--no-such-option-at-all"],
        ["home-routine", "nosuch"],
        ["exercises", "standng-wall"],
        ["log", "5", "4", "-r", "nosuch"],
        ["journal", "nosuch"],
    ],
)
def test_errors_on_a_40_column_terminal_wrap_without_splitting_words(
    tmp_path: object, args: list[str]
) -> None:
    from pathlib import Path

    assert isinstance(tmp_path, Path)
    env = environment(tmp_path)
    shown = on_pty(args, env, columns=40, rows=15)
    piped = on_pty(args, env, columns=40, rows=15, stdout_only=True)
    assert shown.status == piped.status != 0
    lines = shown.text.splitlines()
    assert [line for line in lines if len(line) > 40] == []
    assert any(line.startswith("Error: ") for line in lines)
    # Written to a file, each message is one line; on the terminal the same words, wrapped.
    assert words(shown.text) == words(piped.errors)
    if args == ["serch"]:
        assert "Error: No such command 'serch'. Did you mean 'search'?\n" in piped.errors
    if args == ["home-routine", "nosuch"]:  # the routines named (tests/cli/test_unknown_names)
        assert piped.errors.startswith("Error: no routine called 'nosuch'. The tennis-ball ")
        assert piped.errors.count("\n") == 1
