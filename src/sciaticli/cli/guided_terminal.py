"""The guided routine on a real terminal: keys in cbreak mode, a live view with rich, the bell.

The timing itself is sciaticli.guided.GuidedRun; this module only reads keys and draws. The
pain questions around it are read as ordinary lines (echo, Backspace), outside cbreak mode.

Signals, while keys are read one at a time: Ctrl-Z (SIGTSTP) pauses the routine, gives the
terminal back as it was (cursor shown) and stops; `fg` (SIGCONT) takes single keys again, redraws
and stays paused until space. SIGTERM and SIGHUP end it as Ctrl-C does, with the terminal
restored, but with the status 128 + the signal's number (143, 129). A resize (SIGWINCH) redraws
at the new width on a cleared screen, so no frame drawn at the old width is left.
"""

import math
import os
import select
import signal
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import Any

from rich.console import Console, Group, RenderableType
from rich.live import Live
from rich.progress_bar import ProgressBar
from rich.table import Table
from rich.text import Text

from sciaticli.guided import GuidedRun, summary_lines
from sciaticli.model import KnowledgeBase, Routine
from sciaticli.pages.routines import routine_intro
from sciaticli.render.output import MIN_WIDTH, terminal_width, to_ascii
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
    region: str | None = None,
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
        _print_intro(console, routine, kb, steps, region)
        try:
            before = ask_pain(console, PAIN_BEFORE)
        except KeyboardInterrupt:
            console.print()  # after the echoed ^C
            return EXIT_INTERRUPTED
    # Keys are read one at a time from before the prompt, so an early Enter is not lost.
    with _signals_end_the_routine(), _cbreak():
        if log_session is None:
            _print_intro(console, routine, kb, steps, region)
        console.print(
            Text(
                f"{visible(routine.name)}: {len(steps)} steps. "
                "Press Enter or space to start, q to quit."
            )
        )
        try:
            started = _wait_for_start()
        except _Ended as ended:
            return ended.status
        if not started:
            console.print("Not started.")
            return 0
        try:
            run = _walk(GuidedRun(steps, time.monotonic), console, bell)
        except _Interrupted as interruption:
            run, interrupted, stop = interruption.run, True, interruption
    try:
        for line in summary_lines(run):
            console.print(Text(visible(line)))
    except OSError:  # a terminal hung up (SIGHUP) cannot show the summary
        pass
    if interrupted:
        return stop.status
    if log_session is not None and before is not None:
        try:
            _offer_to_log(console, log_session, before)
        except KeyboardInterrupt:
            console.print(Text("\nNot logged."))
            return EXIT_INTERRUPTED
    return 0


def _print_intro(
    console: Console,
    routine: Routine,
    kb: KnowledgeBase,
    steps: list[PlannedStep],
    region: str | None,
) -> None:
    """Everything the printed routine shows before its steps (pages.routines.routine_intro)."""
    side = "both" if len({step.side for step in steps}) > 1 else steps[0].side
    for block in routine_intro(routine, kb, steps, side, region):
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
    def __init__(self, run: GuidedRun, status: int = EXIT_INTERRUPTED) -> None:
        super().__init__("interrupted")
        self.run = run
        self.status = status


class _Ended(BaseException):
    """SIGTERM or SIGHUP, raised where the program is, as KeyboardInterrupt is for Ctrl-C."""

    def __init__(self, signal_number: int) -> None:
        super().__init__(signal_number)
        self.status = 128 + signal_number


@contextmanager
def _signals_end_the_routine() -> Iterator[None]:
    def end(signal_number: int, frame: object) -> None:
        raise _Ended(signal_number)

    wanted = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    saved = {number: signal.signal(number, end) for number in wanted}
    try:
        yield
    finally:
        for number, handler in saved.items():
            signal.signal(number, handler)


class _Screen:
    """The live view, drawn by this thread only (no refresh thread, so a signal never finds it
    half drawn), and started afresh on a cleared screen after a stop or a resize."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.live: Live | None = None
        self.stopped = False  # Ctrl-Z: set by the handler, seen by the loop
        self.continued = False  # fg after Ctrl-Z
        self.resized = False

    def start(self, renderable: RenderableType) -> None:
        self.live = Live(renderable, console=self.console, auto_refresh=False, transient=False)
        self.live.start(refresh=True)

    def update(self, renderable: RenderableType) -> None:
        if self.continued or self.resized:
            self.continued = self.resized = False
            self.redraw(renderable)
        elif self.live is not None:
            self.live.update(renderable, refresh=True)

    def redraw(self, renderable: RenderableType) -> None:
        """Clear the screen and draw at the terminal's width now."""
        if self.live is not None:
            self.live.transient = True  # its last frame is cleared with the screen
            self.live.stop()
        self.console.width = _window_width(self.console)
        self.console.clear()
        self.start(renderable)

    def stop(self) -> None:
        if self.live is not None:
            self.live.stop()
            self.live = None


