"""`sciaticli log` and `sciaticli history`: the pain journal, one SQLite file in the data folder.

sqlite3, csv and datetime are imported inside the commands: other commands never load them.
"""

import contextlib
import sys
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import typer

from sciaticli.cli.options import ColorOption, KbOption
from sciaticli.cli.values import WHEN_FORMATS, parse_day, parse_when, said_day
from sciaticli.errors import NotFoundError
from sciaticli.knowledge import load_knowledge_base
from sciaticli.render.output import ColorMode, OutputFormat, emit, write, write_lines
from sciaticli.render.safe import OutputError, silence

if TYPE_CHECKING:
    pass


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


def _pain(text: str) -> int:
    from sciaticli.cli.values import parse_pain

    try:
        return parse_pain(text)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None


class Session(str, Enum):
    full = "full"
    partial = "partial"
    none = "none"


WHEN_HELP = f"When it was, if not now (local time): {WHEN_FORMATS}."


def log(
    before: Annotated[
        int | None,
        typer.Argument(
            metavar="BEFORE",
            parser=_pain,
            show_default=False,
            help="Pain before, 0-10 (the same as --pain-before).",
        ),
    ] = None,
    after: Annotated[
        int | None,
        typer.Argument(
            metavar="AFTER",
            parser=_pain,
            show_default=False,
            help="Pain after, 0-10 (the same as --pain-after).",
        ),
    ] = None,
    pain_before: Annotated[
        int | None,
        typer.Option(
            "--pain-before",
            parser=_pain,
            metavar="0-10",
            help="Pain before the routine or massage: 0 (none) to 10 (the worst imaginable).",
        ),
    ] = None,
    pain_after: Annotated[
        int | None,
        typer.Option(
            "--pain-after", parser=_pain, metavar="0-10", help="Pain after it, on the same scale."
        ),
    ] = None,
    routine: Annotated[
        str | None,
        typer.Option(
            "--routine",
            "-r",
            metavar="ID",
            help="The home routine: its id or name (a prefix will do).",
        ),
    ] = None,
    technique: Annotated[
        str | None,
        typer.Option(
            "--technique", "-t", metavar="ID", help="The technique: its id, name or an alias."
        ),
    ] = None,
    note: Annotated[
        str | None,
        typer.Option(
            "--note", "-n", metavar="TEXT", help="Anything worth noting, kept as written."
        ),
    ] = None,
    leg: Annotated[
        int | None,
        typer.Option(
            "--leg", parser=_pain, metavar="0-10", help="Leg pain now, apart (0-10), if you wish."
        ),
    ] = None,
    back: Annotated[
        int | None,
        typer.Option(
            "--back", parser=_pain, metavar="0-10", help="Back pain now, apart (0-10), if you wish."
        ),
    ] = None,
    when: Annotated[str | None, typer.Option("--when", metavar="WHEN", help=WHEN_HELP)] = None,
    session: Annotated[
        Session | None,
        typer.Option(
            "--session",
            case_sensitive=False,
            show_default=False,
            help="full (the default with two numbers); partial (stopped early: the pain after "
            "may be left out); none (a pain rating alone, no pain after: the default with one "
            "number and no routine or technique).",
        ),
    ] = None,
    kb_path: KbOption = None,
) -> None:
    """Record your pain before and after a routine or massage in your pain journal.

    Short form: sciaticli log 7 4 -r standing-wall (pain before, pain after); sciaticli log 8
    (a pain rating alone)."""
    from datetime import datetime

    from sciaticli import journal
    from sciaticli.pages.journal import logged_line
    from sciaticli.pages.pain_rise import pain_rise_advice, pain_rose

    pain_before = _once(before, pain_before, "--pain-before")
    pain_after = _once(after, pain_after, "--pain-after")
    if pain_before is None:
        raise typer.BadParameter(
            "give the pain before (and after): sciaticli log 7 4, or --pain-before 7 "
            "--pain-after 4",
            param_hint="'BEFORE' / '--pain-before'",
        )
    if session is None:
        # One number and nothing else (`log 8`): a rating alone, as a person in pain types it.
        # --pain-before names a session, so it still wants the pain after.
        alone = before is not None and pain_after is None and routine is None and technique is None
        session = Session.none if alone else Session.full
    if pain_after is None and session is Session.full:
        raise typer.BadParameter(
            "give the pain after too (sciaticli log 7 4); for a session stopped early add "
            "--session partial, for a rating alone --session none",
            param_hint="'AFTER' / '--pain-after'",
        )
    if pain_after is not None and session is Session.none:
        raise typer.BadParameter(
            "--session none is a pain rating alone, with no pain after; leave out the second "
            "number (or --pain-after)",
            param_hint="'--session'",
        )
    if routine is not None and technique is not None:
        raise typer.BadParameter(
            "an entry is for one routine or one technique, not both",
            param_hint="'--routine' / '--technique'",
        )
    now = datetime.now()
    logged_at = journal.now_text(now)
    if when is not None:
        try:
            logged_at = parse_when(when, now)
        except ValueError as error:
            raise typer.BadParameter(str(error), param_hint="'--when'") from None
        said = said_day(when, logged_at, now)
        if said is not None:  # words such as 'last monday': say which day, before saving
            with contextlib.suppress(OutputError):
                write_lines([f"--when '{when}' is {said}."], sys.stderr)
    routine_id = technique_id = name = None
    if routine is not None or technique is not None:
        from sciaticli.catalogue import find_technique
        from sciaticli.routines import find_routine

        kb = load_knowledge_base(kb_path)
        found = find_routine(kb, routine) if routine is not None else None
        if found is not None:
            routine_id, name = found.id, found.name
        elif technique is not None:
            chosen = find_technique(kb, technique)
            technique_id, name = chosen.id, chosen.name
    if note is not None:
        note = _utf8(note)
    # Worked out before saving, so that a knowledge base that cannot be read stops it first.
    rise_advice = (
        pain_rise_advice(load_knowledge_base(kb_path), pain_before, pain_after)
        if pain_rose(pain_before, pain_after)
        else []
    )
    entry = journal.NewEntry(
        logged_at,
        pain_before,
        pain_after,
        routine_id,
        technique_id,
        note or None,
        session=session.value,
        leg_pain=leg,
        back_pain=back,
    )
    with journal.open_journal(journal.journal_path()) as opened:
        entry_id = opened.add(entry)
    confirmation = logged_line(entry_id, logged_at, pain_before, pain_after, name, session.value)
    if leg is not None or back is not None:
        apart = [
            f"{part} {value}" for part, value in (("leg", leg), ("back", back)) if value is not None
        ]
        confirmation += f" Apart: {', '.join(apart)}."
    try:
        write_lines([confirmation, *rise_advice], sys.stdout)
    except OutputError as error:
        # The entry is saved: say so where it can be read, and exit 0, so that nobody logs
        # it again.
        silence(sys.stdout)
        with contextlib.suppress(OutputError):
            write_lines(
                [
                    f"{confirmation} (Saved; the confirmation could not be written: {error}.)",
                    *rise_advice,
                ],
                sys.stderr,
            )


