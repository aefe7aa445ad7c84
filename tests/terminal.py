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
