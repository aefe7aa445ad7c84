"""`sciaticli exercises --guided` for real, in tmux: the warnings before the steps, each
exercise named with its repetitions counted down, a glide on each side in turn, the pain after
and the journal entry, the offer of another routine; and the bad flare-up that stops before the
steps. A movement routine of one-second repetitions (tests/data/quick-movement.yaml); the logic
on a clock the test moves is in test_movement.py."""

from __future__ import annotations

import shlex
from pathlib import Path

from tests.guided import SCIATICLI, Start, ended, journal_rows

QUICK_MOVES_KB = Path(__file__).parent.parent / "data" / "quick-movement.yaml"
QUICK_MOVES = f"quick-moves --kb {shlex.quote(str(QUICK_MOVES_KB))}"


def test_a_movement_routine_guided_to_its_end_and_logged(terminal: Start, tmp_path: Path) -> None:
    screen = terminal(f"{SCIATICLI} exercises {QUICK_MOVES} --guided --no-bell", 80, 30)
    asked = screen.wait_match(r"Pain now, 0-10 \(Enter to skip\):")
    assert asked.index("Never push an exercise into leg pain") < asked.index("Pain now")
    screen.send("3", "Enter")
    screen.wait_match(r"Quick movement routine: 3 steps, 7 s\.\s+Press Enter or space to start")
    screen.send("Enter")
    screen.wait_match(r"(?m)^Quick knee rolls · Step 1 of 3$[\s\S]*Repetition [1-3] of 3")
    screen.wait_match(r"(?m)^Quick glide, left side · Step 2 of 3$", timeout=30)
    asked = screen.wait_match(r"Pain now, after the routine, 0-10", timeout=30)
    assert "Routine finished: all 3 steps" in asked
    assert "- Quick glide, right side · Step 3 of 3: done, 0:02" in asked
    screen.send("2", "Enter")
    screen.wait_match(r"Log this session\? \[Y/n\]")
    screen.send("y")
    offer = screen.wait_match(r"to start it now, or Enter to finish:")
    assert "Tennis ball against a wall (standing)" in offer
    assert "Gentle movement for a bad spell" in offer
    screen.send("Enter")
    end = ended(screen)
    assert "EXIT=0" in end and "TERMINAL-RESTORED" in end and "Traceback" not in end
    assert journal_rows(tmp_path) == [("quick-moves", 3, 2, "guided", "full")]


def test_a_bad_flare_up_stops_the_exercises_before_the_steps(
    terminal: Start, tmp_path: Path
) -> None:
    screen = terminal(f"{SCIATICLI} exercises {QUICK_MOVES} --guided --no-bell", 40, 15)
    screen.wait_match(r"Pain now, 0-10")
    screen.send("9", "Enter")
    warned = screen.wait_match(r"Go on anyway\? Type yes to go on")
    assert "Pain 9 out of 10 is a severe flare-up." in " ".join(warned.split())
    screen.send("Enter")
    screen.wait_match(r"Stopped before starting\.[\s\S]*\[Y/n\]")  # the rating: log it?
    screen.send("n")
    end = ended(screen)
    assert "Stopped before starting." in end and "EXIT=0" in end
    assert "Quick knee rolls · Step" not in end
    assert not (tmp_path / "journal.sqlite3").exists() or journal_rows(tmp_path) == []
