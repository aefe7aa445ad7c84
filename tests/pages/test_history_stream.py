"""`history` streams its entries: the output is byte for byte the page drawn whole, in every
format and order, across chunk boundaries, with rows edited by hand among the others."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from sciaticli import journal
from sciaticli.cli.main import app
from sciaticli.journal import Day, NewEntry, Selection
from sciaticli.knowledge import load_knowledge_base
from sciaticli.pages.history import history_csv, history_json
from sciaticli.pages.journal import history_page, terminal_history_page
from sciaticli.render import jsonstream, text
from sciaticli.render.document import JsonStream, Streamed
from sciaticli.render.safe import json_text, visible, visible_in_csv

NOTES = (
    None,
    "felt looser",
    'sore "spot", 2 cm',
    "a\u2028b\x85c\x1cd  ",
    "=SUM(A1)",
    "é \u202e",
    "a\n=b",
    "\tx",
)
# Rows edited by hand into what sciaticli would not write (each on its own entry id).
HAND_EDITS = (
    "UPDATE entries SET pain_before = 'x' WHERE id = 7",
    "UPDATE entries SET pain_before = 3.5, pain_after = 2.25 WHERE id = 8",
    "UPDATE entries SET logged_at = 12345 WHERE id = 9",
    "UPDATE entries SET logged_at = '2001-02-30T10:00:00' WHERE id = 10",
    "UPDATE entries SET pain_after = 1e999 WHERE id = 11",
    "UPDATE entries SET routine = 'gone-routine' WHERE id = 12",
    "UPDATE entries SET note = '-1+1', edited_at = '2024-01-01T00:00:00' WHERE id = 13",
    "UPDATE entries SET origin = 'import' WHERE id = 14",
)


def make_journal(count: int, *, edits: tuple[str, ...] = HAND_EDITS) -> Path:
    path = journal.journal_path()
    entries = [
        NewEntry(
            when=f"2024-{1 + number // 28 % 12:02d}-{1 + number % 28:02d}T{number % 24:02d}:00:00",
            pain_before=number % 11,
            pain_after=None if number % 9 == 4 else (number * 7) % 11,
            routine="standing-wall" if number % 3 == 0 else None,
            technique="shiatsu" if number % 3 == 1 else None,
            note=NOTES[number % len(NOTES)],
            origin="guided" if number % 4 == 0 else "log",
            session="none" if number % 9 == 4 else "partial" if number % 5 == 0 else "full",
        )
        for number in range(count)
    ]
    with journal.open_journal(path) as opened:
        opened.add_many(entries)
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA ignore_check_constraints = ON")
    for statement in edits:
        connection.execute(statement)
    connection.commit()
    connection.close()
    return path


def drawn_whole(fmt: str, selection: Selection, newest_first: bool) -> str:
    """The page as history drew it before streaming: every entry in one list, then one text."""
    with journal.existing_journal(journal.journal_path()) as opened:
        assert opened is not None
        entries = opened.entries(selection, newest_first=newest_first)
        days = opened.days(selection)
    kb = load_knowledge_base()
    summary = journal.summarise(days)
    if fmt == "csv":
        return visible_in_csv(history_csv(entries, kb))
    if fmt == "json":
        # Laid out as json.dumps(indent=2) lays it out, but each entry and day on one line
        # (render.jsonstream): here from the whole lists, in one chunk.
        data = history_json(entries, days, summary, kb)
        members = (
            ("entries", Streamed([data["entries"]])),
            ("days", Streamed([data["days"]])),
            ("summary", data["summary"]),
        )
        return json_text("".join(jsonstream.pieces(JsonStream(members))))
    page = history_page(entries, days, summary, kb, selection)
    return visible((text.plain if fmt == "plain" else text.markdown)(page))


@pytest.mark.parametrize("fmt", ["plain", "markdown", "json", "csv"])
@pytest.mark.parametrize(
    ("options", "selection", "newest_first"),
    [
        ([], Selection(), False),
        (["--newest-first"], Selection(), True),
        (["--last", "17"], Selection(last=17), False),
        (["--since", "2024-02-10"], Selection(since="2024-02-10"), False),
        (["--since", "2024-02-10", "--last", "5", "--reverse"], Selection("2024-02-10", 5), True),
    ],
)
def test_streamed_history_is_the_page_drawn_whole(
    runner: CliRunner,
    monkeypatch: pytest.MonkeyPatch,
    fmt: str,
    options: list[str],
    selection: Selection,
    newest_first: bool,
) -> None:
    make_journal(60)
    expected = drawn_whole(fmt, selection, newest_first)
    for chunk_rows in (1, 3, 7, 2000):  # chunk boundaries everywhere, and one chunk
        monkeypatch.setattr(journal, "CHUNK_ROWS", chunk_rows)
        result = runner.invoke(app, ["history", "-f", fmt, *options])
        assert result.exit_code == 0, result.output
        assert result.stdout == expected, chunk_rows
        if fmt == "json":  # the documented shape, each entry and day on a line of its own
            assert json.loads(result.stdout) == json.loads(expected)
            entries = json.loads(result.stdout)["entries"]
            lines = [line for line in result.stdout.split("\n") if line.startswith('    {"id"')]
            assert [json.loads(line.rstrip(",")) for line in lines] == entries


@pytest.mark.parametrize("fmt", ["plain", "markdown", "json", "csv"])
def test_every_row_edited_by_hand_is_warned_about_after_the_output(
    runner: CliRunner, fmt: str
) -> None:
    make_journal(20)
    result = runner.invoke(app, ["history", "-f", fmt])
    assert result.exit_code == 0
    warned = [line for line in result.stderr.splitlines() if line.startswith("Warning:")]
    assert sorted(line.split(":")[1] for line in warned) == sorted(
        f" journal entry {entry_id}" for entry_id in (7, 9, 10, 14)
    )
    assert result.stdout  # the output came first, then the warnings


@pytest.mark.parametrize("fmt", ["plain", "markdown", "json", "csv"])
def test_a_journal_whose_rows_all_fail_is_drawn_as_before(runner: CliRunner, fmt: str) -> None:
    make_journal(3, edits=("UPDATE entries SET pain_before = 'x'",))
    expected = drawn_whole(fmt, Selection(), False)
    result = runner.invoke(app, ["history", "-f", fmt])
    assert result.stdout == expected
    assert result.stderr.count("Warning:") == 3


def test_the_rich_view_reads_the_newest_rows_and_the_days_the_chart_draws(
    runner: CliRunner,
) -> None:
    make_journal(120)
    with journal.existing_journal(journal.journal_path()) as opened:
        assert opened is not None
        days = opened.days()
        entries = opened.entries(Selection(last=50))
    kb = load_knowledge_base()
    page = terminal_history_page(entries, days, journal.summarise(days), kb, Selection())
    result = runner.invoke(app, ["history", "-f", "rich", "--color", "never"])
    assert result.exit_code == 0
    from sciaticli.render import terminal

    assert result.stdout == terminal.render(page, color=False, width=80, encoding="utf-8")


def test_a_non_utf8_output_is_drawn_whole_as_before(tmp_path: Path) -> None:
    """One character a narrow encoding cannot take turns the whole page into its ASCII
    spelling, so on such a stream the pieces are joined first."""
    import os
    import subprocess
    import sys

    make_journal(30)
    env = {**os.environ, "PYTHONIOENCODING": "latin-1"}
    result = subprocess.run(
        [sys.executable, "-m", "sciaticli", "history", "-f", "plain"],
        capture_output=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0
    expected = drawn_whole("plain", Selection(), False)
    from sciaticli.render.output import to_ascii

    try:
        expected.encode("latin-1")
    except UnicodeEncodeError:
        expected = to_ascii(expected).encode("ascii", "replace").decode("ascii")
    assert result.stdout.decode("latin-1") == expected


# --- the summary, added up a day at a time ------------------------------------------------------


def summarise_as_before(days: list[Day]) -> journal.Summary | None:
    """The summary as it was computed from the whole list of days."""
    if not days:
        return None
    sessions = sum(day.sessions for day in days)
    before = sum(day.total_before for day in days)
    rated = sum(day.rated for day in days)
    after = sum(day.total_after for day in days)
    rated_before = sum(day.rated_before for day in days)
    span = (date.fromisoformat(days[-1].day) - date.fromisoformat(days[0].day)).days + 1
    weeks = max(span, 7) / 7

    def key(day: Day) -> tuple[float, float]:
        return (day.average_after or 0.0, day.average_change or 0.0)

    latest_first = [day for day in reversed(days) if day.rated]
    return journal.Summary(
        sessions=sessions,
        first_day=days[0].day,
        last_day=days[-1].day,
        weeks=weeks,
        sessions_per_week=sessions / weeks,
        average_before=before / sessions,
        average_after=after / rated if rated else None,
        average_change=(after - rated_before) / rated if rated else None,
        best_day=min(latest_first, key=key, default=None),
        worst_day=max(latest_first, key=key, default=None),
        rated=rated,
        partial=sum(day.partial for day in days),
    )


@st.composite
def day_lists(draw: Any) -> list[Day]:
    count = draw(st.integers(0, 30))
    ordinals = sorted(draw(st.sets(st.integers(738000, 738400), min_size=count, max_size=count)))
    days = []
    for ordinal in ordinals:
        sessions = draw(st.integers(1, 4))
        rated = draw(st.integers(0, sessions))
        total_before = draw(st.integers(0, 10 * sessions))
        days.append(
            Day(
                date.fromordinal(ordinal).isoformat(),
                sessions,
                total_before,
                draw(st.integers(0, 10 * rated)),  # few values: many ties for best and worst
                rated,
                draw(st.integers(0, 10 * rated)),
                draw(st.integers(0, sessions)),
            )
        )
    return days


@settings(max_examples=300, deadline=None)
@given(day_lists(), st.integers(1, 5))
def test_the_summary_added_up_a_day_at_a_time_is_the_summary_of_the_list(
    days: list[Day], keep: int
) -> None:
    assert journal.summarise(iter(days)) == summarise_as_before(days)
    tally = journal.DayTally(keep=keep)
    for day in days:
        tally.add(day)
    assert tally.summary() == summarise_as_before(days)
    if days:
        assert tally.kept[0] == days[0]
        assert tally.kept[-min(keep, len(days)) :] == days[-min(keep, len(days)) :]


# --- SQLite's page check ---------------------------------------------------------------------


def test_only_an_upgrade_checks_every_page(monkeypatch: pytest.MonkeyPatch) -> None:
    """No open checks every page of the journal (that grows with it; SQLite checks the pages it
    reads and writes): history, log, edit and delete alike (issue 22: `log` costs the same
    whatever the journal's size). An upgrade of an older journal, even by a reader, rewrites
    the whole file, so it checks every page first."""
    path = journal.journal_path()
    with journal.open_journal(path, migrations=journal.MIGRATIONS[:2]) as opened:
        opened.connection.execute(
            "INSERT INTO entries (logged_at, pain_before, pain_after) VALUES ('2024-05-01', 3, 2)"
        )
    checked: list[bool] = []
    real_verify = journal.opening.verify

    def verify(*args: Any, **options: Any) -> None:
        checked.append(options.get("pages", False) or options.get("full", False))
        real_verify(*args, **options)

    monkeypatch.setattr(journal.opening, "verify", verify)
    with journal.existing_journal(path, reading=True) as upgraded:  # version 2: upgraded
        assert upgraded is not None
    with journal.existing_journal(path, reading=True) as read:  # up to date: only read
        assert read is not None
        assert len(read.entries()) == 1
    with journal.existing_journal(path) as existing:
        assert existing is not None
    with journal.open_journal(path) as written:
        written.add(NewEntry("2024-05-02", 3, 2))
    assert checked == [True, False, False, False]


def test_a_damaged_journal_is_refused_by_a_reader_too(runner: CliRunner) -> None:
    """Without the page check, SQLite's own checks of the pages read still refuse it."""
    path = make_journal(400, edits=())
    data = bytearray(path.read_bytes())
    for offset in range(4096, len(data), 3):  # keep the header, scramble the rest
        data[offset] ^= 0xA5
    path.write_bytes(bytes(data))
    for fmt in ("plain", "csv", "json", "markdown", "rich"):
        result = runner.invoke(app, ["history", "-f", fmt])
        assert result.exit_code == 1, fmt
        assert "is a damaged sciaticli journal" in result.stderr
        assert "Traceback" not in result.stderr


@pytest.mark.parametrize("fmt", ["plain", "csv", "json"])
def test_the_collector_is_off_while_streaming_and_back_after(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    import gc

    make_journal(10, edits=())
    seen: list[bool] = []
    real = journal.Journal.entry_chunks

    def watched(self: journal.Journal, *args: Any, **options: Any) -> Any:
        seen.append(gc.isenabled())
        return real(self, *args, **options)

    monkeypatch.setattr(journal.Journal, "entry_chunks", watched)
    monkeypatch.setattr(journal.Journal, "export_chunks", watched_export(seen))
    assert gc.isenabled()
    result = runner.invoke(app, ["history", "-f", fmt])
    assert result.exit_code == 0
    assert seen and not any(seen)  # every read of the journal with the collector off
    assert gc.isenabled()


def watched_export(seen: list[bool]) -> Any:
    import gc

    real = journal.Journal.export_chunks

    def watched(self: journal.Journal, *args: Any, **options: Any) -> Any:
        seen.append(gc.isenabled())
        return real(self, *args, **options)

    return watched
