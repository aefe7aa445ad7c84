"""The guided routine on a real terminal: keys in cbreak mode, a live view with rich, the bell.

The timing itself is sciaticli.guided.GuidedRun; this module only reads keys and draws. The
pain questions around it are read as ordinary lines (echo, Backspace), outside cbreak mode.

Signals, while keys are read one at a time: Ctrl-Z (SIGTSTP) pauses the routine, gives the
terminal back as it was (cursor shown) and stops; `fg` (SIGCONT) takes single keys again, redraws
and stays paused until space. SIGTERM and SIGHUP end it as Ctrl-C does, with the terminal
restored, but with the status 128 + the signal's number (143, 129). A resize (SIGWINCH) redraws
at the new width on a cleared screen, so no frame drawn at the old width is left.
"""

import io
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

from sciaticli.guided import LEAD_IN_SECONDS, GuidedRun, repetition_cue, summary_lines
from sciaticli.model import SEVERE_FLARE_PAIN, KnowledgeBase, Routine
from sciaticli.pages.pain_rise import pain_rise_advice
from sciaticli.pages.routines import aftercare_lines, routine_intro, saddle_line
from sciaticli.render.document import Paragraph
from sciaticli.render.output import MIN_WIDTH, terminal_width, to_ascii
from sciaticli.render.safe import raw, visible
from sciaticli.render.terminal import renderable
from sciaticli.routines import PlannedStep, duration, total_seconds

KEYS_HELP = "space pause · n next · q quit"
KEYS_OPTIONAL = " · o optional steps"
EXIT_INTERRUPTED = 130
PAIN_BEFORE = "Pain now, 0-10 (Enter to skip): "
PAIN_AFTER = "Pain now, after the routine, 0-10 (Enter to skip): "
PAIN_AFTER_STOPPED = "Pain now, after stopping, 0-10 (Enter to skip): "
LOG_QUESTION = "Log this session? [Y/n] "
LOG_PARTIAL = "Log this as a partial session (stopped early)? [Y/n] "
LOG_INTERRUPTED = "Log a partial session? [y/N] "
LOG_RATING = "Log this pain rating in your journal (no session)? [Y/n] "
LOG_RATING_INTERRUPTED = "Log this pain rating in your journal (no session)? [y/N] "
GO_ON = "Go on anyway? Type yes to go on, or press Enter to stop: "
WATCH_FOR = "Stop at once if pain shoots down the leg or numbness spreads."

# Records an entry (pain before, pain after or None, session: full, partial or none) and says
# how: the journal, for the CLI.
SessionLogger = Callable[[int, int | None, str], str]


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

    First everything the printed routine shows before its steps, and the saddle signs in one
    line with the region's number. With `log_session`, ask for the pain before starting: at
    SEVERE_FLARE_PAIN or more it stops (the routine says wait) unless the person types yes, and
    offers to log the rating. After the end, the aftercare; then the pain after and an offer to
    log the session, as partial when it stopped early. After Ctrl-C the offer defaults to no.
    """
    console = Console(
        file=raw(sys.stdout),  # the styles are rich's; every text is made visible()
        width=terminal_width(),
        color_system="auto" if color else None,
        highlight=False,
        emoji=False,
    )
    _print_intro(console, routine, kb, steps, region)
    before = None
    if log_session is not None:
        try:
            before = ask_pain(console, PAIN_BEFORE)
            if (
                before is not None
                and before >= SEVERE_FLARE_PAIN
                and not _go_on_in_a_flare_up(console, routine, kb, log_session, before)
            ):
                return 0
        except KeyboardInterrupt:
            console.print(Text("\nNot logged."))  # after the echoed ^C
            return EXIT_INTERRUPTED
    interrupted = False
    status = 0
    # Keys are read one at a time from before the prompt, so an early Enter is not lost.
    with _signals_end_the_routine(), _cbreak():
        console.print(Text(visible(_start_line(routine, steps))))
        try:
            started, include_optional = _wait_for_start(console, steps)
        except _Ended as ended:
            return ended.status
        if not started:
            console.print("Not started.")
            return 0
        run = GuidedRun(
            steps, time.monotonic, lead_in=LEAD_IN_SECONDS, include_optional=include_optional
        )
        try:
            run = _walk(run, console, bell, routine.watch_for or WATCH_FOR)
        except _Interrupted as interruption:
            run, interrupted, status = interruption.run, True, interruption.status
    try:
        for line in summary_lines(run):
            console.print(Text(visible(line)))
        if run.records:
            for line in aftercare_lines(routine, kb):
                console.print(Text(visible(line), style="bold"))
    except OSError:  # a terminal hung up (SIGHUP) cannot show the summary
        return status
    if log_session is None or before is None:
        return status
    if interrupted and status != EXIT_INTERRUPTED:
        return status  # SIGTERM, SIGHUP: nobody to ask
    try:
        after = _offer_to_log(console, log_session, before, run, interrupted=interrupted)
        for line in pain_rise_advice(kb, before, after):
            _say(console, line)
    except KeyboardInterrupt:
        console.print(Text("\nNot logged."))
        return EXIT_INTERRUPTED
    return status


def _start_line(routine: Routine, steps: list[PlannedStep]) -> str:
    optional = sum(1 for step in steps if step.optional)
    line = f"{routine.name}: {len(steps) - optional} steps, {duration(total_seconds(steps))}"
    if optional:
        noun = "step" if optional == 1 else "steps"
        line += f" ({optional} optional {noun} left out unless you press o)"
    return f"{line}.\nPress Enter or space to start, q to quit."


def _go_on_in_a_flare_up(
    console: Console, routine: Routine, kb: KnowledgeBase, log_session: SessionLogger, pain: int
) -> bool:
    """Pain at SEVERE_FLARE_PAIN or more: say it is a severe flare-up the routine says to wait
    out; go on only if the person types yes; otherwise offer to log the rating."""
    flare = kb.safety.contraindications.get("severe-flare")
    why = (
        f'This routine\'s do-not list says: "{flare.condition}" {flare.why}'
        if flare is not None and flare.id in routine.not_for
        else "Wait until it settles before doing this routine."
    )
    console.print(
        Text(visible(f"Pain {pain} out of 10 is a severe flare-up. {why}"), style="bold yellow")
    )
    if _ask_yes(console, GO_ON, default=False, strict=True):
        console.print(Text("Going on. Stop at once if the pain builds or runs down the leg."))
        return True
    console.print(Text("Stopped before starting."))
    if _ask_yes(console, LOG_RATING):
        _say(console, log_session(pain, None, "none"))
    else:
        console.print(Text("Not logged."))
    return False


def _print_intro(
    console: Console,
    routine: Routine,
    kb: KnowledgeBase,
    steps: list[PlannedStep],
    region: str | None,
) -> None:
    """Everything the printed routine shows before its steps (pages.routines.routine_intro),
    then the saddle signs in one line with the region's number."""
    side = "both" if len({step.side for step in steps}) > 1 else steps[0].side
    blocks = routine_intro(routine, kb, steps, side, region)
    # The routine's own preconditions last, next to the question and the start.
    blocks.sort(key=lambda block: isinstance(block, Paragraph) and block.text.startswith("Only"))
    for block in blocks:
        console.print(renderable(block))
    saddle = saddle_line(kb, region)
    if saddle is not None:
        console.print(Text(visible(saddle), style="bold red"))


