"""The guided routine and the keys and signals a terminal sends (issue 11, section 7), in tmux:
a key that is not ASCII, Ctrl-Z and fg, SIGTERM and SIGHUP, and a resize."""

from __future__ import annotations

import os
import re
import shlex
import signal
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.guided import SCIATICLI
from tests.terminal import RESTORED, Tmux

ROUTINE = "home-routine --guided --side left --hold 20 --no-bell --no-log"
# After the routine: its status, and whether the terminal's mode came back as it was.
AFTER = f"echo EXIT=$?; stty -g > after; {RESTORED}"


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    """A tmux server of our own (its own socket) with one window running an interactive bash."""
    env = f"SCIATICLI_HOME={shlex.quote(str(tmp_path))} TERM=xterm-256color PS1='$ '"
    # No COLUMNS or LINES (the tests' own settings): the terminal's size is the window's.
    shell = f"env -u COLUMNS -u LINES {env} bash --norc --noprofile -i"
    with Tmux(tmp_path, shell, columns=100, rows=40) as session:
        session.wait_match(r"(?m)^\$")
        yield session


def start_routine(tmux: Tmux) -> None:
    """The routine started, its pid in ./pid, and after it the status and the terminal."""
    tmux.type("stty -g > before; clear")
    tmux.type(f"sh -c 'echo $$ > pid; exec {SCIATICLI} {ROUTINE}'; {AFTER}")
    tmux.wait_for("Press Enter or space to start")
    tmux.send("Enter")
    tmux.wait_match(r"Left side · Step 1 of 5")


def pid(tmux: Tmux) -> int:
    return int((tmux.folder / "pid").read_text())


def ended(tmux: Tmux) -> str:
    """The screen once the routine has ended and the shell has compared the terminal's mode."""
    return tmux.wait_match(r"TERMINAL-(RESTORED|CHANGED)")


Frame = Callable[[str], bool]


def seconds_left(screen: str) -> int | None:
    shown = re.findall(r"(\d+) s left", screen)
    return int(shown[-1]) if shown else None


def test_a_key_that_is_not_ascii_does_nothing(tmux: Tmux) -> None:
    start_routine(tmux)
    tmux.tmux("send-keys", "-t", "main", "-l", "é€ü")
    tmux.send("Up", "F5")  # escape sequences: ignored too
    tmux.send("n")  # the next documented key still works, so the routine is still running
    screen = tmux.wait_match(r"(?m)^Left side · Step 2 of 5|EXIT=")
    assert "EXIT=" not in screen
    tmux.send("q")
    assert "EXIT=0" in ended(tmux)


def test_ctrl_z_restores_the_terminal_and_pauses_and_fg_stays_paused(tmux: Tmux) -> None:
    start_routine(tmux)
    tmux.wait_match(r"1[0-8] s left")
    tmux.send("C-z")
    stopped = tmux.wait_match(r"Stopped")
    left = seconds_left(stopped)
    assert left is not None
    assert tmux.cursor_visible()
    tmux.type("stty -g > during; cmp -s before during && echo MODE-RESTORED")
    tmux.wait_for("MODE-RESTORED")
    # Stopped for a while: the routine's clock must not run meanwhile.
    tmux.still_for(2.5, lambda shown: "Stopped" in shown, "the stopped job")
    # (bash drops the rest of a command line whose job was stopped: fg's line says the rest)
    tmux.type(f"clear; fg; {AFTER}")
    resumed = tmux.wait_match(r"paused: space to resume")
    assert seconds_left(resumed) == left
    assert not tmux.cursor_visible()  # the live view again
    # And still paused until a key.
    tmux.still_for(1.5, lambda shown: seconds_left(shown) in (left, None), f"{left} s left, paused")
    assert resumed.count("Stop at once if pain shoots") == 1  # redrawn once, not stacked
    tmux.send("Space")  # space resumes, as documented
    tmux.wait_match(rf"\b(?!{left}\b)\d+ s left")
    tmux.send("q")
    end = ended(tmux)
    assert "EXIT=0" in end and "TERMINAL-RESTORED" in end
    assert "Routine stopped: 0 of 5 steps finished" in end


def test_ctrl_z_before_the_start_gives_the_terminal_back(tmux: Tmux) -> None:
    tmux.type("stty -g > before; clear")
    tmux.type(f"{SCIATICLI} {ROUTINE}")
    tmux.wait_for("Press Enter or space to start")
    tmux.send("C-z")
    tmux.wait_match(r"Stopped")
    tmux.type("stty -g > during; cmp -s before during && echo MODE-RESTORED")
    tmux.wait_for("MODE-RESTORED")
    tmux.type(f"clear; fg; {AFTER}")
    tmux.wait_match(r"(?m)^/.*home-routine --guided")  # bash names the job it brings back
    tmux.wait_for_single_keys()
    tmux.send("Enter")  # single keys again: Enter starts the routine
    tmux.wait_match(r"(?m)^Left side · Step 1 of 5")
    tmux.send("q")
    assert "EXIT=0" in ended(tmux)


@pytest.mark.parametrize(("name", "status"), [("SIGTERM", 143), ("SIGHUP", 129)])
def test_sigterm_and_sighup_restore_the_terminal_and_end_as_ctrl_c_does(
    tmux: Tmux, name: str, status: int
) -> None:
    start_routine(tmux)
    os.kill(pid(tmux), getattr(signal, name))
    end = ended(tmux)
    assert f"EXIT={status}" in end
    assert "Traceback" not in end
    assert "TERMINAL-RESTORED" in end
    assert tmux.cursor_visible()
    if name == "SIGTERM":  # the terminal is still there: the summary, as after Ctrl-C
        assert "Routine stopped: 0 of 5 steps finished" in end


def test_a_resize_redraws_at_the_new_width_without_stale_frames(tmux: Tmux) -> None:
    start_routine(tmux)

    def one_frame(narrowest: int, widest: int) -> Callable[[str], bool]:
        def drawn(screen: str) -> bool:  # one frame at the new width, not stacked copies
            width = max((len(line) for line in screen.splitlines()), default=0)
            return (
                screen.count("Stop at once if pain shoots") == 1
                and screen.count("Left side · Step 1 of 5") == 1
                and narrowest <= width <= widest
            )

        return drawn

    for narrowest, widest in ((1, 60), (61, 90)):
        tmux.resize(widest)
        drawn = one_frame(narrowest, widest)
        left = seconds_left(tmux.wait_until(drawn, f"a frame {widest} wide"))
        # and no stale frame later: the next second is drawn as cleanly

        def next_second(screen: str, left: int | None = left, drawn: Frame = drawn) -> bool:
            return seconds_left(screen) not in (left, None) and drawn(screen)

        tmux.wait_until(next_second, f"the next second, {widest} wide")
    tmux.send("q")
    assert "EXIT=0" in ended(tmux)
