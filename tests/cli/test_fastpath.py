"""The fast path (cli.fastpath): `techniques`, `home-routine` and `exercises`, alone or with a
NAME and no option, are drawn without importing Typer, and draw what the Typer command draws;
everything else, errors included, goes through Typer as before."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sciaticli import permits
from sciaticli.cli import fastpath
from sciaticli.cli.commands import COMMANDS
from sciaticli.cli.main import app, build_command
from sciaticli.errors import NotFoundError
from sciaticli.render import pager

FAST = [
    ["techniques"],
    ["techniques", "swedish"],
    ["home-routine"],
    ["home-routine", "standing-wall"],
    ["exercises"],
    ["exercises", "settling-movement"],
]
# Run through the console script's main, then say whether Typer was imported.
SAYS_IF_TYPER = (
    "import atexit, sys\n"
    "atexit.register(lambda: sys.__stderr__.write(f'typer={\"typer\" in sys.modules}'))\n"
    "sys.argv = ['sciaticli', *sys.argv[1:]]\n"
    "from sciaticli.__main__ import main\n"
    "main()\n"
)


def run(tmp_path: Path, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key not in fastpath.OPTION_VARIABLES}
    env.update(SCIATICLI_HOME=str(tmp_path / "home"), **extra)
    return subprocess.run(
        [sys.executable, "-c", SAYS_IF_TYPER, *args],
        capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip


@pytest.mark.parametrize("args", FAST, ids=" ".join)
def test_a_page_with_no_option_is_drawn_without_typer(tmp_path: Path, args: list[str]) -> None:
    done = run(tmp_path, *args)
    assert done.returncode == 0
    assert done.stderr == "typer=False"
    assert "Checked against its sources on " in done.stdout


@pytest.mark.parametrize(
    "args", [["techniques", "-f", "plain"], ["home-routine", "--list"], ["about"]], ids=" ".join
)
def test_anything_else_goes_through_typer(tmp_path: Path, args: list[str]) -> None:
    done = run(tmp_path, *args)
    assert done.returncode == 0
    assert done.stderr == "typer=True"


def test_an_option_variable_in_the_environment_goes_through_typer(tmp_path: Path) -> None:
    done = run(tmp_path, "home-routine", SCIATICLI_REGION="au")
    assert done.stderr == "typer=True"
    assert "000" in done.stdout.split("Steps")[0]  # Australia's number, from the option


@pytest.mark.parametrize(
    "args", [["home-routine", "nosuch"], ["exercises", "nosuch"], ["techniques", "nosuch"]]
)
def test_an_unknown_name_is_said_once_by_the_command(tmp_path: Path, args: list[str]) -> None:
    done = run(tmp_path, *args)
    assert done.returncode == 1
    assert done.stdout == ""
    message, said = done.stderr.rsplit("typer=", 1)
    assert said == "True"  # Typer ran the command again, for its own message
    assert message.count("Error:") == 1
    assert message.startswith("Error: no ") and message.endswith("\n")
    assert message.count("\n") == 1


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--version"],
        ["--no-pager", "techniques"],
        ["log", "7"],
        ["about"],
        ["techniques", "--help"],
        ["techniques", "-f", "json"],
        ["techniques", "swedish", "--brief"],
        ["techniques", "a", "b"],
        ["techniques", "--", "swedish"],
        ["techniques", "-"],
        ["techniques", ""],
        ["home-routine", "--guided"],
        ["exercises", "gentle", "--side", "left"],
    ],
    ids=repr,
)
def test_the_forms_left_to_typer(args: list[str]) -> None:
    assert fastpath.fast_form(args, {}) is None


@pytest.mark.parametrize("variable", fastpath.OPTION_VARIABLES)
def test_a_variable_an_option_reads_leaves_the_run_to_typer(variable: str) -> None:
    assert fastpath.fast_form(["techniques"], {variable: "x"}) is None
    assert fastpath.fast_form(["techniques"], {variable: ""}) == ("techniques", None)


def test_the_forms_drawn_fast() -> None:
    assert fastpath.fast_form(["techniques"], {}) == ("techniques", None)
    assert fastpath.fast_form(["home-routine", "wall"], {"LANG": "C"}) == ("home-routine", "wall")
    assert fastpath.fast_form(["exercises", "gentle"], {}) == ("exercises", "gentle")


def test_every_variable_the_commands_options_read_is_known() -> None:
    for name in fastpath.PAGES:
        read = {param.envvar for param in build_command(name).params if param.envvar}
        assert read <= set(fastpath.OPTION_VARIABLES), name


@pytest.mark.parametrize("args", FAST, ids=" ".join)
@pytest.mark.parametrize(
    "env",
    [{}, {"FORCE_COLOR": "1"}, {"NO_COLOR": "1", "CLICOLOR_FORCE": "1"}, {"LC_MESSAGES": "C"}],
    ids=["plain", "rich", "rich without colour", "no region"],
)
def test_the_fast_path_draws_what_the_command_draws(
    args: list[str],
    env: dict[str, str],
    runner: CliRunner,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert fastpath.run(args)
    fast = capsys.readouterr()
    typer = runner.invoke(app, args)
    assert typer.exit_code == 0
    assert (fast.out, fast.err) == (typer.stdout, typer.stderr)


def test_the_run_is_allowed_what_the_command_table_says(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, bool] = {}

    def emit(page: object, fmt: object, color: object) -> None:
        seen.update(paged=pager._state["allowed"], **permits._state)

    monkeypatch.setattr("sciaticli.render.output.emit", emit)
    for name in fastpath.PAGES:
        assert fastpath.run([name])
        spec = COMMANDS[name]
        assert seen == {"paged": spec.paged, "ask": spec.interactive, "write": spec.writes}
        assert permits._state == {"ask": True, "write": True}  # all allowed again after


def test_ctrl_c_ends_it_as_typer_does(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("sciaticli.pages.techniques.techniques_page", interrupted)
    with pytest.raises(SystemExit) as ended:
        fastpath.run(["techniques"])
    assert ended.value.code == 130
    assert runner.invoke(app, ["techniques"]).exit_code == 130


def test_an_error_while_the_page_is_written_is_said_as_typer_says_it(
    runner: CliRunner, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def fails(*args: object, **kwargs: object) -> None:
        raise NotFoundError("the page \x1b[31mcannot\nbe written")

    # The command's module first: imported with `emit` patched, it would keep the patch after
    # the test (its `from ... import emit` binds what it finds), and so fail other tests.
    monkeypatch.setattr("sciaticli.cli.techniques.emit", fails)
    monkeypatch.setattr("sciaticli.render.output.emit", fails)
    with pytest.raises(SystemExit) as ended:
        fastpath.run(["techniques"])
    assert ended.value.code == 1
    fast = capsys.readouterr()
    typer = runner.invoke(app, ["techniques"])
    assert typer.exit_code == 1
    assert fast.err == typer.stderr
    assert fast.err.startswith("Error: the page ") and fast.err.count("\n") == 1
    assert "\x1b" not in fast.err


@pytest.mark.parametrize("module", ["sciaticli.cli.fastpath", "sciaticli.cli.main"])
def test_ctrl_c_while_modules_load_ends_quietly(tmp_path: Path, module: str) -> None:
    # Ctrl-C that lands while `module` is imported, before any command has started.
    code = (
        "import sys\n"
        "class Interrupted:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        f"        if name == {module!r}:\n"
        "            raise KeyboardInterrupt\n"
        "sys.meta_path.insert(0, Interrupted())\n"
        "sys.argv = ['sciaticli', 'about']\n"
        "from sciaticli.__main__ import main\n"
        "main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
        env={**os.environ, "SCIATICLI_HOME": str(tmp_path / "home")},
    )  # fmt: skip
    assert (done.returncode, done.stdout, done.stderr) == (130, "", "")
