"""A page of output as a few kinds of block, so that each format is drawn in one place.

NamedTuples, not dataclasses: importing dataclasses alone costs more start-up time than all of
sciaticli's own modules.

Commands build a `Page` (blocks for reading, plus the JSON data), or a `StreamedPage` for a
page too big to hold (the journal's history); `render.output.emit` draws either.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, Literal, NamedTuple

# "emergency": the emergency signs, drawn as "danger" and never split across printed pages.
Tone = Literal["emergency", "danger", "caution", "note"]


class Heading(NamedTuple):
    text: str
    level: int = 1


class Paragraph(NamedTuple):
    text: str


class Fields(NamedTuple):
    """Label and value pairs: `Pressure: moderate`."""

    rows: tuple[tuple[str, str], ...]


class Items(NamedTuple):
    """A list with an optional title; numbered when `ordered`; a task list (`- [ ]`) in
    Markdown when `tasks`, so a user can tick the items off in their notes. `details`, when
    given, has one entry per item: a second line under it (a routine step's cue), or ""."""

    items: tuple[str, ...]
    title: str | None = None
    ordered: bool = False
    tasks: bool = False
    details: tuple[str, ...] = ()


# A table cell holding only this is a tick box on paper (the printable routine card).
TICK_BOX = "\u2610"


class Table(NamedTuple):
    """Rows of cells. Markdown draws one list item per row, or a pipe table (GitHub, pandoc)
    when `grid`: for records read across and compared down, such as the pain journal."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    grid: bool = False
    # Columns a terminal may leave out, in this order, so that each row keeps to one or two
    # lines; every format that is not a terminal, and stacked records, keep them.
    optional: tuple[str, ...] = ()


class Callout(NamedTuple):
    """A warning that must stand out on a terminal and keep its title in every format."""

    title: str
    items: tuple[str, ...]
    tone: Tone = "caution"
    intro: str = ""
    compact: bool = False  # short items: in two columns on a terminal wide enough for them


class Hint(NamedTuple):
    """A tip for someone at a terminal (how to see more); left out of plain and markdown."""

    text: str


class Chart(NamedTuple):
    """Bars per day on a 0 to `top` scale, one per series side by side (pain before and after).
    Drawn on a terminal only: plain and markdown leave it out, their table has the numbers.

    `days` is a time axis: every calendar day from the first to the last, oldest first; a day
    without entries has None in every series and 0 in `counts` (how many entries each day
    holds, shown under the axis). `scale` names what the bars measure, above the axis."""

    title: str
    days: tuple[str, ...]  # ISO dates, oldest first
    # A name, and one value per day; None where a day has none (no pain after rated).
    series: tuple[tuple[str, tuple[float | None, ...]], ...]
    top: int = 10
    counts: tuple[int, ...] = ()
    scale: str = ""
    unit: str = "day"  # what one column is: "day", or "week" (the report's weekly averages)


class Result(NamedTuple):
    """One search hit: a title, what and where it is, and a snippet whose `marks` (start, end
    offsets) are the matched words, highlighted on a terminal and in bold in Markdown."""

    title: str
    label: str
    snippet: str
    marks: tuple[tuple[int, int], ...] = ()


class Results(NamedTuple):
    results: tuple[Result, ...]


ShapeKind = Literal["body", "target", "keep-out", "bone", "nerve"]


class Shape(NamedTuple):
    """One part of a Figure: a closed outline (a line for `nerve`) in a 100 by 100 box, x to the
    right and y down. `mark` is the letter drawn on it in text (bones), `sources` the knowledge
    base's keys for what its label says."""

    kind: ShapeKind
    points: tuple[tuple[float, float], ...]
    label: str
    mark: str = ""
    sources: tuple[str, ...] = ()


class Figure(NamedTuple):
    """A labelled diagram drawn from shapes: characters on a terminal and in plain and Markdown
    text, inline SVG in HTML. `description` says in one line what it shows (alt text, and the
    text where a drawing cannot work); `left` and `right` name the picture's two sides."""

    title: str
    description: str
    shapes: tuple[Shape, ...]
    left: str = ""
    right: str = ""


class Sheet(NamedTuple):
    """Blocks printed together on one sheet of paper, the next block starting a new sheet: the
    front of a routine's printed card, the part that goes on the wall. Only HTML is printed, so
    only pages for HTML have one (render.html)."""

    blocks: tuple[Block, ...]


Block = (
    Heading | Paragraph | Fields | Items | Table | Callout | Hint | Results | Chart | Figure | Sheet
)


class Page(NamedTuple):
    """`title` heads the Markdown page when its blocks do not start with a heading. `compact`:
    printed in smaller type (HTML), for a summary that must keep to one sheet of paper."""

    blocks: tuple[Block, ...]
    data: Any = None
    title: str = ""
    compact: bool = False


# Rows of a table, a chunk at a time (a list of rows read from the journal's cursor).
RowChunks = Iterable[Sequence[tuple[str, ...]]]


class Records(NamedTuple):
    """A spreadsheet's records (CSV): its columns, then its rows a chunk at a time, each chunk
    with the positions of the cells that may hold text starting like a formula (None: check
    every cell; render.spreadsheet neutralises such text)."""

    columns: tuple[str, ...]
    chunks: Iterable[tuple[Iterable[Sequence[object]], Sequence[int] | None]]


class JsonStream(NamedTuple):
    """A JSON object written a member at a time: a member whose value is `Streamed` is a list
    whose items are written one a line as they are read (each with the json module, as
    sqlite-utils writes rows); a callable is called when its member is reached (a summary
    added up from the items before it); any other value is written as `json.dumps` writes it."""

    members: tuple[tuple[str, Any], ...]


class Streamed(NamedTuple):
    """A JsonStream member's items, a chunk at a time, read as they are written."""

    chunks: Iterable[Iterable[Any]]


class StreamedPage(NamedTuple):
    """A page too big to hold whole: each of its forms is made only when it is drawn, and its
    rows are read a chunk at a time, so a journal of any size takes the memory of one chunk.

    `page()` is the page for plain text, Markdown and HTML, whose one grid Table has no rows
    of its own: they come from `rows()`. `terminal()` is what a terminal shows, drawn whole
    (the newest rows). `data()` is its JSON, `records()` its CSV."""

    page: Callable[[], Page]
    rows: Callable[[], RowChunks]
    terminal: Callable[[], Page]
    data: Callable[[], JsonStream]
    records: Callable[[], Records]
