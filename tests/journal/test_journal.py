"""The pain journal's storage: values, migrations, selection, summary, refusing what is not ours."""

from __future__ import annotations

import os
import sqlite3
import stat
from datetime import date, datetime
from pathlib import Path

import pytest

from sciaticli import journal
from sciaticli.cli import values
from sciaticli.errors import JournalError
from sciaticli.journal import Day, NewEntry, Selection
from sciaticli.journal.rows import parse_pain

NOW = datetime(2024, 3, 10, 12, 0, 30)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "home" / journal.FILENAME


def add(path: Path, *entries: NewEntry) -> list[int]:
    with journal.open_journal(path) as opened:
        return [opened.add(entry) for entry in entries]


@pytest.mark.parametrize(("text", "value"), [("0", 0), ("10", 10), (" 7 ", 7), ("+3", 3)])
def test_pain_on_the_scale_is_accepted(text: str, value: int) -> None:
    assert parse_pain(text) == value


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("11", "11 is off the scale; pain is rated 0 (no pain) to 10"),
        ("-1", "-1 is off the scale"),
        ("seven", "'seven' is not a whole number"),
        ("6.5", "'6.5' is not a whole number"),
        ("", "'' is not a whole number"),
    ],
)
def test_pain_off_the_scale_is_refused(text: str, message: str) -> None:
    with pytest.raises(ValueError, match="pain is rated 0 \\(no pain\\) to 10") as error:
        parse_pain(text)
    assert message in str(error.value)


@pytest.mark.parametrize(
    ("text", "stored"),
    [
        ("2024-03-01", "2024-03-01"),
        ("2024-03-01 08:30", "2024-03-01T08:30:00"),
        ("2024-03-01T08:30", "2024-03-01T08:30:00"),
        ("2024-03-10 12:00", "2024-03-10T12:00:00"),  # this very minute
        ("2024-03-10", "2024-03-10"),  # today
        ("today", "2024-03-10"),
        ("yesterday", "2024-03-09"),
        ("Yesterday 20:00", "2024-03-09T20:00:00"),
        ("yesterday  8:05", "2024-03-09T08:05:00"),
        ("today 08:00", "2024-03-10T08:00:00"),
        ("2h ago", "2024-03-10T10:00:30"),
        ("30m ago", "2024-03-10T11:30:30"),
        ("90 min ago", "2024-03-10T10:30:30"),
        ("1 day ago", "2024-03-09T12:00:30"),
        # NOW is Sunday 2024-03-10.
        ("yesterday 9pm", "2024-03-09T21:00:00"),
        ("yesterday 9:30 PM", "2024-03-09T21:30:00"),
        ("today 12am", "2024-03-10T00:00:00"),
        ("today 12pm", "2024-03-10T12:00:00"),
        ("monday", "2024-03-04"),
        ("last monday", "2024-03-04"),
        ("monday 8am", "2024-03-04T08:00:00"),
        ("sunday", "2024-03-10"),  # a weekday alone: the latest, today included
        ("last sunday", "2024-03-03"),  # with last: before today
        ("Last Sat 20:15", "2024-03-09T20:15:00"),
        ("wed 7:05pm", "2024-03-06T19:05:00"),
        ("9am", "2024-03-10T09:00:00"),  # a time alone: today
    ],
)
def test_when_is_stored_as_iso_text(text: str, stored: str) -> None:
    assert values.parse_when(text, NOW) == stored


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("last week", "'last week' is not a date or time; use YYYY-MM-DD"),
        ("tomorrow", "'tomorrow' is not a date or time"),
        ("today 12:01", "2024-03-10 12:01 is in the future"),
        ("yesterday 25:00", "'yesterday 25:00' is not a real date or time"),
        ("2h", "'2h' is not a date or time"),
        ("400 days ago", "'400 days ago' is more than a year ago"),
        ("2024-3-1", "'2024-3-1' is not a date or time"),
        ("2024-03-01 8:30", "'2024-03-01 8:30' is not a date or time"),
        ("2024-02-30", "'2024-02-30' is not a real date or time"),
        ("2024-03-01 24:00", "'2024-03-01 24:00' is not a real date or time"),
        ("2024-03-11", "2024-03-11 is in the future"),
        ("2024-03-10 12:01", "2024-03-10 12:01 is in the future"),
        ("monday 8", "'monday 8' has an hour without minutes or am/pm"),
        ("yesterday 13pm", "'yesterday 13pm' is not a real date or time"),
        ("9:30pm", "2024-03-10 21:30 is in the future"),
        ("next monday", "'next monday' is not a date or time"),
        ("mondays", "'mondays' is not a date or time"),
    ],
)
def test_bad_or_future_when_is_refused(text: str, message: str) -> None:
    with pytest.raises(ValueError) as error:
        values.parse_when(text, NOW)
    assert str(error.value).startswith(message)


def test_since_is_a_day_not_in_the_future() -> None:
    today = date(2024, 3, 10)
    assert values.parse_day("2024-03-10", today) == "2024-03-10"
    for text, message in [
        ("2024-03-11", "2024-03-11 is in the future"),
        ("2024-03-01 10:00", "'2024-03-01 10:00' is not a date; use YYYY-MM-DD"),
        ("March", "'March' is not a date"),
    ]:
        with pytest.raises(ValueError, match=message):
            values.parse_day(text, today)


