"""The styled terminal format, drawn with rich. Imported only when that format is chosen."""

from __future__ import annotations

import io

from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table as RichTable
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

_TONE_STYLE = {"emergency": "bold red", "danger": "bold red", "caution": "yellow", "note": "cyan"}
COMMAND_STYLE = "bold cyan"


def _text(text: str, style: str = "") -> Text:
    """`text` for rich, commands in backticks drawn as commands (render.commands)."""
    plain, commands, _ = unquoted(text)
    drawn = Text(plain, style=style)
    for start, end in commands:
        drawn.stylize(COMMAND_STYLE, start, end)
    return drawn


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
    for index, block in enumerate(page.blocks):
        if index:
            console.print()
        console.print(renderable(block))
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"


def renderable(block: Block) -> RenderableType:
    """`block` for rich, every string in it made visible (render.safe) and never read as markup."""
    block = visible_data(block)
    if isinstance(block, Heading):
        style = "bold underline" if block.level == 1 else "bold cyan"
        return Text(block.text, style=style)
    if isinstance(block, Paragraph):
        return _text(block.text)
    if isinstance(block, Fields):
        grid = RichTable.grid(padding=(0, 2))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column(overflow="fold")
        for label, value in block.rows:
            grid.add_row(Text(label), _text(value))
        return grid
    if isinstance(block, Items):
        items = _items(block.items, block.ordered)
        if block.title:
            return Group(Text(block.title, style="bold cyan"), items)
        return items
    if isinstance(block, Table):
        table = RichTable(box=box.SIMPLE_HEAD, header_style="bold", show_edge=False)
        for index, column in enumerate(block.columns):
            table.add_column(Text(column), style="bold" if index == 0 else None, overflow="fold")
        for row in block.rows:
            table.add_row(*(_text(cell) for cell in row))
        return table
    if isinstance(block, Callout):
        style = _TONE_STYLE[block.tone]
        title = Text(block.title, style=f"bold {style}")
        body: list[RenderableType] = [_text(block.intro, "bold")] if block.intro else []
        if block.items:
            body.append(_items(block.items, False))
        return Panel(Group(*body), title=title, border_style=style, title_align="left")
    if isinstance(block, Hint):
        return Text(block.text, style="dim")
    if isinstance(block, Results):
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
            grid.add_row(f"{index}.", Group(heading, snippet))
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
        for char, kind in row:
            line.append(char, style=_FIGURE_COLOUR.get(kind, ""))
        line.rstrip()
        lines.append(line)
    for shape, symbol, meaning in key_entries(figure):
        sources = f" [{', '.join(shape.sources)}]" if shape.sources else ""
        colour = _FIGURE_COLOUR[shape.kind]
        lines.append(Text.assemble((symbol, colour), "  ", meaning, (sources, "dim")))
    return Group(*lines)


def _items(items: tuple[str, ...], ordered: bool) -> RenderableType:
    grid = RichTable.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for index, item in enumerate(items, 1):
        grid.add_row(f"{index}." if ordered else "•", _text(item))
    return Padding(grid, (0, 0, 0, 1))
