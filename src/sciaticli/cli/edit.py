"""`sciaticli history --edit ID` and `--delete ID`: one journal entry corrected (the change is
recorded) or removed (after asking on a terminal).
"""

import sys

import typer

from sciaticli.cli.log import Session, utf8_note
from sciaticli.cli.options import KbOption
from sciaticli.cli.values import parse_when
from sciaticli.errors import NotFoundError
from sciaticli.knowledge import load_knowledge_base
from sciaticli.render.output import write, write_lines


def edit_entry(entry_id: int, fields: dict[str, object], *, kb_path: KbOption) -> None:
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
        changes["note"] = utf8_note(str(fields["--note"])) or None
    if fields["--when"] is not None:
        try:
            changes["logged_at"] = parse_when(str(fields["--when"]), now)
        except ValueError as error:
            raise typer.BadParameter(str(error), param_hint="'--when'") from None
    session = fields["--session"]
    if isinstance(session, Session):
        changes["session"] = session.value
    if fields.get("--mark") is not None:
        changes["marked"] = 1 if fields["--mark"] else 0
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
                    "--pain-after 4 (or --pain-before, --note, --mark, --when, --routine, "
                    "--session)."
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
        if changes.get("marked") and not changes.get("note", entry.note):
            raise typer.BadParameter(
                f'entry {entry_id} has no note to mark; add one with --note "..."',
                param_hint="'--mark'",
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
    from sciaticli.journal.rows import parse_pain

    try:
        return parse_pain(text)
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint=f"'{name}'") from None


def delete_entry(entry_id: int, *, yes: bool, kb_path: KbOption) -> None:
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
    """Whether the deletion may be confirmed: the command table and the terminal (permits)."""
    from sciaticli import permits

    return permits.may_ask()
