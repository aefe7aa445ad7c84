"""The guided routine from start to end: introduction, pain before, start, the timed walk,
summary and aftercare, pain after and the offer to log, and advice when the pain rose (also
when not logged); then the offer of another routine in the same sitting; the exit status.

It puts the other modules together: the questions (dialogue), single keys and signals (keys),
the live view (screen) and the timing (timer, on the real clock). The status is 0 when done or
quit, 130 after Ctrl-C, 143 after SIGTERM and 129 after SIGHUP, always with the terminal as it
was.
"""

import time
from collections.abc import Callable
from typing import NamedTuple

from rich.console import Console, RenderableType
from rich.text import Text

from sciaticli.guided.dialogue import (
    PAIN_BEFORE,
    SessionLogger,
    ask_pain,
    go_on_in_a_flare_up,
    offer_another,
    offer_to_log,
    print_intro,
    say,
    start_line,
)
from sciaticli.guided.keys import TERMINAL, Ended, Terminal
from sciaticli.guided.screen import WATCH_FOR, LiveScreen, terminal_console, view
from sciaticli.guided.timer import LEAD_IN_SECONDS, GuidedRun, summary_lines
from sciaticli.model import SEVERE_FLARE_PAIN, KnowledgeBase, Routine
from sciaticli.pages.pain_rise import pain_rise_advice
from sciaticli.pages.routines import aftercare_lines
from sciaticli.render.safe import visible
from sciaticli.routines import PlannedStep

EXIT_INTERRUPTED = 130


class Sitting(NamedTuple):
    """How the guided routine goes on to another in the same sitting: `plan` lays out a
    routine's steps as the first one's were (its side and hold); `logger` logs it in the journal
    (None: not logged, as with --no-log)."""

    plan: Callable[[Routine], list[PlannedStep]]
    logger: Callable[[Routine], SessionLogger] | None = None


class _Ending(NamedTuple):
    status: int
    # Another routine may follow: this one ran to its end, at least one step done (not every
    # one skipped), and the pain did not rise.
    go_on: bool = False
    pain_after: int | None = None


def run_guided(
    routine: Routine,
    kb: KnowledgeBase,
    steps: list[PlannedStep],
    *,
    bell: bool,
    color: bool,
    log_session: SessionLogger | None = None,
    region: str | None = None,
    terminal: Terminal = TERMINAL,
    clock: Callable[[], float] = time.monotonic,
    console: Console | None = None,
    sitting: Sitting | None = None,
) -> int:
    """Walk through `steps` in real time; the exit status (0 done or quit, 130 on Ctrl-C).

    First everything the printed routine shows before its steps, and the saddle signs in one
    line with the region's number. With `log_session`, ask for the pain before starting: at
    SEVERE_FLARE_PAIN or more it stops (the routine says wait) unless the person types yes, and
    offers to log the rating. After the end, the aftercare; then the pain after and an offer to
    log the session, as partial when it stopped early. After Ctrl-C the offer defaults to no.

    With `sitting`, a routine that ran to its end (not stopped, not every step skipped, the pain
    not risen) is followed by "Another routine now?" and the knowledge base's routines not yet
    done in this sitting. The one chosen runs the same way, its own warnings first, and is
    logged as an entry of its own; the pain given after the last routine is its pain before.

    `terminal` reads the keys, `clock` times the steps and `console` shows it all: the real
    ones unless a test gives its own.
    """
    console = console or terminal_console(color)
    done: list[str] = []
    pain: int | None = None
    while True:
        done.append(routine.id)
        walk = _Walk(console, terminal, clock, bell, region)
        ending = walk.routine(routine, kb, steps, log_session, pain)
        others = [other for other in kb.routines.values() if other.id not in done]
        if sitting is None or not ending.go_on or not others:
            return ending.status
        try:
            chosen = offer_another(console, others, sitting.plan, terminal)
        except KeyboardInterrupt:
            console.print()
            return EXIT_INTERRUPTED
        except Ended as ended:
            return ended.status
        if chosen is None:
            return ending.status
        routine, steps, pain = chosen, sitting.plan(chosen), ending.pain_after
        log_session = None if sitting.logger is None else sitting.logger(chosen)
        console.print()


