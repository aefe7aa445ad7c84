"""The styled terminal format, drawn with rich. Imported only when that format is chosen."""

from __future__ import annotations

import io
from itertools import groupby, zip_longest
from operator import itemgetter
from typing import TYPE_CHECKING

from rich.console import Console, ConsoleOptions, Group, NewLine, RenderableType, RenderResult
from rich.measure import Measurement
from rich.padding import Padding
from rich.panel import Panel
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from sciaticli.render.commands import unquoted
from sciaticli.render.document import (
    Block,
    Callout,
    Chart,
    Fields,
    Figure,
    Heading,
    Hint,
    Items,
    Page,
    Paragraph,
    Results,
    Table,
)
from sciaticli.render.safe import visible_data

if TYPE_CHECKING:
    from rich.table import Table as RichTable

_TONE_STYLE = {"emergency": "bold red", "danger": "bold red", "caution": "yellow", "note": "cyan"}
COMMAND_STYLE = "bold cyan"
# Below this many columns a table becomes stacked records (one field a line, label then
# value) and label-value fields wrap under their label: a column of 5 characters would split
# words, ids and dates.
STACK_BELOW = 60
# A table row may take this many lines before its optional columns are left out.
ROW_LINES = 2


def _text(text: str, style: str = "") -> Text:
    """`text` for rich, commands in backticks drawn as commands (render.commands)."""
    plain, commands, _ = unquoted(text)
    drawn = Text(plain, style=style)
    for start, end in commands:
        drawn.stylize(COMMAND_STYLE, start, end)
    return drawn


class _Cell(Text):
    """A table cell's text, measured once: _fitted measures the table for each set of columns
    it tries, and the measure of text (its longest word and line) does not depend on the width."""

    measured: Measurement | None = None

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        if self.measured is None:
            self.measured = super().__rich_measure__(console, options)
        return self.measured


def _cells(block: Table) -> list[list[Text]]:
    """Each cell of the table's rows as a _Cell, made once for every layout _fitted tries."""
    cells: list[list[Text]] = []
    for row in block.rows:
        line: list[Text] = []
        for value in row:
            drawn = _text(value)
            cell = _Cell(drawn.plain, style=drawn.style)
            cell.spans = drawn.spans
            line.append(cell)
        cells.append(line)
    return cells


class _Buffer(io.StringIO):
    """Collects rich's output; tells rich the real stream's encoding so it picks safe boxes."""

    def __init__(self, encoding: str) -> None:
        super().__init__()
        self.target_encoding = encoding

    def __getattribute__(self, name: str) -> object:
        if name == "encoding":
            return object.__getattribute__(self, "target_encoding")
        return super().__getattribute__(name)


def render(page: Page, *, color: bool, width: int, encoding: str) -> str:
    buffer = _Buffer(encoding)
    console = Console(
        file=buffer,
        width=width,
        force_terminal=color,
        color_system="auto" if color else None,
        no_color=not color,
        highlight=False,
        emoji=False,
        legacy_windows=False,
        force_jupyter=False,
    )
    # One print of every block, a blank line between them: the same lines as a print each,
    # without rich's work of opening, cropping and writing its buffer once per block.
    drawn: list[RenderableType] = []
    for index, block in enumerate(page.blocks):
        if index:
            drawn.append(NewLine())
        drawn.append(renderable(block, width))
    if drawn:
        console.print(Group(*drawn))
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"


