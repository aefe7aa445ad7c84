"""What a person sees while the guided routine runs: the live view, fitted to the window.

`view` draws the run's state: the step, its countdown, the stop reminder and the key line
always; the instruction, cue, repetition, the routine's progress and the next step as room
allows. `LiveScreen` draws it with rich's Live, from this thread only (no refresh thread, so a
signal never finds it half drawn), and starts afresh on a cleared screen after a stop or a
resize, at the window's size then, so no frame drawn at the old width is left.
"""

import io
import math
import os
import sys
from contextlib import suppress

from rich.console import Console, Group, RenderableType
from rich.live import Live
from rich.progress_bar import ProgressBar
from rich.table import Table
from rich.text import Text

from sciaticli.guided.timer import GuidedRun, clock_text, repetition_cue, step_title
from sciaticli.render.output import MIN_WIDTH, terminal_width
from sciaticli.render.safe import raw, visible

KEYS_HELP = "space pause · n next · q quit"
KEYS_PAUSED = "space resume · n next · q quit"
KEYS_OPTIONAL = " · o optional steps"
WATCH_FOR = "Stop at once if pain shoots down the leg or numbness spreads."


def terminal_console(color: bool) -> Console:
    """The console the guided routine prints on: the terminal, at its width now."""
    return Console(
        file=raw(sys.stdout),  # the styles are rich's; every text is made visible()
        width=terminal_width(),
        color_system="auto" if color else None,
        highlight=False,
        emoji=False,
    )


class LiveScreen:
    """The live view on `console`; `continued` and `resized` (set by signal handlers) make the
    next update redraw it on a cleared screen."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.live: Live | None = None
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
        self.console.width = window_width(self.console)
        self.console.clear()
        self.start(renderable)

    def stop(self) -> None:
        if self.live is not None:
            self.live.stop()
            self.live = None

    def clear(self) -> None:
        """Stop and take the last frame away: the summary after it says how the routine ended,
        once. Quietly when the terminal has hung up."""
        with suppress(OSError):
            if self.live is not None:
                self.live.transient = True
            self.stop()

    def show_cursor(self) -> None:
        """The cursor shown, as the shell expects it (for Ctrl-Z)."""
        with suppress(OSError):
            self.console.show_cursor(True)
            self.console.file.flush()

    def height(self) -> int:
        return window_height(self.console)


def window_width(console: Console) -> int:
    """The terminal's width now (after a resize), whatever COLUMNS said at start-up."""
    try:
        return max(MIN_WIDTH, os.get_terminal_size(console.file.fileno()).columns)
    except (AttributeError, OSError, ValueError):
        return terminal_width()


def window_height(console: Console) -> int:
    """The terminal's height now: the view leaves out detail to fit it."""
    try:
        return max(5, os.get_terminal_size(console.file.fileno()).lines)
    except (AttributeError, OSError, ValueError):
        return max(5, console.height)


def view(run: GuidedRun, width: int, height: int, watch_for: str = WATCH_FOR) -> RenderableType:
    """What the live display shows, fitted to `height` lines: the step, its countdown, the stop
    reminder and the key line always; the instruction, cue, repetition, the routine's progress
    and the next step as room allows (a 40x15 terminal drops detail, not the essentials)."""
    step = run.current
    if step is None:  # over: the walk takes its last frame away, the summary says how it ended
        return Text("")
    keys = KEYS_PAUSED if run.paused else KEYS_HELP  # what space does now
    keys += KEYS_OPTIONAL if run.optional_ahead else ""
    paused = Text("  (paused: space to resume)", style="bold yellow") if run.paused else None
    left = math.ceil(run.remaining())
    upcoming = run.upcoming
    if run.leading_in:
        first = upcoming or step
        heading = Text(f"Get into position: {visible(step_title(first))} starts in {left} s")
        heading.stylize("bold cyan")
        countdown: RenderableType = _bar_row(f"{left:>3} s", run.lead_in, run.elapsed())
        instruction = Text(visible(first.instruction))
        cue = Text(visible(f"Cue: {first.step.cue}"), style="italic")
        repeat = None
    else:
        heading = Text(visible(step_title(step)), style="bold cyan")
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
    progress = _bar_row(
        f"{clock_text(spent)} / {clock_text(total)}", max(total, 1), run.routine_elapsed()
    )
    # In the lead-in the upcoming step is the first one, the step being got ready for.
    following = (
        Text(visible(f"Next: {step_title(upcoming)}: {upcoming.instruction}"), style="dim")
        if upcoming is not None
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
