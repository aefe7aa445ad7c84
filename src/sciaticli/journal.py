"""The pain journal: one SQLite file of entries (pain before and after a routine or massage).

Nothing is ever lost. A file at the journal's path is identified by its 100-byte SQLite header,
read here before SQLite opens it: a file that is empty, not SQLite, or another program's
database is refused with its path and never opened by SQLite, so it stays byte for byte as it
was and gets no -wal or -shm file beside it. A new journal is built in a temporary file and
hard-linked into place, so no process ever sees a half-made journal. An existing journal is
checked with `PRAGMA quick_check` before use; a damaged one is refused, not repaired. A file
with sciaticli's application id but not its tables is refused too, before anything is written.
A symbolic link at the journal's path is refused: the journal is never written through a link
(its target would get neither mode 600 nor WAL). Temporary files left by a creation that was
interrupted are removed when the journal is next opened for writing.

Rows edited by hand may hold anything (a date that is not a date, a blob): they are read as
entries whose `problems` say what is wrong, shown with their raw values, and left out of the
per-day figures.

The schema is made by numbered migrations, recorded in the `migrations` table and in
`PRAGMA user_version`; a journal from an older sciaticli is upgraded in place, one from a newer
one is refused. WAL mode and a busy timeout let several processes write at once.

Times are the user's local wall-clock time as ISO text: `YYYY-MM-DDTHH:MM:SS`, or `YYYY-MM-DD`
when only the day was given; text order is time order, and the first ten characters are the day.

Core code: it never prints; every problem is a JournalError naming the file.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any, NamedTuple

from sciaticli.errors import JournalError

FILENAME = "journal.sqlite3"
# `PRAGMA application_id`: "Scia" in ASCII, at byte 68 of the file. It tells our journal from
# any other SQLite database.
APPLICATION_ID = 0x53636961
BUSY_TIMEOUT_SECONDS = 10.0
SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100
PAIN_SCALE = "0 (no pain) to 10 (the worst pain imaginable)"
ORIGINS = ("log", "guided")


class Migration(NamedTuple):
    version: int
    name: str
    statements: tuple[str, ...]


# Append only: a released migration is never edited, a change is a new one.
MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "entries",
        (
            """CREATE TABLE migrations (
                version INTEGER PRIMARY KEY,
                name TEXT NOT NULL,
                applied_at TEXT NOT NULL
            )""",
            # AUTOINCREMENT: a deleted entry's number is never given to a new one.
            """CREATE TABLE entries (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                logged_at TEXT NOT NULL,
                pain_before INTEGER NOT NULL CHECK (pain_before BETWEEN 0 AND 10),
                pain_after INTEGER NOT NULL CHECK (pain_after BETWEEN 0 AND 10),
                routine TEXT,
                technique TEXT,
                note TEXT,
                CHECK (routine IS NULL OR technique IS NULL)
            )""",
        ),
    ),
    Migration(
        2,
        "origin and time index",
        (
            # Whether the entry came from `sciaticli log` or the guided routine.
            "ALTER TABLE entries ADD COLUMN origin TEXT NOT NULL DEFAULT 'log' "
            "CHECK (origin IN ('log', 'guided'))",
            # `history --since` and the time order of every listing.
            "CREATE INDEX entries_by_time ON entries (logged_at)",
        ),
    ),
)


class Entry(NamedTuple):
    id: int
    when: str
    # An int, as sciaticli writes it; a real if edited by hand; None if not a number at all.
    pain_before: float | None
    pain_after: float | None
    routine: str | None
    technique: str | None
    note: str | None
    origin: str
    # What is wrong with a row edited by hand (its values are then shown as stored, as text);
    # empty or None when nothing is.
    problems: tuple[str, ...] | None = ()

    @property
    def change(self) -> float | None:
        """After minus before: below 0, the pain fell."""
        if self.pain_before is None or self.pain_after is None:
            return None
        return self.pain_after - self.pain_before

    @property
    def day(self) -> str:
        return self.when[:10]


class NewEntry(NamedTuple):
    when: str
    pain_before: int
    pain_after: int
    routine: str | None = None
    technique: str | None = None
    note: str | None = None
    origin: str = "log"


class Day(NamedTuple):
    """The entries of one day, added up."""

    day: str
    sessions: int
    total_before: int
    total_after: int

    @property
    def average_before(self) -> float:
        return self.total_before / self.sessions

    @property
    def average_after(self) -> float:
        return self.total_after / self.sessions

    @property
    def average_change(self) -> float:
        return (self.total_after - self.total_before) / self.sessions


class Summary(NamedTuple):
    """What `history` reports under the entries.

    Sessions per week count the weeks from the first to the last day shown, at least one week.
    The best day has the lowest average pain after its sessions, the worst day the highest; a
    tie goes to the bigger fall in pain (best) or the smaller one (worst), then the later day.
    """

    sessions: int
    first_day: str
    last_day: str
    weeks: float
    sessions_per_week: float
    average_before: float
    average_after: float
    average_change: float
    best_day: Day
    worst_day: Day


class Selection(NamedTuple):
    """Which entries: on or after `since` (a day), then the newest `last` of those."""

    since: str | None = None
    last: int | None = None


EVERY_ENTRY = Selection()
COLUMNS = "id, logged_at, pain_before, pain_after, routine, technique, note, origin"
# Each migration's tables and the columns sciaticli needs in them (others may be added by hand).
TABLES = {
    1: {
        "migrations": {"version", "name", "applied_at"},
        "entries": {
            "id", "logged_at", "pain_before", "pain_after", "routine", "technique", "note"
        },
    },
    2: {
        "migrations": {"version", "name", "applied_at"},
        "entries": {
            "id", "logged_at", "pain_before", "pain_after", "routine", "technique", "note",
            "origin",
        },
    },
}  # fmt: skip
# A temporary journal older than this is left from a creation that was interrupted.
ORPHAN_SECONDS = 600


def journal_path() -> Path:
    """$SCIATICLI_HOME/journal.sqlite3, or the journal in the user's app directory."""
    home = os.environ.get("SCIATICLI_HOME")
    if home:
        return Path(home) / FILENAME
    import typer

    return Path(typer.get_app_dir("sciaticli")) / FILENAME


