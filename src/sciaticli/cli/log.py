"""`sciaticli log`: one entry into the pain journal (the pain before and after, what was done,
a note, when). sqlite3 and datetime are imported inside the command: other commands never load
them.
"""

import contextlib
import sys
from enum import Enum
from typing import Annotated

import typer

from sciaticli.cli.asking import stdin_is_terminal
from sciaticli.cli.options import KbOption
from sciaticli.cli.values import WHEN_FORMATS, parse_when, said_day
from sciaticli.knowledge import load_knowledge_base
from sciaticli.render.output import write, write_lines
from sciaticli.render.safe import OutputError, silence


def _pain(text: str) -> int:
    from sciaticli.journal.rows import parse_pain

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
    mark: Annotated[
        bool,
        typer.Option(
            "--mark",
            help="Mark the note for your doctor or physiotherapist: the report always lists it "
            "among the notes that matter. Needs --note.",
        ),
    ] = False,
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
    if mark and not (note or "").strip():
        raise typer.BadParameter(
            '--mark marks the note for your doctor or physiotherapist: give it with --note "..."',
            param_hint="'--mark'",
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
        note = utf8_note(note)
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
        marked=mark,
    )
    with journal.open_journal(journal.journal_path()) as opened:
        entry_id = opened.add(entry)
    confirmation = logged_line(entry_id, logged_at, pain_before, pain_after, name, session.value)
    if leg is not None or back is not None:
        apart = [
            f"{part} {value}" for part, value in (("leg", leg), ("back", back)) if value is not None
        ]
        confirmation += f" Apart: {', '.join(apart)}."
    if mark:
        confirmation += " The note is marked: the report lists it among the notes that matter."
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
    if stdin_is_terminal():
        # Asked once a journal (a skip is remembered); `measure --episode-start` changes it.
        from sciaticli.cli.measure_ask import ask_episode_start

        with journal.open_journal(journal.journal_path()) as opened:
            ask_episode_start(opened, now.date())


def _once(positional: int | None, option: int | None, name: str) -> int | None:
    if positional is not None and option is not None:
        raise typer.BadParameter(
            f"given twice: as a number and as {name}; give it once", param_hint=f"'{name}'"
        )
    return positional if positional is not None else option


def utf8_note(note: str) -> str:
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
