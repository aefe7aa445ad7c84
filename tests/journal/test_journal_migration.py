"""Journal version 3: the table rebuilt (pain after optional, sessions, edits), in one
transaction, on a journal of the old schema; edits recorded."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest

from sciaticli import journal
from sciaticli.errors import JournalError
from sciaticli.journal import Migration, NewEntry

OLD = journal.MIGRATIONS[:2]


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "home" / journal.FILENAME


def old_journal(path: Path) -> None:
    """A version-2 journal: entries 1-4 logged, 4 deleted (so the next number is 5), and one
    row edited by hand past a CHECK."""
    with journal.open_journal(path, migrations=OLD) as opened:
        opened.connection.executemany(
            "INSERT INTO entries (logged_at, pain_before, pain_after, routine, note, origin) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [
                ("2024-01-02T08:00:00", 7, 5, "standing-wall", "first", "log"),
                ("2024-01-03", 6, 6, None, None, "guided"),
                ("2024-01-04", 6, 3, None, None, "log"),
                ("2024-01-05", 6, 3, None, None, "log"),
            ],
        )
        opened.connection.execute("DELETE FROM entries WHERE id = 4")
        opened.connection.execute("PRAGMA ignore_check_constraints = ON")
        opened.connection.execute("UPDATE entries SET pain_after = 12 WHERE id = 3")
        assert [version for version, _ in opened.applied_migrations()] == [1, 2]


def test_an_old_journal_is_rebuilt_in_place_keeping_every_row_and_number(path: Path) -> None:
    old_journal(path)
    inode = path.stat().st_ino
    with journal.open_journal(path) as opened:
        assert [v for v, _ in opened.applied_migrations()] == [1, 2, 3, 4, 5, 6]
        entries = opened.entries()
        new_id = opened.add(NewEntry("2024-01-06", 5, None, session="none"))
        columns = [row[1] for row in opened.connection.execute("PRAGMA table_info(entries)")]
        indexes = {row[1] for row in opened.connection.execute("PRAGMA index_list(entries)")}
        tables = {
            name
            for (name,) in opened.connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
            )
        }
    assert path.stat().st_ino == inode
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [(e.id, e.when, e.pain_before, e.pain_after, e.origin, e.session) for e in entries] == [
        (1, "2024-01-02T08:00:00", 7, 5, "log", "full"),
        (2, "2024-01-03", 6, 6, "guided", "full"),
        (3, "2024-01-04", 6, 12, "log", "full"),  # past the CHECK, copied as it was
    ]
    assert entries[0].routine == "standing-wall" and entries[0].note == "first"
    assert new_id == 5  # the deleted entry's number 4 is not given again
    assert columns[-5:] == ["session", "edited_at", "leg_pain", "back_pain", "marked"]
    assert "entries_by_time" in indexes
    assert "entries_new" not in tables and "edits" in tables


def test_a_migration_that_fails_leaves_the_old_journal_as_it_was(path: Path) -> None:
    old_journal(path)
    third = journal.MIGRATIONS[2]
    # The same rebuild, failing after the old table is dropped and the new one renamed.
    broken = Migration(3, third.name, (*third.statements[:9], "SELECT no_such_function()"))
    with pytest.raises(JournalError), journal.open_journal(path, migrations=(*OLD, broken)):
        pass
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA user_version").fetchone() == (2,)
        columns = [row[1] for row in connection.execute("PRAGMA table_info(entries)")]
        assert "session" not in columns
        assert connection.execute("SELECT count(*) FROM entries").fetchone() == (3,)
        names = {n for (n,) in connection.execute("SELECT name FROM sqlite_master")}
        assert "entries_new" not in names and "edits" not in names
    finally:
        connection.close()
    with journal.open_journal(path) as opened:  # and the real migration still works after
        assert len(opened.entries()) == 3


def test_the_pain_after_is_optional_except_for_a_full_session(path: Path) -> None:
    with journal.open_journal(path) as opened:
        opened.add(NewEntry("2024-03-01", 8, None, session="none"))
        opened.add(NewEntry("2024-03-01", 6, None, routine="standing-wall", session="partial"))
        opened.add(NewEntry("2024-03-01", 6, 4, session="partial"))
        for wrong in (
            NewEntry("2024-03-01", 6, None),  # a full session has a pain after
            NewEntry("2024-03-01", 6, 4, session="none"),  # a rating alone has none
            NewEntry("2024-03-01", 6, 4, session="half"),
        ):
            with pytest.raises(sqlite3.IntegrityError):
                opened.add(wrong)
        (day,) = opened.days()
        entries = opened.entries()
    assert [e.change for e in entries] == [None, None, -2]
    assert (day.sessions, day.rated, day.partial) == (3, 1, 2)
    assert (day.average_before, day.average_after, day.average_change) == (20 / 3, 4, -2)
    summary = journal.summarise([day])
    assert summary is not None
    assert (summary.rated, summary.partial, summary.average_after) == (1, 2, 4)


def test_a_day_of_ratings_alone_has_no_average_after_nor_best_day(path: Path) -> None:
    with journal.open_journal(path) as opened:
        opened.add(NewEntry("2024-03-01", 9, None, session="none"))
        days = opened.days()
    summary = journal.summarise(days)
    assert summary is not None
    assert (summary.average_after, summary.average_change, summary.best_day) == (None, None, None)


def test_an_edit_changes_the_fields_and_records_old_and_new_values(path: Path) -> None:
    with journal.open_journal(path) as opened:
        entry_id = opened.add(NewEntry("2024-03-01T08:00:00", 7, 4, routine="standing-wall"))
        made = opened.edit(
            entry_id,
            {"pain_after": 5, "note": "typo fixed", "routine": "standing-wall"},
            "2024-03-02T09:00:00",
        )
        assert made is not None
        assert [(e.field, e.old_value, e.new_value) for e in made] == [
            ("pain_after", 4, 5),
            ("note", None, "typo fixed"),
        ]  # the routine was already so: not an edit
        entry = opened.get(entry_id)
        assert entry is not None
        assert (entry.pain_after, entry.note, entry.edited) == (
            5,
            "typo fixed",
            "2024-03-02T09:00:00",
        )
        assert opened.edits(entry_id) == made
        assert opened.edit(entry_id, {"pain_after": 5}, "2024-03-03") == []
        assert opened.edit(99, {"pain_after": 5}, "2024-03-03") is None
        with pytest.raises(sqlite3.IntegrityError):  # a full session keeps a pain after
            opened.edit(entry_id, {"pain_after": None}, "2024-03-03")
        assert opened.get(entry_id) == entry  # nothing half done
        assert len(opened.edits(entry_id)) == 2
        assert opened.delete(entry_id)
        assert opened.edits(entry_id) == []  # the old values go with the entry


def test_an_edit_refuses_a_field_that_is_not_editable(path: Path) -> None:
    with journal.open_journal(path) as opened:
        entry_id = opened.add(NewEntry("2024-03-01", 7, 4))
        with pytest.raises(ValueError, match="cannot edit id"):
            opened.edit(entry_id, {"id": 9}, "2024-03-02")
