"""The one terminal harness of the tests: sciaticli on a real pseudo-terminal of a given size
(`on_pty`, `run_on_pty`), and a command in a tmux window, the screen a person sees (`Tmux`)."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import shlex
import shutil
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

ANSI = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|[()][0-9A-Za-z]|[=>])")


def environment(home: Path, **extra: str) -> dict[str, str]:
    """The caller's environment, made plain: no colour or knowledge-base variables, a UK
    locale, and a journal of its own."""
    drop = {"NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE", "CLICOLOR", "SCIATICLI_KB", "LC_ALL"}
    env = {key: value for key, value in os.environ.items() if key not in drop}
    env.update(
        {
            "SCIATICLI_HOME": str(home),
            "TERM": "xterm-256color",
            "LC_MESSAGES": "en_GB.UTF-8",
            "SCIATICLI_PAGER": "",
        }
    )
    env.pop("COLUMNS", None)
    env.pop("LINES", None)
    env.update(extra)
    return env


class PtyRun(NamedTuple):
    """A run on a pseudo-terminal: its exit status, everything the terminal showed (line ends
    as \\n, escape codes kept), and what it wrote to stderr when that was not the terminal."""

    status: int
    shown: str
    errors: str

    @property
    def text(self) -> str:
        """What the terminal showed without the escape codes (the bell, \\a, is kept)."""
        return ANSI.sub("", self.shown)


def on_pty(
    args: list[str],
    env: dict[str, str],
    *,
    columns: int = 80,
    rows: int = 24,
    answer: tuple[bytes, bytes] | list[tuple[bytes, bytes]] | None = None,
    timeout: float = 30,
    stdout_only: bool = False,
) -> PtyRun:
    """Run `sciaticli ARGS` with a pty of `columns` x `rows` as stdin, stdout and stderr (with
    `stdout_only`, as stdout alone: stdin empty, stderr kept apart); with `answer` (prompt,
    keys), type the keys once the prompt has been shown; with a list of them, each in turn, its
    prompt looked for after the keys before it were typed."""
    main, secondary = pty.openpty()
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(
            [sys.executable, "-m", "sciaticli", *args],
            stdin=subprocess.DEVNULL if stdout_only else secondary,
            stdout=secondary,
            stderr=errors if stdout_only else secondary,
            env=env,
            start_new_session=True,
        )
        os.close(secondary)
        output = bytearray()
        deadline = time.monotonic() + timeout
        answers = [answer] if isinstance(answer, tuple) else list(answer or [])
        looked_from = 0  # a prompt counts only when shown after the last keys typed
        try:
            while time.monotonic() < deadline:
                ready, _, _ = select.select([main], [], [], 0.1)
                if ready:
                    try:
                        chunk = os.read(main, 65536)
                    except OSError:  # the terminal closed: the process has ended
                        break
                    if not chunk:
                        break
                    output += chunk
                if answers and answers[0][0] in output[looked_from:]:
                    os.write(main, answers.pop(0)[1])
                    looked_from = len(output)
                if process.poll() is not None and not ready:
                    break
            else:
                shown = output.decode("utf-8", "replace")
                raise AssertionError(f"sciaticli {args} did not end; it showed:\n{shown}")
        finally:
            if process.poll() is None:
                process.kill()
            status = process.wait(timeout=10)
            os.close(main)
        errors.seek(0)
        written = errors.read().decode("utf-8", "replace")
    shown = output.decode("utf-8", "replace").replace("\r\n", "\n")
    return PtyRun(status, shown, written)


def run_on_pty(
    args: list[str],
    env: dict[str, str],
    *,
    columns: int = 80,
    rows: int = 24,
    answer: tuple[bytes, bytes] | list[tuple[bytes, bytes]] | None = None,
    timeout: float = 30,
) -> tuple[int, str]:
    """`on_pty`: the exit status and what the terminal showed, without the escape codes."""
    done = on_pty(args, env, columns=columns, rows=rows, answer=answer, timeout=timeout)
    return done.status, done.text


class Tmux:
    """A command running in a detached tmux server of its own (a socket in the test's folder, so
    tests in parallel never meet): the screen a person sees, and keys typed into it. Use as a
    context manager; the server is killed at the end.

    Waiting: `wait_for` (text) and `wait_match` (a regular expression) poll the screen until
    what is asked for appears; `wait_until` until a condition on the screen holds. Wait for
    something that is not on the screen yet: a pattern already shown returns at once. No test
    sleeps a fixed time to let the program catch up; `still_for` watches a span of time when
    the time passing is itself the thing tested (a paused clock)."""

    def __init__(
        self,
        folder: Path,
        command: str,
        *,
        columns: int = 80,
        rows: int = 24,
        session: str = "main",
    ) -> None:
        assert shutil.which("tmux"), "tmux is needed for this test (.ci/run installs it)"
        self.folder = folder
        self.socket = str(folder / "tmux.sock")
        self.command = command
        self.session = session
        self.size = (str(columns), str(rows))

    def __enter__(self) -> Tmux:
        width, height = self.size
        self.tmux("new-session", "-d", "-s", self.session, "-x", width, "-y", height,
                  "-c", str(self.folder), self.command)  # fmt: skip
        return self

    def __exit__(self, *exc: object) -> None:
        subprocess.run(["tmux", "-S", self.socket, "kill-server"], check=False, capture_output=True)

    def tmux(self, *args: str) -> str:
        """Run a tmux command on this server; its output."""
        return subprocess.run(
            ["tmux", "-S", self.socket, *args], capture_output=True, text=True, check=True
        ).stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.session)

    def scrollback(self) -> str:
        """The screen and what scrolled off it (up to 1000 lines)."""
        return self.tmux("capture-pane", "-p", "-S", "-1000", "-t", self.session)

    def send(self, *keys: str) -> None:
        """Keys by tmux's names ("Enter", "C-c", "Space") or as text."""
        self.tmux("send-keys", "-t", self.session, *keys)

    def type(self, line: str) -> None:
        """A line typed literally, then Enter."""
        self.tmux("send-keys", "-t", self.session, "-l", line)
        self.send("Enter")

    def resize(self, columns: int, rows: int | None = None) -> None:
        size = ["-x", str(columns)] + ([] if rows is None else ["-y", str(rows)])
        self.tmux("resize-window", "-t", self.session, *size)

    def cursor_visible(self) -> bool:
        return self.tmux("display", "-p", "-t", self.session, "#{cursor_flag}").strip() == "1"

    def single_keys(self) -> bool:
        """Whether the terminal reads single keys (canonical mode off), as the guided routine
        sets it: read from outside, with stty on the pane's terminal."""
        device = self.tmux("display", "-p", "-t", self.session, "#{pane_tty}").strip()
        mode = subprocess.run(
            ["stty", "-F", device, "-a"], capture_output=True, text=True, check=True
        ).stdout
        return "-icanon" in mode.split()

    def wait_for_single_keys(self, timeout: float = 20) -> None:
        """Until the program in the window reads single keys (it has set cbreak mode)."""
        deadline = time.monotonic() + timeout
        while not self.single_keys():
            assert time.monotonic() < deadline, "the terminal never went to single keys"
            time.sleep(0.05)

    def wait_until(self, condition: Callable[[str], bool], what: str, timeout: float = 20) -> str:
        """The screen once `condition(screen)` holds (AssertionError naming `what`, with the
        screen, after `timeout` seconds)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.screen()
            if condition(shown):
                return shown
            time.sleep(0.05)
        raise AssertionError(f"{what} did not appear; the screen:\n{self.screen()}")

    def wait_for(self, text: str, timeout: float = 20) -> str:
        """The screen once it shows `text`."""
        return self.wait_until(lambda shown: text in shown, repr(text), timeout)

    def wait_match(self, pattern: str, timeout: float = 20) -> str:
        """The screen once the regular expression `pattern` matches it."""
        found = re.compile(pattern)
        return self.wait_until(lambda shown: bool(found.search(shown)), repr(pattern), timeout)

    def still_for(self, seconds: float, condition: Callable[[str], bool], what: str) -> None:
        """`condition` holds on every screen for `seconds` (fails at once when it does not)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            shown = self.screen()
            assert condition(shown), f"{what} stopped holding; the screen:\n{shown}"
            time.sleep(0.05)


def reporting(command: str, **variables: str) -> str:
    """A shell line that runs `command` with these environment variables, then shows its exit
    status (EXIT=n) and whether the terminal's mode came back as it was (TERMINAL-RESTORED or
    TERMINAL-CHANGED), and stays open so the screen can be read. Wait for `TERMINAL-` to know
    both are there."""
    settings = " ".join(f"{name}={shlex.quote(value)}" for name, value in variables.items())
    return (
        f"stty -g > before; env -u COLUMNS -u LINES {settings} {command}; echo EXIT=$?; "
        f"stty -g > after; {RESTORED}; sleep 600"
    )


# The shell's verdict on the terminal's mode, from `stty -g` before and after.
RESTORED = "if cmp -s before after; then echo TERMINAL-RESTORED; else echo TERMINAL-CHANGED; fi"
