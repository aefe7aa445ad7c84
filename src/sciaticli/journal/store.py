"""The journal store: the Journal, an open, checked, up-to-date journal, and its queries
(entries and their edits, days, measures, saved self-checks, settings). Opening one is
journal.opening's job.

Core code: it never prints; every problem is a JournalError naming the file.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, NamedTuple

from sciaticli.journal.checks import CheckAnswer, SavedCheck
from sciaticli.journal.measures import Measure, NewMeasure, draft_name, measure_from_row
from sciaticli.journal.rows import (
    COLUMNS,
    EDITABLE,
    Edit,
    Entry,
    NewEntry,
    entry_from_row,
    export_well_formed,
    is_day,
    well_formed,
)
from sciaticli.journal.stats import Day

# Entries read from the cursor at a time (history streams them to the output).
CHUNK_ROWS = 2000


class Selection(NamedTuple):
    """Which entries: on or after `since` (a day), then the newest `last` of those."""

    since: str | None = None
    last: int | None = None


EVERY_ENTRY = Selection()


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
        return entry_from_row(row) if row is not None else None

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
        else is read row by row (entry_from_row)."""
        query, parameters = _selected(selection)
        order = "DESC" if newest_first else ""
        cursor = self.connection.execute(
            f"SELECT *, NULL FROM ({query}) ORDER BY logged_at {order}, id {order}", parameters
        )
        while rows := cursor.fetchmany(CHUNK_ROWS):
            if well_formed(rows):
                yield list(map(Entry._make, rows))
            else:
                yield [entry_from_row(row[:13]) for row in rows]

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
        origin, session, edited, note, leg pain, back pain, marked (0 or 1); None for nothing.

        Each chunk comes as (rows, None) when its rows are as sciaticli writes them (checked
        a column at a time), or as ([], entries) when one of them is not: the chunk read again
        row by row (entry_from_row), for the caller to show as stored, as `entries` would."""
        query, parameters = _selected(selection)
        order = "DESC" if newest_first else ""
        routine_name, routine_values = _name_case("routine", names[0])
        technique_name, technique_values = _name_case("technique", names[1])
        cursor = self.connection.execute(
            "SELECT id, logged_at, routine, technique, "
            f"CASE WHEN routine IS NOT NULL THEN {routine_name} "
            f"WHEN technique IS NOT NULL THEN {technique_name} END, "
            "pain_before, pain_after, pain_after - pain_before, origin, session, edited_at, "
            f"note, leg_pain, back_pain, marked FROM ({query}) ORDER BY logged_at {order}, "
            f"id {order}",
            [*routine_values, *technique_values, *parameters],
        )
        while rows := cursor.fetchmany(CHUNK_ROWS):
            if export_well_formed(rows):
                yield rows, None
            else:
                yield [], [self._raw_entry(row[0]) for row in rows]

    def _raw_entry(self, entry_id: int) -> Entry:
        row = self.connection.execute(
            f"SELECT {COLUMNS} FROM entries WHERE id = ?", (entry_id,)
        ).fetchone()
        return entry_from_row(row)

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
            "count(CASE WHEN session = 'partial' THEN 1 END), "
            "count(CASE WHEN session = 'none' THEN 1 END) "
            f"FROM ({query}) WHERE typeof(logged_at) = 'text' AND logged_at "
            "GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*' "
            "AND typeof(pain_before) IN ('integer', 'real') "
            "AND typeof(pain_after) IN ('integer', 'real', 'null') GROUP BY day ORDER BY day",
            parameters,
        )
        while chunk := rows.fetchmany(CHUNK_ROWS):
            yield from (day for day in map(Day._make, chunk) if is_day(day.day))

    def add_measure(self, measure: NewMeasure, *, keep_activities: bool = False) -> int:
        """Record one measure's answers (JSON, null for an item left out); its id. With
        `keep_activities`, its PSFS activities are kept for the next times, in the same
        transaction (both or neither). A draft of the same measure (`draft_name`: a form
        stopped part way) is removed in that transaction: the form is done."""
        activities = None if measure.activities is None else json.dumps(list(measure.activities))
        with self._transaction():
            cursor = self.connection.execute(
                "INSERT INTO measures (taken_at, measure, answers, activities) VALUES (?, ?, ?, ?)",
                (measure.when, measure.measure, json.dumps(list(measure.answers)), activities),
            )
            if keep_activities and activities is not None:
                self.set_setting("psfs_activities", activities, measure.when)
            self.connection.execute(
                "DELETE FROM settings WHERE name = ?", (draft_name(measure.measure),)
            )
        return int(cursor.lastrowid or 0)

    def measures(self, measure: str | None = None) -> list[Measure]:
        """The recorded measures (one kind with `measure`), oldest first."""
        where, parameters = ("WHERE measure = ?", [measure]) if measure else ("", [])
        return [
            measure_from_row(row)
            for row in self.connection.execute(
                "SELECT id, taken_at, measure, answers, activities FROM measures "
                f"{where} ORDER BY taken_at, id",
                parameters,
            )
        ]

    def add_check(self, when: str, verdict: str, answers: Sequence[CheckAnswer]) -> int:
        """Save one self-check's answers and its verdict (a key of sciaticli.safety.VERDICTS),
        in one transaction; the check's id."""
        with self._transaction():
            cursor = self.connection.execute(
                "INSERT INTO checks (taken_at, verdict) VALUES (?, ?)", (when, verdict)
            )
            check_id = int(cursor.lastrowid or 0)
            self.connection.executemany(
                "INSERT INTO check_answers (check_id, question, answer, asked) VALUES (?, ?, ?, ?)",
                [(check_id, *answer) for answer in answers],
            )
        return check_id

    def check_answers(self, since: str | None = None) -> list[SavedCheck]:
        """The saved self-checks taken on or after `since` (a day or a time; all without it),
        oldest first, each with its answers in the order they were asked."""
        where, parameters = ("WHERE taken_at >= ?", [since]) if since is not None else ("", [])
        checks = self.connection.execute(
            f"SELECT id, taken_at, verdict FROM checks {where} ORDER BY taken_at, id", parameters
        ).fetchall()
        answers: dict[int, list[CheckAnswer]] = {}
        for check_id, question, answer, asked in self.connection.execute(
            "SELECT check_id, question, answer, asked FROM check_answers "
            f"WHERE check_id IN (SELECT id FROM checks {where}) ORDER BY check_id, rowid",
            parameters,
        ):
            answers.setdefault(int(check_id), []).append(
                CheckAnswer(str(question), str(answer), str(asked))
            )
        return [
            SavedCheck(int(i), str(when), str(verdict), tuple(answers.get(int(i), ())))
            for i, when, verdict in checks
        ]

    def setting(self, name: str) -> str | None:
        row = self.connection.execute(
            "SELECT value FROM settings WHERE name = ?", (name,)
        ).fetchone()
        return None if row is None else str(row[0])

    def set_setting(self, name: str, value: str, when: str) -> None:
        self.connection.execute(
            "INSERT INTO settings (name, value, set_at) VALUES (?, ?, ?) ON CONFLICT (name) "
            "DO UPDATE SET value = excluded.value, set_at = excluded.set_at",
            (name, value, when),
        )

    def applied_migrations(self) -> list[tuple[int, str]]:
        return [
            (int(version), str(name))
            for version, name in self.connection.execute(
                "SELECT version, name FROM migrations ORDER BY version"
            )
        ]


_INSERT = (
    "INSERT INTO entries "
    "(logged_at, pain_before, pain_after, routine, technique, note, origin, session, leg_pain, "
    "back_pain, marked) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def _name_case(column: str, names: dict[str, str]) -> tuple[str, list[str]]:
    """An SQL expression for the name of `column`'s id (the id itself if it has none), and
    its parameters."""
    if not names:
        return column, []
    cases = " ".join("WHEN ? THEN ?" for _ in names)
    return f"(CASE {column} {cases} ELSE {column} END)", [v for item in names.items() for v in item]


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
