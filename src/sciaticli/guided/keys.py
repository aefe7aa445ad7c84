"""The raw terminal under the guided routine: single keys, and the signals that stop it.

Keys are read one at a time without Enter and without echo (cbreak mode); Ctrl-C still
interrupts. Only ASCII keys count: a byte of a longer character (é) or of an escape sequence
(an arrow, a function key) is read and ignored. A question's answer is one key too
(`Terminal.answer_key`), the keys typed before the question dropped.

Signals: Ctrl-Z (SIGTSTP) gives the terminal back as it was and stops; `fg` (SIGCONT) takes
single keys again. SIGTERM and SIGHUP end the routine as Ctrl-C does (`Ended`, with the status
128 + the signal's number: 143, 129). While the routine runs, `stop_and_resize` also tells the
caller about a stop, a continue and a resize (SIGWINCH), so that it can pause and redraw.

`Terminal` is what the routine asks of all this (the real one is `TERMINAL`); the tests give it
a terminal of their own, with keys typed at set times on a clock they move.
"""

import os
import select
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, suppress
from typing import Any, Protocol


class Ended(BaseException):
    """SIGTERM or SIGHUP, raised where the program is, as KeyboardInterrupt is for Ctrl-C."""

    def __init__(self, signal_number: int) -> None:
        super().__init__(signal_number)
        self.status = 128 + signal_number


@contextmanager
def signals_end_the_routine() -> Iterator[None]:
    """SIGTERM and SIGHUP raise `Ended` while inside; the old handlers come back after."""

    def end(signal_number: int, frame: object) -> None:
        raise Ended(signal_number)

    wanted = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    saved = {number: signal.signal(number, end) for number in wanted}
    try:
        yield
    finally:
        for number, handler in saved.items():
            signal.signal(number, handler)


# The terminal's mode before cbreak: Ctrl-Z gives it back for the shell.
_SAVED_MODE: list[list[Any]] = []


@contextmanager
def cbreak() -> Iterator[None]:
    """Single keys without Enter, no echo; Ctrl-C still interrupts. Always restored, and
    given back to the shell while stopped by Ctrl-Z (the live view adds its own pause)."""
    import termios
    import tty

    descriptor = sys.stdin.fileno()
    saved = termios.tcgetattr(descriptor)
    _SAVED_MODE.append(saved)

    def on_stop(signal_number: int, frame: object) -> None:
        keys_mode = termios.tcgetattr(descriptor)
        with suppress(termios.error):
            termios.tcsetattr(descriptor, termios.TCSADRAIN, saved)
        signal.signal(signal.SIGTSTP, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGTSTP)
        signal.signal(signal.SIGTSTP, on_stop)
        with suppress(termios.error):
            termios.tcsetattr(descriptor, termios.TCSANOW, keys_mode)

    previous = signal.signal(signal.SIGTSTP, on_stop) if hasattr(signal, "SIGTSTP") else None
    try:
        tty.setcbreak(descriptor, termios.TCSANOW)
        yield
    finally:
        _SAVED_MODE.pop()
        if previous is not None:
            signal.signal(signal.SIGTSTP, previous)
        with suppress(termios.error):  # the terminal has hung up
            termios.tcsetattr(descriptor, termios.TCSADRAIN, saved)


@contextmanager
def stop_and_resize(
    *,
    stopping: Callable[[], None],
    continued: Callable[[], None],
    resized: Callable[[], None],
) -> Iterator[None]:
    """Inside `cbreak`, while the routine runs: on Ctrl-Z, call `stopping` (pause, show the
    cursor), give the terminal's mode back as the shell expects it and stop for real; on `fg`,
    take single keys again and call `continued`; on a resize, call `resized`. The handlers
    run in this thread between two statements, so they only set state and switch modes."""
    import termios

    descriptor = sys.stdin.fileno()
    keys_mode = termios.tcgetattr(descriptor)

    def on_stop(signal_number: int, frame: object) -> None:
        stopping()
        with suppress(termios.error, IndexError):
            termios.tcsetattr(descriptor, termios.TCSADRAIN, _SAVED_MODE[-1])
        signal.signal(signal.SIGTSTP, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGTSTP)
        # Continued (fg): single keys again.
        signal.signal(signal.SIGTSTP, on_stop)
        with suppress(termios.error):
            termios.tcsetattr(descriptor, termios.TCSANOW, keys_mode)
        continued()

    def on_resize(signal_number: int, frame: object) -> None:
        resized()

    handlers = {}
    if hasattr(signal, "SIGTSTP"):
        handlers[signal.SIGTSTP] = signal.signal(signal.SIGTSTP, on_stop)
    if hasattr(signal, "SIGWINCH"):
        handlers[signal.SIGWINCH] = signal.signal(signal.SIGWINCH, on_resize)
    try:
        yield
    finally:
        for number, handler in handlers.items():
            signal.signal(number, handler)


