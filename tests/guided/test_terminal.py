"""The guided routine for real: in tmux (the screen a person sees) and on a pty (the bell).
The logic of pausing, skipping, logging and the bells' count is in test_session.py, on a
clock the test moves."""

from __future__ import annotations

import re
from pathlib import Path

from tests.guided import QUICK, QUICK_KB, SCIATICLI, Start, ended, journal_rows, others_after_quick
from tests.terminal import environment, run_on_pty


def test_guided_steps_and_countdown_move_and_ctrl_c_ends_cleanly(
    terminal: Start, tmp_path: Path
) -> None:
    screen = terminal(f"{SCIATICLI} home-routine --guided --hold 20 --no-bell")
    screen.wait_match(r"Pain now, 0-10 \(Enter to skip\):")
    asked = screen.scrollback()
    assert "Do not do this routine if" in asked and "Stop rules" in asked  # warnings first
    assert asked.index("Stop rules") < asked.index("Pain now")
    screen.send("5", "Enter")
    screen.wait_match(r"Press Enter or space to start")
    screen.send("Enter")
    lead_in = screen.wait_match(r"Get into position: Left side · Step 1 of 5 starts in [1-4] s")
    assert "space pause · n next · q quit" in lead_in
    first = screen.wait_match(r"(?m)^Left side · Step 1 of 5$")
    assert re.search(r"\b(?:10|9|8) s left", first)
    assert "Next: Left side · Step 2 of 5" in first
    screen.wait_match(r"(?m)^Left side · Step 1 of 5$[\s\S]*\b8 s left")
    screen.wait_match(r"(?m)^Left side · Step 2 of 5$", timeout=30)
    screen.send("C-c")
    asked = screen.wait_match(r"Log a partial session\? \[y/N\]")
    assert "Routine stopped: 1 of 10 steps finished" in asked
    assert "- Left side · Step 1 of 5: done, 0:10" in asked
    assert asked.count("Routine stopped") == 1  # one message, not the last frame as well
    screen.send("Enter")  # Ctrl-C: nothing is logged unless the person says yes
    end = ended(screen)
    assert "EXIT=130" in end and "Not logged." in end
    assert "Traceback" not in end
    assert "TERMINAL-RESTORED" in end
    assert not (tmp_path / "journal.sqlite3").exists()


def test_q_quits_with_status_0(terminal: Start, tmp_path: Path) -> None:
    screen = terminal(f"{SCIATICLI} home-routine seated --guided --hold 25 --no-bell")
    screen.wait_match(r"Pain now, 0-10")
    screen.send("Enter")  # skipped: then the session is not offered for logging
    screen.wait_match(r"Press Enter or space to start")
    screen.send("Enter")
    screen.wait_match(r"Step 1 of")
    screen.send("q")
    end = ended(screen)
    assert "EXIT=0" in end
    assert "Routine stopped: 0 of" in end
    assert end.count("Routine stopped") == 1  # one message, not the last frame as well
    assert "after the routine" not in end and "Log this session" not in end


def bells(tmp_path: Path, *args: str) -> str:
    """Run on a pseudo-terminal, press Enter at the start prompt; everything shown."""
    env = environment(tmp_path, SCIATICLI_HOME=str(tmp_path))
    command = ["home-routine", "--guided", "--no-log", *args]
    keys = [(b"Press Enter", b"\r"), (b"or Enter to finish:", b"\r")]  # no other routine now
    status, shown = run_on_pty(command, env, answer=keys, timeout=60)
    assert status == 0
    return shown


def test_the_bell_reaches_the_terminal(tmp_path: Path) -> None:
    # (how many bells, and none with --no-bell: tests/guided/test_session.py)
    with_bell = bells(tmp_path, "quick-test", "--kb", str(QUICK_KB), "--side", "left")
    assert with_bell.count("\x07") == 6  # the start, between 5 steps, the second round
    assert "Routine finished: all 5 steps" in with_bell


def test_guided_refuses_a_file_that_is_not_a_journal_before_starting(
    terminal: Start, tmp_path: Path
) -> None:
    not_a_journal = tmp_path / "journal.sqlite3"
    not_a_journal.write_bytes(b"my own notes, not a database\n")
    screen = terminal(f"{SCIATICLI} home-routine {QUICK} --guided --no-bell")
    end = ended(screen)
    squeezed = re.sub(r"\s", "", end)  # the message wraps anywhere, mid-word too
    assert "EXIT=1" in end
    assert "isnotasciaticlijournal(itisnotanSQLitedatabase)" in squeezed
    assert "Itwasleftasitis" in squeezed and "add--no-log" in squeezed
    assert "Press Enter" not in end and "Pain now" not in end
    assert not_a_journal.read_bytes() == b"my own notes, not a database\n"