def test_path_is_under_sciaticli_home_or_the_data_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert journal.journal_path() == Path(os.environ["SCIATICLI_HOME"]) / "journal.sqlite3"
    monkeypatch.delenv("SCIATICLI_HOME")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("HOME", str(tmp_path))
    import platformdirs

    data = Path(platformdirs.user_data_dir("sciaticli", appauthor=False))
    assert journal.journal_path() == data / "journal.sqlite3"


def test_a_new_journal_is_made_private_in_wal_mode_with_every_migration(path: Path) -> None:
    (entry_id,) = add(path, NewEntry("2024-03-01", 6, 4, routine="standing-wall"))
    assert entry_id == 1
    assert stat.S_IMODE(path.stat().st_mode) == 0o600  # health data: the owner's only
    assert sorted(p.name for p in path.parent.iterdir()) == ["journal.sqlite3"]
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert connection.execute("PRAGMA application_id").fetchone() == (journal.APPLICATION_ID,)
        assert connection.execute("PRAGMA user_version").fetchone() == (len(journal.MIGRATIONS),)
        versions = connection.execute("SELECT version, name FROM migrations").fetchall()
    finally:
        connection.close()
    assert versions == [(m.version, m.name) for m in journal.MIGRATIONS]


def test_migrations_are_numbered_in_order_from_one() -> None:
    assert [m.version for m in journal.MIGRATIONS] == list(range(1, len(journal.MIGRATIONS) + 1))
    assert len(journal.MIGRATIONS) >= 2


def test_a_journal_of_the_first_schema_is_upgraded_in_place(path: Path) -> None:
    first = journal.MIGRATIONS[:1]
    with journal.open_journal(path, migrations=first) as opened:
        opened.connection.executemany(
            "INSERT INTO entries (logged_at, pain_before, pain_after, routine, technique, note) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [
                ("2024-01-02T08:00:00", 7, 5, "standing-wall", None, 'first, "quoted" é'),
                ("2024-01-03", 6, 6, None, "shiatsu", None),
            ],
        )
        assert opened.applied_migrations() == [(1, "entries")]
    inode = path.stat().st_ino

    with journal.open_journal(path) as opened:
        assert opened.applied_migrations() == [(m.version, m.name) for m in journal.MIGRATIONS]
        entries = opened.entries()
        indexes = opened.connection.execute("PRAGMA index_list(entries)").fetchall()
    assert path.stat().st_ino == inode  # in place, not a new file
    assert [tuple(entry)[:8] for entry in entries] == [  # without problems
        (1, "2024-01-02T08:00:00", 7, 5, "standing-wall", None, 'first, "quoted" é', "log"),
        (2, "2024-01-03", 6, 6, None, "shiatsu", None, "log"),
    ]
    assert "entries_by_time" in {row[1] for row in indexes}


def test_a_journal_from_a_newer_sciaticli_is_refused_untouched(path: Path) -> None:
    add(path, NewEntry("2024-03-01", 6, 4))
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA user_version = 99")
    connection.close()
    before = path.read_bytes()
    with (
        pytest.raises(JournalError, match="written by a newer sciaticli \\(journal version 99"),
        journal.open_journal(path),
    ):
        pass
    assert path.read_bytes() == before
    # and an older sciaticli (knowing only the first migration) refuses today's journal
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {len(journal.MIGRATIONS)}")
    connection.close()
    with (
        pytest.raises(JournalError, match="this one knows up to 1"),
        journal.existing_journal(path, migrations=journal.MIGRATIONS[:1]),
    ):
        pass


def test_reading_a_missing_journal_makes_nothing(path: Path) -> None:
    with journal.existing_journal(path) as opened:
        assert opened is None
    assert not path.parent.exists()


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b"", "it is an empty file"),
        (b"Dear diary,\n" * 20, "it is not an SQLite database"),
        (b"SQLite format 3\x00 but far too short", "it is not an SQLite database"),
    ],
)
def test_a_file_that_is_not_a_journal_is_named_and_left_alone(
    path: Path, content: bytes, why: str
) -> None:
    path.parent.mkdir()
    path.write_bytes(content)
    for opener in (journal.open_journal, journal.existing_journal):
        with pytest.raises(JournalError) as error, opener(path):
            pass
        assert str(error.value) == (
            f"{path} is not a sciaticli journal ({why}). It was left as it is: move it aside "
            f"(rename it, with any {path.name}-wal and {path.name}-shm beside it) and sciaticli "
            "will start a new journal there."
        )
    assert path.read_bytes() == content
    assert [p.name for p in path.parent.iterdir()] == [journal.FILENAME]


