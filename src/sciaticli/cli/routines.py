"""`sciaticli home-routine`: tennis-ball routines, printable or guided with a timer."""

import sys
from collections.abc import Callable
from enum import Enum
from typing import Annotated

import typer

from sciaticli.cli.options import ColorOption, FormatOption, KbOption, RegionOption
from sciaticli.knowledge import load_knowledge_base
from sciaticli.model import HOLD_MAX_SECONDS, HOLD_MIN_SECONDS, Routine
from sciaticli.render.output import ColorMode, OutputFormat, emit, wants_color
from sciaticli.routines import find_routine, gentlest, plan

GUIDED_HELP = (
    "Exit status: 0 ok (also when a guided routine is finished or quit with q), "
    "1 error, 2 usage error, 130 guided routine ended with Ctrl-C."
)
GUIDED_LOG_HINT = "To do the routine without logging it, add --no-log."


def _hold_in_range(value: int | None) -> int | None:
    from sciaticli.routines import check_hold

    try:
        check_hold(value)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None
    return value


class Side(str, Enum):
    left = "left"
    right = "right"
    both = "both"


def home_routine(
    name: Annotated[
        str | None,
        typer.Argument(metavar="NAME", help="A routine's id or name (a unique prefix will do)."),
    ] = None,
    list_routines: Annotated[
        bool, typer.Option("--list", help="List the routines, gentlest first.")
    ] = False,
    side: Annotated[
        Side, typer.Option("--side", case_sensitive=False, help="One side, or both in order.")
    ] = Side.both,
    guided: Annotated[
        bool,
        typer.Option("--guided", help="Walk through the steps with a timer (a terminal only)."),
    ] = False,
    hold: Annotated[
        int | None,
        typer.Option(
            "--hold",
            callback=_hold_in_range,
            metavar="SECONDS",
            help=f"How long to hold each spot in the hold steps only: {HOLD_MIN_SECONDS} to "
            f"{HOLD_MAX_SECONDS} (the routine's dose; other steps keep their time).",
        ),
    ] = None,
    no_bell: Annotated[
        bool, typer.Option("--no-bell", help="No terminal bell between guided steps.")
    ] = False,
    no_log: Annotated[
        bool,
        typer.Option(
            "--no-log",
            help="Guided: do not ask for your pain before and after, or offer to log the session.",
        ),
    ] = False,
    region: RegionOption = None,
    fmt: FormatOption = OutputFormat.auto,
    color: ColorOption = ColorMode.auto,
    kb_path: KbOption = None,
) -> None:
    """A home tennis-ball routine, warnings first (the gentlest unless you name one)."""
    from sciaticli.pages.routines import routine_list, routine_page

    kb = load_knowledge_base(kb_path)
    if list_routines:
        emit(routine_list(kb), fmt, color)
        return
    routine = find_routine(kb, name) if name else gentlest(kb)
    if no_log and not guided:
        raise typer.BadParameter("--no-log goes with --guided", param_hint="'--no-log'")
    from sciaticli.cli.safety import checked_region

    chosen_region = checked_region(kb, region)
    if not guided:
        # HTML is the printable card: each step once, a tick box per side.
        page = routine_page(
            routine, kb, side.value, hold, chosen_region, card=fmt is OutputFormat.html
        )
        emit(page, fmt, color)
        return
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise typer.BadParameter(
            "--guided needs a terminal for both input and output; to print the routine for "
            "your notes, leave out --guided",
            param_hint="'--guided'",
        )
    import os

    from sciaticli.cli.guided_terminal import run_guided

    steps = plan(routine, side.value, hold)
    use_color = wants_color(color, True, os.environ)
    log_session = None if no_log else _session_logger(routine)
    raise typer.Exit(
        run_guided(
            routine,
            kb,
            steps,
            bell=not no_bell,
            color=use_color,
            log_session=log_session,
            region=chosen_region,
        )
    )


def _session_logger(routine: Routine) -> Callable[[int, int | None, str], str]:
    """Records a guided session in the pain journal; the journal is checked before the routine
    starts, so a file that is not a journal stops it before, not after."""
    from datetime import datetime

    from sciaticli import journal
    from sciaticli.errors import JournalError
    from sciaticli.pages.journal import logged_line

    path = journal.journal_path()
    try:
        journal.journal_exists(path)
    except JournalError as error:
        raise JournalError(f"{error} {GUIDED_LOG_HINT}") from None

    def log_session(before: int, after: int | None, session: str) -> str:
        when = journal.now_text(datetime.now())
        # A rating alone (a flare-up, the routine not done) names no routine.
        done = None if session == "none" else routine.id
        entry = journal.NewEntry(
            when, before, after, routine=done, origin="guided", session=session
        )
        with journal.open_journal(path) as opened:
            entry_id = opened.add(entry)
        name = f"{routine.name} (guided)"
        return logged_line(entry_id, when, before, after, name, session)

    return log_session