# --- values from the command line ----------------------------------------------------------------


def parse_pain(text: str) -> int:
    """A rating on the 0-10 scale; ValueError with a message for anything else."""
    cleaned = text.strip()
    if not re.fullmatch(r"[+-]?\d+", cleaned):
        raise ValueError(f"'{text}' is not a whole number; pain is rated {PAIN_SCALE}")
    value = int(cleaned)
    if not 0 <= value <= 10:
        raise ValueError(f"{value} is off the scale; pain is rated {PAIN_SCALE}")
    return value


_WHEN = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?")
WHEN_FORMATS = "YYYY-MM-DD, 'YYYY-MM-DD HH:MM' or YYYY-MM-DDTHH:MM"


def parse_when(text: str, now: datetime) -> str:
    """A past day or time as stored: `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SS`; ValueError if it is
    not one of WHEN_FORMATS, not a real date, or later than `now`."""
    match = _WHEN.fullmatch(text.strip())
    if not match:
        raise ValueError(f"'{text}' is not a date or time; use {WHEN_FORMATS}")
    year, month, day, hour, minute = match.groups()
    try:
        moment = datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0))
    except ValueError:
        raise ValueError(f"'{text}' is not a real date or time") from None
    if hour is None:
        if moment.date() > now.date():
            raise ValueError(f"{moment.date().isoformat()} is in the future")
        return moment.date().isoformat()
    if moment > now:
        raise ValueError(f"{moment.isoformat(sep=' ', timespec='minutes')} is in the future")
    return moment.isoformat(timespec="seconds")


def parse_day(text: str, today: date) -> str:
    """A day (`YYYY-MM-DD`) no later than `today`, for `--since`."""
    if len(text.strip()) != 10:
        raise ValueError(f"'{text}' is not a date; use YYYY-MM-DD")
    return parse_when(text, datetime.combine(today, datetime.max.time()))


def now_text(now: datetime) -> str:
    return now.isoformat(timespec="seconds")


# --- opening -------------------------------------------------------------------------------------


