"""The pager: on a terminal only, for a page taller than the screen, never for check, and off
with --no-pager, SCIATICLI_PAGER= (empty) or cat. Tested on a pty and in tmux with real less."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sciaticli.cli.main import app
from sciaticli.render import pager
from tests.terminal import Tmux, environment, run_on_pty


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, ["less", "-FRX"]),
        ({"PAGER": "more"}, ["more"]),
        ({"PAGER": ""}, ["less", "-FRX"]),
        ({"PAGER": "most", "SCIATICLI_PAGER": "less -R"}, ["less", "-R"]),
        ({"PAGER": "most", "SCIATICLI_PAGER": ""}, None),
        ({"SCIATICLI_PAGER": "cat"}, None),
        ({"SCIATICLI_PAGER": "  "}, None),
        ({"PAGER": "cat"}, None),
        ({"SCIATICLI_PAGER": "less '-R"}, None),  # cannot be parsed: no pager
    ],
)
def test_which_pager(env: dict[str, str], expected: list[str] | None) -> None:
    assert pager.command(env) == expected


def test_no_pager_to_run_costs_no_process_module() -> None:
    # Turned off (SCIATICLI_PAGER= empty, cat): the page is written without importing subprocess,
    # a tenth of a page's start-up (bench/startup.py).
    code = (
        "import sys\n"
        "from sciaticli.render import pager\n"
        "shown = pager.show(b'page', {'SCIATICLI_PAGER': sys.argv[1]})\n"
        "print(shown, 'subprocess' in sys.modules)\n"
    )
    for off in ("", "cat"):
        done = subprocess.run(
            [sys.executable, "-c", code, off], capture_output=True, text=True, check=True
        )
        assert done.stdout == "(False, '') False\n"


def fake_pager(tmp_path: Path) -> tuple[str, Path]:
    """A pager that keeps what it is given in a file and says it ran."""
    kept = tmp_path / "paged.txt"
    return f"sh -c {shlex.quote(f'cat > {kept}; echo PAGER-RAN')}", kept


def test_a_long_page_on_a_terminal_goes_through_the_pager(tmp_path: Path) -> None:
    command, kept = fake_pager(tmp_path)
    env = environment(tmp_path, SCIATICLI_PAGER=command)
    status, shown = run_on_pty(["home-routine"], env, columns=80, rows=24)
    assert status == 0
    assert "PAGER-RAN" in shown
    assert "Stop rules" not in shown  # the page went to the pager, not the screen
    paged = kept.read_text(encoding="utf-8")
    assert "Tennis ball against a wall (standing)" in paged.splitlines()[0]
    assert paged.index("Stop and get emergency help") < paged.index("Steps")
    assert "\x1b[" in paged  # colours kept for less -R


def test_pager_comes_from_pager_when_sciaticli_pager_is_unset(tmp_path: Path) -> None:
    command, kept = fake_pager(tmp_path)
    env = environment(tmp_path, PAGER=command)
    del env["SCIATICLI_PAGER"]
    status, shown = run_on_pty(["safety"], env, rows=24)
    assert (status, "PAGER-RAN" in shown, kept.exists()) == (0, True, True)


@pytest.mark.parametrize(
    ("args", "variable"),
    [
        (["techniques", "--no-pager"], None),
        (["--no-pager", "techniques"], None),
        (["techniques"], ""),
        (["techniques"], "cat"),
    ],
)
def test_the_pager_can_be_turned_off(tmp_path: Path, args: list[str], variable: str | None) -> None:
    command, kept = fake_pager(tmp_path)
    env = environment(tmp_path, PAGER=command)
    if variable is None:
        env["SCIATICLI_PAGER"] = command
    else:
        env["SCIATICLI_PAGER"] = variable
    status, shown = run_on_pty(args, env, rows=24)
    assert status == 0
    assert "PAGER-RAN" not in shown
    assert not kept.exists()
    assert "Swedish massage" in shown and "Energy-based touch" in shown


def test_a_page_that_fits_is_not_paged(tmp_path: Path) -> None:
    command, kept = fake_pager(tmp_path)
    status, shown = run_on_pty(
        ["techniques"], environment(tmp_path, SCIATICLI_PAGER=command), rows=200
    )
    assert (status, "PAGER-RAN" in shown, kept.exists()) == (0, False, False)


def test_never_when_piped(tmp_path: Path) -> None:
    command, kept = fake_pager(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "sciaticli", "home-routine", "-f", "rich"],
        capture_output=True,
        env=environment(tmp_path, SCIATICLI_PAGER=command, COLUMNS="80", LINES="5"),
        check=False,
    )
    assert done.returncode == 0
    assert b"Stop rules" in done.stdout
    assert b"PAGER-RAN" not in done.stdout
    assert not kept.exists()


def test_never_for_check(tmp_path: Path) -> None:
    command, kept = fake_pager(tmp_path)
    env = environment(tmp_path, SCIATICLI_PAGER=command)
    status, shown = run_on_pty(["check", "--yes", "both-legs"], env, rows=5)
    assert status == 5
    assert "EMERGENCY" in shown
    assert not kept.exists()


def test_a_pager_that_cannot_start_leaves_the_page_on_the_screen(tmp_path: Path) -> None:
    env = environment(tmp_path, SCIATICLI_PAGER=str(tmp_path / "no-such-pager"))
    status, shown = run_on_pty(["techniques"], env, rows=10)
    assert status == 0
    assert "Swedish massage" in shown and "Energy-based touch" in shown


@pytest.mark.parametrize(
    ("pager_command", "why"),
    [
        ("false", "'false' ended with exit status 1"),
        ("sh -c 'exit 3'", "'sh' ended with exit status 3"),
        ("sh -c 'kill -KILL $$'", "'sh' was stopped by SIGKILL"),
        ("sh -c 'head -c 10 >/dev/null; exit 2'", "'sh' ended with exit status 2"),
    ],
)
def test_a_pager_that_fails_leaves_the_page_on_the_screen(
    tmp_path: Path, pager_command: str, why: str
) -> None:
    env = environment(tmp_path, SCIATICLI_PAGER=pager_command)
    status, shown = run_on_pty(["safety"], env, rows=10)
    assert status == 0
    # The whole page: the emergency signs at its top, the review line at its end.
    assert "cauda equina" in shown and "knowledge base" in shown
    note = f"Note: the pager {why}; the page is shown here instead."
    # Last, wrapped between words at the terminal's width (render.output.write_lines).
    assert " ".join(shown.split()).endswith(note), shown[-300:]
    assert shown.count("Note: the pager") == 1


def test_a_pager_the_reader_quits_with_ctrl_c_is_not_a_failure(tmp_path: Path) -> None:
    # The pager stands in for a reader who pressed Ctrl-C: the page is not written again.
    env = environment(tmp_path, SCIATICLI_PAGER="sh -c 'echo PAGER-RAN; kill -INT $$'")
    status, shown = run_on_pty(["safety"], env, rows=10)
    assert status == 0
    assert "PAGER-RAN" in shown
    assert "Note: the pager" not in shown and "cauda equina" not in shown


def test_no_pager_is_in_each_paged_commands_help(runner: CliRunner) -> None:
    for name in ("techniques", "home-routine", "safety", "about", "sources", "search", "history"):
        result = runner.invoke(app, [name, "--help"])
        assert "--no-pager" in result.stdout, name
    assert "--no-pager" not in runner.invoke(app, ["check", "--help"]).stdout
    assert "--no-pager" in runner.invoke(app, ["--help"]).stdout
    assert runner.invoke(app, ["techniques", "--no-pager", "-f", "plain"]).exit_code == 0


def test_real_less_in_tmux_shows_the_top_of_the_page_and_quits(tmp_path: Path) -> None:
    assert shutil.which("less"), "less is needed for this test (.ci/run installs it)"
    env = environment(tmp_path)
    del env["SCIATICLI_PAGER"]
    variables = " ".join(
        f"{name}={shlex.quote(value)}"
        for name, value in env.items()
        if name in {"SCIATICLI_HOME", "TERM", "LC_MESSAGES", "PATH", "HOME", "LANG"}
    )
    program = f"{shlex.quote(sys.executable)} -m sciaticli home-routine"
    with Tmux(tmp_path, f"env -i {variables} {program}; echo EXIT=$?; sleep 30") as tmux:
        first = tmux.wait_for("Stop and get emergency help")
        assert first.splitlines()[0] == "Tennis ball against a wall (standing)"
        assert "Stop and get emergency help if" in first
        assert first.rstrip().splitlines()[-1].startswith(":")  # less, waiting
        assert "EXIT=" not in first
        tmux.send("q")
        assert "EXIT=0" in tmux.wait_for("EXIT=", timeout=10)
