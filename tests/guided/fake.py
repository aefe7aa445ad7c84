"""A terminal of the test's own for the guided routine: keys typed at set times on a clock the
test moves, answers typed as lines, and everything shown kept as text (`guided`)."""

from __future__ import annotations

import io
import signal
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext

import pytest
from rich.console import Console

from sciaticli.cli.guided import session_logger
from sciaticli.guided.keys import Ended
from sciaticli.guided.session import Sitting, run_guided
from sciaticli.knowledge import load_knowledge_base
from sciaticli.routines import plan
from tests.guided import QUICK_KB
from tests.terminal import ANSI


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class Keys:
    """A terminal whose keys come at set times on `clock`: waiting for a key moves the clock
    on to the next one (or by the whole timeout). "^C" is Ctrl-C; "SIGTERM" and "SIGHUP" end
    the routine as those signals do. `answers`: the keys that answer questions, one each (""
    once they run out: the end of input); None for input that is not a terminal, where the
    questions read lines."""

    def __init__(
        self, clock: Clock, keys: list[tuple[float, str]], answers: list[str] | None = None
    ) -> None:
        self.clock = clock
        self.keys = sorted(keys, key=lambda timed: timed[0])
        self.answers = answers
        self.waits = 0

    @contextmanager
    def single_keys(self) -> Iterator[None]:
        yield

    def running(self, **told: object) -> AbstractContextManager[None]:
        return nullcontext()

    def read_key(self, timeout: float) -> str | None:
        self.waits += 1
        assert self.waits < 100_000, "the routine never ended"
        if self.keys and self.keys[0][0] <= self.clock.now:
            key = self.keys.pop(0)[1]
            if key == "^C":
                raise KeyboardInterrupt
            if key.startswith("SIG"):
                raise Ended(getattr(signal, key))
            return key
        wait = timeout if not self.keys else min(timeout, self.keys[0][0] - self.clock.now)
        self.clock.now += wait
        return None

    def answer_key(self, ask: Callable[[], None]) -> str | None:
        if self.answers is None:
            return None
        ask()
        key = self.answers.pop(0) if self.answers else ""
        if key == "^C":
            raise KeyboardInterrupt
        if key.startswith("SIG"):
            raise Ended(getattr(signal, key))
        return key


class Lines:
    """Answers typed as lines, for input(); "^C" is Ctrl-C at that question."""

    def __init__(self, text: str) -> None:
        self.lines = io.StringIO(text)

    def readline(self) -> str:
        line = self.lines.readline()
        if line == "^C\n":
            raise KeyboardInterrupt
        return line


def guided(
    monkeypatch: pytest.MonkeyPatch,
    keys: list[tuple[float, str]],
    answers: str = "",
    *,
    routine: str = "quick-test",
    side: str = "left",
    bell: bool = False,
    log: bool = True,
    answer_keys: list[str] | None = None,
    sitting: bool = False,
) -> tuple[int, str]:
    """Run the routine (the quick test routine unless told) with these keys and answers (lines,
    and with `answer_keys` the single keys that answer y/n questions); with `sitting`, another
    routine is offered at the end, as the command does. The exit status and everything shown,
    without escape codes."""
    kb = load_knowledge_base(QUICK_KB if routine == "quick-test" else None)
    chosen = kb.routines[routine]
    monkeypatch.setattr("sys.stdin", Lines(answers))
    out = io.StringIO()
    console = Console(
        file=out, width=100, height=40, force_terminal=True, color_system=None, emoji=False
    )
    clock = Clock()
    status = run_guided(
        chosen,
        kb,
        plan(chosen, side),
        bell=bell,
        color=False,
        log_session=session_logger(chosen) if log else None,
        terminal=Keys(clock, keys, answer_keys),
        clock=clock,
        console=console,
        sitting=Sitting(lambda other: plan(other, side), session_logger if log else None)
        if sitting
        else None,
    )
    return status, ANSI.sub("", out.getvalue())
