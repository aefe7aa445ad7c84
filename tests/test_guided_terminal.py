"""The guided routine for real: in tmux (the screen a person sees) and on a pty (the bell)."""

from __future__ import annotations

import os
import pty
import re
import select
import shlex
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

SCIATICLI = f"{shlex.quote(sys.executable)} -m sciaticli"
# One-second steps: a real routine's holds take 20 to 30 seconds.
QUICK_KB = Path(__file__).parent / "data" / "quick-routine.yaml"
QUICK = f"quick-test --kb {shlex.quote(str(QUICK_KB))}"


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Callable[[str], Callable[[], str]]]:
    """Start a command in a detached tmux session; yields a function returning the screen."""
    assert shutil.which("tmux"), "tmux is needed for this test (.ci/run installs it)"
    socket = str(tmp_path / "tmux.sock")
    session = "guided"

    def start(command: str) -> Callable[[], str]:
        env = f"SCIATICLI_HOME={shlex.quote(str(tmp_path))} TERM=xterm-256color"
        shell = f"stty -g > before; env {env} {command}; echo EXIT=$?; stty -g > after; "
        shell += "cmp -s before after && echo TERMINAL-RESTORED; sleep 60"
        subprocess.run(
            ["tmux", "-S", socket, "new-session", "-d", "-s", session, "-x", "100", "-y", "40",
             "-c", str(tmp_path), shell],
            check=True,
        )  # fmt: skip
        return lambda: subprocess.run(
            ["tmux", "-S", socket, "capture-pane", "-p", "-t", session],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip

    yield start
    subprocess.run(["tmux", "-S", socket, "kill-server"], check=False, capture_output=True)


def wait_for(screen: Callable[[], str], pattern: str, timeout: float = 20) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = screen()
        if re.search(pattern, text):
            return text
        time.sleep(0.1)
    raise AssertionError(f"{pattern!r} did not appear; the screen:\n{screen()}")


def scrollback(tmp_path: Path) -> str:
    """The screen and what scrolled off it: the introduction is longer than a screen."""
    socket = str(tmp_path / "tmux.sock")
    return subprocess.run(
        ["tmux", "-S", socket, "capture-pane", "-p", "-S", "-1000", "-t", "guided"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip


def send(tmp_path: Path, *keys: str) -> None:
    socket = str(tmp_path / "tmux.sock")
    subprocess.run(["tmux", "-S", socket, "send-keys", "-t", "guided", *keys], check=True)


def test_guided_steps_and_countdown_move_and_ctrl_c_ends_cleanly(
    tmux: Callable[[str], Callable[[], str]], tmp_path: Path
) -> None:
    screen = tmux(f"{SCIATICLI} home-routine --guided --hold 20 --no-bell")
    wait_for(screen, r"Pain now, 0-10 \(Enter to skip\):")
    asked = scrollback(tmp_path)
    assert "Do not do this routine if" in asked and "Stop rules" in asked  # warnings first
    assert asked.index("Stop rules") < asked.index("Pain now")
    send(tmp_path, "5", "Enter")
    wait_for(screen, r"Press Enter or space to start")
    send(tmp_path, "Enter")
    lead_in = wait_for(screen, r"Get into position: Step 1 of 10, left side starts in [1-4] s")
    assert "space pause · n next · q quit" in lead_in
    first = wait_for(screen, r"(?m)^Step 1 of 10, left side$")
    assert re.search(r"\b(?:10|9|8) s left", first)
    assert "Next: Step 2 of 10, left side" in first
    wait_for(screen, r"(?m)^Step 1 of 10, left side$[\s\S]*\b8 s left")
    wait_for(screen, r"(?m)^Step 2 of 10, left side$", timeout=30)
    send(tmp_path, "C-c")
    asked = wait_for(screen, r"Log a partial session\? \[y/N\]")
    assert "Routine stopped: 1 of 10 steps finished" in asked
    assert "- Step 1 of 10, left side: done, 0:10" in asked
    assert "All steps done" not in asked and "Routine stopped." in asked
    send(tmp_path, "Enter")  # Ctrl-C: nothing is logged unless the person says yes
    end = wait_for(screen, r"EXIT=\d+")
    assert "EXIT=130" in end and "Not logged." in end
    assert "Traceback" not in end
    assert "TERMINAL-RESTORED" in wait_for(screen, "TERMINAL-RESTORED|EXIT")
    assert not (tmp_path / "journal.sqlite3").exists()


def test_guided_pause_skip_and_finish(
    tmux: Callable[[str], Callable[[], str]], tmp_path: Path
) -> None:
    screen = tmux(f"{SCIATICLI} home-routine {QUICK} --guided --side right --no-bell --no-log")
    start = wait_for(screen, r"Press Enter or space to start")
    assert "Pain now" not in start  # --no-log: no questions
    send(tmp_path, "Space")
    wait_for(screen, r"(?m)^Step 1 of 6, right side")
    send(tmp_path, "Space")
    paused = wait_for(screen, r"paused")
    time.sleep(1.5)
    assert "Step 1 of 6, right side" in screen()  # the clock stood still
    send(tmp_path, "Space")
    send(tmp_path, "n")
    end = wait_for(screen, r"EXIT=\d+", timeout=30)
    assert "paused: space to resume" in paused
    assert "EXIT=0" in end
    assert "Routine ended: 4 of 5 steps finished (1 skipped)" in end
    assert "Pain now" not in end and "Log this session" not in end
    assert "TERMINAL-RESTORED" in wait_for(screen, "TERMINAL-RESTORED")
    assert not (tmp_path / "journal.sqlite3").exists()


def test_q_quits_with_status_0(tmux: Callable[[str], Callable[[], str]], tmp_path: Path) -> None:
    screen = tmux(f"{SCIATICLI} home-routine seated --guided --hold 25 --no-bell")
    wait_for(screen, r"Pain now, 0-10")
    send(tmp_path, "Enter")  # skipped: then the session is not offered for logging
    wait_for(screen, r"Press Enter or space to start")
    send(tmp_path, "Enter")
    wait_for(screen, r"Step 1 of")
    send(tmp_path, "q")
    end = wait_for(screen, r"EXIT=\d+")
    assert "EXIT=0" in end
    assert "Routine stopped: 0 of" in end
    assert "after the routine" not in end and "Log this session" not in end


def run_on_pty(tmp_path: Path, *args: str) -> bytes:
    """Run with stdin and stdout on a pseudo-terminal, press Enter, read everything."""
    leader, follower = pty.openpty()
    env = {**os.environ, "SCIATICLI_HOME": str(tmp_path), "TERM": "xterm-256color"}
    process = subprocess.Popen(
        [sys.executable, "-m", "sciaticli", "home-routine", "--guided", "--no-log", *args],
        stdin=follower, stdout=follower, stderr=follower, env=env,
    )  # fmt: skip
    os.close(follower)
    output = b""
    started = False
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([leader], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            output += chunk
        if not started and b"Press Enter" in output:
            os.write(leader, b"\r")
            started = True
        if process.poll() is not None and not ready:
            break
    os.close(leader)
    assert process.wait(timeout=10) == 0
    return output


def test_bell_between_steps_and_no_bell(tmp_path: Path) -> None:
    quick = ("quick-test", "--kb", str(QUICK_KB))
    with_bell = run_on_pty(tmp_path, *quick, "--side", "left")
    without = run_on_pty(tmp_path, *quick, "--side", "left", "--no-bell")
    assert with_bell.count(b"\x07") == 6  # the start, between 5 steps, the second round
    assert without.count(b"\x07") == 0
    assert b"Routine finished: all 5 steps" in with_bell


def journal_rows(tmp_path: Path) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(tmp_path / "journal.sqlite3")
    try:
        query = "SELECT routine, technique, pain_before, pain_after, origin FROM entries"
        return connection.execute(query).fetchall()
    finally:
        connection.close()


def test_guided_asks_pain_before_and_after_and_logs_the_session(
    tmux: Callable[[str], Callable[[], str]], tmp_path: Path
) -> None:
    screen = tmux(f"{SCIATICLI} home-routine {QUICK} --guided --side right --no-bell")
    wait_for(screen, r"Pain now, 0-10 \(Enter to skip\):")
    send(tmp_path, "eleven", "Enter")
    wait_for(screen, r"Please type a whole number from 0 \(no pain\) to 10")
    send(tmp_path, "6", "Enter")
    wait_for(screen, r"Press Enter or space to start")
    send(tmp_path, "Enter")
    wait_for(screen, r"Pain now, after the routine, 0-10 \(Enter to skip\):", timeout=30)
    send(tmp_path, "3", "Enter")
    wait_for(screen, r"Log this session\? \[Y/n\]")
    send(tmp_path, "Enter")
    end = wait_for(screen, r"EXIT=\d+")
    assert "Routine finished: all 5 steps" in end
    assert "Logged entry 1 for " in end
    assert "pain6→3afterQuicktestroutine(guided)." in re.sub(r"\s", "", end)
    assert "EXIT=0" in end
    assert "TERMINAL-RESTORED" in wait_for(screen, "TERMINAL-RESTORED")
    assert journal_rows(tmp_path) == [("quick-test", None, 6, 3, "guided")]


def test_guided_log_can_be_declined(
    tmux: Callable[[str], Callable[[], str]], tmp_path: Path
) -> None:
    screen = tmux(f"{SCIATICLI} home-routine {QUICK} --guided --side left --no-bell")
    wait_for(screen, r"Pain now, 0-10")
    send(tmp_path, "4", "Enter")
    wait_for(screen, r"Press Enter or space to start")
    send(tmp_path, "Enter")
    wait_for(screen, r"Pain now, after the routine", timeout=30)
    send(tmp_path, "2", "Enter")
    wait_for(screen, r"Log this session\?")
    send(tmp_path, "maybe", "Enter")
    wait_for(screen, r"Please answer y or n\.")
    send(tmp_path, "n", "Enter")
    end = wait_for(screen, r"EXIT=\d+")
    assert "Not logged." in end
    assert "EXIT=0" in end
    assert "TERMINAL-RESTORED" in wait_for(screen, "TERMINAL-RESTORED")
    assert not (tmp_path / "journal.sqlite3").exists()


def test_guided_refuses_a_file_that_is_not_a_journal_before_starting(
    tmux: Callable[[str], Callable[[], str]], tmp_path: Path
) -> None:
    not_a_journal = tmp_path / "journal.sqlite3"
    not_a_journal.write_bytes(b"my own notes, not a database\n")
    screen = tmux(f"{SCIATICLI} home-routine {QUICK} --guided --no-bell")
    end = wait_for(screen, r"EXIT=\d+")
    squeezed = re.sub(r"\s", "", end)  # the message wraps anywhere, mid-word too
    assert "EXIT=1" in end
    assert "isnotasciaticlijournal(itisnotanSQLitedatabase)" in squeezed
    assert "Itwasleftasitis" in squeezed and "add--no-log" in squeezed
    assert "Press Enter" not in end and "Pain now" not in end
    assert not_a_journal.read_bytes() == b"my own notes, not a database\n"


def test_ctrl_c_at_the_log_prompt_logs_nothing(
    tmux: Callable[[str], Callable[[], str]], tmp_path: Path
) -> None:
    screen = tmux(f"{SCIATICLI} home-routine {QUICK} --guided --side left --no-bell")
    wait_for(screen, r"Pain now, 0-10")
    send(tmp_path, "7", "Enter")
    wait_for(screen, r"Press Enter or space to start")
    send(tmp_path, "Enter")
    wait_for(screen, r"Pain now, after the routine", timeout=30)
    send(tmp_path, "C-c")
    end = wait_for(screen, r"EXIT=\d+")
    assert "Routine finished: all 5 steps" in end
    assert "Not logged." in end and "Traceback" not in end
    assert "EXIT=130" in end
    assert "TERMINAL-RESTORED" in wait_for(screen, "TERMINAL-RESTORED")
    assert not (tmp_path / "journal.sqlite3").exists()


def test_ctrl_c_at_the_first_question_ends_before_starting(
    tmux: Callable[[str], Callable[[], str]], tmp_path: Path
) -> None:
    screen = tmux(f"{SCIATICLI} home-routine {QUICK} --guided --no-bell")
    wait_for(screen, r"Pain now, 0-10")
    send(tmp_path, "C-c")
    end = wait_for(screen, r"EXIT=\d+")
    assert re.search(r"(?m)^EXIT=130$", end)
    assert "Press Enter" not in end and "Traceback" not in end
    assert "TERMINAL-RESTORED" in wait_for(screen, "TERMINAL-RESTORED")
    assert not (tmp_path / "journal.sqlite3").exists()
