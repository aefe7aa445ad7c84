"""Jobs on the whole journal file: `journal check` (its health) and `journal backup` (a copy).

Both change nothing in the journal, read it in the same memory whatever its size, and work on a
journal on a read-only filesystem. A backup never deletes, replaces or writes into a file it did
not make.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import NamedTuple

from sciaticli.errors import JournalError
from sciaticli.journal.file import fsync_file, is_damage, journal_exists, link_into_place
from sciaticli.journal.opening import opened_journal
from sciaticli.journal.rows import Entry
from sciaticli.journal.schema import MIGRATIONS, version_of

# Rows edited by hand that `journal check` lists; it counts the rest (history lists them all).
HEALTH_LISTED = 50


class Health(NamedTuple):
    """What `sciaticli journal check` reports."""

    entries: int
    version: int
    # The first HEALTH_LISTED rows edited by hand that hold something other than an entry.
    unreadable: list[Entry]
    unreadable_count: int = 0  # all of them


def check_health(path: Path) -> Health | None:
    """SQLite's full integrity check and sciaticli's own checks, changing nothing (no
    upgrade); None when there is no journal. JournalError for a file that fails them.

    The entries are read a chunk at a time and only the first HEALTH_LISTED rows edited by
    hand are kept, so a journal of any size is checked in the same memory."""
    if not journal_exists(path):
        return None
    with opened_journal(path, MIGRATIONS, upgrade=False, full=True) as journal:
        count = int(journal.connection.execute("SELECT count(*) FROM entries").fetchone()[0])
        unreadable: list[Entry] = []
        unreadable_count = 0
        for chunk in journal.entry_chunks():
            for entry in chunk:
                if entry.problems:
                    unreadable_count += 1
                    if len(unreadable) < HEALTH_LISTED:
                        unreadable.append(entry)
        return Health(count, version_of(journal.connection), unreadable, unreadable_count)


def backup(path: Path, target: Path) -> int:
    """Copy the journal at `path` to the new file `target` with SQLite's backup (a consistent
    copy, with what its WAL holds); the number of entries copied.

    The copy is made in a temporary file of its own in `target`'s folder, then linked into
    place: nothing that this call did not make is ever written, replaced or removed. `target`
    must not exist (nor a link there), and neither may the -journal, -wal or -shm files SQLite
    would take as part of it: JournalError if one does. The copy is readable by its owner only
    and is one self-contained file (rollback journal mode), so it can be moved or mailed alone.
    A journal on a read-only filesystem is read as it is (connect)."""
    if not journal_exists(path):
        raise JournalError(f"there is no journal at {path} yet, so there is nothing to back up")
    _refuse_taken(target)
    import tempfile

    try:
        descriptor, name = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".backup", dir=target.parent
        )
    except OSError as error:
        raise JournalError(_backup_failed(path, target, error)) from None
    os.close(descriptor)
    temporary = Path(name)
    try:
        with opened_journal(path, MIGRATIONS, upgrade=False) as journal:
            try:
                copy = sqlite3.connect(temporary, isolation_level=None)
                try:
                    journal.connection.backup(copy)
                    copy.execute("PRAGMA journal_mode = DELETE")
                    count = int(copy.execute("SELECT count(*) FROM entries").fetchone()[0])
                finally:
                    copy.close()
            except sqlite3.Error as error:
                if is_damage(error):
                    raise  # the journal's own page: opened_journal names the journal
                raise JournalError(_backup_failed(path, target, error)) from None
        try:
            fsync_file(temporary)
            placed = link_into_place(temporary, target)
        except OSError as error:
            raise JournalError(_backup_failed(path, target, error)) from None
        if not placed:
            raise JournalError(f"{target} already exists; a backup never replaces a file")
        return count
    finally:
        # Only the temporary file this call made, and what SQLite made beside it for it.
        for leftover in ("", "-journal", "-wal", "-shm"):
            Path(f"{temporary}{leftover}").unlink(missing_ok=True)


def _refuse_taken(target: Path) -> None:
    """JournalError if `target` exists, or a file SQLite would read as part of it: an old
    -journal or -wal beside a new copy would be rolled into it when it is opened."""
    if os.path.lexists(target):
        raise JournalError(f"{target} already exists; a backup never replaces a file")
    for suffix in ("-journal", "-wal", "-shm"):
        beside = Path(f"{target}{suffix}")
        if os.path.lexists(beside):
            raise JournalError(
                f"{beside} already exists; SQLite would take it as part of a backup at "
                f"{target}, so none was made and it was left as it is. Choose another name, "
                "or move it away first."
            )


def _backup_failed(path: Path, target: Path, error: OSError | sqlite3.Error) -> str:
    """Why the backup `target` could not be made: a full disk named, with its free space."""
    import errno
    import shutil

    full = (
        getattr(error, "errno", None) == errno.ENOSPC
        or getattr(error, "sqlite_errorname", "").startswith("SQLITE_FULL")
        or "disk is full" in str(error)
    )
    folder = target.parent.absolute()
    kept = f"The journal {path} was not changed, and nothing was left at {target}."
    if full:
        mount = folder
        while not os.path.ismount(mount) and mount.parent != mount:
            mount = mount.parent
        try:
            free = f"{shutil.disk_usage(folder).free:,} bytes free"
            size = f"; the journal takes {path.stat().st_size:,} bytes"
        except OSError:
            free, size = "no free space", ""
        return (
            f"cannot make the backup {target}: the disk it is on is full (the filesystem "
            f"mounted at {mount}, {free}{size}). {kept}"
        )
    reason = error.strerror if isinstance(error, OSError) else f"SQLite: {error}"
    return f"cannot make the backup {target} ({reason}). {kept}"
