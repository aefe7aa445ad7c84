"""The guided routine on a real terminal: keys in cbreak mode, a live view with rich, the bell.

The timing itself is sciaticli.guided.GuidedRun; this module only reads keys and draws. The
pain questions around it are read as ordinary lines (echo, Backspace), outside cbreak mode.
"""

import math
import os
import select
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console, Group, RenderableType
from rich.live import Live
from rich.progress_bar import ProgressBar
from rich.table import Table
from rich.text import Text

from sciaticli.guided import GuidedRun, summary_lines
from sciaticli.model import KnowledgeBase, Routine
from sciaticli.pages.routines import warnings
from sciaticli.render.output import terminal_width, to_ascii
from sciaticli.render.safe import raw, visible
from sciaticli.render.terminal import renderable
from sciaticli.routines import PlannedStep

KEYS_HELP = "space: pause/resume   n: next step   q: quit"
EXIT_INTERRUPTED = 130
PAIN_BEFORE = "Pain now, 0-10 (Enter to skip): "
PAIN_AFTER = "Pain now, after the routine, 0-10 (Enter to skip): "
LOG_QUESTION = "Log this session? [Y/n] "

# Records a session (pain before, pain after) and says how: the journal, for the CLI.
SessionLogger = Callable[[int, int], str]


def run_guided(
    routine: Routine,
    kb: KnowledgeBase,
    steps: list[PlannedStep],
    *,
    bell: bool,
    color: bool,
    log_session: SessionLogger | None = None,
) -> int:
    """Walk through `steps` in real time; the exit status (0 done or quit, 130 on Ctrl-C).

    With `log_session`, ask for the pain before starting and after the end, then offer to log
    the session. Not after Ctrl-C: an interrupted session is not offered for logging.
    """
    console = Console(
        file=raw(sys.stdout),  # the styles are rich's; every text is made visible()
        width=terminal_width(),
        color_system="auto" if color else None,
        highlight=False,
        emoji=False,
    )
    interrupted = False
    before = None
    if log_session is not None:
        _print_warnings(console, routine, kb)
        try:
            before = ask_pain(console, PAIN_BEFORE)
        except KeyboardInterrupt:
            console.print()  # after the echoed ^C
            return EXIT_INTERRUPTED
    # Keys are read one at a time from before the prompt, so an early Enter is not lost.
    with _cbreak():
        if log_session is None:
            _print_warnings(console, routine, kb)
        console.print(
            Text(
                f"{visible(routine.name)}: {len(steps)} steps. "
                "Press Enter or space to start, q to quit."
            )
        )
        try:
            if _wait_for_start():
                run = _walk(GuidedRun(steps, time.monotonic), console, bell)
            else:
                console.print("Not started.")
                return 0
        except _Interrupted as stop:
            run, interrupted = stop.run, True
    for line in summary_lines(run):
        console.print(Text(visible(line)))
    if interrupted:
        return EXIT_INTERRUPTED
    if log_session is not None and before is not None:
        try:
            _offer_to_log(console, log_session, before)
        except KeyboardInterrupt:
            console.print(Text("\nNot logged."))
            return EXIT_INTERRUPTED
    return 0


def _print_warnings(console: Console, routine: Routine, kb: KnowledgeBase) -> None:
    for block in warnings(routine, kb):
        console.print(renderable(block))


def ask_pain(console: Console, prompt: str) -> int | None:
    """A pain rating typed as a line; None for Enter (or the end of input). Asks again until
    the answer is on the scale."""
    from sciaticli.journal import parse_pain

    while True:
        try:
            answer = console.input(prompt).strip()
        except EOFError:
            return None
        if not answer:
            return None
        try:
            return parse_pain(answer)
        except ValueError:
            console.print(
                Text("Please type a whole number from 0 (no pain) to 10, or press Enter to skip.")
            )


