"""The guided routine and the keys and signals a terminal sends (issue 11, section 7), in tmux:
a key that is not ASCII, Ctrl-Z and fg, SIGTERM and SIGHUP, and a resize."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

SCIATICLI = f"{shlex.quote(sys.executable)} -m sciaticli"
ROUTINE = "home-routine --guided --side left --hold 20 --no-bell --no-log"


class Tmux:
    """A tmux server of our own (its own socket) with one window running an interactive bash."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.socket = str(folder / "tmux.sock")
        env = f"SCIATICLI_HOME={shlex.quote(str(folder))} TERM=xterm-256color PS1='$ '"
        env += " RESTORED=TERMINAL-RESTORED"
        # No COLUMNS or LINES (the tests' own settings): the terminal's size is the window's.
        shell = f"env -u COLUMNS -u LINES {env} bash --norc --noprofile -i"
        self.tmux("new-session", "-d", "-s", "guided", "-x", "100", "-y", "40", "-c",
                  str(folder), shell)  # fmt: skip
        self.wait_for(r"(?m)^\$")

    def tmux(self, *args: str) -> str:
        return subprocess.run(
            ["tmux", "-S", self.socket, *args], capture_output=True, text=True, check=True
        ).stdout

    def type(self, line: str) -> None:
        self.tmux("send-keys", "-t", "guided", "-l", line)
        self.tmux("send-keys", "-t", "guided", "Enter")

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "guided", *keys)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "guided")

    def cursor_visible(self) -> bool:
        return self.tmux("display", "-p", "-t", "guided", "#{cursor_flag}").strip() == "1"

    def wait_for(self, pattern: str, timeout: float = 20) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            text = self.screen()
            if re.search(pattern, text):
                return text
            time.sleep(0.1)
        raise AssertionError(f"{pattern!r} did not appear; the screen:\n{self.screen()}")

    def start_routine(self) -> None:
        """The routine started, its pid in ./pid, and after it the status and the terminal."""
        self.type("stty -g > before; clear")
        self.type(
            f"sh -c 'echo $$ > pid; exec {SCIATICLI} {ROUTINE}'; echo EXIT=$?; stty -g > after;"
            " cmp -s before after && echo TERMINAL-RESTORED"
        )
        self.wait_for("Press Enter or space to start")
        self.keys("Enter")
        self.wait_for(r"Step 1 of 5, left side")

    def pid(self) -> int:
        return int((self.folder / "pid").read_text())


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    assert shutil.which("tmux"), "tmux is needed for this test (.ci/run installs it)"
    session = Tmux(tmp_path)
    yield session
    subprocess.run(["tmux", "-S", session.socket, "kill-server"], check=False,
                   capture_output=True)  # fmt: skip


def seconds_left(screen: str) -> int:
    return int(re.findall(r"(\d+) s left", screen)[-1])


def test_a_key_that_is_not_ascii_does_nothing(tmux: Tmux) -> None:
    tmux.start_routine()
    tmux.tmux("send-keys", "-t", "guided", "-l", "é€ü")
    tmux.keys("Up", "F5")  # escape sequences: ignored too
    tmux.keys("n")  # the next documented key still works, so the routine is still running
    screen = tmux.wait_for(r"(?m)^Step 2 of 5, left side|EXIT=")
    assert "EXIT=" not in screen
    tmux.keys("q")
    assert "EXIT=0" in tmux.wait_for(r"EXIT=\d+")


def test_ctrl_z_restores_the_terminal_and_pauses_and_fg_stays_paused(tmux: Tmux) -> None:
    tmux.start_routine()
    tmux.wait_for(r"1[0-8] s left")
    tmux.keys("C-z")
    stopped = tmux.wait_for(r"Stopped")
    left = seconds_left(stopped)
    assert tmux.cursor_visible()
    tmux.type("stty -g > during; cmp -s before during && echo MODE-RESTORED")
    tmux.wait_for("MODE-RESTORED")
    time.sleep(2.5)  # stopped: the routine's clock must not run meanwhile
    # (bash drops the rest of a command line whose job was stopped: fg's line says the rest)
    tmux.type(
        "clear; fg; echo EXIT=$?; stty -g > after; cmp -s before after && echo TERMINAL-RESTORED"
    )
    resumed = tmux.wait_for(r"paused: space to resume")
    assert seconds_left(resumed) == left
    assert not tmux.cursor_visible()  # the live view again
    time.sleep(1.5)  # and still paused until a key
    assert seconds_left(tmux.screen()) == left
    assert resumed.count("Stop at once if pain shoots") == 1  # redrawn once, not stacked
    tmux.keys("Space")  # space resumes, as documented
    tmux.wait_for(rf"\b(?!{left}\b)\d+ s left")
    tmux.keys("q")
    end = tmux.wait_for(r"TERMINAL-RESTORED|EXIT=[1-9]")
    assert "EXIT=0" in end and "TERMINAL-RESTORED" in end
    assert "Routine stopped: 0 of 5 steps finished" in end


def test_ctrl_z_before_the_start_gives_the_terminal_back(tmux: Tmux) -> None:
    tmux.type("stty -g > before; clear")
    tmux.type(f"{SCIATICLI} {ROUTINE}")
    tmux.wait_for("Press Enter or space to start")
    tmux.keys("C-z")
    tmux.wait_for(r"Stopped")
    tmux.type("stty -g > during; cmp -s before during && echo MODE-RESTORED")
    tmux.wait_for("MODE-RESTORED")
    tmux.type("clear; fg; echo EXIT=$?")
    tmux.wait_for(r"(?m)^/.*home-routine --guided")  # bash names the job it brings back
    time.sleep(0.5)
    tmux.keys("Enter")  # single keys again: Enter starts the routine
    tmux.wait_for(r"(?m)^Step 1 of 5, left side")
    tmux.keys("q")
    assert "EXIT=0" in tmux.wait_for(r"EXIT=\d+")


@pytest.mark.parametrize(("name", "status"), [("SIGTERM", 143), ("SIGHUP", 129)])
def test_sigterm_and_sighup_restore_the_terminal_and_end_as_ctrl_c_does(
    tmux: Tmux, name: str, status: int
) -> None:
    tmux.start_routine()
    os.kill(tmux.pid(), getattr(signal, name))
    end = tmux.wait_for(r"EXIT=\d+")
    assert f"EXIT={status}" in end
    assert "Traceback" not in end
    assert "TERMINAL-RESTORED" in tmux.wait_for("TERMINAL-RESTORED|EXIT")
    assert tmux.cursor_visible()
    if name == "SIGTERM":  # the terminal is still there: the summary, as after Ctrl-C
        assert "Routine stopped: 0 of 5 steps finished" in end


def test_a_resize_redraws_at_the_new_width_without_stale_frames(tmux: Tmux) -> None:
    tmux.start_routine()
    tmux.tmux("resize-window", "-t", "guided", "-x", "60")
    tmux.wait_for(r"1[0-8] s left")
    time.sleep(1)  # a few frames at the new width
    screen = tmux.screen()
    assert screen.count("Stop at once if pain shoots") == 1
    assert screen.count("Step 1 of 5, left side") == 1
    assert max(len(line) for line in screen.splitlines()) <= 60
    tmux.tmux("resize-window", "-t", "guided", "-x", "90")
    time.sleep(1)
    wide = tmux.screen()
    assert wide.count("Stop at once if pain shoots") == 1
    assert wide.count("Step 1 of 5, left side") == 1
    tmux.keys("q")
    assert "EXIT=0" in tmux.wait_for(r"EXIT=\d+")
