"""`sciaticli journal check` and `sciaticli journal backup PATH`: the pain journal file itself."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from sciaticli.render.output import write_lines

JOURNAL_HELP = (
    "Exit status: 0 ok (also when there is no journal yet, for check), 1 error (a journal that "
    "is damaged or not a journal, a backup file that already exists), 2 usage error."
)

app = typer.Typer(
    name="journal",
    help="The pain journal file: check it, or back it up to a new file.",
    epilog=JOURNAL_HELP,
    rich_markup_mode=None,
    add_completion=False,
    no_args_is_help=True,
)


@app.command("check", epilog=JOURNAL_HELP)
def check() -> None:
    """Check the pain journal: SQLite's full integrity check and sciaticli's own checks."""
    from sciaticli import journal
    from sciaticli.pages.journal import warnings

    path = journal.journal_path()
    health = journal.check_health(path)
    if health is None:
        write_lines([f"No journal yet at {path}; nothing to check."], sys.stdout)
        return
    lines = [
        f"{path}: ok ({health.entries} entries, journal version {health.version}; SQLite's "
        "integrity check found nothing wrong)."
    ]
    if health.unreadable:
        lines.append(
            f"{health.unreadable_count} entries were edited into values that are not entries; "
            "history shows them as stored:"
        )
        lines += warnings(health.unreadable)
        more = health.unreadable_count - len(health.unreadable)
        if more:
            lines.append(f"... and {more} more (history lists every one).")
    write_lines(lines, sys.stdout)


@app.command("backup", epilog=JOURNAL_HELP)
def backup(
    target: Annotated[
        Path,
        typer.Argument(
            metavar="PATH", readable=False, help="The new file; an existing one is never replaced."
        ),
    ],
) -> None:
    """Copy the pain journal to a new file, readable by you only (SQLite's online backup)."""
    from sciaticli import journal

    count = journal.backup(journal.journal_path(), target)
    noun = "entry" if count == 1 else "entries"
    write_lines([f"Backed up {count} {noun} to {target} (readable by you only)."], sys.stdout)
