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

from collections.abc import Iterable, Sequence

from sciaticli.render.safe import visible_in_csv

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> object:
    """A number as it is; anything else as text, neutralised if a spreadsheet could run it."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    text = visible_in_csv(value if isinstance(value, str) else str(value))
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class _Records:
    """Collects the writer's records, ending each with a line feed instead of CRLF."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def write(self, record: str) -> int:
        self.parts.append(record[:-2] + "\n")
        return len(record)


def csv_text(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A header record, then one record per row."""
    import csv

    records = _Records()
    # The writer quotes a field holding any character of its line terminator: CRLF, so both.
    writer = csv.writer(records, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows([cell(value) for value in row] for row in rows)
    return "".join(records.parts)
