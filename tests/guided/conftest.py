"""The guided tests' window: a command in tmux, reporting its status and the terminal's mode."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.terminal import Tmux, reporting


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Callable[..., Tmux]]:
    """Start a shell line in a tmux window of its own (100x40 unless told), with the test's
    folder as its home and journal; the shell then shows EXIT=status and TERMINAL-RESTORED or
    TERMINAL-CHANGED (tests.terminal.reporting). Every window is closed at the end."""
    started: list[Tmux] = []

    def start(command: str, width: int = 100, height: int = 40) -> Tmux:
        line = reporting(command, SCIATICLI_HOME=str(tmp_path), TERM="xterm-256color")
        window = Tmux(tmp_path, line, columns=width, rows=height, session=f"w{len(started)}")
        started.append(window.__enter__())
        return window

    yield start
    for window in started:
        window.__exit__()
