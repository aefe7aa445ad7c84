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


def run_check(tmp_path: Path, replies: list[str], *args: str, save: str | None = None) -> list[str]:
    """`sciaticli check ARGS` in a 40x15 window, typing each reply once its prompt is new on
    the screen, and `save` once asked whether to save the answers; the lines left on the
    screen above EXIT=, once it has ended."""
    command = shlex.join([sys.executable, "-m", "sciaticli", "check", *args])
    line = reporting(command, SCIATICLI_HOME=str(tmp_path), SCIATICLI_PAGER="", LANG="C.UTF-8")
    with Tmux(tmp_path, line, columns=40, rows=15) as tmux:
        for count, reply in enumerate(replies):
            # Prompts end with [y/n/?]; wait for one more of them than answered so far.
            def asked(_: str, answered: int = count) -> bool:
                return tmux.scrollback().count("[y/n/?]") > answered

            tmux.wait_until(asked, f"prompt {count + 1}")
            tmux.type(reply)
        if save is not None:
            tmux.wait_for("[y/N]")
            tmux.type(save)
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
    # Nothing is asked after an emergency verdict: what to do stays the last thing shown.
    assert not any("Save these answers" in line for line in last)
    number = KB.safety.emergency_numbers[region].emergency
    bottom = " ".join(" ".join(last[-8:]).split())
    assert f"EMERGENCY: call {number} now" in bottom
    assert "Call the emergency number or go to the emergency department" in bottom


def test_the_last_lines_of_a_same_day_verdict_say_what_to_do_and_the_number(
    tmp_path: Path,
) -> None:
    everything_else = [q.id for q in questions(KB) if q.id != "fever"]
    args = ["--region", "uk", "--no", ",".join(everything_else)]
    shown = run_check(tmp_path, ["y"], *args, save="")
    # What to do ends the verdict, right above the question whether to save the answers.
    last = shown[: next(i for i, line in enumerate(shown) if "Save these answers" in line)]
    assert shown[-1] == "Not saved."
    bottom = " ".join(" ".join(last[-6:]).split())
    assert "See a doctor today." in bottom
    assert "NHS 111" in bottom
    assert "call the emergency number (999)" in bottom


def test_the_answers_are_saved_only_when_the_person_says_yes(tmp_path: Path) -> None:
    from datetime import date

    from sciaticli import journal

    everything_else = [q.id for q in questions(KB) if q.id != "fever"]
    args = ["--region", "uk", "--no", ",".join(everything_else)]
    shown = run_check(tmp_path, ["n"], *args, save="y")
    told = " ".join(shown[-3:])
    assert f"answers and the verdict to your journal ({date.today().isoformat()})." in told
    with journal.existing_journal(tmp_path / journal.FILENAME) as opened:
        assert opened is not None
        (saved,) = opened.check_answers()
    assert saved.verdict == "none-reported"
    assert [answer.question for answer in saved.answers] == [q.id for q in questions(KB)]
    assert {answer.answer for answer in saved.answers} == {"no"}
