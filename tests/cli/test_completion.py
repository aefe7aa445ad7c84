"""Shell completion: the scripts for bash, zsh and fish, and what each word completes to, through
the protocol the scripts use, through bash's own completion function, and by TAB in tmux."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sciaticli.cli.main import app
from tests.terminal import Tmux, environment

BIN = os.path.dirname(sys.executable)


def env_for(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = environment(tmp_path)
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env.update(extra)
    return env


def bash_complete(tmp_path: Path, line: str) -> list[str]:
    """What the bash script's protocol answers for `line` (the last word being completed)."""
    words = line.split(" ")
    done = subprocess.run(
        [sys.executable, "-m", "sciaticli"],
        env=env_for(
            tmp_path,
            _SCIATICLI_COMPLETE="complete_bash",
            COMP_WORDS=line,
            COMP_CWORD=str(len(words) - 1),
        ),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("sciaticli techniques shi", ["shiatsu"]),
        ("sciaticli tech", ["techniques"]),
        ("sciaticli techniques knead", ["petrissage"]),  # an alias completes to the id
        ("sciaticli techniques --family ", ["western", "structural", "oriental", "energy"]),
        ("sciaticli techniques --pressure d", ["deep"]),
        (
            "sciaticli techniques --target glu",
            ["gluteus\\ maximus", "gluteus\\ medius", "gluteus\\ minimus"],  # quoted for bash
        ),
        ("sciaticli home-routine sta", ["standing-wall"]),
        ("sciaticli home-routine ", ["standing-wall", "seated-chair", "lying-back"]),
        ("sciaticli exercises ", ["gentle-movement", "settling-movement"]),
        ("sciaticli exercises sett", ["settling-movement"]),
        ("sciaticli log -r gent", ["gentle-movement"]),  # the journal takes either kind
        ("sciaticli home-routine --side r", ["right"]),
        ("sciaticli safety --region n", ["nz"]),
        ("sciaticli sources nice-ng5", ["nice-ng59"]),
        ("sciaticli search myt", ["myths"]),  # a topic's id
        ("sciaticli check --yes both-legs,sadd", ["both-legs,saddle-numbness"]),
        ("sciaticli log -r seat", ["seated-chair"]),
        ("sciaticli techniques --form", ["--format"]),
        ("sciaticli techniques -f ", ["auto", "rich", "plain", "markdown", "json", "html"]),
    ],
)
def test_completes(tmp_path: Path, line: str, expected: list[str]) -> None:
    assert bash_complete(tmp_path, line) == expected


def test_zsh_and_fish_get_descriptions(tmp_path: Path) -> None:
    zsh = subprocess.run(
        [sys.executable, "-m", "sciaticli"],
        env=env_for(
            tmp_path,
            _SCIATICLI_COMPLETE="complete_zsh",
            _TYPER_COMPLETE_ARGS="sciaticli techniques shi",
        ),
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert zsh.splitlines() == ["shiatsu\tshiatsu  -- Shiatsu"]  # value, tab, what is listed
    fish = subprocess.run(
        [sys.executable, "-m", "sciaticli"],
        env=env_for(
            tmp_path,
            _SCIATICLI_COMPLETE="complete_fish",
            _TYPER_COMPLETE_ARGS="sciaticli techniques shi",
            _TYPER_COMPLETE_FISH_ACTION="get-args",
        ),
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert fish.splitlines() == ["shiatsu\tShiatsu"]


@pytest.mark.parametrize(
    ("shell", "marker"),
    [
        ("bash", "complete -o default -F _sciaticli_completion sciaticli"),
        ("zsh", "#compdef sciaticli"),
        ("fish", "complete --command sciaticli"),
    ],
)
def test_show_completion_prints_each_shells_script(
    runner: CliRunner, shell: str, marker: str
) -> None:
    result = runner.invoke(app, ["--show-completion", shell], prog_name="sciaticli")
    assert result.exit_code == 0, result.output
    assert marker in result.stdout
    assert "_SCIATICLI_COMPLETE" in result.stdout


def test_an_unsupported_shell_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--show-completion", "tcsh"])
    assert result.exit_code == 2
    assert "'tcsh' is not a shell sciaticli completes for (bash, zsh, fish)" in result.stderr


def test_install_completion_writes_the_script_and_sources_it(tmp_path: Path) -> None:
    home = tmp_path / "user"
    done = subprocess.run(
        [sys.executable, "-m", "sciaticli", "--install-completion", "bash"],
        env=env_for(tmp_path, HOME=str(home)),
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    script = home / ".bash_completions" / "sciaticli.sh"
    assert "_sciaticli_completion" in script.read_text()
    assert f"source '{script}'" in (home / ".bashrc").read_text()
    assert "bash completion installed in" in done.stdout


def test_the_bash_script_completes_through_bashs_own_function(tmp_path: Path) -> None:
    script = subprocess.run(
        [sys.executable, "-m", "sciaticli", "--show-completion", "bash"],
        env=env_for(tmp_path), capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    (tmp_path / "completion.sh").write_text(script)
    program = (
        f"source {shlex.quote(str(tmp_path / 'completion.sh'))}\n"
        "COMP_WORDS=(sciaticli techniques shi); COMP_CWORD=2\n"
        "_sciaticli_completion sciaticli shi techniques\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    done = subprocess.run(
        ["bash", "--norc", "-c", program],
        env=env_for(tmp_path), capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert done.stdout.split() == ["shiatsu"]


def test_tab_in_a_real_bash_in_tmux(tmp_path: Path) -> None:
    script = subprocess.run(
        [sys.executable, "-m", "sciaticli", "--show-completion", "bash"],
        env=env_for(tmp_path), capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    rc = tmp_path / "rc.sh"
    rc.write_text(f"PS1='$ '\n{script}\n")
    env = env_for(tmp_path)
    exports = " ".join(
        f"{name}={shlex.quote(env[name])}"
        for name in ("PATH", "SCIATICLI_HOME", "LC_MESSAGES", "HOME", "TERM")
        if name in env
    )
    shell = f"env -i {exports} bash --noprofile --rcfile {shlex.quote(str(rc))} -i"
    with Tmux(tmp_path, shell, columns=100, rows=20) as tmux:
        tmux.wait_for("$", timeout=10)
        tmux.send("sciaticli techniques shi", "Tab")
        assert "$ sciaticli techniques shiatsu" in tmux.wait_for("shiatsu", timeout=15)


def test_completion_costs_nothing_at_start_up() -> None:
    # sciaticli's completion module is imported only for a completion request or the two
    # options (bench/startup.py measures the time; Typer imports its own completion code).
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from sciaticli.cli.main import app\n"
        "CliRunner().invoke(app, ['techniques', '-f', 'plain'])\n"
        "print('sciaticli.cli.complete' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True,
        env={**os.environ, "SCIATICLI_PAGER": ""},
    )  # fmt: skip
    assert done.stdout.strip() == "False"
