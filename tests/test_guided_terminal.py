"""The guided routine for real: in tmux (the screen a person sees) and on a pty (the bell)."""

from __future__ import annotations

import os
import pty
import re
import select
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

SCIATICLI = f"{shlex.quote(sys.executable)} -m sciaticli"


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


def send(tmp_path: Path, *keys: str) -> None:
    socket = str(tmp_path / "tmux.sock")
    subprocess.run(["tmux", "-S", socket, "send-keys", "-t", "guided", *keys], check=True)


def test_guided_steps_and_countdown_move_and_ctrl_c_ends_cleanly(
    tmux: Callable[[str], Callable[[], str]], tmp_path: Path
) -> None:
    screen = tmux(f"{SCIATICLI} home-routine --guided --hold 3 --no-bell")
    before = wait_for(screen, r"Press Enter or space to start")
    assert "Do not do this routine if" in before and "Stop rules" in before
    send(tmp_path, "Enter")
    first = wait_for(screen, r"Step 1 of 10, left side")
    assert re.search(r"[123] s left", first)
    assert "Next: Step 2 of 10, left side" in first
    wait_for(screen, r"(?m)^Step 1 of 10, left side$[\s\S]*\b2 s left")
    wait_for(screen, r"(?m)^Step 2 of 10, left side$")
    send(tmp_path, "C-c")
    end = wait_for(screen, r"EXIT=\d+")
    assert "EXIT=130" in end
    assert "Routine stopped: 1 of 10 steps finished" in end
    assert "- Step 1 of 10, left side: done, 0:03" in end
    assert "Traceback" not in end
    assert "TERMINAL-RESTORED" in wait_for(screen, "TERMINAL-RESTORED|EXIT")


def test_guided_pause_skip_and_finish(
    tmux: Callable[[str], Callable[[], str]], tmp_path: Path
) -> None:
    screen = tmux(f"{SCIATICLI} home-routine --guided --side right --hold 1 --no-bell")
    wait_for(screen, r"Press Enter or space to start")
    send(tmp_path, "Space")
    wait_for(screen, r"Step 1 of 5, right side")
    send(tmp_path, "Space")
    paused = wait_for(screen, r"paused")
    time.sleep(1.5)
    assert "Step 1 of 5, right side" in screen()  # the clock stood still
    send(tmp_path, "Space")
    send(tmp_path, "n")
    end = wait_for(screen, r"EXIT=\d+", timeout=30)
    assert "paused: space to resume" in paused
    assert "EXIT=0" in end
    assert "Routine stopped: 4 of 5 steps finished" in end or "skipped" in end
    assert "TERMINAL-RESTORED" in wait_for(screen, "TERMINAL-RESTORED")


def test_q_quits_with_status_0(tmux: Callable[[str], Callable[[], str]], tmp_path: Path) -> None:
    screen = tmux(f"{SCIATICLI} home-routine seated --guided --hold 5 --no-bell")
    wait_for(screen, r"Press Enter or space to start")
    send(tmp_path, "Enter")
    wait_for(screen, r"Step 1 of")
    send(tmp_path, "q")
    end = wait_for(screen, r"EXIT=\d+")
    assert "EXIT=0" in end
    assert "Routine stopped: 0 of" in end


def run_on_pty(tmp_path: Path, *args: str) -> bytes:
    """Run with stdin and stdout on a pseudo-terminal, press Enter, read everything."""
    leader, follower = pty.openpty()
    env = {**os.environ, "SCIATICLI_HOME": str(tmp_path), "TERM": "xterm-256color"}
    process = subprocess.Popen(
        [sys.executable, "-m", "sciaticli", "home-routine", "--guided", *args],
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
    with_bell = run_on_pty(tmp_path, "--side", "left", "--hold", "1")
    without = run_on_pty(tmp_path, "--side", "left", "--hold", "1", "--no-bell")
    assert with_bell.count(b"\x07") == 4  # between 5 steps
    assert without.count(b"\x07") == 0
    assert b"Routine finished: all 5 steps" in with_bell
