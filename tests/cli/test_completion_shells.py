"""Completion with hostile names, in the real bash, zsh and fish: TAB, then Enter, in tmux.

Every name comes from a knowledge-base file (SCIATICLI_KB, or --kb on the line) that tries to
run a command: none runs (no marker file appears), and each completed value reaches the program
as one argument, exactly as written in the file. In the shell under test, `sciaticli` is a
function that shows its arguments and then runs the real command; completion still asks the
real program (the scripts run it through env)."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.terminal import Tmux, environment

BIN = os.path.dirname(sys.executable)

# (what is typed before TAB, the muscle's whole name in the file)
MUSCLES = [
    ("zq1", "zq1 lower back; touch pwned-1"),
    ("zq2", "zq2 $(touch pwned-2)"),
    ("zq3", "zq3 \\$(touch pwned-3)"),
    ("zq4", "zq4 `touch pwned-4`"),
    ("zq5", "zq5 ' ; touch pwned-5 ; '"),
    ("zq6", 'zq6 " ; touch pwned-6 ; "'),
    ("zq7", "zq7 | touch pwned-7 & touch pwned-7b > pwned-7c"),
    ("zq8", "zq8 (touch pwned-8) {a,b} * ? [x] ~ # ! !! % \\ = ^ é"),
]
# In the file given by --kb on the line only.
KB_MUSCLE = ("zk9", "zk9 ; touch pwned-9")
HOSTILE_NAME = "Nice \\$(touch pwned-name) $(touch pwned-name2) `touch pwned-name3` '\" \\"
HOSTILE_TITLE = "Title \\$(touch pwned-title) `touch pwned-title2` ; touch pwned-title3"


def hostile_kb(path: Path, muscles: list[str], name: str = HOSTILE_NAME) -> Path:
    """A knowledge base on top of the bundled one: a technique and a source whose name and
    title, and muscles whose names, try to run commands."""
    kb = {
        "sources": [
            {"key": "zz-evil-source", "title": HOSTILE_TITLE, "publisher": "Test Press"},
        ],
        "techniques": [
            {
                "id": "zz-evil",
                "name": name,
                "family": "western",
                "performed_by": ["self"],
                "pressure": ["light"],
                "targets": muscles,
                "summary": "A made-up technique used by the tests.",
                "steps": ["Press gently."],
                "why_it_may_help": "It may not help at all.",
                "evidence": {"level": "insufficient", "summary": "No trial has tested it."},
                "cautions": ["Stop if pain travels down the leg."],
                "sources": ["zz-evil-source", "nhs-sciatica"],
            }
        ],
    }
    path.write_text(yaml.safe_dump(kb, allow_unicode=True), encoding="utf-8")
    return path


# Each shell: its start-up file (the completion script, a prompt, the showing function) and
# the command that starts it interactively with that file alone.
RC = {
    "bash": (
        "rc.bash",
        "PS1='$ '\n{script}\n"
        'sciaticli() {{ printf "[%s]" "$@"; command sciaticli "$@" >/dev/null 2>&1; '
        'echo " exit $?"; }}\n',
        "bash --noprofile --rcfile {rc} -i",
    ),
    "zsh": (
        ".zshrc",
        "PS1='$ '\nautoload -Uz compinit && compinit -u\n{script}\n"
        'sciaticli() {{ printf "[%s]" "$@"; command sciaticli "$@" >/dev/null 2>&1; '
        'echo " exit $?"; }}\n',
        "zsh -i",
    ),
    "fish": (
        "fish/config.fish",
        "function fish_prompt; echo -n '$ '; end\nfunction fish_greeting; end\n{script}\n"
        "function sciaticli; printf '[%s]' $argv; command sciaticli $argv >/dev/null 2>&1; "
        "echo ' exit' $status; end\n",
        "fish -i",
    ),
}


def start_shell(tmp_path: Path, shell: str) -> Tmux:
    import shutil

    assert shutil.which(shell), f"{shell} is needed for this test (.ci/run installs it)"
    work = tmp_path / "work"
    work.mkdir()
    config = tmp_path / "config"
    env = environment(tmp_path / "home")
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    script = subprocess.run(
        [sys.executable, "-m", "sciaticli", "--show-completion", shell],
        env=env, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    name, text, command = RC[shell]
    rc = config / name
    rc.parent.mkdir(parents=True)
    rc.write_text(text.format(script=script), encoding="utf-8")
    kb = hostile_kb(tmp_path / "evil.yaml", [muscle for _, muscle in MUSCLES])
    values = {
        "PATH": env["PATH"],
        "HOME": str(tmp_path / "home"),
        "ZDOTDIR": str(config),
        "XDG_CONFIG_HOME": str(config),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "SCIATICLI_HOME": str(tmp_path / "home"),
        "SCIATICLI_PAGER": "",
        "SCIATICLI_KB": str(kb),
    }
    exports = " ".join(f"{key}={shlex.quote(value)}" for key, value in values.items())
    line = f"cd {shlex.quote(str(work))} && exec env -i {exports} " + command.format(
        rc=shlex.quote(str(rc))
    )
    return Tmux(tmp_path, line, columns=220, rows=50)


def typed(tmux: Tmux, line: str, arguments: list[str]) -> None:
    """Type `line`, TAB, Enter: the program gets `arguments`, one each, and runs."""
    tmux.send(line, "Tab", "Enter")
    tmux.wait_for("".join(f"[{argument}]" for argument in arguments) + " exit 0", timeout=20)


def target(tmux: Tmux, start: str, muscle: str) -> None:
    """`--target START`, TAB, Enter: the program gets the whole muscle name as one argument."""
    typed(tmux, f"sciaticli techniques --target {start}", ["techniques", "--target", muscle])


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_hostile_names_complete_as_one_argument_and_run_nothing(tmp_path: Path, shell: str) -> None:
    other = hostile_kb(tmp_path / "other.yaml", [KB_MUSCLE[1]])
    work = tmp_path / "work"
    with start_shell(tmp_path, shell) as tmux:
        tmux.wait_for("$", timeout=20)
        for start, muscle in MUSCLES:
            target(tmux, start, muscle)
        # In a quote the person opened: the rest of the word, closed.
        target(tmux, "'zq5", MUSCLES[4][1])
        target(tmux, '"zq6', MUSCLES[5][1])
        target(tmux, "'zq8", MUSCLES[7][1])
        target(tmux, '"zq8', MUSCLES[7][1])
        # A harmless name of several words: one argument too.
        target(tmux, "lower", "lower back muscles")
        # The hostile technique name and source title are the descriptions of these values.
        typed(tmux, "sciaticli techniques zz-ev", ["techniques", "zz-evil"])
        typed(tmux, "sciaticli sources zz-evil-s", ["sources", "zz-evil-source"])
        # The file given by --kb on the line (SCIATICLI_KB does not have this muscle).
        typed(
            tmux,
            f"sciaticli techniques --kb {other} --target {KB_MUSCLE[0]}",
            ["techniques", "--kb", str(other), "--target", KB_MUSCLE[1]],
        )
    assert sorted(path.name for path in work.iterdir()) == []
    assert not list(tmp_path.rglob("pwned*"))


def complete_lines(tmp_path: Path, shell: str, line: str) -> list[str]:
    """The answer lines the program gives `shell`'s script for `line`."""
    env = environment(tmp_path / "home", SCIATICLI_KB=str(tmp_path / "ctl.yaml"))
    env.update(
        _SCIATICLI_COMPLETE=f"complete_{shell}",
        _TYPER_COMPLETE_ARGS=line,
        _TYPER_COMPLETE_FISH_ACTION="get-args",
        COMP_WORDS=line,
        COMP_CWORD=str(len(line.split(" ")) - 1),
    )
    done = subprocess.run(
        [sys.executable, "-m", "sciaticli"], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_values_a_shell_cannot_take_are_left_out(tmp_path: Path, shell: str) -> None:
    muscles = [
        "zq esc \x1b]0;title\x07",
        "zq bidi \u202e reversed",
        "zq del \x7f",
        "zq zero width \u200b",
        "zq plain and fine",
    ]
    hostile_kb(tmp_path / "ctl.yaml", muscles)
    lines = complete_lines(tmp_path, shell, "sciaticli techniques --target zq")
    values = [line.split("\t")[0] for line in lines]
    assert values == ["zq\\ plain\\ and\\ fine" if shell == "bash" else "zq plain and fine"]


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_a_description_is_one_line_without_controls(tmp_path: Path, shell: str) -> None:
    hostile_kb(tmp_path / "ctl.yaml", ["zq plain"], name="Evil\x1b]0;x\x07 \u202e name")
    lines = complete_lines(tmp_path, shell, "sciaticli techniques zz-ev")
    assert len(lines) == 1
    value, shown = lines[0].split("\t")
    assert value == "zz-evil"
    assert shown.endswith("Evil ]0;x name")


def test_bash_quoting_reads_back_as_the_value_in_each_quote(tmp_path: Path) -> None:
    """Every printable ASCII character, some others, and the hostile names, quoted as the bash
    answer quotes them after nothing, ' or ", and closed as readline closes a quote: bash reads
    back the value, as one word, and runs nothing."""
    from sciaticli.cli.shells import bash_quoted

    ascii_text = "".join(chr(code) for code in range(0x20, 0x7F))
    values = [ascii_text, "é ü ß 日本", "x'", 'x"', "x!", "x\\", "!x", "'", '"', "~x", "#x"]
    values += [muscle for _, muscle in MUSCLES]
    for opened in ("", "'", '"'):
        words = []
        for value in values:
            text = bash_quoted(value, opened)
            closing = opened if opened and not text.endswith(opened) else ""
            words.append(opened + text + closing)
        program = "printf '[%s]\\n' " + " ".join(words) + "\n"
        done = subprocess.run(
            ["bash", "--norc", "--noprofile", "-c", program],
            cwd=tmp_path, capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert done.stdout.splitlines() == [f"[{value}]" for value in values]
    assert not list(tmp_path.rglob("pwned*"))
