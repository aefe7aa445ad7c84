"""A name that is none of a small, closed set of choices: the message names the choices (the
routines, gentlest first, and where --list describes them; a routine of the other kind, the
command that shows it; the journal's commands), or, for a long list (the sources), where it is.
One line each, through the command's own code (the fast path leaves an error to Typer)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from sciaticli import routines
from sciaticli.cli.main import app
from sciaticli.errors import NotFoundError
from sciaticli.knowledge import load_knowledge_base

KB = load_knowledge_base()


def ids(kind: str) -> str:
    """The routines of `kind` as --list orders them: gentlest first."""
    listed = sorted(routines.of_kind(KB, kind), key=lambda routine: routine.level)
    return ", ".join(routine.id for routine in listed)


BALL_IDS = ids("ball")
MOVEMENT_IDS = ids("movement")


def error(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(app, list(args))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.count("\n") == 1  # one line
    return result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["home-routine", "nosuch"],
            "no routine called 'nosuch'. The tennis-ball routines, gentlest first: "
            f"{BALL_IDS} (sciaticli home-routine --list describes them)",
        ),
        (
            ["exercises", "nosuch"],
            "no exercise routine called 'nosuch'. The exercise routines, gentlest first: "
            f"{MOVEMENT_IDS} (sciaticli exercises --list describes them)",
        ),
        (
            ["exercises", "standing-wall"],
            "no exercise routine called 'standing-wall'. It is a tennis-ball routine: "
            "sciaticli home-routine standing-wall",
        ),
        (
            ["home-routine", "gentle movement"],
            "no routine called 'gentle movement'. It is an exercise routine: "
            "sciaticli exercises gentle-movement",
        ),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else "",
)
def test_an_unknown_routine_is_told_the_routines_there_are(
    runner: CliRunner, args: list[str], message: str
) -> None:
    assert error(runner, *args) == f"Error: {message}\n"


def test_a_close_name_keeps_its_suggestion_and_the_list_follows(runner: CliRunner) -> None:
    said = error(runner, "home-routine", "standng-wall")
    assert said.startswith("Error: no routine called 'standng-wall'; did you mean ")
    assert said.endswith(
        f"(standing-wall)? The tennis-ball routines, gentlest first: {BALL_IDS} "
        "(sciaticli home-routine --list describes them)\n"
    )


@pytest.mark.parametrize(
    "args",
    [
        ["log", "5", "4", "-r", "nosuch"],
        ["history", "--edit", "1", "--routine", "nosuch"],
    ],
    ids=" ".join,
)
def test_the_journal_is_told_every_kind_of_routine(runner: CliRunner, args: list[str]) -> None:
    if args[0] == "history":
        assert runner.invoke(app, ["log", "5", "4"]).exit_code == 0
    assert error(runner, *args) == (
        f"Error: no routine called 'nosuch'. The tennis-ball routines, gentlest first: {BALL_IDS}. "
        f"The exercise routines, gentlest first: {MOVEMENT_IDS}\n"
    )


def test_many_routines_are_pointed_to_not_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(routines, "FEW", 1)
    with pytest.raises(NotFoundError) as raised:
        routines.find_routine(KB, "nosuch", "ball")
    count = len(routines.of_kind(KB, "ball"))
    assert str(raised.value) == (
        f"no routine called 'nosuch'. To see all {count} tennis-ball routines, gentlest first: "
        "sciaticli home-routine --list"
    )


def test_a_knowledge_base_of_one_kind_names_that_kind_only() -> None:
    ball = {key: routine for key, routine in KB.routines.items() if routine.kind == "ball"}
    only_ball = KB._replace(routines=ball)
    with pytest.raises(NotFoundError) as raised:
        routines.find_routine(only_ball, "nosuch")
    assert str(raised.value).endswith(f"The tennis-ball routines, gentlest first: {BALL_IDS}")


def test_a_technique_still_points_to_search(runner: CliRunner) -> None:
    assert error(runner, "techniques", "nosuch") == (
        "Error: no technique called 'nosuch'. To look for it in every entry: "
        "sciaticli search nosuch\n"
    )


def test_an_unknown_source_points_to_the_list(runner: CliRunner) -> None:
    assert error(runner, "sources", "nosuch") == (
        f"Error: no source called 'nosuch'. To see all {len(KB.sources)}: sciaticli sources\n"
    )


def test_an_unknown_journal_command_is_told_the_journal_commands(runner: CliRunner) -> None:
    result = runner.invoke(app, ["journal", "nosuch"])
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "Error: No such command 'nosuch'. The journal commands: check, backup.\n"
    )
    close = runner.invoke(app, ["journal", "chek"])
    assert close.stderr.endswith("Error: No such command 'chek'. Did you mean 'check'?\n")
