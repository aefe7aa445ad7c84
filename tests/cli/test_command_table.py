"""The command table (cli.commands.COMMANDS) decides what a run may do besides drawing a
page: ask questions on a terminal (`interactive`; asking turns the pager off) and write the
pain journal (`writes`), through sciaticli.permits. A command the table does not mark cannot do
either."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from sciaticli import journal, permits
from sciaticli.cli.commands import (
    COMMANDS,
)
from sciaticli.cli.main import (
    SciaticliGroup,
    app,
)
from sciaticli.render import pager


def test_the_permits_follow_the_command_table(runner: CliRunner) -> None:
    group = SciaticliGroup()
    for name, command in COMMANDS.items():
        group.resolve_command(group.make_context("sciaticli", [name]), [name])
        assert permits._state == {"ask": command.interactive, "write": command.writes}, name
    assert [name for name, command in COMMANDS.items() if command.interactive] == [
        "home-routine",
        "exercises",
        "check",
        "log",
        "history",
        "measure",
    ]
    assert not COMMANDS["techniques"].writes and not COMMANDS["report"].writes
    runner.invoke(app, ["techniques"])
    assert permits._state == {"ask": True, "write": True}  # after a run: all allowed again


def test_a_command_not_marked_as_writing_cannot_open_the_journal(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = journal.journal_path()
    marked = COMMANDS["log"]
    monkeypatch.setitem(COMMANDS, "log", marked._replace(writes=False))
    result = runner.invoke(app, ["log", "7", "4"])
    assert isinstance(result.exception, RuntimeError)
    assert "not marked as writing the journal in cli.commands.COMMANDS" in str(result.exception)
    assert not path.exists()
    monkeypatch.setitem(COMMANDS, "log", marked)
    assert runner.invoke(app, ["log", "7", "4"]).exit_code == 0
    assert path.exists()


def test_a_reader_needs_no_mark(runner: CliRunner) -> None:
    assert runner.invoke(app, ["log", "6"]).exit_code == 0
    assert not COMMANDS["report"].writes
    result = runner.invoke(app, ["report", "-f", "plain"])
    assert result.exit_code == 0, result.output


@pytest.fixture
def on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(permits, "stdin_is_terminal", lambda: True)


@pytest.mark.usefixtures("on_a_terminal")
def test_an_interactive_command_asks_and_turns_the_pager_off(runner: CliRunner) -> None:
    result = runner.invoke(app, ["check", "-f", "plain"], input="n\n" * 8)
    assert result.exit_code == 0, result.output
    assert "NONE OF THESE REPORTED" in result.stdout
    assert pager._state["off"] is True  # the verdict after the answers is never paged


@pytest.mark.usefixtures("on_a_terminal")
def test_a_command_not_marked_interactive_does_not_ask(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(COMMANDS, "check", COMMANDS["check"]._replace(interactive=False))
    result = runner.invoke(app, ["check", "-f", "plain"], input="n\n" * 8)
    assert result.exit_code == 2
    assert "the questions cannot be asked" in " ".join(result.stderr.split())
    assert pager._state["off"] is False


@pytest.mark.usefixtures("on_a_terminal")
def test_a_deletion_is_confirmed_only_where_the_table_allows_asking(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert runner.invoke(app, ["log", "5"]).exit_code == 0
    declined = runner.invoke(app, ["history", "--delete", "1"], input="n\n")
    assert declined.exit_code == 0 and "Nothing deleted." in declined.stdout
    monkeypatch.setitem(COMMANDS, "history", COMMANDS["history"]._replace(interactive=False))
    refused = runner.invoke(app, ["history", "--delete", "1"], input="y\n")
    assert refused.exit_code == 2
    assert "cannot be confirmed" in " ".join(refused.stderr.split())
    with journal.existing_journal(journal.journal_path(), reading=True) as opened:
        assert opened is not None and opened.get(1) is not None  # nothing deleted
