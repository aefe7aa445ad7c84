"""Notes marked for a clinician (issue 24 §2): journal version 6 adds the mark in one
transaction (older entries unmarked, a failed upgrade leaves the file as it was, a newer journal
is refused); `log --mark`, `history --edit --mark/--unmark`; history shows and exports it, and
the report lists a marked note among the notes that matter."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sciaticli import journal
from sciaticli.cli.main import app
from sciaticli.errors import JournalError
from sciaticli.journal import Migration, NewEntry
from sciaticli.journal.schema import MARKED_NOTES

BEFORE_MARKS = journal.MIGRATIONS[: MARKED_NOTES.version - 1]


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "home" / journal.FILENAME


def unmarked_journal(path: Path) -> None:
    """A journal of the version before the marks, with an entry and a row edited by hand past
    a CHECK (pain after 12), as a sciaticli of that version wrote them."""
    with journal.open_journal(path, migrations=BEFORE_MARKS) as opened:
        opened.connection.executemany(
            "INSERT INTO entries (logged_at, pain_before, pain_after, note) VALUES (?, ?, ?, ?)",
            [("2024-01-02T08:00:00", 7, 5, "first"), ("2024-01-03", 6, 5, None)],
        )
        opened.connection.execute("PRAGMA ignore_check_constraints = ON")
        opened.connection.execute("UPDATE entries SET pain_after = 12 WHERE id = 2")


def test_an_older_journal_gains_the_mark_and_its_entries_are_unmarked(path: Path) -> None:
    unmarked_journal(path)
    with journal.open_journal(path) as opened:
        assert [v for v, _ in opened.applied_migrations()] == [1, 2, 3, 4, 5, 6]
        entries = opened.entries()
        new_id = opened.add(NewEntry("2024-01-04", 5, 3, note="tingling", marked=True))
        marks = opened.connection.execute("SELECT id, marked FROM entries").fetchall()
    assert [(e.id, e.note, e.marked, e.pain_after) for e in entries] == [
        (1, "first", 0, 5),
        (2, None, 0, 12),  # past the CHECK, kept as it was
    ]
    assert marks == [(1, 0), (2, 0), (new_id, 1)]


def test_a_failed_upgrade_leaves_the_journal_exactly_as_it_was(path: Path) -> None:
    unmarked_journal(path)
    before = path.read_bytes()
    broken = Migration(
        MARKED_NOTES.version, MARKED_NOTES.name, (*MARKED_NOTES.statements, "SELECT nothing()")
    )
    with (
        pytest.raises(JournalError),
        journal.open_journal(path, migrations=(*BEFORE_MARKS, broken)),
    ):
        pass
    connection = sqlite3.connect(path)
    try:
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        columns = [row[1] for row in connection.execute("PRAGMA table_info(entries)")]
    finally:
        connection.close()
    assert version == MARKED_NOTES.version - 1 and "marked" not in columns
    assert path.read_bytes() == before


def test_a_journal_with_marks_is_refused_by_a_sciaticli_that_knows_none(path: Path) -> None:
    with journal.open_journal(path) as opened:
        opened.add(NewEntry("2024-01-04", 5, 3, note="tingling", marked=True))
    before = path.read_bytes()
    with (
        pytest.raises(
            JournalError, match=r"newer sciaticli \(journal version 6; this one knows up to 5"
        ),
        journal.existing_journal(path, migrations=BEFORE_MARKS),
    ):
        pass
    assert path.read_bytes() == before


def test_a_mark_edited_by_hand_into_something_else_is_read_unmarked_and_warned(
    path: Path,
) -> None:
    with journal.open_journal(path) as opened:
        opened.add(NewEntry("2024-01-04", 5, 3, note="tingling"))
        opened.connection.execute("PRAGMA ignore_check_constraints = ON")
        opened.connection.execute("UPDATE entries SET marked = 2")
        (entry,) = opened.entries()
    assert entry.marked == 0
    assert entry.problems == ("its mark is not 0 or 1 ('2')",)


# --- through the command line --------------------------------------------------------------------


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


LOG = ("log", "6", "5", "--when", "2024-03-04 09:00")


def test_log_marks_the_note_and_history_shows_and_exports_it() -> None:
    code, out, _ = invoke(*LOG, "--note", "Stopped: tingling in foot on right side", "--mark")
    assert code == 0
    assert out.endswith(" The note is marked: the report lists it among the notes that matter.\n")
    assert invoke(*LOG, "--note", "Best week so far")[0] == 0
    plain = invoke("history", "-f", "plain")[1]
    assert "\t[marked] Stopped: tingling in foot on right side\n" in plain
    assert "\tBest week so far\n" in plain
    entries = json.loads(invoke("history", "-f", "json")[1])["entries"]
    assert [entry["marked"] for entry in entries] == [True, False]
    rows = list(csv.DictReader(io.StringIO(invoke("history", "-f", "csv")[1])))
    assert [row["marked"] for row in rows] == ["1", "0"]


def test_log_mark_without_a_note_is_a_usage_error_and_saves_nothing() -> None:
    code, _, err = invoke(*LOG, "--mark")
    assert code == 2 and "--mark marks the note for your doctor or physiotherapist" in err
    assert not journal.journal_path().exists()


def test_history_edit_marks_and_unmarks_a_note_and_records_it() -> None:
    assert invoke(*LOG, "--note", "Numb toes after sitting")[0] == 0
    assert invoke(*LOG)[0] == 0  # entry 2: no note
    code, out, _ = invoke("history", "--edit", "1", "--mark")
    assert code == 0 and out.startswith("Edited entry 1 (the change is recorded):")
    assert "marked" in out
    with journal.existing_journal(journal.journal_path()) as opened:
        assert opened is not None
        assert opened.get(1) is not None and opened.get(1).marked == 1  # type: ignore[union-attr]
        assert [(e.field, e.old_value, e.new_value) for e in opened.edits(1)] == [("marked", 0, 1)]
    assert invoke("history", "--edit", "1", "--unmark")[0] == 0
    assert json.loads(invoke("history", "-f", "json")[1])["entries"][0]["marked"] is False
    code, _, err = invoke("history", "--edit", "2", "--mark")
    assert code == 2 and "entry 2 has no note to mark" in err
    assert invoke("history", "--mark")[0] == 2  # a change needs --edit


def test_the_report_lists_a_marked_note_among_the_notes_that_matter() -> None:
    from datetime import date, timedelta

    today = date.today()
    days = [today - timedelta(days=ago) for ago in (20, 19, 18, 10, 3, 2, 1)]
    for index, day in enumerate(days):
        args = ["log", "5", "4", "--when", f"{day} 09:00", "--note", f"note {index}"]
        assert invoke(*args, *(["--mark"] if index == 0 else []))[0] == 0
    text = invoke("report", "-f", "plain")[1]
    assert f"Notes that matter\n\nDay\tWhy\tNote\n{days[0]}\tmarked to discuss\tnote 0\n" in text
    assert "Other notes (the newest 4 of 6, shortened)" in text
    notes = json.loads(invoke("report", "-f", "json")[1])["notes"]
    assert notes[0] == {"day": str(days[0]), "note": "note 0", "why": ["marked to discuss"]}
