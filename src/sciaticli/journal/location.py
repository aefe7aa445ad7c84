"""Where the journal lives: `$SCIATICLI_HOME`, else the user's data folder, where a journal kept
at the old place (the configuration folder, before sciaticli 2026.12) is moved whole.

A journal is never lost, orphaned or split. It is moved only when it is one closed file (no
-wal, -shm or -journal beside it: no process has it open and every change is in the file), by a
hard link at the new place and then the removal of the old name, so that it is never copied
and never replaces anything; in every other case (something at the new place already, a journal
in use, another filesystem, no hard links) the new place is used if a journal is there, else
the old one is used as it is and the move is tried again next time.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from sciaticli.errors import JournalError
from sciaticli.journal.file import FILENAME, journal_exists

APP = "sciaticli"
# What SQLite may keep beside a journal: with any of these, the journal is not one closed file.
SIDECARS = ("-wal", "-shm", "-journal")


def journal_path() -> Path:
    """$SCIATICLI_HOME/journal.sqlite3; otherwise the journal in the user's data folder
    (platformdirs' user_data_dir: `~/.local/share/sciaticli` on Linux, or `$XDG_DATA_HOME`),
    after a journal at the old place is moved there (settle_journal)."""
    home = os.environ.get("SCIATICLI_HOME")
    if home:
        return Path(home) / FILENAME
    import platformdirs  # only here: about 3 ms of start-up, for journal commands only

    new = Path(platformdirs.user_data_dir(APP, appauthor=False)) / FILENAME
    return settle_journal(old_journal_path(), new)


def old_journal_path() -> Path:
    """Where sciaticli kept the journal before: its app folder as click's get_app_dir names it
    (`~/.config/sciaticli` on Linux), worked out here so that typer need not be imported."""
    if sys.platform.startswith("win"):
        folder = os.environ.get("APPDATA") or os.path.expanduser("~")
    elif sys.platform == "darwin":
        folder = os.path.expanduser("~/Library/Application Support")
    else:
        folder = os.environ.get("XDG_CONFIG_HOME", os.path.expanduser("~/.config"))
    return Path(folder) / APP / FILENAME


def _taken(path: Path) -> bool:
    """Whether anything is at `path` or where SQLite keeps its files beside it."""
    return any(os.path.lexists(f"{path}{suffix}") for suffix in ("", *SIDECARS))


def settle_journal(old: Path, new: Path) -> Path:
    """The journal's path: `new`, after moving the journal at `old` there if it is one closed
    file and nothing is at `new`; `old` while a journal there cannot be moved whole.

    The move links `old` at `new` (which fails if something is there: another process moved
    it first) and then removes the name `old`; if that removal fails, the link is taken back,
    so a journal never has two names (two names would mean two -wal files for one journal)."""
    if old == new or _taken(new) or not os.path.lexists(old):
        return new
    if any(os.path.lexists(f"{old}{suffix}") for suffix in SIDECARS):
        return old  # in use, or its last changes are in its -wal: moved another time
    try:
        if not journal_exists(old):
            return new
    except JournalError:
        return old  # not a journal sciaticli would use: refused at its place, with its reason
    try:
        new.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.link(old, new, follow_symlinks=False)
    except OSError:
        if os.path.lexists(new) or not os.path.lexists(old):
            return new  # another process moved it there just now
        return old  # another filesystem, no hard links, no right to write there
    try:
        os.unlink(old)
    except FileNotFoundError:
        pass  # another process linked it too, and removed the old name first
    except OSError:
        new.unlink(missing_ok=True)
        return old
    return new