def check(path: Path) -> bool:
    """Whether a journal exists at `path`; JournalError if what is there is not one.

    Reads only the header, with no SQLite, so a refused file is left exactly as it is. A
    symbolic link is refused, even one that leads nowhere yet: SQLite would follow it.
    """
    if path.is_symlink():
        raise JournalError(
            f"{path} is a symbolic link; sciaticli does not read or write the journal through "
            "a link. It was left as it is: replace it with the file itself (or set "
            "SCIATICLI_HOME to the folder the link points into)."
        )
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except (FileNotFoundError, NotADirectoryError):
        return False
    except IsADirectoryError:
        raise JournalError(_refused(path, "it is a folder")) from None
    except OSError as error:
        raise JournalError(f"cannot read the journal {path}: {error.strerror}") from None
    try:
        with os.fdopen(descriptor, "rb") as file:
            header = file.read(HEADER_SIZE)
    except IsADirectoryError:
        raise JournalError(_refused(path, "it is a folder")) from None
    except OSError as error:
        raise JournalError(f"cannot read the journal {path}: {error.strerror}") from None
    if not header:
        raise JournalError(_refused(path, "it is an empty file"))
    if len(header) < HEADER_SIZE or not header.startswith(SQLITE_MAGIC):
        raise JournalError(_refused(path, "it is not an SQLite database"))
    if int.from_bytes(header[68:72], "big") != APPLICATION_ID:
        raise JournalError(_refused(path, "it is an SQLite database made by another program"))
    return True


def _refused(path: Path, why: str) -> str:
    return (
        f"{path} is not a sciaticli journal ({why}). It was left as it is: move it aside "
        f"(rename it, with any {path.name}-wal and {path.name}-shm beside it) and sciaticli "
        "will start a new journal there."
    )


@contextmanager
def open_journal(path: Path, *, migrations: Sequence[Migration] = MIGRATIONS) -> Iterator[Journal]:
    """The journal at `path`, made if there is none, upgraded to the last of `migrations`."""
    exists = check(path)
    remove_orphans(path)
    if not exists:
        try:
            _create(path, migrations)
        except sqlite3.Error as error:
            raise _journal_error(path, error) from None
        except OSError as error:
            raise JournalError(f"cannot make the journal {path}: {error.strerror}") from None
        check(path)
    with _opened(path, migrations) as journal:
        yield journal


@contextmanager
def existing_journal(
    path: Path, *, migrations: Sequence[Migration] = MIGRATIONS
) -> Iterator[Journal | None]:
    """The journal at `path` if there is one (upgraded as by open_journal); None, and nothing
    made, if there is none."""
    if not check(path):
        yield None
        return
    with _opened(path, migrations) as journal:
        yield journal


class Health(NamedTuple):
    """What `sciaticli journal check` reports."""

    entries: int
    version: int
    unreadable: list[Entry]  # rows edited by hand that hold something other than an entry


def check_health(path: Path) -> Health | None:
    """SQLite's full integrity check and sciaticli's own checks, changing nothing (no
    upgrade); None when there is no journal. JournalError for a file that fails them."""
    if not check(path):
        return None
    with _opened(path, MIGRATIONS, upgrade=False, full=True) as journal:
        count = int(journal.connection.execute("SELECT count(*) FROM entries").fetchone()[0])
        unreadable = [entry for entry in journal.entries() if entry.problems]
        return Health(count, _version(journal.connection), unreadable)


def backup(path: Path, target: Path) -> int:
    """Copy the journal at `path` to the new file `target` with SQLite's backup (a consistent
    copy, with what its WAL holds); the number of entries copied.

    `target` is made by this call, readable by its owner only, and is never an existing file
    (nor a link): JournalError if there is one. The copy is one self-contained file (rollback
    journal mode), so it can be moved or mailed alone."""
    if not check(path):
        raise JournalError(f"there is no journal at {path} yet, so there is nothing to back up")
    try:
        descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise JournalError(f"{target} already exists; a backup never replaces a file") from None
    except OSError as error:
        raise JournalError(f"cannot make the backup {target}: {error.strerror}") from None
    os.close(descriptor)
    done = False
    try:
        with _opened(path, MIGRATIONS, upgrade=False) as journal:
            copy = sqlite3.connect(target, isolation_level=None)
            try:
                journal.connection.backup(copy)
                copy.execute("PRAGMA journal_mode = DELETE")
                count = int(copy.execute("SELECT count(*) FROM entries").fetchone()[0])
            finally:
                copy.close()
        done = True
        return count
    except sqlite3.Error as error:
        raise JournalError(f"cannot make the backup {target} (SQLite: {error})") from None
    finally:
        if not done:
            for leftover in (target, Path(f"{target}-journal")):
                leftover.unlink(missing_ok=True)


@contextmanager
def _opened(
    path: Path, migrations: Sequence[Migration], *, upgrade: bool = True, full: bool = False
) -> Iterator[Journal]:
    """A checked, upgraded connection to the journal at `path`, known to be ours by its header.

    Every SQLite error, here or in the caller's block, becomes a JournalError naming the file.
    """
    try:
        connection = _connect(path)
    except sqlite3.Error as error:
        raise _journal_error(path, error) from None
    try:
        _verify(connection, path, full=full)
        if upgrade:
            _upgrade(connection, path, migrations)
        elif _version(connection) > migrations[-1].version:
            raise JournalError(_newer(path, _version(connection), migrations[-1].version))
        yield Journal(connection)
    except sqlite3.Error as error:
        raise _journal_error(path, error) from None
    finally:
        connection.close()


