"""The pain journal: one SQLite file of entries (pain before and after a routine or massage).

One job a module:
    rows         entries, new entries and edits as stored; rows edited by hand read safely
    stats        each day's entries added up, and the summary under `history`
    checks       the safety self-check's answers, saved with their date and verdict
    measures     the function measures (PEG, RMDQ, PSFS): scoring, meaningful change, summaries
    forms        the measures' own words, exactly as printed, and a form answered in part
    schema       the tables, and the migrations that make them, as named steps
    file         telling the file from other files, connecting (read-only too), making it
    location     where it lives: the user's data folder, and the move from the old place
    store        the Journal: an open, checked journal, and its queries
    opening      opening a journal: made if there is none, checked, upgraded
    maintenance  `journal check` (health) and `journal backup` (a copy that replaces nothing)

The names the rest of sciaticli uses are here. Core code: it never prints; every problem is a
JournalError naming the file. Days and times typed on the command line are parsed in
sciaticli.cli; a pain rating, typed there or at a guided routine's question, by rows.parse_pain.
"""

from sciaticli.journal.checks import CheckAnswer, SavedCheck
from sciaticli.journal.file import FILENAME, journal_exists, remove_orphans
from sciaticli.journal.location import journal_path
from sciaticli.journal.maintenance import HEALTH_LISTED, Health, backup, check_health
from sciaticli.journal.opening import existing_journal, open_journal
from sciaticli.journal.rows import (
    EDITABLE,
    ORIGINS,
    SESSIONS,
    Edit,
    Entry,
    NewEntry,
    now_text,
    shown_value,
)
from sciaticli.journal.schema import APPLICATION_ID, MIGRATIONS, Migration
from sciaticli.journal.stats import (
    Day,
    DayTally,
    Summary,
    sessions_per_week,
    summarise,
)
from sciaticli.journal.store import CHUNK_ROWS, EVERY_ENTRY, Journal, Selection

__all__ = [
    "APPLICATION_ID",
    "CHUNK_ROWS",
    "EDITABLE",
    "EVERY_ENTRY",
    "FILENAME",
    "HEALTH_LISTED",
    "MIGRATIONS",
    "ORIGINS",
    "SESSIONS",
    "CheckAnswer",
    "Day",
    "DayTally",
    "Edit",
    "Entry",
    "Health",
    "Journal",
    "Migration",
    "NewEntry",
    "SavedCheck",
    "Selection",
    "Summary",
    "backup",
    "check_health",
    "existing_journal",
    "journal_exists",
    "journal_path",
    "now_text",
    "open_journal",
    "remove_orphans",
    "sessions_per_week",
    "shown_value",
    "summarise",
]