def _once(positional: int | None, option: int | None, name: str) -> int | None:
    if positional is not None and option is not None:
        raise typer.BadParameter(
            f"given twice: as a number and as {name}; give it once", param_hint=f"'{name}'"
        )
    return positional if positional is not None else option


def _utf8(note: str) -> str:
    """The note as text: bytes from the command line that were not UTF-8 (which Python keeps
    as lone surrogates) become U+FFFD, with a warning on stderr."""
    try:
        note.encode("utf-8")
        return note
    except UnicodeEncodeError:
        pass
    try:
        raw = note.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        raw = note.encode("utf-8", "replace")
    write(
        "Warning: the note was not all UTF-8 text; each byte that was not is kept as \ufffd.\n",
        sys.stderr,
    )
    return raw.decode("utf-8", "replace")


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
    fmt: Annotated[
        OutputFormat,  # csv too: its page has records (cli.COMMANDS)
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
    }
    given = [name for name, value in fields.items() if value is not None]
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
        _edit(edit, fields, kb_path=kb_path)
        return
    if delete is not None:
        if since is not None or last is not None:
            raise typer.BadParameter(
                "--delete removes one entry; leave out --since and --last",
                param_hint="'--delete'",
            )
        _delete(delete, yes=yes, kb_path=kb_path)
        return
    selected_since = None
    if since is not None:
        try:
            selected_since = parse_day(since, date.today())
        except ValueError as error:
            raise typer.BadParameter(str(error), param_hint="'--since'") from None
    selection = journal.Selection(since=selected_since, last=last)
    # Streamed: every form of the page reads the journal as it is drawn, a chunk at a time, so
    # a journal of any size takes the same memory; rows edited by hand are warned about after.
    with journal.existing_journal(journal.journal_path(), reading=True) as opened:
        view = history_view(opened, selection, newest_first, load_knowledge_base(kb_path))
        emit(view.page, fmt, color)
    write_lines(view.warnings, sys.stderr)


