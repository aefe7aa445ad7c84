"""Run sciaticli on a real pseudo-terminal of a given size, as a person's shell would."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

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


def run_on_pty(
    args: list[str],
    env: dict[str, str],
    *,
    columns: int = 80,
    rows: int = 24,
    keys: bytes = b"",
    timeout: float = 30,
) -> tuple[int, str]:
    """Run `sciaticli ARGS` with a pty of `columns` x `rows` as stdin, stdout and stderr; type
    `keys` once it has started. Returns the exit status and everything the terminal showed,
    with the escape codes removed and line ends as \\n."""
    main, secondary = pty.openpty()
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    process = subprocess.Popen(
        [sys.executable, "-m", "sciaticli", *args],
        stdin=secondary,
        stdout=secondary,
        stderr=secondary,
        env=env,
        start_new_session=True,
    )
    os.close(secondary)
    output = bytearray()
    deadline = time.monotonic() + timeout
    typed = not keys
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
            if not typed and output:
                time.sleep(0.3)
                os.write(main, keys)
                typed = True
            if process.poll() is not None and not ready:
                break
        else:
            raise AssertionError(f"sciaticli {args} did not end; it showed:\n{output.decode()}")
    finally:
        if process.poll() is None:
            process.kill()
        status = process.wait(timeout=10)
        os.close(main)
    text = ANSI.sub("", output.decode("utf-8", "replace")).replace("\r\n", "\n")
    return status, text


class Tmux:
    """A command running in a detached tmux session of a given size: the screen a person sees,
    and keys typed into it. Use as a context manager; the server is killed at the end."""

    def __init__(self, folder: Path, command: str, *, columns: int = 80, rows: int = 24) -> None:
        import shutil

        assert shutil.which("tmux"), "tmux is needed for this test (.ci/run installs it)"
        self.socket = str(folder / "tmux.sock")
        self.command = command
        self.size = (str(columns), str(rows))

    def __enter__(self) -> Tmux:
        width, height = self.size
        subprocess.run(
            ["tmux", "-S", self.socket, "new-session", "-d", "-s", "main", "-x", width,
             "-y", height, self.command],
            check=True,
        )  # fmt: skip
        return self

    def __exit__(self, *exc: object) -> None:
        subprocess.run(["tmux", "-S", self.socket, "kill-server"], check=False, capture_output=True)

    def screen(self) -> str:
        return subprocess.run(
            ["tmux", "-S", self.socket, "capture-pane", "-p", "-t", "main"],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip

    def send(self, *keys: str) -> None:
        subprocess.run(["tmux", "-S", self.socket, "send-keys", "-t", "main", *keys], check=True)

    def wait_for(self, text: str, timeout: float = 20) -> str:
        """The screen once it shows `text` (AssertionError with the screen after `timeout`)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.1)
        raise AssertionError(f"{text!r} did not appear; the screen:\n{self.screen()}")