def test_add_get_delete_and_ids_are_never_reused(path: Path) -> None:
    first, second, third = add(
        path,
        NewEntry("2024-03-01T08:00:00", 6, 4, routine="standing-wall"),
        NewEntry("2024-03-02T08:00:00", 5, 5, technique="shiatsu", note="ok"),
        NewEntry("2024-03-03T08:00:00", 4, 2, origin="guided"),
    )
    with journal.open_journal(path) as opened:
        assert opened.delete(third) is True
        assert opened.delete(third) is False
        assert opened.get(third) is None
        fourth = opened.add(NewEntry("2024-03-04", 3, 1))
        remaining = opened.entries()
    assert (first, second, third, fourth) == (1, 2, 3, 4)
    assert [entry.id for entry in remaining] == [1, 2, 4]
    assert remaining[1].note == "ok" and remaining[1].technique == "shiatsu"


def test_the_schema_refuses_impossible_entries(path: Path) -> None:
    add(path)
    with journal.open_journal(path) as opened:
        for bad in (
            NewEntry("2024-03-01", 11, 4),
            NewEntry("2024-03-01", 4, -1),
            NewEntry("2024-03-01", 4, 4, routine="a", technique="b"),
            NewEntry("2024-03-01", 4, 4, origin="elsewhere"),
        ):
            with pytest.raises(sqlite3.IntegrityError):
                opened.add(bad)
        assert opened.entries() == []


def test_selection_since_and_last(path: Path) -> None:
    add(
        path,
        NewEntry("2024-03-03T09:00:00", 5, 3),
        NewEntry("2024-03-01T09:00:00", 7, 6),
        NewEntry("2024-03-02", 6, 4),
        NewEntry("2024-03-02T18:00:00", 6, 5),
        NewEntry("2024-03-04T09:00:00", 4, 2),
    )
    with journal.open_journal(path) as opened:

        def whens(selection: Selection) -> list[str]:
            return [entry.when for entry in opened.entries(selection)]

        assert whens(Selection()) == [
            "2024-03-01T09:00:00",
            "2024-03-02",
            "2024-03-02T18:00:00",
            "2024-03-03T09:00:00",
            "2024-03-04T09:00:00",
        ]
        assert whens(Selection(since="2024-03-02"))[0] == "2024-03-02"
        assert whens(Selection(last=2)) == ["2024-03-03T09:00:00", "2024-03-04T09:00:00"]
        assert whens(Selection(since="2024-03-04", last=3)) == ["2024-03-04T09:00:00"]
        assert opened.days(Selection(last=3)) == [
            Day("2024-03-02", 1, 6, 5, 1, 6),
            Day("2024-03-03", 1, 5, 3, 1, 5),
            Day("2024-03-04", 1, 4, 2, 1, 4),
        ]
        assert opened.days(Selection(since="2024-03-02", last=4))[0] == Day(
            "2024-03-02", 2, 12, 9, 2, 12
        )


def test_summary_per_week_best_and_worst_day() -> None:
    days = [
        Day("2024-03-01", 2, 14, 10, 2, 14),  # after 5.0, change -2.0
        Day("2024-03-05", 1, 6, 2, 1, 6),  # after 2.0, change -4.0
        Day("2024-03-08", 1, 4, 2, 1, 4),  # after 2.0, change -2.0
        Day("2024-03-14", 1, 5, 5, 1, 5),  # after 5.0, change 0.0
    ]
    summary = journal.summarise(days)
    assert summary is not None
    assert summary.sessions == 5
    assert (summary.first_day, summary.last_day) == ("2024-03-01", "2024-03-14")
    assert summary.weeks == 2.0 and summary.sessions_per_week == 2.5
    assert (summary.average_before, summary.average_after) == (29 / 5, 19 / 5)
    assert summary.average_change == -2.0
    assert summary.best_day is not None and summary.worst_day is not None
    assert summary.best_day.day == "2024-03-05"  # tie on 2.0 after: the bigger fall
    assert summary.worst_day.day == "2024-03-14"  # tie on 5.0 after: the smaller fall
    assert journal.summarise([]) is None


def test_a_short_period_counts_as_one_week_and_ties_go_to_the_later_day() -> None:
    summary = journal.summarise(
        [Day("2024-03-01", 2, 8, 6, 2, 8), Day("2024-03-02", 1, 4, 3, 1, 4)]
    )
    assert summary is not None
    assert summary.weeks == 1.0 and summary.sessions_per_week == 3.0
    assert summary.best_day is not None and summary.worst_day is not None
    assert summary.best_day.day == summary.worst_day.day == "2024-03-02"


def test_without_hard_links_a_new_journal_is_copied_into_place(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(source: object, target: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    add(path, NewEntry("2024-03-01", 6, 4))
    with journal.existing_journal(path) as opened:
        assert opened is not None
        assert [entry.pain_after for entry in opened.entries()] == [4]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert sorted(p.name for p in path.parent.iterdir()) == ["journal.sqlite3"]


def test_a_journal_that_cannot_be_made_is_a_clear_error(path: Path) -> None:
    path.parent.parent.mkdir(exist_ok=True)
    path.parent.write_text("a file where the folder should be")
    with pytest.raises(JournalError, match=f"cannot make the journal {path}: File exists"):
        add(path, NewEntry("2024-03-01", 6, 4))
    with journal.existing_journal(path) as opened:  # nothing to read there: no entries
        assert opened is None
    assert path.parent.read_text() == "a file where the folder should be"