def _edit(entry_id: int, fields: dict[str, object], *, kb_path: KbOption) -> None:
    """`history --edit ID`: change the given fields, record the change, say what changed."""
    from datetime import datetime

    from sciaticli import journal
    from sciaticli.pages.journal import edit_lines, entry_line

    now = datetime.now()
    changes: dict[str, object] = {}
    kb = load_knowledge_base(kb_path)
    before, after = fields["--pain-before"], fields["--pain-after"]
    if before is not None:
        changes["pain_before"] = _edit_pain(str(before), "--pain-before")
    if after is not None:
        cleaned = str(after).strip().lower()
        changes["pain_after"] = (
            None if cleaned in ("none", "-", "") else _edit_pain(str(after), "--pain-after")
        )
    routine, technique = fields["--routine"], fields["--technique"]
    if routine and technique:
        raise typer.BadParameter(
            "an entry is for one routine or one technique, not both",
            param_hint="'--routine' / '--technique'",
        )
    if routine is not None:
        from sciaticli.routines import find_routine

        changes["routine"] = find_routine(kb, str(routine)).id if routine else None
        if routine:
            changes["technique"] = None
    if technique is not None:
        from sciaticli.catalogue import find_technique

        changes["technique"] = find_technique(kb, str(technique)).id if technique else None
        if technique:
            changes["routine"] = None
    if fields["--note"] is not None:
        changes["note"] = _utf8(str(fields["--note"])) or None
    if fields["--when"] is not None:
        try:
            changes["logged_at"] = parse_when(str(fields["--when"]), now)
        except ValueError as error:
            raise typer.BadParameter(str(error), param_hint="'--when'") from None
    session = fields["--session"]
    if isinstance(session, Session):
        changes["session"] = session.value
    with journal.existing_journal(journal.journal_path()) as opened:
        entry = opened.get(entry_id) if opened is not None else None
        if opened is None or entry is None:
            where = "the journal has no entries yet" if opened is None else "see sciaticli history"
            raise NotFoundError(f"no journal entry {entry_id} ({where})")
        if not changes:
            lines = [entry_line(entry, kb), *edit_lines(opened.edits(entry_id))]
            if len(lines) == 1:
                lines.append(
                    f"Never edited. To correct it: sciaticli history --edit {entry_id} "
                    "--pain-after 4 (or --pain-before, --note, --when, --routine, --session)."
                )
            write_lines(lines, sys.stdout)
            return
        final_session = str(changes.get("session", entry.session))
        final_after = changes.get("pain_after", entry.pain_after)
        if final_session == "full" and final_after is None:
            raise typer.BadParameter(
                "a full session has a pain after; give --pain-after, or --session partial "
                "(stopped early) or none (a rating alone)",
                param_hint="'--pain-after' / '--session'",
            )
        if final_session == "none" and final_after is not None:
            raise typer.BadParameter(
                "a rating alone (session none) has no pain after; add --pain-after none",
                param_hint="'--session'",
            )
        made = opened.edit(entry_id, changes, journal.now_text(now))
    if not made:
        write(f"Entry {entry_id} already says so; nothing changed.\n", sys.stdout)
        return
    lines = [f"Edited entry {entry_id} (the change is recorded):", *edit_lines(made, heading=False)]
    write_lines(lines, sys.stdout)


def _edit_pain(text: str, name: str) -> int:
    from sciaticli.cli.values import parse_pain

    try:
        return parse_pain(text)
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint=f"'{name}'") from None


def _delete(entry_id: int, *, yes: bool, kb_path: KbOption) -> None:
    from sciaticli import journal
    from sciaticli.pages.journal import entry_line

    with journal.existing_journal(journal.journal_path()) as opened:
        entry = opened.get(entry_id) if opened is not None else None
        if opened is None or entry is None:
            where = "the journal has no entries yet" if opened is None else "see sciaticli history"
            raise NotFoundError(f"no journal entry {entry_id} ({where})")
        if not yes:
            if not stdin_is_terminal():
                raise typer.BadParameter(
                    "standard input is not a terminal, so the deletion cannot be confirmed; "
                    f"add --yes to delete entry {entry_id}",
                    param_hint="'--delete'",
                )
            write_lines([entry_line(entry, load_knowledge_base(kb_path))], sys.stderr)
            if not typer.confirm(f"Delete entry {entry_id}?", default=False, err=True):
                write("Nothing deleted.\n", sys.stdout)
                return
        opened.delete(entry_id)
    write(f"Deleted entry {entry_id}.\n", sys.stdout)


def stdin_is_terminal() -> bool:
    return sys.stdin.isatty()