def ask_pain(console: Console, prompt: str) -> int | None:
    """A pain rating typed as a line; None for Enter (or the end of input). Asks again until
    the answer is on the scale."""
    from sciaticli.cli.values import parse_pain

    while True:
        try:
            answer = console.input(Text(prompt)).strip()
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


def _ask_yes(console: Console, prompt: str, *, default: bool = True, strict: bool = False) -> bool:
    """y or yes (Enter: `default`), n or no; asks again otherwise. `strict`: only the word yes
    counts as yes, and anything else as no. The end of input is no."""
    while True:
        try:
            answer = console.input(Text(prompt)).strip().lower()
        except EOFError:
            return False
        if strict:
            return answer == "yes"
        if not answer:
            return default
        if answer in ("y", "yes"):
            return True
        if answer in ("n", "no"):
            return False
        console.print(Text("Please answer y or n."))


def _offer_to_log(
    console: Console,
    log_session: SessionLogger,
    before: int,
    run: GuidedRun,
    *,
    interrupted: bool,
) -> int | None:
    """After the routine: the pain after and the offer to log, as a full session or, when it
    stopped early, a partial one. After Ctrl-C, nothing is logged unless the person says yes.
    Returns the pain after, if given."""
    if run.finished:
        after = ask_pain(console, PAIN_AFTER)
        if after is None or not _ask_yes(console, LOG_QUESTION):
            console.print(Text("Not logged."))
            return after
        _say(console, log_session(before, after, "full"))
        return after
    if run.routine_elapsed() < 1:
        # Stopped before any step had begun: no session to log, only the rating.
        question = LOG_RATING_INTERRUPTED if interrupted else LOG_RATING
        if _ask_yes(console, question, default=not interrupted):
            _say(console, log_session(before, None, "none"))
        else:
            console.print(Text("Not logged."))
        return None
    if interrupted:
        if not _ask_yes(console, LOG_INTERRUPTED, default=False):
            console.print(Text("Not logged."))
            return None
        after = ask_pain(console, PAIN_AFTER_STOPPED)
    else:
        after = ask_pain(console, PAIN_AFTER_STOPPED)
        if not _ask_yes(console, LOG_PARTIAL):
            console.print(Text("Not logged."))
            return after
    _say(console, log_session(before, after, "partial"))
    return after


def _say(console: Console, message: str) -> None:
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


def _window_height(console: Console) -> int:
    """The terminal's height now: the view leaves out detail to fit it."""
    try:
        return max(5, os.get_terminal_size(console.file.fileno()).lines)
    except (AttributeError, OSError, ValueError):
        return max(5, console.height)


