"""The journal's history as one StreamedPage: every form of it (a terminal's page, the page to
keep, JSON, CSV) made only when render.output.emit draws it, its entries read from the cursor a
chunk at a time, so that a journal of any size takes the same memory. Rows edited by hand are
warned about after the output (`HistoryView.warnings`)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

from sciaticli.journal import DayTally, Entry, Journal, Selection
from sciaticli.model import KnowledgeBase
from sciaticli.pages.journal import (
    CHART_DAYS,
    CSV_COLUMNS,
    CSV_FREE_TEXT_COLUMNS,
    TERMINAL_ROWS,
    csv_rows,
    day_json,
    entry_json,
    history_page,
    namer,
    names,
    summary_json,
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
