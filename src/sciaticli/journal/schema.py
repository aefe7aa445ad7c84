"""The journal's schema: its tables and the migrations that make them, as named steps.

Each migration is a named, numbered step (as simonw/llm's migrations.py names its steps); the
ones a journal lacks are applied in order in one transaction and recorded in the `migrations`
table and in `PRAGMA user_version`. Append only: a released step is never edited, a change is a
new one. A journal from an older sciaticli is upgraded in place; one from a newer one is refused.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from sciaticli.errors import JournalError
from sciaticli.journal.rows import now_text

# `PRAGMA application_id`: "Scia" in ASCII, at byte 68 of the file. It tells our journal from
# any other SQLite database.
APPLICATION_ID = 0x53636961


class Migration(NamedTuple):
    version: int
    name: str
    statements: tuple[str, ...]


# The steps, each named for what it does, in order. Append only: a released step is never
# edited, a change is a new step.
ENTRIES = Migration(
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
)

ORIGIN_AND_TIME_INDEX = Migration(
    2,
    "origin and time index",
    (
        # Whether the entry came from `sciaticli log` or the guided routine.
        "ALTER TABLE entries ADD COLUMN origin TEXT NOT NULL DEFAULT 'log' "
        "CHECK (origin IN ('log', 'guided'))",
        # `history --since` and the time order of every listing.
        "CREATE INDEX entries_by_time ON entries (logged_at)",
    ),
)

# SQLite cannot drop a NOT NULL with ALTER TABLE: the table is rebuilt, in the one
# transaction every migration runs in (migrate), so a journal is either all old or all
# new. Rows edited by hand past a CHECK are copied as they are (they are read as they are).
# The AUTOINCREMENT counter is carried over, so a deleted entry's number stays unused.
SESSIONS_AND_EDITS = Migration(
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
)

# Function as well as pain (issue 24): the answers to the PEG, the Roland-Morris questionnaire
# and the Patient-Specific Functional Scale, each dated; leg and back pain apart on an entry
# (both optional: older entries keep their single rating); and settings, one value a name (when
# the episode began, the PSFS activities). Answers are kept as given (JSON, null for an item
# left out), and scored when read, so that a scoring rule can be corrected without a migration.
MEASURES = Migration(
    4,
    "measures, leg and back pain, settings",
    (
        # Adding a column with a CHECK checks every row's CHECKs: a row edited by hand past
        # one (read as it is) must not stop the upgrade.
        "PRAGMA ignore_check_constraints = ON",
        "ALTER TABLE entries ADD COLUMN leg_pain INTEGER CHECK (leg_pain BETWEEN 0 AND 10)",
        "ALTER TABLE entries ADD COLUMN back_pain INTEGER CHECK (back_pain BETWEEN 0 AND 10)",
        """CREATE TABLE measures (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            taken_at TEXT NOT NULL,
            measure TEXT NOT NULL CHECK (measure IN ('peg', 'rmdq', 'psfs')),
            answers TEXT NOT NULL,
            activities TEXT,
            CHECK ((measure = 'psfs') = (activities IS NOT NULL))
        )""",
        "CREATE INDEX measures_by_time ON measures (measure, taken_at)",
        """CREATE TABLE settings (
            name TEXT PRIMARY KEY,
            value TEXT NOT NULL,
            set_at TEXT NOT NULL
        )""",
        "PRAGMA ignore_check_constraints = OFF",
    ),
)

# The safety self-check's answers, saved when the person says so (issue 24): one row per check
# (when, and its verdict's key), one row per answer (the question's id, yes / no / not sure, and
# its words as asked, which a later knowledge base may change). A clinician sees when a red flag
# was answered and how.
CHECK_ANSWERS = Migration(
    5,
    "saved check answers",
    (
        """CREATE TABLE checks (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            taken_at TEXT NOT NULL,
            verdict TEXT NOT NULL
        )""",
        "CREATE INDEX checks_by_time ON checks (taken_at)",
        """CREATE TABLE check_answers (
            check_id INTEGER NOT NULL REFERENCES checks (id),
            question TEXT NOT NULL,
            answer TEXT NOT NULL CHECK (answer IN ('yes', 'no', 'not sure')),
            asked TEXT NOT NULL,
            PRIMARY KEY (check_id, question)
        )""",
    ),
)

# A note the person marks for their doctor or physiotherapist (`log --mark`, issue 24): the
# report always lists it among the notes that matter. 1 marked, 0 not; older entries are not.
MARKED_NOTES = Migration(
    6,
    "marked notes",
    (
        # As in version 4: adding a column with a CHECK checks every row's CHECKs, and a row
        # edited by hand past one (read as it is) must not stop the upgrade.
        "PRAGMA ignore_check_constraints = ON",
        "ALTER TABLE entries ADD COLUMN marked INTEGER NOT NULL DEFAULT 0 CHECK (marked IN (0, 1))",
        "PRAGMA ignore_check_constraints = OFF",
    ),
)

MIGRATIONS: tuple[Migration, ...] = (
    ENTRIES,
    ORIGIN_AND_TIME_INDEX,
    SESSIONS_AND_EDITS,
    MEASURES,
    CHECK_ANSWERS,
    MARKED_NOTES,
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
    4: {
        "migrations": {"version", "name", "applied_at"},
        "entries": {
            "id", "logged_at", "pain_before", "pain_after", "routine", "technique", "note",
            "origin", "session", "edited_at", "leg_pain", "back_pain",
        },
        "edits": {"id", "entry_id", "edited_at", "field", "old_value", "new_value"},
        "measures": {"id", "taken_at", "measure", "answers", "activities"},
        "settings": {"name", "value", "set_at"},
    },
    5: {
        "migrations": {"version", "name", "applied_at"},
        "entries": {
            "id", "logged_at", "pain_before", "pain_after", "routine", "technique", "note",
            "origin", "session", "edited_at", "leg_pain", "back_pain",
        },
        "edits": {"id", "entry_id", "edited_at", "field", "old_value", "new_value"},
        "measures": {"id", "taken_at", "measure", "answers", "activities"},
        "settings": {"name", "value", "set_at"},
        "checks": {"id", "taken_at", "verdict"},
        "check_answers": {"check_id", "question", "answer", "asked"},
    },
    6: {
        "migrations": {"version", "name", "applied_at"},
        "entries": {
            "id", "logged_at", "pain_before", "pain_after", "routine", "technique", "note",
            "origin", "session", "edited_at", "leg_pain", "back_pain", "marked",
        },
        "edits": {"id", "entry_id", "edited_at", "field", "old_value", "new_value"},
        "measures": {"id", "taken_at", "measure", "answers", "activities"},
        "settings": {"name", "value", "set_at"},
        "checks": {"id", "taken_at", "verdict"},
        "check_answers": {"check_id", "question", "answer", "asked"},
    },
}  # fmt: skip


def version_of(connection: sqlite3.Connection) -> int:
    return int(connection.execute("PRAGMA user_version").fetchone()[0])


def upgrade_schema(
    connection: sqlite3.Connection, path: Path, migrations: Sequence[Migration]
) -> None:
    version = version_of(connection)
    if version > migrations[-1].version:
        raise JournalError(newer(path, version, migrations[-1].version))
    if version < migrations[-1].version:
        migrate(connection, path, migrations)


def newer(path: Path, version: int, known: int) -> str:
    return (
        f"{path} was written by a newer sciaticli (journal version {version}; this one knows "
        f"up to {known}). It was left as it is: upgrade sciaticli to use it."
    )


def migrate(connection: sqlite3.Connection, path: Path, migrations: Sequence[Migration]) -> None:
    """Apply the migrations the journal lacks, all in one transaction.

    BEGIN IMMEDIATE takes the write lock first, so two processes upgrading at once take turns
    and the second finds nothing left to do.
    """
    connection.execute("BEGIN IMMEDIATE")
    try:
        version = version_of(connection)
        if version > migrations[-1].version:
            raise JournalError(newer(path, version, migrations[-1].version))
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
