"""The trend chart on a terminal: per day, a bar for each series side by side on a 0-10 grid.

Drawn with rich's Text only (no plotting package). Each series has its own character as well as
its own colour, so the chart reads the same with NO_COLOR; ASCII characters when the terminal's
encoding is not UTF-8. Days are a time axis: a day without entries is a gap (a dot in the row
of counts under the axis, which says how many entries each day holds), never squeezed out. The
newest days that fit the width are shown, and the caption says so.
"""

from __future__ import annotations

from collections.abc import Iterator

from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text

from sciaticli.render.document import Chart

# One per series: (UTF-8 character, ASCII character, colour).
_BARS = (("█", "#", "yellow"), ("▒", "=", "green"), ("░", "-", "cyan"))
_LABEL_WIDTH = 3  # "10 "
_DAY_WIDTH = 3  # before, after, a space
_DATE_LABEL = 5  # "03-14"


class TrendChart:
    """A rich renderable for a Chart block."""

    def __init__(self, chart: Chart) -> None:
        if not 1 <= len(chart.series) <= len(_BARS):
            raise ValueError(f"a chart draws 1 to {len(_BARS)} series")
        self.chart = chart

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from lines(self.chart, options.max_width, ascii_only=options.ascii_only)


def lines(chart: Chart, width: int, *, ascii_only: bool) -> Iterator[Text]:
    """The chart's lines for `width` columns: legend, scale, grid, axis, counts, dates, caption."""
    if not chart.days:
        yield Text(f"{chart.title}: no entries yet.")
        return
    plot_width = width - _LABEL_WIDTH - 2
    fits = max(1, plot_width // _DAY_WIDTH)
    days = chart.days[-fits:]
    first = len(chart.days) - len(days)
    heights = [
        [_height(value, chart.top) for value in values[first:]] for _, values in chart.series
    ]
    counts = list(chart.counts[first:]) if chart.counts else [1] * len(days)
    glyphs = [(ascii if ascii_only else bar, colour) for bar, ascii, colour in _BARS]
    vertical, corner, horizontal, gap = ("|", "+", "-", ".") if ascii_only else ("│", "└", "─", "·")

    legend = Text(f"{chart.title}: ", style="bold")
    for (name, _), (glyph, colour) in zip(chart.series, glyphs, strict=False):
        legend.append(glyph * 2, style=colour)
        legend.append(f" {name}  ")
    legend.rstrip()
    yield legend
    if chart.scale:
        yield Text(chart.scale, style="dim")
    for level in range(chart.top, 0, -1):
        row = Text(f"{level:>2} " if level % 2 == 0 else " " * _LABEL_WIDTH)
        row.append(vertical + " ")
        for index in range(len(days)):
            for series, (glyph, colour) in zip(heights, glyphs, strict=False):
                row.append(glyph if series[index] >= level else " ", style=colour)
            row.append(" " * (_DAY_WIDTH - len(heights)))
        row.rstrip()
        yield row
    yield Text(f"{0:>2} {corner}" + horizontal * (1 + _DAY_WIDTH * len(days)))
    if chart.counts:
        row = Text(" " * (_LABEL_WIDTH + 2))
        for count in counts:
            shown = gap if not count else str(count) if count < 100 else "++"
            row.append(shown.ljust(_DAY_WIDTH), style="dim" if not count else "")
        row.rstrip()
        yield row
    yield Text(" " * (_LABEL_WIDTH + 2) + _date_labels(days, plot_width))
    yield Text(_caption(chart, days, counts), style="dim")


def _height(value: float | None, top: int) -> int:
    """Rows of bar for `value`: the nearest whole point, halves up, within the scale; none for
    a day without a value."""
    if value is None:
        return 0
    return max(0, min(top, int(value + 0.5)))


def _date_labels(days: tuple[str, ...], plot_width: int) -> str:
    """MM-DD under every other day (every day's would collide), the newest always."""
    labels = ""
    for index in range((len(days) - 1) % 2, len(days), 2):
        start = index * _DAY_WIDTH
        if start + _DATE_LABEL <= plot_width:
            labels = labels.ljust(start) + days[index][5:10]
    return labels


def _caption(chart: Chart, days: tuple[str, ...], counts: list[int]) -> str:
    span = f"{days[0]} to {days[-1]}" if len(days) > 1 else days[0]
    total = len(chart.days)
    noun = chart.unit if total == 1 else f"{chart.unit}s"
    if len(days) < total:
        shown = f"The newest {len(days)} of {total} {chart.unit}s ({span}), to fit the width"
    else:
        shown = f"{total} {noun} ({span})"
    if chart.counts:
        with_entries = sum(1 for count in counts if count)
        shown += (
            f", {with_entries} with entries. Under the axis: entries that {chart.unit} "
            "(a dot: none, a gap in the chart)"
        )
    return f"{shown}. Bars are rounded to whole points."