# What `_next_key` gives at the end of input: longer than any key, so never one.
_END_OF_INPUT = "end of input"


def read_key(timeout: float) -> str | None:
    """One key, None when none came in time; "q" at the end of input; "" for a byte that is
    not an ASCII key (of é, or of an escape sequence, which is read to its end)."""
    key = _next_key(timeout)
    return "q" if key == _END_OF_INPUT else key


def drop_typed_ahead() -> None:
    """Drop the keys typed and not yet read: a late n meant for the routine answers nothing."""
    import termios

    with suppress(termios.error):
        termios.tcflush(sys.stdin.fileno(), termios.TCIFLUSH)


def read_answer_key() -> str:
    """One key for a question, waiting as long as it takes; "" at the end of input."""
    while True:
        key = _next_key(60.0)
        if key == _END_OF_INPUT:
            return ""
        if key:  # not None (no key yet) nor "" (not an ASCII key)
            return key


def _next_key(timeout: float) -> str | None:
    try:
        ready, _, _ = select.select([sys.stdin], [], [], timeout)
    except InterruptedError:  # pragma: no cover - Python retries select after a signal
        return None
    if not ready:
        return None
    descriptor = sys.stdin.fileno()
    byte = os.read(descriptor, 1)
    if not byte:
        return _END_OF_INPUT
    if byte == b"\x1b":
        _skip_escape_sequence(descriptor)
        return ""
    if byte[0] >= 0x80:
        return ""
    return byte.decode("ascii")


def _skip_escape_sequence(descriptor: int) -> None:
    """Read the rest of an escape sequence (an arrow key: ESC [ A; F1: ESC O P), and no more:
    keys typed after it are still read as keys."""

    def next_byte() -> bytes:
        if not select.select([descriptor], [], [], 0.05)[0]:
            return b""
        return os.read(descriptor, 1)

    kind = next_byte()
    if kind == b"O":
        next_byte()
    elif kind == b"[":
        for _ in range(32):  # parameters, then one final byte from @ to ~
            byte = next_byte()
            if not byte or 0x40 <= byte[0] <= 0x7E:
                return


class Terminal(Protocol):
    """Single keys, and the signals around them, as the guided routine uses them."""

    def single_keys(self) -> AbstractContextManager[None]:
        """Keys one at a time, SIGTERM and SIGHUP ending the routine, until the end."""

    def running(
        self,
        *,
        stopping: Callable[[], None],
        continued: Callable[[], None],
        resized: Callable[[], None],
    ) -> AbstractContextManager[None]:
        """While the steps run: told of a stop, a continue and a resize."""

    def read_key(self, timeout: float) -> str | None:
        """One key, None when none came within `timeout` seconds."""

    def answer_key(self, ask: Callable[[], None]) -> str | None:
        """One key answering a question, without Enter ("" at the end of input), once `ask` has
        shown it, the keys typed before dropped; None (`ask` not called) when the input is not
        a terminal, and the question reads a line instead."""


class _RealTerminal:
    """The terminal on stdin: cbreak, signals, keys as this module reads them."""

    @contextmanager
    def single_keys(self) -> Iterator[None]:
        with signals_end_the_routine(), cbreak():
            yield

    def running(
        self,
        *,
        stopping: Callable[[], None],
        continued: Callable[[], None],
        resized: Callable[[], None],
    ) -> AbstractContextManager[None]:
        return stop_and_resize(stopping=stopping, continued=continued, resized=resized)

    def read_key(self, timeout: float) -> str | None:
        return read_key(timeout)

    def answer_key(self, ask: Callable[[], None]) -> str | None:
        if not sys.stdin.isatty():
            return None
        with self.single_keys():
            drop_typed_ahead()
            ask()  # shown after the drop, so a key typed once it shows is kept
            return read_answer_key()


TERMINAL: Terminal = _RealTerminal()