def test_ctrl_c_at_the_first_question_ends_before_starting(terminal: Start, tmp_path: Path) -> None:
    screen = terminal(f"{SCIATICLI} home-routine {QUICK} --guided --no-bell")
    screen.wait_match(r"Pain now, 0-10")
    screen.send("C-c")
    end = ended(screen)
    assert re.search(r"(?m)^EXIT=130$", end)
    assert "Press Enter" not in end and "Traceback" not in end
    assert "TERMINAL-RESTORED" in end
    assert not (tmp_path / "journal.sqlite3").exists()


def test_the_screen_names_the_first_step_numbers_by_side_and_says_space_resumes(
    terminal: Start, tmp_path: Path
) -> None:
    screen = terminal(f"{SCIATICLI} home-routine {QUICK} --guided --no-bell --no-log")
    screen.wait_for("Press Enter or space to start")
    screen.send("Enter")
    lead_in = screen.wait_for("Next: Left side · Step 1 of 6: Place the ball.")
    assert "Get into position: Left side · Step 1 of 6 starts in" in lead_in
    assert "the end of the routine" not in lead_in
    screen.send("Space")  # paused: the key line says what space does now
    paused = screen.wait_for("space resume · n next · q quit")
    assert "space pause" not in paused
    screen.send("Space")
    screen.wait_for("space pause · n next · q quit")
    # The right side counts from 1 again, as the printed routine and the card do.
    right = screen.wait_match(r"(?m)^Right side · Step 1 of 6$", timeout=30)
    assert "of 12" not in right
    screen.send("q")
    end = ended(screen)
    assert "EXIT=0" in end
    assert end.count("Routine stopped") == 1
    assert "- Left side · Step 1 of 6: done, 0:01" in end


def test_the_log_question_takes_one_key_without_enter(terminal: Start, tmp_path: Path) -> None:
    screen = terminal(f"{SCIATICLI} home-routine {QUICK} --guided --side left --no-bell")
    screen.wait_for("Pain now, 0-10 (Enter to skip):")
    screen.send("5", "Enter")
    screen.wait_for("Press Enter or space to start")
    screen.send("Enter")
    screen.wait_for("Pain now, after the routine, 0-10 (Enter to skip):", timeout=30)
    screen.send("3", "Enter")
    screen.wait_for("Log this session? [Y/n]")
    screen.send("y")  # no Enter
    screen.wait_for("or Enter to finish:")  # another routine: not now
    screen.send("Enter")
    end = ended(screen)
    assert "Log this session? [Y/n] y" in end and "Logged entry 1 for" in end
    assert "EXIT=0" in end and "TERMINAL-RESTORED" in end
    assert "Please answer y or n" not in end
    assert journal_rows(tmp_path) == [("quick-test", 5, 3, "guided", "full")]


def test_another_routine_in_the_same_sitting_with_one_key(terminal: Start, tmp_path: Path) -> None:
    screen = terminal(f"{SCIATICLI} home-routine {QUICK} --guided --side left --no-bell")

    def asking(prompt: str, after: str) -> str:  # the screen once it ends with this question
        return screen.wait_until(
            lambda shown: after in shown and shown.rstrip().endswith(prompt), prompt, timeout=30
        )

    screen.wait_for("Pain now, 0-10 (Enter to skip):")
    screen.send("5", "Enter")
    screen.wait_for("Press Enter or space to start")
    screen.send("Enter")
    asking("Pain now, after the routine, 0-10 (Enter to skip):", "all 5 steps")
    screen.send("3", "Enter")
    asking("Log this session? [Y/n]", "all 5 steps")
    screen.send("y")
    offer = asking(
        f"Press {others_after_quick()} to start it now, or Enter to finish:", "Another routine now?"
    )
    chosen = re.search(r"(?m)^  (\d)\. Second quick routine, 2 s$", offer)
    assert chosen is not None
    screen.send(chosen.group(1))  # one key
    screen.wait_for("Second quick routine: 2 steps, 2 s.")
    intro = screen.scrollback()
    intro = intro[intro.rindex("Another routine now?") :]
    assert "Stop if numbness, tingling or weakness starts or spreads." in intro  # its own rules
    assert "Pain before: 3 out of 10, as you gave it after the last routine." in intro
    screen.send("Enter")
    asking("Pain now, after the routine, 0-10 (Enter to skip):", "all 2 steps")
    screen.send("2", "Enter")
    asking("Log this session? [Y/n]", "all 2 steps")
    screen.send("y")
    asking(f"Press {others_after_quick(2)} to start it now, or Enter to finish:", "all 2 steps")
    screen.send("Enter")
    end = ended(screen)
    assert "EXIT=0" in end and "TERMINAL-RESTORED" in end
    assert journal_rows(tmp_path) == [
        ("quick-test", 5, 3, "guided", "full"),
        ("quick-two", 3, 2, "guided", "full"),
    ]
