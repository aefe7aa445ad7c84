"""What this run may do beyond drawing a page, as the command line's table says
(cli.commands.COMMANDS): ask questions on a terminal (`interactive`) and write the pain
journal (`writes`).

The command line sets both when it knows the command (cli.running.allow, for Typer's group and
the fast path alike) and puts them back after the run; outside a command (a library caller, a
test) everything is allowed. A run that asks a question turns the pager off: a page shown after
the answers is written to the terminal, never through `less`, which would take the keys the
person types.
"""

from __future__ import annotations

import sys
from pathlib import Path

_state = {"ask": True, "write": True}


def allow(*, interactive: bool, writes: bool) -> None:
    """The permissions of this run's command, from its row of the command table."""
    _state.update(ask=interactive, write=writes)


def reset() -> None:
    """Everything allowed again: after a run, and outside the command line."""
    _state.update(ask=True, write=True)


def stdin_is_terminal() -> bool:
    return sys.stdin.isatty()


def may_ask() -> bool:
    """Whether this run may ask its questions now: its command is interactive and standard
    input is a terminal. When it may, the pager is turned off for the rest of the run."""
    if not (_state["ask"] and stdin_is_terminal()):
        return False
    from sciaticli.render import pager

    pager.turn_off()
    return True


def check_writes(path: Path) -> None:
    """Before the journal at `path` is made or opened to write: a command the table does not
    mark as writing is stopped here, before anything is opened (a fault in sciaticli, never
    in what a person typed)."""
    if not _state["write"]:
        raise RuntimeError(
            "this command is not marked as writing the journal in cli.commands.COMMANDS; "
            f"{path} was not opened"
        )
