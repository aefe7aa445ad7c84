"""The guided routine as a person sees it, in tmux at 100x30 and 40x15: the flare-up stop,
the saddle line, rounds and passes, optional steps, the honest ending, aftercare and partial
sessions."""

from __future__ import annotations

import re
import shlex
import shutil
import sqlite3
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.test_guided_terminal import QUICK, SCIATICLI, wait_for

Start = Callable[..., Callable[[], str]]


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Start]:
    """Start a command in a detached tmux window of the given size; yields the screen."""
    assert shutil.which("tmux"), "tmux is needed for this test (.ci/run installs it)"
    socket = str(tmp_path / "tmux.sock")

    def start(command: str, width: int = 100, height: int = 30) -> Callable[[], str]:
        env = f"SCIATICLI_HOME={shlex.quote(str(tmp_path))} TERM=xterm-256color"
        shell = f"env -u COLUMNS -u LINES {env} {command}; echo EXIT=$?; sleep 60"
        subprocess.run(
            ["tmux", "-S", socket, "new-session", "-d", "-s", "flow", "-x", str(width),
             "-y", str(height), "-c", str(tmp_path), shell],
            check=True,
        )  # fmt: skip
        return lambda: subprocess.run(
            ["tmux", "-S", socket, "capture-pane", "-p", "-t", "flow"],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip

    yield start
    subprocess.run(["tmux", "-S", socket, "kill-server"], check=False, capture_output=True)


def keys(tmp_path: Path, *sent: str) -> None:
    socket = str(tmp_path / "tmux.sock")
    subprocess.run(["tmux", "-S", socket, "send-keys", "-t", "flow", *sent], check=True)


def rows(tmp_path: Path) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(tmp_path / "journal.sqlite3")
    try:
        query = "SELECT routine, pain_before, pain_after, origin, session FROM entries"
        return connection.execute(query).fetchall()
    finally:
        connection.close()


def flat(text: str) -> str:
    return " ".join(text.split())


def started(tmux: Start, tmp_path: Path, pain: str) -> Callable[[], str]:
    """The standing routine, left side, with this pain before, started (in its lead-in)."""
    screen = tmux(f"{SCIATICLI} home-routine standing --guided --side left --no-bell")
    wait_for(screen, r"Pain now, 0-10")
    keys(tmp_path, pain, "Enter")
    wait_for(screen, r"Press Enter or space to start")
    keys(tmp_path, "Enter")
    wait_for(screen, r"Get into position")
    return screen


def test_a_severe_flare_up_stops_before_starting_and_offers_to_log(
    tmux: Start, tmp_path: Path
) -> None:
    screen = tmux(f"{SCIATICLI} home-routine lying-back --guided --region uk")
    asked = wait_for(screen, r"Pain now, 0-10")
    assert (
        "buttocks, genitals, inner thighs or around your anus is an emergency: stop and call "
        "999 now." in flat(asked)
    )
    assert "Only if: Only once routines 1 and 2" in asked  # the routine's own preconditions
    assert "28 weeks of pregnancy" in asked
    keys(tmp_path, "8", "Enter")
    warned = wait_for(screen, r"Go on anyway\? Type yes to go on")
    assert "Pain 8 out of 10 is a severe flare-up." in flat(warned)
    assert "pain 8 or more out of 10" in flat(warned)
    keys(tmp_path, "y", "Enter")  # y alone is not the explicit yes
    wait_for(screen, r"Log this pain rating in your journal \(no session\)\? \[Y/n\]")
    keys(tmp_path, "Enter")
    end = wait_for(screen, r"EXIT=\d+")
    assert "Stopped before starting." in end and "EXIT=0" in end
    assert "Press Enter or space to start" not in end
    assert "pain 8 (a rating alone, no session)" in flat(end)
    assert rows(tmp_path) == [(None, 8, None, "guided", "none")]


def test_going_on_in_a_flare_up_takes_the_word_yes(tmux: Start, tmp_path: Path) -> None:
    screen = tmux(f"{SCIATICLI} home-routine {QUICK} --guided --side left --no-bell")
    wait_for(screen, r"Pain now, 0-10")
    keys(tmp_path, "9", "Enter")
    wait_for(screen, r"Go on anyway\?")
    keys(tmp_path, "yes", "Enter")
    started = wait_for(screen, r"Press Enter or space to start")
    assert "Going on. Stop at once if the pain builds" in started
    keys(tmp_path, "q")
    end = wait_for(screen, r"EXIT=\d+")
    assert "Not started." in end and "EXIT=0" in end


def test_lead_in_rounds_passes_and_the_aftercare_at_the_end(tmux: Start, tmp_path: Path) -> None:
    screen = tmux(f"{SCIATICLI} home-routine {QUICK} --guided --side left --no-bell")
    first = wait_for(screen, r"Pain now, 0-10")
    assert "(1 optional step left out unless you press o)" not in first  # not yet: after
    keys(tmp_path, "6", "Enter")
    prompt = wait_for(screen, r"Press Enter or space to start")
    assert (
        "Quick test routine: 5 steps, 11 s (1 optional step left out unless you press o)." in prompt
    )
    keys(tmp_path, "Enter")
    wait_for(screen, r"Get into position: Step 1 of 6, left side starts in")
    wait_for(screen, r"Pass 1 of 2")
    wait_for(screen, r"Pass 2 of 2")
    wait_for(screen, r"Round 2 of 2: move the ball a finger's width\.")
    after = wait_for(screen, r"Pain now, after the routine, 0-10", timeout=30)
    assert "All steps done." in after
    assert "Routine finished: all 5 steps" in after
    assert "Optional step left out: 1" in after
    assert "Afterwards: A warm towel, never on numb skin." in after
    assert "Tomorrow: Stop, and leave it for now, if you are bruised" in after
    assert after.index("Afterwards") < after.index("Pain now, after the routine")
    keys(tmp_path, "3", "Enter")
    wait_for(screen, r"Log this session\? \[Y/n\]")
    keys(tmp_path, "Enter")
    wait_for(screen, r"EXIT=0")
    assert rows(tmp_path) == [("quick-test", 6, 3, "guided", "full")]


def test_o_includes_the_optional_step(tmux: Start, tmp_path: Path) -> None:
    screen = tmux(f"{SCIATICLI} home-routine {QUICK} --guided --side left --no-bell --no-log")
    wait_for(screen, r"Press Enter or space to start")
    keys(tmp_path, "o")
    wait_for(screen, r"Optional steps: included\.")
    keys(tmp_path, "Enter")
    seen = wait_for(screen, r"Step 4 of 6, left side \(optional\)", timeout=30)
    assert "Cross the ankle over the other knee." in seen
    end = wait_for(screen, r"EXIT=\d+", timeout=30)
    assert "Routine finished: all 6 steps" in end


def test_quitting_is_told_honestly_and_a_partial_session_can_be_logged(
    tmux: Start, tmp_path: Path
) -> None:
    screen = started(tmux, tmp_path, "6")
    wait_for(screen, r"(?m)^Step 1 of 5, left side$", timeout=10)
    time.sleep(1.5)  # a little of the step done
    keys(tmp_path, "q")
    asked = wait_for(screen, r"Pain now, after stopping, 0-10")
    assert "Routine stopped." in asked and "All steps done" not in asked
    assert "Routine stopped: 0 of 5 steps finished" in asked
    assert "Afterwards:" in asked
    keys(tmp_path, "5", "Enter")
    wait_for(screen, r"Log this as a partial session \(stopped early\)\? \[Y/n\]")
    keys(tmp_path, "Enter")
    end = wait_for(screen, r"EXIT=\d+")
    assert "(partial session: stopped early)" in flat(end) and "EXIT=0" in end
    assert rows(tmp_path) == [("standing-wall", 6, 5, "guided", "partial")]


def test_ctrl_c_then_yes_logs_a_partial_session(tmux: Start, tmp_path: Path) -> None:
    screen = started(tmux, tmp_path, "7")
    wait_for(screen, r"(?m)^Step 1 of 5, left side$", timeout=10)
    time.sleep(1.5)
    keys(tmp_path, "C-c")
    wait_for(screen, r"Log a partial session\? \[y/N\]")
    keys(tmp_path, "y", "Enter")
    wait_for(screen, r"Pain now, after stopping")
    keys(tmp_path, "Enter")  # no pain after: still a partial session
    end = wait_for(screen, r"EXIT=\d+")
    assert "EXIT=130" in end
    assert rows(tmp_path) == [("standing-wall", 7, None, "guided", "partial")]


@pytest.mark.parametrize(("width", "height"), [(40, 15), (100, 30)])
def test_the_step_countdown_stop_reminder_and_keys_always_show(
    tmux: Start, tmp_path: Path, width: int, height: int
) -> None:
    command = f"{SCIATICLI} home-routine lying-back --guided --side left --no-bell --no-log"
    screen = tmux(command, width, height)
    wait_for(screen, r"Press Enter or space to start")
    keys(tmp_path, "Enter")
    keys(tmp_path, "n")  # past the lead-in
    keys(tmp_path, "n")
    keys(tmp_path, "n")  # to the hold step
    shown = wait_for(screen, r"(?m)^Step 3 of 6, left side")
    time.sleep(0.5)
    shown = screen()
    lines = shown.rstrip("\n").splitlines()
    text = flat(shown)
    assert len(lines) <= height
    assert re.search(r"\b(20|19|18) s left", text)
    assert "Stop at once if pain shoots down the leg" in text
    assert "space pause · n next · q quit" in text
    assert "First spot of 2" in text
    if width >= 100:
        assert "hold still for 20 seconds" in text and "Next: Step 4 of 6" in text
        assert "(optional)" not in text or "o optional" in text
    keys(tmp_path, "q")
    wait_for(screen, r"EXIT=0")


def test_a_resize_redraws_at_the_new_size(tmux: Start, tmp_path: Path) -> None:
    command = f"{SCIATICLI} home-routine standing --guided --side left --no-bell --no-log"
    screen = tmux(command, 100, 30)
    wait_for(screen, r"Press Enter or space to start")
    keys(tmp_path, "Enter")
    keys(tmp_path, "n")
    wait_for(screen, r"(?m)^Step 1 of 5, left side")
    socket = str(tmp_path / "tmux.sock")
    subprocess.run(["tmux", "-S", socket, "resize-window", "-t", "flow", "-x", "40", "-y", "15"],
                   check=True)  # fmt: skip
    time.sleep(1)
    small = screen()
    assert small.count("Step 1 of 5, left side") == 1  # one clean frame, not stacked copies
    assert "space pause · n next · q quit" in flat(small)
    assert "Stop at once if pain shoots" in flat(small)
    keys(tmp_path, "q")
    wait_for(screen, r"EXIT=0")


def test_quitting_in_the_lead_in_offers_the_rating_not_a_session(
    tmux: Start, tmp_path: Path
) -> None:
    screen = started(tmux, tmp_path, "6")
    keys(tmp_path, "q")
    asked = wait_for(screen, r"Log this pain rating in your journal \(no session\)\? \[Y/n\]")
    assert "Routine stopped: 0 of 5 steps finished, 0:00 in all." in asked
    assert "partial session" not in asked
    keys(tmp_path, "Enter")
    wait_for(screen, r"EXIT=0")
    assert rows(tmp_path) == [(None, 6, None, "guided", "none")]