def renderable(block: Block, width: int = 80) -> RenderableType:
    """`block` for rich at `width` columns, every string in it made visible (render.safe) and
    never read as markup."""
    block = visible_data(block)
    narrow = width < STACK_BELOW
    if isinstance(block, Heading):
        style = "bold underline" if block.level == 1 else "bold cyan"
        return Text(block.text, style=style)
    if isinstance(block, Paragraph):
        return _text(block.text)
    if isinstance(block, Fields):
        if narrow:
            return Group(*(_field(label, value) for label, value in block.rows))
        return _Columns([(Text(label), _text(value)) for label, value in block.rows], 2, "bold")
    if isinstance(block, Items):
        items = _items(block.items, block.ordered, block.details)
        if block.title:
            return Group(Text(block.title, style="bold cyan"), items)
        return items
    if isinstance(block, Table):
        return _stacked(block) if narrow else _fitted(block, width)
    if isinstance(block, Callout):
        style = _TONE_STYLE[block.tone]
        title = Text(block.title, style=f"bold {style}")
        body: list[RenderableType] = [_text(block.intro, "bold")] if block.intro else []
        room = (width - 4 - 3) // 2  # half the panel, inside its border and padding
        if block.items and block.compact and max(map(len, block.items)) + 2 <= room:
            # Two columns, read down the first then the second, when no item has to wrap.
            from rich.table import Table as RichTable

            half = (len(block.items) + 1) // 2
            grid = RichTable.grid(padding=(0, 3), expand=True)
            grid.add_column(ratio=1)
            grid.add_column(ratio=1)
            for left, right in zip_longest(block.items[:half], block.items[half:]):
                grid.add_row(_bullet(left), _bullet(right) if right is not None else "")
            body.append(grid)
        elif block.items:
            body.append(_items(block.items, False))
        return Panel(Group(*body), title=title, border_style=style, title_align="left")
    if isinstance(block, Hint):
        return Text(block.text, style="dim")
    if isinstance(block, Results):
        from rich.table import Table as RichTable

        grid = RichTable.grid(padding=(0, 1))
        grid.add_column(no_wrap=True, justify="right")
        grid.add_column(overflow="fold")
        for index, result in enumerate(block.results, 1):
            heading = Text.assemble((result.title, "bold"), "  ", (result.label, "dim"))
            text, commands, marks = unquoted(result.snippet, result.marks)
            snippet = Text(text)
            for start, end in commands:
                snippet.stylize(COMMAND_STYLE, start, end)
            for start, end in marks:
                snippet.stylize("bold black on yellow", start, end)
            grid.add_row(f"{index}.", Group(heading, snippet) if text else heading)
        return grid
    if isinstance(block, Chart):
        from sciaticli.render.chart import TrendChart

        return TrendChart(block)
    if isinstance(block, Figure):
        return _figure(block)
    raise TypeError(f"cannot draw {block!r}")


_FIGURE_COLOUR = {"target": "bold green", "keep-out": "red", "bone": "yellow", "body": "dim"}


def _figure(figure: Figure) -> RenderableType:
    """The drawing in colour (the same characters as plain text, so it reads without colour),
    its key, and the one-line description."""
    from sciaticli.render.figure import grid, key_entries, sides_line

    lines: list[RenderableType] = [Text(figure.title, style="bold cyan")]
    side = sides_line(figure)
    if side:
        lines.append(Text(f"  {side}", style="dim"))
    for row in grid(figure):
        line = Text("  ")
        for kind, cells in groupby(row, key=itemgetter(1)):  # one span for each run of a kind
            line.append("".join(char for char, _ in cells), style=_FIGURE_COLOUR.get(kind, ""))
        line.rstrip()
        lines.append(line)
    for shape, symbol, meaning in key_entries(figure):
        sources = f" [{', '.join(shape.sources)}]" if shape.sources else ""
        colour = _FIGURE_COLOUR[shape.kind]
        lines.append(Text.assemble((symbol, colour), "  ", meaning, (sources, "dim")))
    return Group(*lines)


def _items(items: tuple[str, ...], ordered: bool, details: tuple[str, ...] = ()) -> RenderableType:
    rows: list[tuple[Text, RenderableType]] = []
    for index, item in enumerate(items, 1):
        marker = f"{index}." if ordered else "•"
        detail = details[index - 1] if index <= len(details) else ""
        cell: RenderableType = Group(_text(item), _text(detail)) if detail else _text(item)
        rows.append((Text(marker), cell))
    return Padding(_Columns(rows, 1), (0, 0, 0, 1))


def _bullet(item: str) -> RenderableType:
    return _Columns([(Text("•"), _text(item))], 1)


class _Columns:
    """Rows of a short first column (a marker, a label) and a second that wraps beside it:
    what rich's Table.grid(padding=(0, gap)) draws with a no_wrap first column (in
    `first_style`) and a folding second one, segment for segment, without the table's
    machinery (it measured every cell of every list and bullet on a page before drawing it,
    and importing rich.table brings fractions and decimal)."""

    def __init__(self, rows: list[tuple[Text, RenderableType]], gap: int, first_style: str = ""):
        self.rows, self.gap, self.first_style = rows, gap, first_style

    def _first_width(self) -> int:
        return max(first.cell_len for first, _ in self.rows) + self.gap

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        first_width = self._first_width()
        # The grid's second column is as wide as its widest line, or what is left: the lines
        # wrap the same either way, and only plain padding after them differs (none is kept).
        rest_width = max(1, options.max_width - first_width)
        first_options = options.update(
            width=first_width, justify="left", no_wrap=True, overflow="ellipsis", height=None
        )
        first_options = first_options.update(highlight=False)
        rest_options = options.update(
            width=rest_width, justify="left", no_wrap=False, overflow="fold", height=None
        )
        rest_options = rest_options.update(highlight=False)
        first_style = console.get_style(self.first_style) + Style.null()
        null = Style.null()
        new_line = Segment.line()
        for first, rest in self.rows:
            left = console.render_lines(
                Padding(first, (0, self.gap, 0, 0)), first_options, style=first_style
            )
            right = console.render_lines(Padding(rest, 0), rest_options, style=null)
            height = max(len(left), len(right))
            left = Segment.set_shape(
                Segment.align_top(left, first_width, height, first_style), first_width, height
            )
            right = Segment.set_shape(
                Segment.align_top(right, rest_width, height, null), rest_width, height
            )
            for line_left, line_right in zip(left, right, strict=True):
                yield from line_left
                yield from line_right
                yield new_line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        first_width = self._first_width()
        rest = [Measurement.get(console, options, rest) for _, rest in self.rows]
        return Measurement(
            first_width + max(m.minimum for m in rest), first_width + max(m.maximum for m in rest)
        ).with_maximum(options.max_width)


