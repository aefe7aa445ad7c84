"""`sciaticli check` on a small terminal (40x15, in tmux): the screen a person is left with."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import pytest

from sciaticli.knowledge import load_knowledge_base
from sciaticli.safety import groups, questions
from tests.terminal import Tmux, reporting

KB = load_knowledge_base()


def run_check(tmp_path: Path, replies: list[str], *args: str) -> list[str]:
    """`sciaticli check ARGS` in a 40x15 window, typing each reply once its prompt is new on
    the screen; the lines left on the screen above EXIT=, once it has ended."""
    command = shlex.join([sys.executable, "-m", "sciaticli", "check", *args])
    line = reporting(command, SCIATICLI_HOME=str(tmp_path), SCIATICLI_PAGER="", LANG="C.UTF-8")
    with Tmux(tmp_path, line, columns=40, rows=15) as tmux:
        for count, reply in enumerate(replies):
            # Prompts end with [y/n/?]; wait for one more of them than answered so far.
            def asked(_: str, answered: int = count) -> bool:
                return tmux.scrollback().count("[y/n/?]") > answered

            tmux.wait_until(asked, f"prompt {count + 1}")
            tmux.type(reply)
        screen = tmux.wait_for("TERMINAL-")
    lines = [text.rstrip() for text in screen.splitlines()]
    return [text for text in lines[: next(i for i, t in enumerate(lines) if "EXIT=" in t)] if text]


@pytest.mark.parametrize("region", ["uk", "us"])
def test_the_last_lines_of_an_emergency_verdict_say_what_to_do_and_the_number(
    tmp_path: Path, region: str
) -> None:
    first = groups(questions(KB))[0].questions[0]
    assert first.urgency == "emergency"
    # Yes to the emergency group, then yes to its first question: the emergency verdict.
    last = run_check(tmp_path, ["y", "y"], "--region", region)
    number = KB.safety.emergency_numbers[region].emergency
    bottom = " ".join(" ".join(last[-8:]).split())
    assert f"EMERGENCY: call {number} now" in bottom
    assert "Call the emergency number or go to the emergency department" in bottom


def test_the_last_lines_of_a_same_day_verdict_say_what_to_do_and_the_number(
    tmp_path: Path,
) -> None:
    everything_else = [q.id for q in questions(KB) if q.id != "fever"]
    args = ["--region", "uk", "--no", ",".join(everything_else)]
    last = run_check(tmp_path, ["y"], *args)
    bottom = " ".join(" ".join(last[-6:]).split())
    assert "See a doctor today." in bottom
    assert "NHS 111" in bottom
    assert "call the emergency number (999)" in bottom
