"""`sciaticli home-routine --guided`: the command's side of the guided routine.

It checks that both ends are a terminal, plans the steps, and gives the routine (the
sciaticli.guided package) a way to log the session in the pain journal, and to plan and log
another routine in the same sitting; the exit status is the routine's.
"""

import sys
from collections.abc import Callable

import typer

from sciaticli.model import KnowledgeBase, Routine

GUIDED_LOG_HINT = "To do the routine without logging it, add --no-log."


def guided_routine(
    routine: Routine,
    kb: KnowledgeBase,
    side: str,
    hold: int | None,
    *,
    bell: bool,
    log: bool,
    color: bool,
    region: str | None,
) -> int:
    """Walk through `routine` on this terminal; the exit status. Usage error (2) when stdin or
    stdout is not a terminal; with `log`, a journal that cannot be written stops it before."""
    from sciaticli import permits

    if not (permits.may_ask() and sys.stdout.isatty()):
        raise typer.BadParameter(
            "--guided needs a terminal for both input and output; to print the routine for "
            "your notes, leave out --guided",
            param_hint="'--guided'",
        )
    from sciaticli.guided.session import Sitting, run_guided
    from sciaticli.routines import plan

    steps = plan(routine, side, hold)
    log_session = session_logger(routine) if log else None
    # Another routine in the same sitting: the same side and hold, logged the same way.
    sitting = Sitting(lambda chosen: plan(chosen, side, hold), session_logger if log else None)
    return run_guided(
        routine,
        kb,
        steps,
        bell=bell,
        color=color,
        log_session=log_session,
        region=region,
        sitting=sitting,
    )


def session_logger(routine: Routine) -> Callable[[int, int | None, str], str]:
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
