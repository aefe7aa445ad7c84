"""The pain journal: one SQLite file of entries (pain before and after a routine or massage).

Nothing is ever lost. A file at the journal's path is identified by its 100-byte SQLite header,
read here before SQLite opens it: a file that is empty, not SQLite, or another program's
database is refused with its path and never opened by SQLite, so it stays byte for byte as it
was and gets no -wal or -shm file beside it. A new journal is built in a temporary file and
hard-linked into place, so no process ever sees a half-made journal. An existing journal is
checked with `PRAGMA quick_check` before anything is written to it (a reader relies on SQLite's
check of each page it reads, see existing_journal); a damaged one is refused, not repaired. A file
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
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from operator import itemgetter
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
# What an entry records: a whole session, one stopped early, or a pain rating with no session
# (a flare-up rating logged instead of a routine: it has no pain after).
SESSIONS = ("full", "partial", "none")
# The fields `history --edit` may change, as the columns that hold them.
EDITABLE = ("logged_at", "pain_before", "pain_after", "routine", "technique", "note", "session")


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
    # SQLite cannot drop a NOT NULL with ALTER TABLE: the table is rebuilt, in the one
    # transaction every migration runs in (_migrate), so a journal is either all old or all
    # new. Rows edited by hand past a CHECK are copied as they are (they are read as they are).
    # The AUTOINCREMENT counter is carried over, so a deleted entry's number stays unused.
    Migration(
        3,
        "sessions, optional pain after, edits",
        (
            "PRAGMA ignore_check_constraints = ON",
            """CREATE TABLE entries_new (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                logged_at TEXT NOT NULL,
                pain_before INTEGER NOT NULL CHECK (pain_before BETWEEN 0 AND 10),
                pain_after INTEGER CHECK (pain_after BETWEEN 0 AND 10),
                routine TEXT,
                technique TEXT,
                note TEXT,
                origin TEXT NOT NULL DEFAULT 'log' CHECK (origin IN ('log', 'guided')),
                session TEXT NOT NULL DEFAULT 'full'
                    CHECK (session IN ('full', 'partial', 'none')),
                edited_at TEXT,
                CHECK (routine IS NULL OR technique IS NULL),
                CHECK (session != 'full' OR pain_after IS NOT NULL),
                CHECK (session != 'none' OR pain_after IS NULL)
            )""",
            "INSERT INTO entries_new "
            "(id, logged_at, pain_before, pain_after, routine, technique, note, origin) "
            "SELECT id, logged_at, pain_before, pain_after, routine, technique, note, origin "
            "FROM entries",
            "INSERT INTO sqlite_sequence (name, seq) SELECT 'entries_new', 0 WHERE NOT EXISTS "
            "(SELECT 1 FROM sqlite_sequence WHERE name = 'entries_new')",
            "UPDATE sqlite_sequence SET seq = max(seq, coalesce((SELECT seq FROM "
            "sqlite_sequence WHERE name = 'entries'), 0)) WHERE name = 'entries_new'",
            "DROP TABLE entries",
            "ALTER TABLE entries_new RENAME TO entries",
            "CREATE INDEX entries_by_time ON entries (logged_at)",
            # One row per field changed by `history --edit`, with the values before and after.
            """CREATE TABLE edits (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                entry_id INTEGER NOT NULL,
                edited_at TEXT NOT NULL,
                field TEXT NOT NULL,
                old_value,
                new_value
            )""",
            "CREATE INDEX edits_by_entry ON edits (entry_id)",
            "PRAGMA ignore_check_constraints = OFF",
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
    session: str = "full"  # full, partial (stopped early) or none (a rating, no session)
    edited: str | None = None  # when `history --edit` last changed it
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
    pain_after: int | None
    routine: str | None = None
    technique: str | None = None
    note: str | None = None
    origin: str = "log"
    session: str = "full"


class Edit(NamedTuple):
    """One field changed by `history --edit`."""

    entry_id: int
    edited_at: str
    field: str
    old_value: Any
    new_value: Any


class Day(NamedTuple):
    """The entries of one day, added up. `sessions` counts every entry; the averages after and
    of the change rest on the `rated` entries that have a pain after (`rated_before` is their
    pain before, added up); `partial` counts the sessions stopped early."""

    day: str
    sessions: int
    total_before: int
    total_after: int
    rated: int
    rated_before: int
    partial: int = 0

    @property
    def average_before(self) -> float:
        return self.total_before / self.sessions

    @property
    def average_after(self) -> float | None:
        return self.total_after / self.rated if self.rated else None

    @property
    def average_change(self) -> float | None:
        return (self.total_after - self.rated_before) / self.rated if self.rated else None


class Summary(NamedTuple):
    """What `history` reports under the entries.

    Sessions per week count the weeks from the first to the last day shown, at least one week.
    The best day has the lowest average pain after its sessions, the worst day the highest; a
    tie goes to the bigger fall in pain (best) or the smaller one (worst), then the later day.
    Only days with a pain after count for these; `rated` entries have one, `partial` ones were
    stopped early.
    """

    sessions: int
    first_day: str
    last_day: str
    weeks: float
    sessions_per_week: float
    average_before: float
    # None when no entry has a pain after (ratings alone); they rest on `rated` entries.
    average_after: float | None
    average_change: float | None
    best_day: Day | None
    worst_day: Day | None
    rated: int = 0
    partial: int = 0


class Selection(NamedTuple):
    """Which entries: on or after `since` (a day), then the newest `last` of those."""

    since: str | None = None
    last: int | None = None


EVERY_ENTRY = Selection()
COLUMNS = (
    "id, logged_at, pain_before, pain_after, routine, technique, note, origin, session, edited_at"
)
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
    3: {
        "migrations": {"version", "name", "applied_at"},
        "entries": {
            "id", "logged_at", "pain_before", "pain_after", "routine", "technique", "note",
            "origin", "session", "edited_at",
        },
        "edits": {"id", "entry_id", "edited_at", "field", "old_value", "new_value"},
    },
}  # fmt: skip
# Entries read from the cursor at a time (history streams them to the output).
CHUNK_ROWS = 2000
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
_RELATIVE_DAY = re.compile(r"(today|yesterday)(?:[T ]+(\d{1,2}):(\d{2}))?", re.IGNORECASE)
_AGO = re.compile(r"(\d{1,5})\s*(m|mins?|minutes?|h|hrs?|hours?|d|days?)\s+ago", re.IGNORECASE)
WHEN_FORMATS = (
    "YYYY-MM-DD, 'YYYY-MM-DD HH:MM', today, yesterday, 'yesterday 20:00', 'today 08:00', "
    "'2h ago' or '30m ago'"
)


def parse_when(text: str, now: datetime) -> str:
    """A past day or time as stored: `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SS`; ValueError if it is
    not one of WHEN_FORMATS, not a real date, or later than `now`.

    `today` and `yesterday` alone are a day (no time); with HH:MM, that time on that day;
    `2h ago`, `30m ago` (also `90 min ago`, `1 day ago`) are `now` less that, to the second."""
    from datetime import timedelta

    cleaned = " ".join(text.split())
    relative = _RELATIVE_DAY.fullmatch(cleaned)
    ago = _AGO.fullmatch(cleaned)
    if relative:
        word, hour, minute = relative.groups()
        day = now.date() - timedelta(days=1 if word.lower() == "yesterday" else 0)
        if hour is None:
            return day.isoformat()
        year, month, day_of_month = f"{day:%Y}", f"{day:%m}", f"{day:%d}"
        hour = hour.zfill(2)
    elif ago:
        amount, unit = int(ago.group(1)), ago.group(2).lower()
        minutes = amount * (1440 if unit.startswith("d") else 60 if unit.startswith("h") else 1)
        if minutes > 366 * 1440:
            raise ValueError(f"'{text}' is more than a year ago; give the date instead")
        return now_text(now.replace(microsecond=0) - timedelta(minutes=minutes))
    else:
        match = _WHEN.fullmatch(cleaned)
        if not match:
            raise ValueError(f"'{text}' is not a date or time; use {WHEN_FORMATS}")
        year, month, day_of_month, hour, minute = match.groups()
    try:
        moment = datetime(
            int(year), int(month), int(day_of_month), int(hour or 0), int(minute or 0)
        )
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
    if len(text.strip()) != 10 and text.strip().lower() not in ("today", "yesterday"):
        raise ValueError(f"'{text}' is not a date; use YYYY-MM-DD, today or yesterday")
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
    refuse_read_only(path, exists=exists)
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
    path: Path, *, migrations: Sequence[Migration] = MIGRATIONS, reading: bool = False
) -> Iterator[Journal | None]:
    """The journal at `path` if there is one (upgraded as by open_journal); None, and nothing
    made, if there is none.

    `reading`: the caller only reads, so SQLite's quick_check of every page (about a third of
    the time of reading the whole journal, and growing with it) is left out: SQLite checks
    each page it reads all the same, and a damaged one is refused as by the check (after any
    output already written). The check still runs before an upgrade writes to the file, and
    before every write (open_journal, and existing_journal without `reading`)."""
    if not check(path):
        yield None
        return
    if not reading:
        refuse_read_only(path, exists=True)
    with _opened(path, migrations, pages=not reading) as journal:
        yield journal


def on_read_only_filesystem(path: Path) -> bool:
    """Whether `path` (or, if it is not there, the nearest folder above it that is) is on a
    filesystem mounted read-only (a snapshot, a backup disk); False where that cannot be told."""
    read_only = getattr(os, "ST_RDONLY", 0)
    for place in (path, *path.absolute().parents):
        try:
            return bool(os.statvfs(place).f_flag & read_only)
        except (FileNotFoundError, NotADirectoryError):
            continue
        except (OSError, AttributeError):  # no statvfs (Windows)
            return False
    return False


def refuse_read_only(path: Path, *, exists: bool) -> None:
    """JournalError if the journal at `path` (or the folder it would be made in) is on a
    read-only filesystem: a writing command says so before it tries anything."""
    if not on_read_only_filesystem(path):
        return
    if exists:
        raise JournalError(
            f"the journal {path} is on a read-only filesystem, so sciaticli cannot write to it. "
            "Nothing was changed. Reading it works there (history, report, journal check, "
            "journal backup); to write, copy it to a writable folder and set SCIATICLI_HOME "
            "to that folder."
        )
    raise JournalError(
        f"cannot make the journal {path}: its folder is on a read-only filesystem. Nothing "
        "was changed; set SCIATICLI_HOME to a writable folder."
    )


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
    if not check(path):
        return None
    with _opened(path, MIGRATIONS, upgrade=False, full=True) as journal:
        count = int(journal.connection.execute("SELECT count(*) FROM entries").fetchone()[0])
        unreadable: list[Entry] = []
        unreadable_count = 0
        for chunk in journal.entry_chunks():
            for entry in chunk:
                if entry.problems:
                    unreadable_count += 1
                    if len(unreadable) < HEALTH_LISTED:
                        unreadable.append(entry)
        return Health(count, _version(journal.connection), unreadable, unreadable_count)


def backup(path: Path, target: Path) -> int:
    """Copy the journal at `path` to the new file `target` with SQLite's backup (a consistent
    copy, with what its WAL holds); the number of entries copied.

    The copy is made in a temporary file of its own in `target`'s folder, then linked into
    place: nothing that this call did not make is ever written, replaced or removed. `target`
    must not exist (nor a link there), and neither may the -journal, -wal or -shm files SQLite
    would take as part of it: JournalError if one does. The copy is readable by its owner only
    and is one self-contained file (rollback journal mode), so it can be moved or mailed alone.
    A journal on a read-only filesystem is read as it is (_connect)."""
    if not check(path):
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
        with _opened(path, MIGRATIONS, upgrade=False) as journal:
            try:
                copy = sqlite3.connect(temporary, isolation_level=None)
                try:
                    journal.connection.backup(copy)
                    copy.execute("PRAGMA journal_mode = DELETE")
                    count = int(copy.execute("SELECT count(*) FROM entries").fetchone()[0])
                finally:
                    copy.close()
            except sqlite3.Error as error:
                if _is_damage(error):
                    raise  # the journal's own page: _opened names the journal
                raise JournalError(_backup_failed(path, target, error)) from None
        try:
            _fsync(temporary)
            placed = _link(temporary, target)
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


def _fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


@contextmanager
def _opened(
    path: Path,
    migrations: Sequence[Migration],
    *,
    upgrade: bool = True,
    full: bool = False,
    pages: bool = True,
) -> Iterator[Journal]:
    """A checked, upgraded connection to the journal at `path`, known to be ours by its header.

    Every SQLite error, here or in the caller's block, becomes a JournalError naming the file.
    """
    read_only = on_read_only_filesystem(path)
    try:
        connection = _connect(path, read_only=read_only)
    except sqlite3.Error as error:
        raise _journal_error(path, error) from None
    try:
        if read_only and _version(connection) < migrations[-1].version:
            raise JournalError(
                f"the journal {path} was written by an older sciaticli and must be upgraded, "
                "which cannot be done on a read-only filesystem. It was left as it is: copy it "
                "to a writable folder and set SCIATICLI_HOME to that folder to read it."
            )
        if not pages and upgrade and _version(connection) < migrations[-1].version:
            pages = True  # the upgrade writes: every page is checked first
        _verify(connection, path, full=full, pages=pages)
        if upgrade:
            _upgrade(connection, path, migrations)
        elif _version(connection) > migrations[-1].version:
            raise JournalError(_newer(path, _version(connection), migrations[-1].version))
        yield Journal(connection)
    except sqlite3.Error as error:
        raise _journal_error(path, error) from None
    finally:
        connection.close()


def _connect(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    """A connection to `path`. `read_only` (the file is on a read-only filesystem): opened
    read-only, and immutable where SQLite cannot make the -shm file a WAL journal needs (no
    process can change a file there). A -wal file holding changes cannot be read without a
    -shm file: JournalError then, rather than entries that are not the latest."""
    # isolation_level=None: no implicit transactions; each write says BEGIN IMMEDIATE itself.
    if not read_only:
        return sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
    uri = path.absolute().as_uri()
    connection = sqlite3.connect(
        f"{uri}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None
    )
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return connection
    except sqlite3.OperationalError:
        connection.close()
    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise JournalError(
            f"the journal {path} is on a read-only filesystem with a {wal.name} file beside it "
            f"that holds its latest changes, and SQLite cannot read those without a "
            f"{path.name}-shm file, which cannot be made there. It was left as it is: copy "
            "the journal and its -wal file to a writable folder and set SCIATICLI_HOME to it."
        )
    return sqlite3.connect(f"{uri}?immutable=1", uri=True, isolation_level=None)


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


def _link(temporary: Path, path: Path) -> bool:
    """Put `temporary` at `path` unless something is there already; whether it did."""
    import errno
    import shutil

    try:
        os.link(temporary, path)
        return True
    except FileExistsError:
        return False
    except OSError as error:
        if error.errno in (errno.ENOSPC, errno.EROFS, errno.EDQUOT, errno.EACCES):
            raise
    # No hard links on this file system (FAT, some network shares): copy into a file only we
    # create. Another process could glimpse it half written, and would refuse it.
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    try:
        with os.fdopen(descriptor, "wb") as file, temporary.open("rb") as source:
            shutil.copyfileobj(source, file)
            file.flush()
            os.fsync(file.fileno())
    except BaseException:
        path.unlink(missing_ok=True)  # the half-made file this call created
        raise
    return True


def _verify(
    connection: sqlite3.Connection, path: Path, *, full: bool = False, pages: bool = True
) -> None:
    """SQLite's own check (quick, or full with `full`; none without `pages`), then
    sciaticli's tables: a file with our application id but someone else's tables is refused
    before anything is written."""
    if pages or full:
        pragma = "PRAGMA integrity_check" if full else "PRAGMA quick_check"
        # A row edited by hand past a CHECK constraint is not damage: it is read as it is.
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


def _is_damage(error: sqlite3.Error) -> bool:
    """Whether SQLite found the file damaged (or not a database)."""
    name = getattr(error, "sqlite_errorname", "")  # Python 3.11+
    return name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or any(
        words in str(error) for words in ("malformed", "not a database")
    )


def _journal_error(path: Path, error: sqlite3.Error) -> JournalError:
    name = getattr(error, "sqlite_errorname", "")  # Python 3.11+
    message = str(error)
    if _is_damage(error):
        return JournalError(_damaged(path, message))
    if name.startswith("SQLITE_READONLY") or "readonly database" in message:
        return JournalError(
            f"the journal {path} is read-only (SQLite: {message}), so sciaticli cannot write "
            "to it. Nothing was changed."
        )
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
        cursor = self.connection.execute(_INSERT, entry)
        return int(cursor.lastrowid or 0)

    def add_many(self, entries: Sequence[NewEntry]) -> None:
        """Record many entries in one transaction (imports and the benchmark)."""
        with self._transaction():
            self.connection.executemany(_INSERT, entries)

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self.connection.execute("BEGIN IMMEDIATE")
        try:
            yield
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
        """Remove one entry and the record of its edits; False if there is no such entry."""
        with self._transaction():
            cursor = self.connection.execute("DELETE FROM entries WHERE id = ?", (entry_id,))
            self.connection.execute("DELETE FROM edits WHERE entry_id = ?", (entry_id,))
        return cursor.rowcount == 1

    def edit(self, entry_id: int, changes: dict[str, Any], when: str) -> list[Edit] | None:
        """Change the fields in `changes` (columns of EDITABLE) of one entry, record each change
        in the edits table and the entry's edited_at, all in one transaction; the changes made
        (none when every value was already so), or None if there is no such entry.

        sqlite3.IntegrityError (a JournalError from open_journal) if the result breaks a rule,
        such as a full session without a pain after; nothing is changed then."""
        unknown = set(changes) - set(EDITABLE)
        if unknown:
            raise ValueError(f"cannot edit {', '.join(sorted(unknown))}")
        with self._transaction():
            row = self.connection.execute(
                f"SELECT {', '.join(EDITABLE)} FROM entries WHERE id = ?", (entry_id,)
            ).fetchone()
            if row is None:
                return None
            old = dict(zip(EDITABLE, row, strict=True))
            made = [
                Edit(entry_id, when, field, old[field], value)
                for field, value in changes.items()
                if old[field] != value or type(old[field]) is not type(value)
            ]
            if made:
                assignments = ", ".join(f"{edit.field} = ?" for edit in made)
                self.connection.execute(
                    f"UPDATE entries SET {assignments}, edited_at = ? WHERE id = ?",
                    (*(edit.new_value for edit in made), when, entry_id),
                )
                self.connection.executemany(
                    "INSERT INTO edits (entry_id, edited_at, field, old_value, new_value) "
                    "VALUES (?, ?, ?, ?, ?)",
                    made,
                )
        return made

    def edits(self, entry_id: int) -> list[Edit]:
        """The recorded edits of one entry, oldest first."""
        return [
            Edit(*row)
            for row in self.connection.execute(
                "SELECT entry_id, edited_at, field, old_value, new_value FROM edits "
                "WHERE entry_id = ? ORDER BY id",
                (entry_id,),
            )
        ]

    def entries(
        self, selection: Selection = EVERY_ENTRY, *, newest_first: bool = False
    ) -> list[Entry]:
        """The selected entries, oldest first (newest first with `newest_first`)."""
        chunks = self.entry_chunks(selection, newest_first=newest_first)
        return [entry for chunk in chunks for entry in chunk]

    def entry_chunks(
        self, selection: Selection = EVERY_ENTRY, *, newest_first: bool = False
    ) -> Iterator[list[Entry]]:
        """The selected entries as `entries` orders them, CHUNK_ROWS at a time from the cursor:
        a journal of any size is read in the same memory. A chunk whose rows are all as
        sciaticli writes them is made at C speed; one with a row edited by hand into something
        else is read row by row (_entry)."""
        query, parameters = _selected(selection)
        order = "DESC" if newest_first else ""
        cursor = self.connection.execute(
            f"SELECT *, NULL FROM ({query}) ORDER BY logged_at {order}, id {order}", parameters
        )
        while rows := cursor.fetchmany(CHUNK_ROWS):
            if _well_formed(rows):
                yield list(map(Entry._make, rows))
            else:
                yield [_entry(row[:10]) for row in rows]

    def export_chunks(
        self,
        selection: Selection = EVERY_ENTRY,
        *,
        newest_first: bool = False,
        names: tuple[dict[str, str], dict[str, str]] = ({}, {}),
    ) -> Iterator[tuple[list[tuple[Any, ...]], list[Entry] | None]]:
        """The selected entries for an export, in `entries` order, CHUNK_ROWS at a time, each
        row made by SQLite: id, when, routine, technique, name (from `names`: routines' and
        techniques' names by id; the id if it has none), pain before, pain after, change,
        origin, session, edited, note; None for nothing.

        Each chunk comes as (rows, None) when its rows are as sciaticli writes them (checked
        a column at a time), or as ([], entries) when one of them is not: the chunk read again
        row by row (_entry), for the caller to show as stored, as `entries` would."""
        query, parameters = _selected(selection)
        order = "DESC" if newest_first else ""
        routine_name, routine_values = _name_case("routine", names[0])
        technique_name, technique_values = _name_case("technique", names[1])
        cursor = self.connection.execute(
            "SELECT id, logged_at, routine, technique, "
            f"CASE WHEN routine IS NOT NULL THEN {routine_name} "
            f"WHEN technique IS NOT NULL THEN {technique_name} END, "
            "pain_before, pain_after, pain_after - pain_before, origin, session, edited_at, "
            f"note FROM ({query}) ORDER BY logged_at {order}, id {order}",
            [*routine_values, *technique_values, *parameters],
        )
        while rows := cursor.fetchmany(CHUNK_ROWS):
            if _export_well_formed(rows):
                yield rows, None
            else:
                yield [], [self._raw_entry(row[0]) for row in rows]

    def _raw_entry(self, entry_id: int) -> Entry:
        row = self.connection.execute(
            f"SELECT {COLUMNS} FROM entries WHERE id = ?", (entry_id,)
        ).fetchone()
        return _entry(row)

    def days(self, selection: Selection = EVERY_ENTRY) -> list[Day]:
        """The selected entries added up per day, oldest day first."""
        return list(self.day_rows(selection))

    def day_rows(self, selection: Selection = EVERY_ENTRY) -> Iterator[Day]:
        """As `days`, one day at a time from the cursor (SQLite adds up each day)."""
        query, parameters = _selected(selection)
        # Rows edited by hand whose date or pain is not one are left out (history warns).
        rows = self.connection.execute(
            "SELECT substr(logged_at, 1, 10) AS day, count(*), sum(pain_before), "
            "coalesce(sum(pain_after), 0), count(pain_after), "
            "coalesce(sum(CASE WHEN pain_after IS NOT NULL THEN pain_before END), 0), "
            "count(CASE WHEN session = 'partial' THEN 1 END) "
            f"FROM ({query}) WHERE typeof(logged_at) = 'text' AND logged_at "
            "GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*' "
            "AND typeof(pain_before) IN ('integer', 'real') "
            "AND typeof(pain_after) IN ('integer', 'real', 'null') GROUP BY day ORDER BY day",
            parameters,
        )
        while chunk := rows.fetchmany(CHUNK_ROWS):
            yield from (day for day in map(Day._make, chunk) if _is_day(day.day))

    def applied_migrations(self) -> list[tuple[int, str]]:
        return [
            (int(version), str(name))
            for version, name in self.connection.execute(
                "SELECT version, name FROM migrations ORDER BY version"
            )
        ]


_INSERT = (
    "INSERT INTO entries "
    "(logged_at, pain_before, pain_after, routine, technique, note, origin, session) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)


def _well_formed(rows: list[Any]) -> bool:
    """Whether every row is as sciaticli writes it, checked a column at a time with set and
    map (about 30 ms for 100,000 rows, where a check of each row in Python or SQL takes three
    times that); a journal edited by hand is then read row by row (_entry)."""
    if not rows:
        return True
    # strict=False: the rows of one query are all as wide (and strict costs a third of the check)
    _, when, before, after, routine, technique, note, origin, session, edited, _ = zip(
        *rows, strict=False
    )
    return _columns_well_formed(
        when, before, after, session, origin, (routine, technique, note, edited)
    )


def _export_well_formed(rows: list[Any]) -> bool:
    """_well_formed for export rows (Journal.export_chunks)."""
    _, when, routine, technique, _, before, after, _, origin, session, edited, note = zip(
        *rows, strict=False
    )
    return _columns_well_formed(
        when, before, after, session, origin, (routine, technique, note, edited)
    )


def _columns_well_formed(
    when: tuple[Any, ...],
    before: tuple[Any, ...],
    after: tuple[Any, ...],
    session: tuple[Any, ...],
    origin: tuple[Any, ...],
    texts: tuple[tuple[Any, ...], ...],
) -> bool:
    text_or_none = {str, type(None)}
    return (
        set(map(type, when)) == {str}
        and set(map(len, when)) <= {10, 19}
        and set(map(type, before)) == {int}
        and set(map(type, after)) <= {int, type(None)}
        and set(session) <= set(SESSIONS)
        and set(origin) <= set(ORIGINS)
        and all(set(map(type, column)) <= text_or_none for column in texts)
        and all(map(_is_day, set(map(_DAY_OF, when))))
    )


def _name_case(column: str, names: dict[str, str]) -> tuple[str, list[str]]:
    """An SQL expression for the name of `column`'s id (the id itself if it has none), and
    its parameters."""
    if not names:
        return column, []
    cases = " ".join("WHEN ? THEN ?" for _ in names)
    return f"(CASE {column} {cases} ELSE {column} END)", [v for item in names.items() for v in item]


_DAY_OF = itemgetter(slice(0, 10))  # the day of a time: moment[:10], at C speed


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
    entry_id, when, before, after, routine, technique, note, origin, session, edited = row
    if (
        type(when) is str
        and type(before) is int
        and (after is None or type(after) is int)
        and session in SESSIONS
        and (edited is None or type(edited) is str)
        and (routine is None or type(routine) is str)
        and (technique is None or type(technique) is str)
        and (note is None or type(note) is str)
        and origin in ORIGINS
        and _is_day(when[:10])
    ):
        return Entry(
            entry_id, when, before, after, routine, technique, note, origin, session, edited
        )
    problems = []
    if not (isinstance(when, str) and _is_day(when[:10])):
        problems.append(f"its date is not a date ({shown_value(when)!r})")
    pains: list[float | None] = []
    for label, pain in (("before", before), ("after", after)):
        if isinstance(pain, int | float) and not isinstance(pain, bool):
            pains.append(pain)
        elif pain is None and label == "after":
            pains.append(None)
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
    if session not in SESSIONS:
        problems.append(f"its session is not full, partial or none ({shown_value(session)!r})")
    return Entry(
        id=int(entry_id),
        when=shown_value(when),
        pain_before=pains[0],
        pain_after=pains[1],
        routine=texts[0],
        technique=texts[1],
        note=texts[2],
        origin=shown_value(origin) if origin is not None else "log",
        session=shown_value(session) if session is not None else "full",
        edited=None if edited is None else shown_value(edited),
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


def summarise(days: Iterable[Day]) -> Summary | None:
    """The summary of `days` (oldest first); None when there are none."""
    tally = DayTally()
    for day in days:
        tally.add(day)
    return tally.summary()


class DayTally:
    """The summary's figures added up one day at a time (oldest first), so that a journal's
    days need not all be held; `kept` holds the first day and the newest `keep` days (what the
    chart draws)."""

    def __init__(self, keep: int = 0) -> None:
        self.keep = keep
        self.first: Day | None = None
        self.last: Day | None = None
        self.recent: deque[Day] = deque(maxlen=keep) if keep else deque(maxlen=1)
        self.sessions = self.before = self.rated = self.after = self.rated_before = 0
        self.partial = 0
        self.best: Day | None = None
        self.worst: Day | None = None
        self._best_key: tuple[float, float] = (0.0, 0.0)
        self._worst_key: tuple[float, float] = (0.0, 0.0)

    def add(self, day: Day) -> None:
        if self.first is None:
            self.first = day
        self.last = day
        self.recent.append(day)
        self.sessions += day.sessions
        self.before += day.total_before
        self.rated += day.rated
        self.after += day.total_after
        self.rated_before += day.rated_before
        self.partial += day.partial
        if day.rated:
            key = _day_key(day)
            # Ties go to the later day: the days come oldest first.
            if self.best is None or key <= self._best_key:
                self.best, self._best_key = day, key
            if self.worst is None or key >= self._worst_key:
                self.worst, self._worst_key = day, key

    @property
    def kept(self) -> list[Day]:
        """The first day, then the newest `keep` days (oldest first)."""
        if self.first is None:
            return []
        recent = list(self.recent)
        return recent if recent[0] is self.first else [self.first, *recent]

    def summary(self) -> Summary | None:
        if self.first is None or self.last is None:
            return None
        span = (date.fromisoformat(self.last.day) - date.fromisoformat(self.first.day)).days + 1
        weeks = max(span, 7) / 7
        rated, after = self.rated, self.after
        return Summary(
            sessions=self.sessions,
            first_day=self.first.day,
            last_day=self.last.day,
            weeks=weeks,
            sessions_per_week=self.sessions / weeks,
            average_before=self.before / self.sessions,
            average_after=after / rated if rated else None,
            average_change=(after - self.rated_before) / rated if rated else None,
            best_day=self.best,
            worst_day=self.worst,
            rated=rated,
            partial=self.partial,
        )


def _day_key(day: Day) -> tuple[float, float]:
    return (day.average_after or 0.0, day.average_change or 0.0)
