"""`sciaticli measure peg|rmdq|psfs` asked on a terminal (in tmux), in the forms' own words: the
RMDQ with single keys, resumable after q, Ctrl-C or a closed terminal (the answers so far a
draft, never a measure); the PEG and the PSFS a number a line; the episode start asked once."""

from __future__ import annotations

import shlex
import sys
from contextlib import AbstractContextManager
from pathlib import Path

from sciaticli import journal
from sciaticli.journal.forms import PEG_QUESTIONS, RMDQ_STATEMENTS
from sciaticli.journal.measures import draft_name
from tests.terminal import Tmux, reporting


def command(tmp_path: Path, *args: str) -> str:
    line = shlex.join([sys.executable, "-m", "sciaticli", *args])
    return reporting(line, SCIATICLI_HOME=str(tmp_path / "home"), LANG="C.UTF-8")


def window(tmp_path: Path, *args: str, columns: int = 80, rows: int = 30) -> Tmux:
    """`sciaticli ARGS` in a tmux window of its own (each run a server and folder of its own:
    a new server on a socket just killed can fail to start), on the test's journal."""
    folder = tmp_path / f"run{len(list(tmp_path.glob('run*')))}"
    folder.mkdir()
    return Tmux(folder, command(tmp_path, *args), columns=columns, rows=rows)


def opened_journal(tmp_path: Path) -> AbstractContextManager[journal.Journal | None]:
    return journal.existing_journal(tmp_path / "home" / journal.FILENAME)


def measures(tmp_path: Path) -> list[tuple[str, tuple[object, ...]]]:
    with opened_journal(tmp_path) as opened:
        return [] if opened is None else [(m.measure, m.answers) for m in opened.measures()]


def setting(tmp_path: Path, name: str) -> str | None:
    with opened_journal(tmp_path) as opened:
        return None if opened is None else opened.setting(name)


PROMPT = "q stop:"


def shown_times(tmux: Tmux, text: str, times: int) -> str:
    """The screen once `text` is on it `times` times (a prompt asked once more)."""
    return tmux.wait_until(lambda screen: screen.count(text) == times, f"{text!r} x{times}")


def answer(tmux: Tmux, asked: int, number: int, key: str) -> None:
    """Press `key` once the session's `asked`-th statement prompt is shown (a key typed before
    the prompt is dropped), which is statement `number`."""
    tmux.wait_until(lambda _: tmux.scrollback().count(PROMPT) == asked, f"prompt {asked}")
    assert f"Statement {number} of 24" in tmux.scrollback().split(PROMPT)[-2]
    tmux.send(key)


def test_the_rmdq_stopped_with_q_carries_on_where_it_stopped(tmp_path: Path) -> None:
    with window(tmp_path, "measure", "rmdq", rows=30) as tmux:
        shown = tmux.wait_for(PROMPT)
        assert "When your back hurts, you may find it difficult" in shown
        assert RMDQ_STATEMENTS[0] in shown
        # b goes back to statement 3: it is shown again, and answered yes this time.
        for asked, (number, key) in enumerate(
            ((1, "y"), (2, "n"), (3, "s"), (4, "b"), (3, "y"), (4, "q")), 1
        ):
            answer(tmux, asked, number, key)
        screen = tmux.wait_for("TERMINAL-")
    text = " ".join(screen.split())
    assert "Stopped at statement 4 of 24." in text
    assert "kept as a draft, not as a measure" in text
    assert "EXIT=0" in screen and "TERMINAL-RESTORED" in screen
    assert measures(tmp_path) == []  # nothing half-saved in the measures
    assert setting(tmp_path, draft_name("rmdq")) == '{"answers": [true, false, true], "at": 3}'

    with window(tmp_path, "measure", "rmdq", rows=30) as tmux:
        tmux.wait_for("Carry on where you stopped (4 of 24)? [Y/n]")
        tmux.send("Enter")
        for number in range(4, 25):
            answer(tmux, number - 3, number, "n")
        tmux.wait_for("When did this spell of sciatica start? (a date, or Enter to skip)")
        tmux.send("Enter")
        screen = tmux.wait_for("TERMINAL-")
    assert "score 2 of 24" in screen and "EXIT=0" in screen
    assert measures(tmp_path) == [("rmdq", (True, False, True) + (False,) * 21)]
    assert setting(tmp_path, draft_name("rmdq")) is None  # the form is done: no draft left


