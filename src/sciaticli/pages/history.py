"""The journal's history as one StreamedPage: every form of it (a terminal's page, the page to
keep, JSON, CSV) made only when render.output.emit draws it, its entries read from the cursor a
chunk at a time, so that a journal of any size takes the same memory. Rows edited by hand are
warned about after the output (`HistoryView.warnings`). Also the history as data: its JSON
objects and CSV records."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

from sciaticli.journal import Day, DayTally, Entry, Journal, Selection, Summary
from sciaticli.model import KnowledgeBase
from sciaticli.pages.journal import (
    CHART_DAYS,
    TERMINAL_ROWS,
    history_page,
    namer,
    names,
    table_rows,
    terminal_history_page,
    warnings,
)
from sciaticli.render.document import (
    JsonStream,
    Page,
    Records,
    RowChunks,
    Streamed,
    StreamedPage,
)

# What Journal.export_chunks gives: rows as SQLite made them, or the entries of a chunk with a
# row edited by hand (made into rows as history_csv makes them).
ExportChunk = tuple[list[tuple[Any, ...]], list[Entry] | None]


class HistoryView(NamedTuple):
    page: StreamedPage
    warnings: list[str]  # filled as the page is drawn: written after it, on stderr


def history_view(
    opened: Journal | None, selection: Selection, newest_first: bool, kb: KnowledgeBase
) -> HistoryView:
    """The history of `opened` (None: no journal yet) for `selection`, oldest entry first or
    `newest_first`. The journal must stay open while the page is drawn."""
    found: list[str] = []

    def chunks() -> Iterator[list[Entry]]:
        if opened is None:
            return iter(())
        return _warned(opened.entry_chunks(selection, newest_first=newest_first), found)

    def tallied() -> DayTally:
        tally = DayTally(keep=CHART_DAYS)
        for day in opened.day_rows(selection) if opened else ():
            tally.add(day)
        return tally

    def page() -> Page:
        # The chart's days and the summary first (a day at a time); the rows follow.
        tally = tallied()
        return history_page([], tally.kept, tally.summary(), kb, selection)

    def rows() -> RowChunks:
        return (table_rows(chunk, kb) for chunk in chunks()) if opened else iter(())

    def terminal() -> Page:
        # A terminal shows the newest rows only, so only those are read.
        shown = selection._replace(last=min(selection.last or TERMINAL_ROWS, TERMINAL_ROWS))
        entries = opened.entries(shown, newest_first=newest_first) if opened else []
        found.extend(warnings(entries))
        tally = tallied()
        return terminal_history_page(entries, tally.kept, tally.summary(), kb, selection)

    def data() -> JsonStream:
        name_of = namer(kb)
        entries = ([entry_json(entry, name_of(entry)) for entry in chunk] for chunk in chunks())
        tally = DayTally()

        def days() -> Iterator[list[Any]]:
            for day in opened.day_rows(selection) if opened else ():
                tally.add(day)
                yield [day_json(day)]

        return JsonStream(
            (
                ("entries", Streamed(entries)),
                ("days", Streamed(days())),
                ("summary", lambda: summary_json(tally.summary())),
            )
        )

    def records() -> Records:
        exported: Iterable[ExportChunk] = (
            _warned_export(
                opened.export_chunks(selection, newest_first=newest_first, names=names(kb)), found
            )
            if opened
            else ()
        )
        return Records(
            CSV_COLUMNS,
            (
                (rows, CSV_FREE_TEXT_COLUMNS) if entries is None else (csv_rows(entries, kb), None)
                for rows, entries in exported
            ),
        )

    return HistoryView(StreamedPage(page, rows, terminal, data, records), found)


def _warned(chunks: Iterator[list[Entry]], found: list[str]) -> Iterator[list[Entry]]:
    """The chunks as they are, noting a warning for each row edited by hand."""
    for chunk in chunks:
        found += warnings(chunk)
        yield chunk


def _warned_export(chunks: Iterator[ExportChunk], found: list[str]) -> Iterator[ExportChunk]:
    """As _warned, for Journal.export_chunks."""
    for rows, entries in chunks:
        if entries is not None:
            found += warnings(entries)
        yield rows, entries


# --- the history as data: JSON objects and CSV records ------------------------------------------

CSV_COLUMNS = (
    "id",
    "when",
    "routine",
    "technique",
    "name",
    "pain_before",
    "pain_after",
    "change",
    "origin",
    "session",
    "edited",
    "note",
    "leg_pain",
    "back_pain",
    "marked",
)


def history_json(
    entries: list[Entry], days: list[Day], summary: Summary | None, kb: KnowledgeBase
) -> dict[str, Any]:
    """Documented shape (docs/json.md): entries oldest first, the days, the summary."""
    name_of = namer(kb)
    return {
        "entries": [entry_json(entry, name_of(entry)) for entry in entries],
        "days": [day_json(day) for day in days],
        "summary": summary_json(summary),
    }


def entry_json(entry: Entry, name: str | None) -> dict[str, Any]:
    return {
        "id": entry.id,
        "when": entry.when,
        "routine": entry.routine,
        "technique": entry.technique,
        "name": name,
        "pain_before": entry.pain_before,
        "pain_after": entry.pain_after,
        "change": entry.change,
        "leg_pain": entry.leg_pain,
        "back_pain": entry.back_pain,
        "origin": entry.origin,
        "session": entry.session,
        "edited": entry.edited,
        "note": entry.note,
        "marked": bool(entry.marked),
    }


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def day_json(day: Day | None) -> dict[str, Any] | None:
    if day is None:
        return None
    return {
        "day": day.day,
        "sessions": day.sessions,
        "rated": day.rated,
        "partial": day.partial,
        "average_before": round(day.average_before, 2),
        "average_after": _rounded(day.average_after),
        "average_change": _rounded(day.average_change),
    }


def summary_json(summary: Summary | None) -> dict[str, Any]:
    if summary is None:
        return {
            "sessions": 0,
            "rated": 0,
            "partial": 0,
            "ratings": 0,
            "first_day": None,
            "last_day": None,
            "weeks": None,
            "sessions_per_week": None,
            "average_before": None,
            "average_after": None,
            "average_change": None,
            "best_day": None,
            "worst_day": None,
        }
    return {
        "sessions": summary.sessions,
        "rated": summary.rated,
        "partial": summary.partial,
        "ratings": summary.ratings,
        "first_day": summary.first_day,
        "last_day": summary.last_day,
        "weeks": round(summary.weeks, 2),
        "sessions_per_week": round(summary.sessions_per_week, 2),
        "average_before": round(summary.average_before, 2),
        "average_after": _rounded(summary.average_after),
        "average_change": _rounded(summary.average_change),
        "best_day": day_json(summary.best_day),
        "worst_day": day_json(summary.worst_day),
    }


def _csv_numbers(entry: Entry) -> tuple[float | str, ...]:
    """Before, after and change of an entry edited by hand: empty where not a number."""
    values = (entry.pain_before, entry.pain_after, entry.change)
    return tuple("" if value is None else value for value in values)


def history_csv(entries: list[Entry], kb: KnowledgeBase) -> str:
    """A header row, then one record per entry (render.spreadsheet: quoted, no formulas)."""
    from sciaticli.render.spreadsheet import csv_text

    return csv_text(CSV_COLUMNS, csv_rows(entries, kb), text_columns=CSV_TEXT_COLUMNS)


# The CSV columns that always hold text (the others hold numbers), and those of them that may
# start like a formula in an entry as sciaticli writes it (the time starts with a digit; origin
# and session are words of sciaticli's).
CSV_TEXT_COLUMNS = (1, 2, 3, 4, 8, 9, 10, 11)
CSV_FREE_TEXT_COLUMNS = (2, 3, 4, 10, 11)


def csv_rows(entries: list[Entry], kb: KnowledgeBase) -> list[tuple[object, ...]]:
    name_of = namer(kb)
    return [
        (
            entry.id,
            entry.when,
            entry.routine or "",
            entry.technique or "",
            name_of(entry) or "",
            *(
                _csv_numbers(entry)
                if entry.problems or entry.pain_after is None
                else (before, after, after - before)
            ),
            entry.origin,
            entry.session,
            entry.edited or "",
            entry.note or "",
            "" if entry.leg_pain is None else entry.leg_pain,
            "" if entry.back_pain is None else entry.back_pain,
            1 if entry.marked else 0,
        )
        for entry in entries
        for before, after in ((entry.pain_before or 0, entry.pain_after or 0),)
    ]
