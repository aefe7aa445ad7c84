"""Opening a journal: made if there is none, checked, upgraded, as a Journal.

A journal is opened for writing (open_journal: made if there is none) or found (existing_journal:
None if there is none). Opening costs the same whatever the journal's size: SQLite checks each page
it reads or writes (with `cell_size_check` on), the pages where a new entry goes are read first,
and sciaticli's tables are verified (verify); a damaged journal is refused, not repaired, and a
write that meets a damaged page is rolled back. SQLite's check of every page runs before an
upgrade rewrites the journal, and in `journal check`. WAL mode and a busy timeout let several
processes write at once.

Core code: it never prints; every problem is a JournalError naming the file.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from sciaticli.errors import JournalError
from sciaticli.journal.file import (
    connect,
    create,
    damaged,
    journal_error,
    journal_exists,
    on_read_only_filesystem,
    refuse_read_only,
    refused,
    remove_orphans,
)
from sciaticli.journal.schema import (
    MIGRATIONS,
    TABLES,
    Migration,
    newer,
    upgrade_schema,
    version_of,
)
from sciaticli.journal.store import Journal
from sciaticli.permits import check_writes


@contextmanager
def open_journal(path: Path, *, migrations: Sequence[Migration] = MIGRATIONS) -> Iterator[Journal]:
    """The journal at `path`, made if there is none, upgraded to the last of `migrations`."""
    check_writes(path)
    exists = journal_exists(path)
    refuse_read_only(path, exists=exists)
    remove_orphans(path)
    if not exists:
        try:
            create(path, migrations)
        except sqlite3.Error as error:
            raise journal_error(path, error) from None
        except OSError as error:
            raise JournalError(f"cannot make the journal {path}: {error.strerror}") from None
        journal_exists(path)
    with opened_journal(path, migrations) as journal:
        yield journal


@contextmanager
def existing_journal(
    path: Path, *, migrations: Sequence[Migration] = MIGRATIONS, reading: bool = False
) -> Iterator[Journal | None]:
    """The journal at `path` if there is one (upgraded as by open_journal); None, and nothing
    made, if there is none.

    `reading`: the caller only reads, so a journal on a read-only filesystem is opened there
    (a writer is refused with that reason). No open checks every page (that grows with the
    journal): SQLite checks each page it reads, and a damaged one is refused (after any output
    already written). The check of every page runs before an upgrade writes to the file."""
    if not journal_exists(path):
        yield None
        return
    if not reading:
        check_writes(path)
        refuse_read_only(path, exists=True)
    with opened_journal(path, migrations) as journal:
        yield journal


@contextmanager
def opened_journal(
    path: Path,
    migrations: Sequence[Migration],
    *,
    upgrade: bool = True,
    full: bool = False,
    pages: bool = False,
) -> Iterator[Journal]:
    """A checked, upgraded connection to the journal at `path`, known to be ours by its header.

    Every SQLite error, here or in the caller's block, becomes a JournalError naming the file.
    """
    read_only = on_read_only_filesystem(path)
    try:
        connection = connect(path, read_only=read_only)
    except sqlite3.Error as error:
        raise journal_error(path, error) from None
    try:
        if read_only and version_of(connection) < migrations[-1].version:
            raise JournalError(
                f"the journal {path} was written by an older sciaticli and must be upgraded, "
                "which cannot be done on a read-only filesystem. It was left as it is: copy it "
                "to a writable folder and set SCIATICLI_HOME to that folder to read it."
            )
        if not pages and upgrade and version_of(connection) < migrations[-1].version:
            pages = True  # the upgrade writes: every page is checked first
        verify(connection, path, full=full, pages=pages)
        if upgrade:
            upgrade_schema(connection, path, migrations)
        elif version_of(connection) > migrations[-1].version:
            raise JournalError(newer(path, version_of(connection), migrations[-1].version))
        yield Journal(connection)
    except sqlite3.Error as error:
        raise journal_error(path, error) from None
    finally:
        connection.close()


def verify(
    connection: sqlite3.Connection, path: Path, *, full: bool = False, pages: bool = False
) -> None:
    """SQLite's own check of every page (quick with `pages`, full with `full`), then
    sciaticli's tables: a file with our application id but someone else's tables is refused
    before anything is written. Without either, the pages where a new entry goes (the right
    edges of the entries table and of its time index) are read, in time that does not grow
    with the journal (a damaged one: SQLITE_CORRUPT, refused by the caller as damaged)."""
    connection.execute("PRAGMA cell_size_check = ON")
    if pages or full:
        pragma = "PRAGMA integrity_check" if full else "PRAGMA quick_check"
        # A row edited by hand past a CHECK constraint is not damage: it is read as it is.
        problems = [
            str(row[0])
            for row in connection.execute(pragma)
            if not str(row[0]).startswith("CHECK constraint failed")
        ]
        if problems and problems != ["ok"]:
            raise JournalError(damaged(path, problems[0] if problems else "no answer"))
    version = version_of(connection)
    tables = {
        str(name)
        for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    if version > max(TABLES):
        return  # from a newer sciaticli: upgrade refuses it, with that reason
    if version == 0:
        # A journal is given its version in the transaction that makes its tables.
        if tables:
            raise JournalError(
                refused(path, "it has sciaticli's mark but another program's tables")
            )
        return
    expected = TABLES.get(version, TABLES[max(TABLES)])
    for table, columns in expected.items():
        found = {str(row[1]) for row in connection.execute(f"PRAGMA table_info({table})")}
        if not columns <= found:
            missing = "table" if not found else "columns"
            raise JournalError(
                refused(path, f"it has sciaticli's mark but not its {table} {missing}")
            )
    if not (pages or full):
        connection.execute("SELECT max(id) FROM entries").fetchone()
        connection.execute("SELECT max(logged_at) FROM entries").fetchone()