def test_the_rmdq_keeps_its_draft_through_ctrl_c_and_a_closed_terminal(tmp_path: Path) -> None:
    with window(tmp_path, "measure", "rmdq", rows=30) as tmux:
        answer(tmux, 1, 1, "n")
        answer(tmux, 2, 2, "y")
        answer(tmux, 3, 3, "C-c")
        screen = tmux.wait_for("TERMINAL-")
    assert "Stopped at statement 3 of 24." in " ".join(screen.split())
    assert "EXIT=130" in screen and "TERMINAL-RESTORED" in screen

    with window(tmp_path, "measure", "rmdq", rows=30) as tmux:
        tmux.wait_for("Carry on where you stopped (3 of 24)? [Y/n]")
        tmux.send("y")
        answer(tmux, 1, 3, "y")
        tmux.wait_for("Statement 4 of 24")
        tmux.tmux("kill-session", "-t", tmux.session)  # the terminal closes (SIGHUP)
    assert measures(tmp_path) == []
    draft = setting(tmp_path, draft_name("rmdq"))
    assert draft == '{"answers": [false, true, true], "at": 3}'

    with window(tmp_path, "measure", "rmdq", rows=30) as tmux:
        tmux.wait_for("Carry on where you stopped (4 of 24)? [Y/n]")
        tmux.send("n")  # start again
        answer(tmux, 1, 1, "q")
        tmux.wait_for("TERMINAL-")
    assert setting(tmp_path, draft_name("rmdq")) == '{"answers": [], "at": 0}'


def test_the_peg_asks_each_question_in_its_own_words_and_the_episode_start_once(
    tmp_path: Path,
) -> None:
    with window(tmp_path, "measure", "peg", columns=120, rows=40) as tmux:
        shown = tmux.wait_for("Your number (0-10):")
        assert "Question 1 of 3" in shown and PEG_QUESTIONS[0].text in shown
        assert "0 = No pain, 10 = Pain as bad as you can imagine" in shown
        tmux.type("6")
        prompts = shown_times(tmux, "Your number (0-10):", 2)
        assert "Question 2 of 3" in prompts
        tmux.type("11")
        tmux.wait_for("Please type a whole number from 0 to 10 (or - to leave it out).")
        shown_times(tmux, "Your number (0-10):", 3)
        tmux.type("5")
        shown_times(tmux, "Your number (0-10):", 4)
        shown = tmux.screen()
        assert (
            "Question 3 of 3" in shown
            and "0 = Does not interfere, 10 = Completely interferes" in shown
        )
        tmux.type("7")
        tmux.wait_for("When did this spell of sciatica start? (a date, or Enter to skip)")
        tmux.type("2026-11-02")
        screen = tmux.wait_for("TERMINAL-")
    text = " ".join(screen.split())
    assert "score 6 out of 10" in text and "Episode start kept: 2026-11-02." in text
    assert measures(tmp_path) == [("peg", (6, 5, 7))]
    assert setting(tmp_path, "episode_start") == "2026-11-02"

    # Known now: not asked again.
    with window(tmp_path, "measure", "peg", columns=120, rows=40) as tmux:
        for number in (1, 2, 3):
            shown_times(tmux, "Your number (0-10):", number)
            tmux.type("4")
        screen = tmux.wait_for("TERMINAL-")
    assert "spell of sciatica" not in screen and "EXIT=0" in screen


def test_the_psfs_names_its_activities_the_first_time_then_rates_them(tmp_path: Path) -> None:
    with window(tmp_path, "measure", "psfs", columns=120, rows=40) as tmux:
        for number, name in enumerate(("walking to the shop", "sitting at work", "socks"), 1):
            tmux.wait_for(f"Activity {number}:")
            tmux.type(name)
        tmux.wait_for("Activity 4:")
        tmux.type("")  # three are enough
        for number, value in ((1, "4"), (2, "6"), (3, "2")):
            shown = shown_times(tmux, "(0-10):", number)
            assert f"Activity {number}, " in shown.split("(0-10):")[-2]
            tmux.type(value)
        tmux.wait_for("When did this spell of sciatica start?")
        tmux.type("")
        screen = tmux.wait_for("TERMINAL-")
    assert "score 4 out of 10" in screen and "EXIT=0" in screen
    assert measures(tmp_path) == [("psfs", (4, 6, 2))]
    assert setting(tmp_path, "psfs_activities") == (
        '["walking to the shop", "sitting at work", "socks"]'
    )
    assert setting(tmp_path, "episode_start_asked") == "skipped"
    assert setting(tmp_path, "episode_start") is None


def test_log_on_a_terminal_asks_the_episode_start_once_and_remembers_a_skip(
    tmp_path: Path,
) -> None:
    with window(tmp_path, "log", "6", "4", rows=20) as tmux:
        tmux.wait_for("When did this spell of sciatica start? (a date, or Enter to skip)")
        tmux.type("")
        screen = tmux.wait_for("TERMINAL-")
    assert "Skipped; add it any time with sciaticli measure --episode-start" in screen
    with window(tmp_path, "log", "5", "3", rows=20) as tmux:
        screen = tmux.wait_for("TERMINAL-")
    assert "spell of sciatica" not in screen and "EXIT=0" in screen
