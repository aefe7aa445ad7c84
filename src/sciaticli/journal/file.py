"""The journal's file: telling a journal from any other file, connecting to it (read-only media
too), making a new one, and the errors that name it (where it lives: location).

Nothing is ever lost. A file at the journal's path is identified by its 100-byte SQLite header,
read here before SQLite opens it: a file that is empty, not SQLite, or another program's
database is refused with its path and never opened by SQLite, so it stays byte for byte as it
was and gets no -wal or -shm file beside it. A symbolic link at the journal's path is refused:
the journal is never written through a link (its target would get neither mode 600 nor WAL). A
new journal is built in a temporary file and hard-linked into place, so no process ever sees a
half-made journal; temporary files left by a creation that was interrupted are removed when the
journal is next opened for writing. On a read-only filesystem the journal is read as it is and
never written.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Sequence
from pathlib import Path

from sciaticli.errors import JournalError
from sciaticli.journal.schema import APPLICATION_ID, Migration, migrate

FILENAME = "journal.sqlite3"
BUSY_TIMEOUT_SECONDS = 10.0
SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100
# A temporary journal older than this is left from a creation that was interrupted.
ORPHAN_SECONDS = 600


def journal_exists(path: Path) -> bool:
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
        raise JournalError(refused(path, "it is a folder")) from None
    except OSError as error:
        raise JournalError(f"cannot read the journal {path}: {error.strerror}") from None
    try:
        with os.fdopen(descriptor, "rb") as file:
            header = file.read(HEADER_SIZE)
    except IsADirectoryError:
        raise JournalError(refused(path, "it is a folder")) from None
    except OSError as error:
        raise JournalError(f"cannot read the journal {path}: {error.strerror}") from None
    if not header:
        raise JournalError(refused(path, "it is an empty file"))
    if len(header) < HEADER_SIZE or not header.startswith(SQLITE_MAGIC):
        raise JournalError(refused(path, "it is not an SQLite database"))
    if int.from_bytes(header[68:72], "big") != APPLICATION_ID:
        raise JournalError(refused(path, "it is an SQLite database made by another program"))
    return True


def refused(path: Path, why: str) -> str:
    return (
        f"{path} is not a sciaticli journal ({why}). It was left as it is: move it aside "
        f"(rename it, with any {path.name}-wal and {path.name}-shm beside it) and sciaticli "
        "will start a new journal there."
    )


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


def connect(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
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


def create(path: Path, migrations: Sequence[Migration]) -> None:
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
        connection = connect(temporary)
        try:
            connection.execute("PRAGMA journal_mode = WAL")
            migrate(connection, temporary, migrations)
        finally:
            connection.close()
        link_into_place(temporary, path)
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


def link_into_place(temporary: Path, path: Path) -> bool:
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


def fsync_file(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def damaged(path: Path, detail: str) -> str:
    return (
        f"{path} is a damaged sciaticli journal (SQLite: {detail}). It was left as it is: copy "
        f"it together with {path.name}-wal and {path.name}-shm if they are there (the three "
        "files are one journal; the sqlite3 tool's .recover command may rescue its entries), "
        "then move it aside with them and sciaticli will start a new journal there."
    )


def is_damage(error: sqlite3.Error) -> bool:
    """Whether SQLite found the file damaged (or not a database)."""
    name = getattr(error, "sqlite_errorname", "")  # Python 3.11+
    return name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or any(
        words in str(error) for words in ("malformed", "not a database")
    )


def journal_error(path: Path, error: sqlite3.Error) -> JournalError:
    name = getattr(error, "sqlite_errorname", "")  # Python 3.11+
    message = str(error)
    if is_damage(error):
        return JournalError(damaged(path, message))
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