def _ask_yes(console: Console, prompt: str) -> bool:
    """Yes for Enter, y or yes; no for n, no or the end of input; asks again otherwise."""
    while True:
        try:
            answer = console.input(prompt).strip().lower()
        except EOFError:
            return False
        if answer in ("", "y", "yes"):
            return True
        if answer in ("n", "no"):
            return False
        console.print(Text("Please answer y or n."))


def _offer_to_log(console: Console, log_session: SessionLogger, before: int) -> None:
    after = ask_pain(console, PAIN_AFTER)
    if after is None or not _ask_yes(console, LOG_QUESTION):
        console.print(Text("Not logged."))
        return
    message = log_session(before, after)
    if not (console.encoding or "").lower().startswith("utf"):
        message = to_ascii(message)
    console.print(Text(visible(message)))


class _Interrupted(Exception):
    def __init__(self, run: GuidedRun) -> None:
        super().__init__("interrupted")
        self.run = run


def _walk(run: GuidedRun, console: Console, bell: bool) -> GuidedRun:
    try:
        with Live(view(run), console=console, refresh_per_second=8, transient=False) as live:
            while not run.done:
                key = _read_key(0.1)
                if key == " ":
                    run.toggle_pause()
                elif key == "n":
                    run.skip()
                    _ring(console, bell and not run.done)
                elif key in ("q", "Q"):
                    run.stop()
                _ring(console, run.update() and bell and not run.done)
                live.update(view(run))
    except KeyboardInterrupt:
        run.stop()
        raise _Interrupted(run) from None
    return run


def _ring(console: Console, wanted: bool) -> None:
    if wanted:
        console.bell()


def view(run: GuidedRun) -> RenderableType:
    """What the live display shows: the step, its countdown, the routine's progress, what's next."""
    step = run.current
    if step is None:
        return Text("All steps done.", style="bold green")
    heading = Text(visible(step.heading), style="bold cyan")
    if run.paused:
        heading.append("  (paused: space to resume)", style="bold yellow")
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    left = math.ceil(run.remaining())
    grid.add_row(
        Text(f"{left:>3} s left"), ProgressBar(total=step.seconds, completed=run.elapsed())
    )
    spent, total = round(run.routine_elapsed()), run.routine_seconds()
    grid.add_row(
        Text(f"{_clock(spent)} / {_clock(total)}"),
        ProgressBar(total=total, completed=run.routine_elapsed()),
    )
    upcoming = run.upcoming
    following = (
        Text(visible(f"Next: {upcoming.heading}: {upcoming.step.instruction}"), style="dim")
        if upcoming is not None
        else Text("Next: the end of the routine.", style="dim")
    )
    return Group(
        heading,
        Text(visible(step.step.instruction)),
        Text(visible(f"Cue: {step.step.cue}"), style="italic"),
        grid,
        following,
        Text("Stop at once if pain shoots down the leg or numbness spreads.", style="yellow"),
        Text(KEYS_HELP, style="dim"),
    )


def _clock(seconds: int) -> str:
    minutes, rest = divmod(seconds, 60)
    return f"{minutes}:{rest:02d}"


@contextmanager
def _cbreak() -> Iterator[None]:
    """Single keys without Enter, no echo; Ctrl-C still interrupts. Always restored."""
    import termios
    import tty

    descriptor = sys.stdin.fileno()
    saved = termios.tcgetattr(descriptor)
    try:
        tty.setcbreak(descriptor, termios.TCSANOW)
        yield
    finally:
        termios.tcsetattr(descriptor, termios.TCSADRAIN, saved)


def _read_key(timeout: float) -> str | None:
    """One key, None when none came in time; "q" at the end of input."""
    ready, _, _ = select.select([sys.stdin], [], [], timeout)
    if not ready:
        return None
    return os.read(sys.stdin.fileno(), 1).decode("utf-8", "ignore") or "q"


def _wait_for_start() -> bool:
    """True on Enter or space, False on q."""
    while True:
        key = _read_key(60.0)
        if key in ("\n", "\r", " "):
            return True
        if key in ("q", "Q"):
            return False
