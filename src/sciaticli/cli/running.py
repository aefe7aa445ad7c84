"""One run of a command, with or without Typer: what it may do (its row of the command table),
its standard streams made safe, and how a stream that cannot be written ends it."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, NoReturn

from sciaticli.cli.commands import COMMANDS

if TYPE_CHECKING:
    from sciaticli.errors import SciaticliError


def allow(name: str) -> None:
    """What the run of command `name` (or of no known command) may do besides drawing a page:
    go through the pager, ask on a terminal, write the journal (cli.commands.COMMANDS)."""
    from sciaticli import permits
    from sciaticli.render import pager

    spec = COMMANDS.get(name)
    pager.allow(spec is not None and spec.paged, at_end=spec is not None and spec.opens_at_end)
    permits.allow(
        interactive=spec is not None and spec.interactive,
        writes=spec is not None and spec.writes,
    )


@contextlib.contextmanager
def guarded() -> Iterator[None]:
    """The run inside: everything written to stdout and stderr has its control codes shown
    visibly (render.safe), usage errors with the argument they echo included. A stream that is
    closed, full, or whose reader has gone ends the run with one line (or nothing for a reader
    that has gone, as `| head` wants), exit 1 (0), never a traceback."""
    from sciaticli import permits
    from sciaticli.render import pager
    from sciaticli.render.safe import OutputError, SafeStream, silence

    _fill_closed_descriptors()
    pager.reset()  # one run, one decision (tests run many in one process)
    streams = sys.stdout, sys.stderr
    sys.stdout = SafeStream(sys.stdout, "standard output")
    sys.stderr = SafeStream(sys.stderr, "standard error")
    try:
        yield
    except OutputError as error:
        silence(streams[0])
        if error.reader_gone:
            sys.exit(0)
        if error.stream_name == "standard output":
            try:
                streams[1].write(f"Error: {error}\n")
                streams[1].flush()
            except (AttributeError, OSError, ValueError):
                pass
        sys.exit(1)
    finally:
        sys.stdout, sys.stderr = streams
        permits.reset()  # outside a command, everything is allowed (tests run many)


def reader_gone() -> None:
    """The reader of stdout (head, less) has gone: keep Python's final flush quiet."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def fail(error: SciaticliError) -> NoReturn:
    """A domain error, said as the Typer group says it (cli.main): one line, exit 1."""
    import typer

    from sciaticli.cli.wrapping import error_line

    typer.echo(error_line(str(error)), err=True)
    sys.exit(1)


def interrupted() -> NoReturn:
    """Ctrl-C while a page is made or written: exit 130 (128 + SIGINT), quietly, as Typer ends
    a command it interrupts."""
    sys.exit(130)


def _fill_closed_descriptors() -> None:
    """Open the null device on a standard descriptor that was closed (`sciaticli log >&-`), so
    that no file sciaticli opens (the journal) can become descriptor 1 and take its output."""
    for descriptor in (0, 1, 2):
        try:
            os.fstat(descriptor)
        except OSError:
            try:
                null = os.open(os.devnull, os.O_RDWR)
            except OSError:
                return
            if null != descriptor:
                os.dup2(null, descriptor)
                os.close(null)