def _connect(path: Path) -> sqlite3.Connection:
    # isolation_level=None: no implicit transactions; each write says BEGIN IMMEDIATE itself.
    return sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)


def _create(path: Path, migrations: Sequence[Migration]) -> None:
    """Build a journal in a temporary file beside `path`, then link it into place.

    The link fails if another process got there first: its journal is used, ours dropped.
    The journal is readable by its owner only (mkstemp's mode 600): it is health data.
    """
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".new", dir=path.parent)
    os.close(descriptor)
    temporary = Path(name)
    try:
        connection = _connect(temporary)
        try:
            connection.execute("PRAGMA journal_mode = WAL")
            _migrate(connection, temporary, migrations)
        finally:
            connection.close()
        _link(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def remove_orphans(path: Path, *, older_than: float = ORPHAN_SECONDS) -> list[Path]:
    """Remove the temporary journals (and their -wal, -shm and -journal files) that a creation
    interrupted before it finished left beside `path`; the ones removed.

    Only files older than `older_than` seconds: a younger one may be another process's
    creation, still under way (it takes milliseconds)."""
    import time

    removed: list[Path] = []
    prefix = f".{path.name}."
    try:
        candidates = [
            entry
            for entry in os.scandir(path.parent)
            if entry.name.startswith(prefix) and ".new" in entry.name[len(prefix) :]
        ]
    except OSError:
        return removed
    now = time.time()
    for entry in candidates:
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            if now - entry.stat(follow_symlinks=False).st_mtime < older_than:
                continue
            os.unlink(entry.path)
            removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def _link(temporary: Path, path: Path) -> None:
    try:
        os.link(temporary, path)
    except FileExistsError:
        return
    except OSError:
        # No hard links on this file system (FAT, some network shares): copy into a file only
        # we create. Another process could glimpse it half written, and would refuse it.
        data = temporary.read_bytes()
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())


