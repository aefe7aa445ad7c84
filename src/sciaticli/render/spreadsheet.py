"""CSV for spreadsheets: RFC 4180 quoting, and no cell a spreadsheet would run as a formula.

Any field holding a comma, a quote, a carriage return or a line feed is quoted, so a record is
one entry whatever its note holds; records end with a line feed. A text cell that begins with
`=`, `+`, `-`, `@`, a tab or a carriage return gets a leading apostrophe, as OWASP's "CSV
Injection" advises: a spreadsheet then shows it as text instead of running it. Numbers that
sciaticli itself computes (ids, pain ratings and their change, which may be -3) are written as
numbers, not text, so they stay numbers in the spreadsheet. Controls other than tab, line feed and
carriage return are shown visibly, as everywhere (render.safe).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sciaticli.render.safe import visible_in_csv

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_START = frozenset(FORMULA_STARTS)
_AFTER_A_BREAK = re.compile("\n[=+\\-@\t\r]")
# The writer quotes a field that holds any character of its line terminator: with CR and LF in it,
# every field with a line break is quoted. The lone surrogate cannot occur in a note (SQLite keeps
# UTF-8, and the CLI turns surrogates into U+FFFD), so the terminator is found only between
# records, where it becomes a line feed.
_END = "\r\n\udfff"
# Python 3.10's csv module cannot write NUL ("need to escape, but no escapechar set"); 3.11's
# can, and the text then shows it as ␀ (render.safe): 3.10 gets the ␀ before writing, so both
# write the same.
_NUL_UNWRITABLE = sys.version_info < (3, 11)


def cell(value: object) -> object:
    """A number as it is; anything else as text, neutralised if a spreadsheet could run it."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    text = value if isinstance(value, str) else str(value)
    return "'" + text if text[:1] in _FORMULA_START else text


def csv_text(
    columns: Sequence[str],
    rows: Iterable[Sequence[object]],
    text_columns: Sequence[int] | None = None,
) -> str:
    """A header record, then one record per row. `text_columns` (positions whose values are
    always text; the others numbers) makes 100,000 rows quicker than checking every cell."""
    return visible_in_csv("".join(csv_pieces(columns, [(rows, text_columns)])))


def csv_pieces(
    columns: Sequence[str],
    row_chunks: Iterable[tuple[Iterable[Sequence[object]], Sequence[int] | None]],
) -> Iterator[str]:
    """As `csv_text`, a piece of text for each chunk of rows (the first with the header), to
    be written with its controls shown (render.output.write_pieces does). Each chunk comes
    with its `text_columns`: the positions that may hold text starting like a formula (None:
    check every cell)."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=_END)
    # Quicker: records end in a line feed, and only fields with one (or a delimiter or a
    # quote) are quoted. Its text is the same unless a field holds a carriage return, which
    # it would leave unquoted: such a chunk is written again by `writer`.
    quick_buffer = io.StringIO()
    quick = csv.writer(quick_buffer, lineterminator="\n")
    writer.writerow(columns)
    # The header goes out with the first rows: nothing is written before the first chunk is
    # read (a damaged journal is then one message, with no output before it).
    header = _taken(buffer)
    for rows, text_columns in row_chunks:
        if _NUL_UNWRITABLE:
            rows = [[_nul_shown(value) for value in row] for row in rows]
        if text_columns is None:
            cleaned: Iterable[Sequence[object]] = [[cell(value) for value in row] for row in rows]
        else:
            cleaned = rows = list(rows)
            if _any_formula(rows, text_columns):
                cleaned = list(_neutralised(rows, tuple(text_columns)))
        quick.writerows(cleaned)
        text = quick_buffer.getvalue()
        quick_buffer.seek(0)
        quick_buffer.truncate()
        if "\r" in text:
            writer.writerows(cleaned)
            text = _taken(buffer)
        yield header + text
        header = ""
    yield header


def _nul_shown(value: object) -> object:
    return value.replace("\x00", "\u2400") if isinstance(value, str) else value


def _taken(buffer: Any) -> str:
    """What `buffer` holds, as records ending in a line feed; then empty."""
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return str(text.replace(_END, "\n"))


def _any_formula(rows: list[Sequence[object]], positions: Sequence[int]) -> bool:
    """Whether a text cell starts like a formula: a column at a time, at C speed. A column is
    first searched whole, joined by line feeds (a cell that starts like a formula follows
    one); only a hit, which may be a line break inside a cell, is checked cell by cell."""
    from itertools import repeat
    from operator import itemgetter

    for index in positions:
        column = set(map(itemgetter(index), rows))  # each value once (names, ids repeat)
        column.discard(None)  # None: an empty cell
        if _AFTER_A_BREAK.search("\n" + "\n".join(column)) and any(
            map(str.startswith, column, repeat(FORMULA_STARTS))
        ):
            return True
    return False


def _neutralised(
    rows: Iterable[Sequence[object]], positions: tuple[int, ...]
) -> Iterable[Sequence[object]]:
    """Rows with their text cells neutralised; a row with nothing to change is passed on as it
    is, found with C-level calls (itemgetter, map, startswith) rather than a loop per cell."""
    from itertools import repeat
    from operator import itemgetter

    texts = itemgetter(*positions)
    starts = repeat(FORMULA_STARTS)
    for row in rows:
        cells = texts(row) if len(positions) > 1 else (texts(row),)
        if any(map(str.startswith, filter(None, cells), starts)):  # None: an empty cell
            yield [
                cell(value) if index in positions and value is not None else value
                for index, value in enumerate(row)
            ]
        else:
            yield row