def _window_width(console: Console) -> int:
    """The terminal's width now (after a resize), whatever COLUMNS said at start-up."""
    try:
        return max(MIN_WIDTH, os.get_terminal_size(console.file.fileno()).columns)
    except (AttributeError, OSError, ValueError):
        return terminal_width()


def _walk(run: GuidedRun, console: Console, bell: bool) -> GuidedRun:
    screen = _Screen(console)
    descriptor = sys.stdin.fileno()
    import termios

    keys_mode = termios.tcgetattr(descriptor)

    def on_stop(signal_number: int, frame: object) -> None:
        # Pause, give the terminal back as the shell expects it, and stop for real.
        if not run.paused:
            run.toggle_pause()
        _restore_terminal(descriptor, console)
        signal.signal(signal.SIGTSTP, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGTSTP)
        # Continued (fg): single keys again, the cursor hidden, the view redrawn.
        signal.signal(signal.SIGTSTP, on_stop)
        with suppress(termios.error):
            termios.tcsetattr(descriptor, termios.TCSANOW, keys_mode)
        screen.continued = True

    def on_resize(signal_number: int, frame: object) -> None:
        screen.resized = True

    handlers = {}
    if hasattr(signal, "SIGTSTP"):
        handlers[signal.SIGTSTP] = signal.signal(signal.SIGTSTP, on_stop)
    if hasattr(signal, "SIGWINCH"):
        handlers[signal.SIGWINCH] = signal.signal(signal.SIGWINCH, on_resize)
    try:
        screen.start(view(run))
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
            screen.update(view(run))
        screen.stop()
    except KeyboardInterrupt:
        run.stop()
        _stop_quietly(screen)
        raise _Interrupted(run) from None
    except _Ended as ended:
        run.stop()
        _stop_quietly(screen)
        raise _Interrupted(run, ended.status) from None
    finally:
        for number, handler in handlers.items():
            signal.signal(number, handler)
    return run


def _stop_quietly(screen: _Screen) -> None:
    with suppress(OSError):  # the terminal has hung up
        screen.stop()


def _restore_terminal(descriptor: int, console: Console) -> None:
    """The terminal as it was before the routine, the cursor shown (for Ctrl-Z)."""
    import termios

    with suppress(termios.error, IndexError):
        termios.tcsetattr(descriptor, termios.TCSADRAIN, _SAVED_MODE[-1])
    try:
        console.show_cursor(True)
        console.file.flush()
    except OSError:
        pass


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
        Text(visible(f"Next: {upcoming.heading}: {upcoming.instruction}"), style="dim")
        if upcoming is not None
        else Text("Next: the end of the routine.", style="dim")
    )
    return Group(
        heading,
        Text(visible(step.instruction)),
        Text(visible(f"Cue: {step.step.cue}"), style="italic"),
        grid,
        following,
        Text("Stop at once if pain shoots down the leg or numbness spreads.", style="yellow"),
        Text(KEYS_HELP, style="dim"),
    )


def _clock(seconds: int) -> str:
    minutes, rest = divmod(seconds, 60)
    return f"{minutes}:{rest:02d}"


# The terminal's mode before cbreak: Ctrl-Z gives it back for the shell.
_SAVED_MODE: list[list[Any]] = []


@contextmanager
def _cbreak() -> Iterator[None]:
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


def _read_key(timeout: float) -> str | None:
    """One key, None when none came in time; "q" at the end of input.

    Only ASCII keys count: a byte of a longer character (é) or of an escape sequence (an
    arrow, a function key) is read and ignored, as "" (it is not the end of input)."""
    try:
        ready, _, _ = select.select([sys.stdin], [], [], timeout)
    except InterruptedError:  # pragma: no cover - Python retries select after a signal
        return None
    if not ready:
        return None
    descriptor = sys.stdin.fileno()
    byte = os.read(descriptor, 1)
    if not byte:
        return "q"
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


def _wait_for_start() -> bool:
    """True on Enter or space, False on q."""
    while True:
        key = _read_key(60.0)
        if key in ("\n", "\r", " "):
            return True
        if key in ("q", "Q"):
            return False
