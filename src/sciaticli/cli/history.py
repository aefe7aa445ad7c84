"""`sciaticli history`: the pain journal's entries, a trend chart on a terminal and a summary,
streamed in every format; --edit and --delete hand one entry to cli.edit.
"""

import sys
from typing import Annotated

import typer

from sciaticli.cli.log import Session
from sciaticli.cli.options import ColorOption, KbOption
from sciaticli.cli.values import parse_day
from sciaticli.knowledge import load_knowledge_base
from sciaticli.render.output import ColorMode, OutputFormat, emit, write_lines

HISTORY_HELP = (
    "Order: oldest first, so on a terminal the newest entries are nearest the prompt; "
    "--newest-first (or --reverse) puts the newest first, as for `history --newest-first | head`. "
    "Exit status: 0 ok (also when there are no entries, or a deletion is declined), 1 error "
    "(a journal file that is damaged or not a journal, an unknown entry), 2 usage error (a bad "
    "date or number, or --delete with neither a terminal nor --yes)."
)

# SQLite's largest integer: a bigger --last or --delete is a usage error, not an overflow.
MAX_NUMBER = 2**63 - 1


def _not_too_large(value: int | None) -> int | None:
    if value is not None and value > MAX_NUMBER:
        raise typer.BadParameter(f"{value} is too large; the largest is {MAX_NUMBER}")
    return value


def history(
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="DATE",
            help="Only entries on or after this day (YYYY-MM-DD, today or yesterday).",
        ),
    ] = None,
    last: Annotated[
        int | None,
        typer.Option(
            "--last", min=1, callback=_not_too_large, metavar="N", help="Only the newest N entries."
        ),
    ] = None,
    newest_first: Annotated[
        bool,
        typer.Option(
            "--newest-first",
            "--reverse",
            help="Newest entries first (default: oldest first, the newest nearest the prompt).",
        ),
    ] = False,
    delete: Annotated[
        int | None,
        typer.Option(
            "--delete",
            min=1,
            callback=_not_too_large,
            metavar="ID",
            help="Delete this entry, after asking.",
        ),
    ] = None,
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="With --delete: delete without asking.")
    ] = False,
    edit: Annotated[
        int | None,
        typer.Option(
            "--edit",
            min=1,
            callback=_not_too_large,
            metavar="ID",
            help="Correct this entry with the options below; the change is recorded. Alone, it "
            "shows the entry and its recorded edits.",
        ),
    ] = None,
    set_before: Annotated[
        str | None,
        typer.Option("--pain-before", metavar="0-10", help="With --edit: the pain before."),
    ] = None,
    set_after: Annotated[
        str | None,
        typer.Option(
            "--pain-after",
            metavar="0-10|none",
            help="With --edit: the pain after (none: not rated).",
        ),
    ] = None,
    set_routine: Annotated[
        str | None,
        typer.Option(
            "--routine", "-r", metavar="ID", help="With --edit: the routine ('' for none)."
        ),
    ] = None,
    set_technique: Annotated[
        str | None,
        typer.Option(
            "--technique", "-t", metavar="ID", help="With --edit: the technique ('' for none)."
        ),
    ] = None,
    set_note: Annotated[
        str | None,
        typer.Option("--note", "-n", metavar="TEXT", help="With --edit: the note ('' for none)."),
    ] = None,
    set_when: Annotated[
        str | None,
        typer.Option("--when", metavar="WHEN", help="With --edit: when it was (as for log)."),
    ] = None,
    set_session: Annotated[
        Session | None,
        typer.Option("--session", case_sensitive=False, help="With --edit: full, partial or none."),
    ] = None,
    set_mark: Annotated[
        bool | None,
        typer.Option(
            "--mark/--unmark",
            show_default=False,
            help="With --edit: mark the note for your doctor or physiotherapist (the report "
            "lists it among the notes that matter), or take the mark off.",
        ),
    ] = None,
    measures: Annotated[
        bool,
        typer.Option(
            "--measures",
            help="The function measures recorded (PEG, RMDQ, PSFS), a form a row with its "
            "score, instead of the entries; --since, --last and --newest-first apply.",
        ),
    ] = False,
    fmt: Annotated[
        OutputFormat,  # csv too: its page has records (cli.commands.COMMANDS)
        typer.Option(
            "--format",
            "-f",
            case_sensitive=False,
            help="Output format. auto: rich on a terminal, plain when piped; csv for spreadsheets.",
        ),
    ] = OutputFormat.auto,
    color: ColorOption = ColorMode.auto,
    kb_path: KbOption = None,
) -> None:
    """Your pain journal: the entries, a trend chart on a terminal, and a summary."""
    from datetime import date

    from sciaticli import journal
    from sciaticli.pages.history import history_view

    fields: dict[str, object] = {
        "--pain-before": set_before,
        "--pain-after": set_after,
        "--routine": set_routine,
        "--technique": set_technique,
        "--note": set_note,
        "--when": set_when,
        "--session": set_session,
        "--mark": set_mark,
    }
    given = [name for name, value in fields.items() if value is not None]
    if measures and (edit is not None or delete is not None):
        raise typer.BadParameter(
            "--measures lists the forms; --edit and --delete change entries",
            param_hint="'--measures'",
        )
    if given and edit is None:
        raise typer.BadParameter(
            f"{given[0]} changes an entry: give the entry with --edit ID",
            param_hint=f"'{given[0]}'",
        )
    if edit is not None:
        if delete is not None or since is not None or last is not None:
            raise typer.BadParameter(
                "--edit changes one entry; leave out --delete, --since and --last",
                param_hint="'--edit'",
            )
        from sciaticli.cli.edit import edit_entry

        edit_entry(edit, fields, kb_path=kb_path)
        return
    if delete is not None:
        if since is not None or last is not None:
            raise typer.BadParameter(
                "--delete removes one entry; leave out --since and --last",
                param_hint="'--delete'",
            )
        from sciaticli.cli.edit import delete_entry

        delete_entry(delete, yes=yes, kb_path=kb_path)
        return
    selected_since = None
    if since is not None:
        try:
            selected_since = parse_day(since, date.today())
        except ValueError as error:
            raise typer.BadParameter(str(error), param_hint="'--since'") from None
    if measures:
        _measures(selected_since, last, newest_first=newest_first, fmt=fmt, color=color)
        return
    selection = journal.Selection(since=selected_since, last=last)
    # Streamed: every form of the page reads the journal as it is drawn, a chunk at a time, so
    # a journal of any size takes the same memory; rows edited by hand are warned about after.
    with journal.existing_journal(journal.journal_path(), reading=True) as opened:
        view = history_view(opened, selection, newest_first, load_knowledge_base(kb_path))
        emit(view.page, fmt, color)
    write_lines(view.warnings, sys.stderr)


def _measures(
    since: str | None, last: int | None, *, newest_first: bool, fmt: OutputFormat, color: ColorMode
) -> None:
    """`history --measures`: the forms recorded, then a warning for each row edited by hand."""
    from sciaticli import journal
    from sciaticli.pages.measure_history import measure_view, selected

    with journal.existing_journal(journal.journal_path(), reading=True) as opened:
        recorded = opened.measures() if opened is not None else []
    view = measure_view(selected(recorded, since, last, newest_first=newest_first))
    emit(view.page, fmt, color)
    write_lines(view.warnings, sys.stderr)