def _walk(run: GuidedRun, console: Console, bell: bool, watch_for: str) -> GuidedRun:
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

    def drawn() -> RenderableType:
        return view(run, console.width, _window_height(console), watch_for)

    try:
        screen.start(drawn())
        while not run.done:
            key = _read_key(0.1)
            if key == " ":
                run.toggle_pause()
            elif key == "n":
                run.skip()
                _ring(console, bell and not run.done)
            elif key in ("o", "O"):
                run.toggle_optional()
            elif key in ("q", "Q"):
                run.stop()
            _ring(console, run.update() and bell and not run.done)
            screen.update(drawn())
        screen.stop()
    except KeyboardInterrupt:
        run.stop()
        _stop_quietly(screen, drawn())  # its last frame says it stopped
        raise _Interrupted(run) from None
    except _Ended as ended:
        run.stop()
        _stop_quietly(screen, drawn())
        raise _Interrupted(run, ended.status) from None
    finally:
        for number, handler in handlers.items():
            signal.signal(number, handler)
    return run


def _stop_quietly(screen: _Screen, last: RenderableType) -> None:
    with suppress(OSError):  # the terminal has hung up
        screen.update(last)
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


def view(run: GuidedRun, width: int, height: int, watch_for: str = WATCH_FOR) -> RenderableType:
    """What the live display shows, fitted to `height` lines: the step, its countdown, the stop
    reminder and the key line always; the instruction, cue, repetition, the routine's progress
    and the next step as room allows (a 40x15 terminal drops detail, not the essentials)."""
    step = run.current
    if step is None:
        if run.stopped:
            return Text("Routine stopped.", style="bold yellow")
        if run.finished:
            return Text("All steps done.", style="bold green")
        return Text("End of the routine (some steps skipped).", style="bold")
    keys = KEYS_HELP + (KEYS_OPTIONAL if run.optional_ahead else "")
    paused = Text("  (paused: space to resume)", style="bold yellow") if run.paused else None
    left = math.ceil(run.remaining())
    if run.leading_in:
        heading = Text(f"Get into position: {visible(step.heading)} starts in {left} s")
        heading.stylize("bold cyan")
        countdown: RenderableType = _bar_row(f"{left:>3} s", run.lead_in, run.elapsed())
        instruction = Text(visible(step.instruction))
        cue = Text(visible(f"Cue: {step.step.cue}"), style="italic")
        repeat = None
    else:
        heading = Text(visible(step.heading), style="bold cyan")
        if step.optional:
            heading.append(" (optional)", style="cyan")
        countdown = _bar_row(f"{left:>3} s left", step.seconds_each, run.repetition_elapsed())
        instruction = Text(visible(step.instruction))
        cue = Text(visible(f"Cue: {step.step.cue}"), style="italic")
        said = repetition_cue(run)
        repeat = Text(visible(said), style="bold") if said else None
    if paused is not None:
        heading.append_text(paused)
    spent, total = round(run.routine_elapsed()), run.routine_seconds()
    progress = _bar_row(f"{_clock(spent)} / {_clock(total)}", max(total, 1), run.routine_elapsed())
    upcoming = run.upcoming
    following = (
        Text(visible(f"Next: {upcoming.heading}: {upcoming.instruction}"), style="dim")
        if upcoming is not None and upcoming is not step
        else Text("Next: the end of the routine.", style="dim")
    )
    watch = Text(visible(watch_for), style="yellow")
    key_line = Text(keys, style="dim")
    # (renderable, kept first): the essentials, then detail by importance.
    parts: list[tuple[RenderableType | None, int]] = [
        (heading, 0),
        (repeat, 1),
        (instruction, 2),
        (countdown, 0),
        (cue, 4),
        (progress, 3),
        (following, 5),
        (watch, 0),
        (key_line, 0),
    ]
    room = height - 1  # the line the cursor rests on
    measure = Console(width=width, color_system=None, file=io.StringIO(), legacy_windows=False)
    heights = [0 if part is None else _lines(measure, part, width) for part, _ in parts]
    keep = [part is not None and rank == 0 for part, rank in parts]
    used = sum(h for h, kept in zip(heights, keep, strict=True) if kept)
    for rank in range(1, 6):
        for number, (part, level) in enumerate(parts):
            if part is not None and level == rank and used + heights[number] <= room:
                keep[number] = True
                used += heights[number]
    shown = [part for (part, _), kept in zip(parts, keep, strict=True) if kept and part]
    return Group(*shown)


def _lines(console: Console, part: RenderableType, width: int) -> int:
    return len(console.render_lines(part, console.options.update_width(width), pad=False))


def _bar_row(label: str, total: float, completed: float) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    grid.add_row(Text(label), ProgressBar(total=total, completed=completed))
    return grid


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


def _wait_for_start(console: Console, steps: list[PlannedStep]) -> tuple[bool, bool]:
    """(started, optional steps included): Enter or space starts, q quits, o includes the
    optional steps (or leaves them out again)."""
    include = False
    optional = any(step.optional for step in steps)
    while True:
        key = _read_key(60.0)
        if key in ("\n", "\r", " "):
            return True, include
        if key in ("q", "Q"):
            return False, include
        if key in ("o", "O") and optional:
            include = not include
            said = "included" if include else "left out"
            console.print(Text(f"Optional steps: {said}. Enter or space to start."))
