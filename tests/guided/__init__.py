"""Tests of the guided routine (sciaticli.guided and `home-routine --guided`)."""

from __future__ import annotations

import shlex
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path

from tests.terminal import Tmux

SCIATICLI = f"{shlex.quote(sys.executable)} -m sciaticli"
# One-second steps: a real routine's holds take 20 to 30 seconds.
QUICK_KB = Path(__file__).parent.parent / "data" / "quick-routine.yaml"
QUICK = f"quick-test --kb {shlex.quote(str(QUICK_KB))}"


def others_after_quick(done: int = 1) -> str:
    """The keys the offer of another routine names after `done` routines of the quick file
    (`1-6`): the knowledge base's routines, more as they are added, less those done."""
    from sciaticli.knowledge import load_knowledge_base

    return f"1-{len(load_knowledge_base(QUICK_KB).routines) - done}"


# The `terminal` fixture (conftest.py): start a command in a tmux window, get the window.
Start = Callable[..., Tmux]


def ended(screen: Tmux) -> str:
    """The screen once the command has ended and the shell has compared the terminal's mode."""
    return screen.wait_match(r"TERMINAL-(RESTORED|CHANGED)", timeout=30)


def journal_rows(home: Path) -> list[tuple[object, ...]]:
    """The journal's entries under `home`: routine, pain before and after, origin, session."""
    connection = sqlite3.connect(home / "journal.sqlite3")
    try:
        query = "SELECT routine, pain_before, pain_after, origin, session FROM entries"
        return connection.execute(query).fetchall()
    finally:
        connection.close()
