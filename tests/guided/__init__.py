"""Tests of the guided routine (sciaticli.guided and `home-routine --guided`)."""

from __future__ import annotations

import shlex
import sys
from collections.abc import Callable
from pathlib import Path

from tests.terminal import Tmux

SCIATICLI = f"{shlex.quote(sys.executable)} -m sciaticli"
# One-second steps: a real routine's holds take 20 to 30 seconds.
QUICK_KB = Path(__file__).parent.parent / "data" / "quick-routine.yaml"
QUICK = f"quick-test --kb {shlex.quote(str(QUICK_KB))}"

# The `terminal` fixture (conftest.py): start a command in a tmux window, get the window.
Start = Callable[..., Tmux]


def ended(screen: Tmux) -> str:
    """The screen once the command has ended and the shell has compared the terminal's mode."""
    return screen.wait_match(r"TERMINAL-(RESTORED|CHANGED)", timeout=30)