def _field(label: str, value: str) -> Text:
    """`Label: value` on one line that wraps at spaces, so an id or a date is never split."""
    line = Text(f"{label}: ", style="bold")
    line.append_text(_text(value))
    return line


def _stacked(block: Table) -> RenderableType:
    """Each row as a record: its first cell in bold, then each other field on a line of its
    own, label then value; a blank line between records."""
    records: list[RenderableType] = []
    for index, row in enumerate(block.rows):
        if index:
            records.append(Text(""))
        # A short first header (`ID`) goes with its value: `ID 12`.
        first = f"{block.columns[0]} {row[0]}" if len(block.columns[0]) <= 3 else row[0]
        records.append(_text(first or "-", "bold"))
        records += [
            _field(column, cell)
            for column, cell in zip(block.columns[1:], row[1:], strict=True)
            if cell
        ]
    return Group(*records)


def _fitted(block: Table, width: int) -> RenderableType:
    """The table with as many of its optional columns as keep every row to ROW_LINES lines:
    each set of columns is tried at its natural widths, then with the short columns wrapped
    at each word (`light to` over `moderate`) to leave the first column room. When no set
    fits (one long note), the natural widths: the long cell wraps across the width, and the
    short ones are not squeezed to a word a line beside it."""
    measure = Console(width=width, file=io.StringIO(), color_system=None, legacy_windows=False)
    cells = _cells(block)
    dropped: list[str] = []
    while True:
        optional = [column for column in block.optional if column not in dropped]
        for tight in (False, True):
            table = _table(block, dropped, cells, tight=tight)
            if _fits(table, block, dropped, cells, measure):
                return table
        if not optional:
            return _table(block, dropped, cells)
        dropped.append(optional[0])


def _fits(
    table: RichTable, block: Table, dropped: list[str], cells: list[list[Text]], console: Console
) -> bool:
    """Whether no row of `table` takes more than ROW_LINES lines at the console's width."""
    kept = [index for index, column in enumerate(block.columns) if column not in dropped]
    try:  # rich's own column widths (a private method, stable since rich 1)
        widths = table._calculate_column_widths(console, console.options)
        pads = [table._get_padding_width(position) for position in range(len(kept))]
    except AttributeError:  # pragma: no cover - a future rich: judge by the whole table
        lines = console.render_lines(table, console.options, pad=False)
        return len(lines) <= 3 + ROW_LINES * len(block.rows)
    for row in cells:
        for position, index in enumerate(kept):
            room = max(1, widths[position] - pads[position])
            if len(row[index].wrap(console, room)) > ROW_LINES:
                return False
    return True


def _table(
    block: Table, dropped: list[str], drawn: list[list[Text]], *, tight: bool = False
) -> RichTable:
    kept = [index for index, column in enumerate(block.columns) if column not in dropped]
    from rich import box
    from rich.table import Table as RichTable

    table = RichTable(box=box.SIMPLE_HEAD, header_style="bold", show_edge=False)
    for index in kept:
        cells = [row[index] for row in block.rows]
        # A column of single words (ids, dates, numbers) is never split.
        whole = all(" " not in cell for cell in cells)
        longest_word = max((len(word) for cell in cells for word in cell.split()), default=1)
        table.add_column(
            Text(block.columns[index]),
            style="bold" if index == 0 else None,
            overflow="fold",
            no_wrap=whole,
            max_width=longest_word if tight and index and not whole else None,
        )
    for row in drawn:
        table.add_row(*(row[index] for index in kept))
    return table