def _verify(connection: sqlite3.Connection, path: Path, *, full: bool = False) -> None:
    """SQLite's own check (quick, or full with `full`), then sciaticli's tables: a file with
    our application id but someone else's tables is refused before anything is written."""
    pragma = "PRAGMA integrity_check" if full else "PRAGMA quick_check"
    # A row edited by hand past a CHECK constraint is not damage: it is read as it is (_entry).
    problems = [
        str(row[0])
        for row in connection.execute(pragma)
        if not str(row[0]).startswith("CHECK constraint failed")
    ]
    if problems and problems != ["ok"]:
        raise JournalError(_damaged(path, problems[0] if problems else "no answer"))
    version = _version(connection)
    tables = {
        str(name)
        for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    if version > max(TABLES):
        return  # from a newer sciaticli: _upgrade refuses it, with that reason
    if version == 0:
        # A journal is given its version in the transaction that makes its tables.
        if tables:
            raise JournalError(
                _refused(path, "it has sciaticli's mark but another program's tables")
            )
        return
    expected = TABLES.get(version, TABLES[max(TABLES)])
    for table, columns in expected.items():
        found = {str(row[1]) for row in connection.execute(f"PRAGMA table_info({table})")}
        if not columns <= found:
            missing = "table" if not found else "columns"
            raise JournalError(
                _refused(path, f"it has sciaticli's mark but not its {table} {missing}")
            )


def _damaged(path: Path, detail: str) -> str:
    return (
        f"{path} is a damaged sciaticli journal (SQLite: {detail}). It was left as it is: copy "
        f"it together with {path.name}-wal and {path.name}-shm if they are there (the three "
        "files are one journal; the sqlite3 tool's .recover command may rescue its entries), "
        "then move it aside with them and sciaticli will start a new journal there."
    )


def _version(connection: sqlite3.Connection) -> int:
    return int(connection.execute("PRAGMA user_version").fetchone()[0])


def _upgrade(connection: sqlite3.Connection, path: Path, migrations: Sequence[Migration]) -> None:
    version = _version(connection)
    if version > migrations[-1].version:
        raise JournalError(_newer(path, version, migrations[-1].version))
    if version < migrations[-1].version:
        _migrate(connection, path, migrations)


def _newer(path: Path, version: int, known: int) -> str:
    return (
        f"{path} was written by a newer sciaticli (journal version {version}; this one knows "
        f"up to {known}). It was left as it is: upgrade sciaticli to use it."
    )


def _migrate(connection: sqlite3.Connection, path: Path, migrations: Sequence[Migration]) -> None:
    """Apply the migrations the journal lacks, all in one transaction.

    BEGIN IMMEDIATE takes the write lock first, so two processes upgrading at once take turns
    and the second finds nothing left to do.
    """
    connection.execute("BEGIN IMMEDIATE")
    try:
        version = _version(connection)
        if version > migrations[-1].version:
            raise JournalError(_newer(path, version, migrations[-1].version))
        if version == 0:
            connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        applied_at = now_text(datetime.now())
        for migration in migrations:
            if migration.version <= version:
                continue
            for statement in migration.statements:
                connection.execute(statement)
            connection.execute(
                "INSERT INTO migrations (version, name, applied_at) VALUES (?, ?, ?)",
                (migration.version, migration.name, applied_at),
            )
            version = migration.version
        connection.execute(f"PRAGMA user_version = {int(version)}")
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise


def _journal_error(path: Path, error: sqlite3.Error) -> JournalError:
    name = getattr(error, "sqlite_errorname", "")  # Python 3.11+
    message = str(error)
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or any(
        words in message for words in ("malformed", "not a database")
    ):
        return JournalError(_damaged(path, message))
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in message:
        return JournalError(
            f"the journal {path} is busy: another program has been writing to it for over "
            f"{BUSY_TIMEOUT_SECONDS:.0f} seconds. Nothing was changed; try again."
        )
    return JournalError(
        f"the journal {path} could not be used (SQLite: {message}). Nothing was changed."
    )


# --- reading and writing -------------------------------------------------------------------------


class Journal:
    """An open, checked, up-to-date journal."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def add(self, entry: NewEntry) -> int:
        """Record `entry`; its id."""
        cursor = self.connection.execute(
            "INSERT INTO entries "
            "(logged_at, pain_before, pain_after, routine, technique, note, origin) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            entry,
        )
        return int(cursor.lastrowid or 0)

    def add_many(self, entries: Sequence[NewEntry]) -> None:
        """Record many entries in one transaction (imports and the benchmark)."""
        self.connection.execute("BEGIN IMMEDIATE")
        try:
            self.connection.executemany(
                "INSERT INTO entries "
                "(logged_at, pain_before, pain_after, routine, technique, note, origin) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                entries,
            )
            self.connection.execute("COMMIT")
        except BaseException:
            if self.connection.in_transaction:
                self.connection.execute("ROLLBACK")
            raise

    def get(self, entry_id: int) -> Entry | None:
        row = self.connection.execute(
            f"SELECT {COLUMNS} FROM entries WHERE id = ?", (entry_id,)
        ).fetchone()
        return _entry(row) if row is not None else None

    def delete(self, entry_id: int) -> bool:
        """Remove one entry; False if there is no such entry."""
        cursor = self.connection.execute("DELETE FROM entries WHERE id = ?", (entry_id,))
        return cursor.rowcount == 1

    def entries(self, selection: Selection = EVERY_ENTRY) -> list[Entry]:
        """The selected entries, oldest first."""
        query, parameters = _selected(selection)
        rows = self.connection.execute(
            f"SELECT *, NULL FROM ({query}) ORDER BY logged_at, id", parameters
        ).fetchall()
        if _well_formed(rows):
            return list(map(Entry._make, rows))
        return [_entry(row[:8]) for row in rows]

    def days(self, selection: Selection = EVERY_ENTRY) -> list[Day]:
        """The selected entries added up per day, oldest day first."""
        query, parameters = _selected(selection)
        # Rows edited by hand whose date or pain is not one are left out (history warns).
        rows = self.connection.execute(
            "SELECT substr(logged_at, 1, 10) AS day, count(*), sum(pain_before), "
            f"sum(pain_after) FROM ({query}) WHERE typeof(logged_at) = 'text' AND logged_at "
            "GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*' "
            "AND typeof(pain_before) IN ('integer', 'real') "
            "AND typeof(pain_after) IN ('integer', 'real') GROUP BY day ORDER BY day",
            parameters,
        )
        return [day for day in map(Day._make, rows) if _is_day(day.day)]

    def applied_migrations(self) -> list[tuple[int, str]]:
        return [
            (int(version), str(name))
            for version, name in self.connection.execute(
                "SELECT version, name FROM migrations ORDER BY version"
            )
        ]


def _well_formed(rows: list[Any]) -> bool:
    """Whether every row is as sciaticli writes it, checked a column at a time with set and
    map (about 30 ms for 100,000 rows, where a check of each row in Python or SQL takes three
    times that); a journal edited by hand is then read row by row (_entry)."""
    if not rows:
        return True
    _, when, before, after, routine, technique, note, origin, _ = zip(*rows, strict=True)
    text_or_none = {str, type(None)}
    return (
        set(map(type, when)) == {str}
        and set(map(len, when)) <= {10, 19}
        and set(map(type, before)) == set(map(type, after)) == {int}
        and set(map(type, routine)) <= text_or_none
        and set(map(type, technique)) <= text_or_none
        and set(map(type, note)) <= text_or_none
        and set(origin) <= set(ORIGINS)
        and all(map(_is_day, {moment[:10] for moment in when}))
    )


def _is_day(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def shown_value(value: object) -> str:
    """A stored value as text, whatever its type: a blob as SQL writes it, x'0a1b'."""
    if isinstance(value, bytes):
        return f"x'{value.hex()}'"
    return str(value)


def _entry(row: Sequence[Any]) -> Entry:
    """An entry from its row, whatever the row holds: values that are not what sciaticli
    writes (a row edited by hand) are kept as text, and `problems` says what is wrong."""
    entry_id, when, before, after, routine, technique, note, origin = row
    if (
        type(when) is str
        and type(before) is int
        and type(after) is int
        and (routine is None or type(routine) is str)
        and (technique is None or type(technique) is str)
        and (note is None or type(note) is str)
        and origin in ORIGINS
        and _is_day(when[:10])
    ):
        return Entry(entry_id, when, before, after, routine, technique, note, origin)
    problems = []
    if not (isinstance(when, str) and _is_day(when[:10])):
        problems.append(f"its date is not a date ({shown_value(when)!r})")
    pains: list[float | None] = []
    for label, pain in (("before", before), ("after", after)):
        if isinstance(pain, int | float) and not isinstance(pain, bool):
            pains.append(pain)
        else:
            problems.append(f"its pain {label} is not a number ({shown_value(pain)!r})")
            pains.append(None)
    texts: list[str | None] = []
    for label, value in (("routine", routine), ("technique", technique), ("note", note)):
        if value is not None and not isinstance(value, str):
            problems.append(f"its {label} is not text ({shown_value(value)!r})")
        texts.append(None if value is None else shown_value(value))
    if origin not in ORIGINS:
        problems.append(f"its origin is not log or guided ({shown_value(origin)!r})")
    return Entry(
        id=int(entry_id),
        when=shown_value(when),
        pain_before=pains[0],
        pain_after=pains[1],
        routine=texts[0],
        technique=texts[1],
        note=texts[2],
        origin=shown_value(origin) if origin is not None else "log",
        problems=tuple(problems),
    )


def _selected(selection: Selection) -> tuple[str, list[Any]]:
    """A query for the selected entries' columns (to order or group further)."""
    where = ""
    parameters: list[Any] = []
    if selection.since is not None:
        where = "WHERE logged_at >= ?"
        parameters.append(selection.since)
    query = f"SELECT {COLUMNS} FROM entries {where}"
    if selection.last is not None:
        query = f"SELECT * FROM ({query} ORDER BY logged_at DESC, id DESC LIMIT ?)"
        parameters.append(selection.last)
    return query, parameters


def summarise(days: Sequence[Day]) -> Summary | None:
    """The summary of `days` (oldest first); None when there are none."""
    if not days:
        return None
    sessions = sum(day.sessions for day in days)
    before = sum(day.total_before for day in days)
    after = sum(day.total_after for day in days)
    span = (date.fromisoformat(days[-1].day) - date.fromisoformat(days[0].day)).days + 1
    weeks = max(span, 7) / 7
    latest_first = list(reversed(days))  # ties go to the later day
    best = min(latest_first, key=lambda day: (day.average_after, day.average_change))
    worst = max(latest_first, key=lambda day: (day.average_after, day.average_change))
    return Summary(
        sessions=sessions,
        first_day=days[0].day,
        last_day=days[-1].day,
        weeks=weeks,
        sessions_per_week=sessions / weeks,
        average_before=before / sessions,
        average_after=after / sessions,
        average_change=(after - before) / sessions,
        best_day=best,
        worst_day=worst,
    )