class _Walk(NamedTuple):
    """One routine of the sitting, on this console and terminal."""

    console: Console
    terminal: Terminal
    clock: Callable[[], float]
    bell: bool
    region: str | None

    def routine(
        self,
        routine: Routine,
        kb: KnowledgeBase,
        steps: list[PlannedStep],
        log_session: SessionLogger | None,
        pain_before: int | None,
    ) -> _Ending:
        """Introduction, pain before (`pain_before`, when given after the last routine, or
        asked), the timed steps, summary and aftercare, pain after and the offer to log."""
        console, terminal = self.console, self.terminal
        print_intro(console, routine, kb, steps, self.region)
        before = None
        if log_session is not None:
            try:
                before = _pain_before(console, pain_before)
                if (
                    before is not None
                    and before >= SEVERE_FLARE_PAIN
                    and not go_on_in_a_flare_up(console, routine, kb, log_session, before, terminal)
                ):
                    return _Ending(0)
            except KeyboardInterrupt:
                console.print(Text("\nNot logged."))  # after the echoed ^C
                return _Ending(EXIT_INTERRUPTED)
            except Ended as ended:
                return _Ending(ended.status)
        interrupted = False
        status = 0
        # Keys are read one at a time from before the prompt, so an early Enter is not lost.
        with terminal.single_keys():
            console.print(Text(visible(start_line(routine, steps))))
            try:
                started, include_optional = _wait_for_start(console, terminal, steps)
            except Ended as ended:
                return _Ending(ended.status)
            if not started:
                console.print("Not started.")
                return _Ending(0)
            run = GuidedRun(
                steps, self.clock, lead_in=LEAD_IN_SECONDS, include_optional=include_optional
            )
            try:
                run = _walk(run, console, terminal, self.bell, routine.watch_for or WATCH_FOR)
            except _Interrupted as interruption:
                run, interrupted, status = interruption.run, True, interruption.status
        try:
            for line in summary_lines(run):
                console.print(Text(visible(line)))
            if run.records:
                for line in aftercare_lines(routine, kb):
                    console.print(Text(visible(line), style="bold"))
        except OSError:  # a terminal hung up (SIGHUP) cannot show the summary
            return _Ending(status)
        # Done to its end: not stopped, and not every step skipped (a routine of which no step
        # was done was not done, and is logged as one stopped early: offer_to_log).
        to_the_end = not interrupted and not run.stopped and run.any_done
        if log_session is None or before is None:
            return _Ending(status, to_the_end)
        if interrupted and status != EXIT_INTERRUPTED:
            return _Ending(status)  # SIGTERM, SIGHUP: nobody to ask
        try:
            after = offer_to_log(
                console, log_session, before, run, interrupted=interrupted, terminal=terminal
            )
            advice = pain_rise_advice(kb, before, after)
            for line in advice:
                say(console, line)
        except KeyboardInterrupt:
            console.print(Text("\nNot logged."))
            return _Ending(EXIT_INTERRUPTED)
        except Ended as ended:
            return _Ending(ended.status)
        settled = not advice and (after is None or after < SEVERE_FLARE_PAIN)
        return _Ending(status, to_the_end and settled, after)


def _pain_before(console: Console, given: int | None) -> int | None:
    """The pain given at the end of the last routine, said again; else asked."""
    if given is None:
        return ask_pain(console, PAIN_BEFORE)
    console.print(Text(f"Pain before: {given} out of 10, as you gave it after the last routine."))
    return given


class _Interrupted(Exception):
    def __init__(self, run: GuidedRun, status: int = EXIT_INTERRUPTED) -> None:
        super().__init__("interrupted")
        self.run = run
        self.status = status


def _walk(
    run: GuidedRun, console: Console, terminal: Terminal, bell: bool, watch_for: str
) -> GuidedRun:
    """The timed steps: keys in, the view out, every 0.1 s, until the run is done."""
    screen = LiveScreen(console)

    def stopping() -> None:  # Ctrl-Z: pause, and the cursor back for the shell
        if not run.paused:
            run.toggle_pause()
        screen.show_cursor()

    def continued() -> None:  # fg: the view redrawn, still paused until space
        screen.continued = True

    def resized() -> None:
        screen.resized = True

    def drawn() -> RenderableType:
        return view(run, console.width, screen.height(), watch_for)

    with terminal.running(stopping=stopping, continued=continued, resized=resized):
        try:
            screen.start(drawn())
            while not run.done:
                key = terminal.read_key(0.1)
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
                if not run.done:
                    screen.update(drawn())
            screen.clear()  # the summary says how it ended, once
        except KeyboardInterrupt:
            run.stop()
            screen.clear()
            raise _Interrupted(run) from None
        except Ended as ended:
            run.stop()
            screen.clear()
            raise _Interrupted(run, ended.status) from None
    return run


def _ring(console: Console, wanted: bool) -> None:
    if wanted:
        console.bell()


def _wait_for_start(
    console: Console, terminal: Terminal, steps: list[PlannedStep]
) -> tuple[bool, bool]:
    """(started, optional steps included): Enter or space starts, q quits, o includes the
    optional steps (or leaves them out again)."""
    include = False
    optional = any(step.optional for step in steps)
    while True:
        key = terminal.read_key(60.0)
        if key in ("\n", "\r", " "):
            return True, include
        if key in ("q", "Q"):
            return False, include
        if key in ("o", "O") and optional:
            include = not include
            said = "included" if include else "left out"
            console.print(Text(f"Optional steps: {said}. Enter or space to start."))
