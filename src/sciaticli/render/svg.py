"""Charts and figures as inline SVG, for the HTML page (render.html): bars for a chart, shapes
for a figure, each with a text alternative. Every string is escaped by render.safe.html_text."""

from __future__ import annotations

import math

from sciaticli.render.document import Chart, Figure
from sciaticli.render.safe import html_text as esc

# A chart's series differ in lightness and pattern as well as colour, so that they read apart
# printed in black and white: solid and dark; light with diagonal hatching; white with dots.
# Each with its outline (and its pattern's definition, drawn once in the chart's <defs>).
# A figure's parts: dark enough to print in black and white.
_SERIES = ("#8a4500", "#1b5e20", "#1c5d99")
_SERIES_FILL = ("#8a4500", "url(#series-hatch)", "url(#series-dots)")
_SERIES_DEFS = (
    "<defs>"
    '<pattern id="series-hatch" width="4" height="4" patternUnits="userSpaceOnUse" '
    'patternTransform="rotate(45)"><rect width="4" height="4" fill="#dcefdc"/>'
    '<line x1="0" y1="0" x2="0" y2="4" stroke="#1b5e20" stroke-width="1.6"/></pattern>'
    '<pattern id="series-dots" width="4" height="4" patternUnits="userSpaceOnUse">'
    '<rect width="4" height="4" fill="#fff"/><circle cx="2" cy="2" r="0.9" fill="#1c5d99"/>'
    "</pattern></defs>"
)
_FIGURE_STYLE = {
    "body": 'fill="#f3e3d3" stroke="#8a6d55" stroke-width="0.8"',
    "target": 'fill="#4caf50" fill-opacity="0.75" stroke="#1b5e20" stroke-width="0.8"',
    "keep-out": 'fill="#e53935" fill-opacity="0.35" stroke="#b00020" stroke-width="0.8" '
    'stroke-dasharray="2 1.5"',
    "bone": 'fill="#d9d4c7" stroke="#555" stroke-width="0.8"',
    "nerve": 'fill="none" stroke="#c77c00" stroke-width="2.2" stroke-linecap="round"',
}


def _number(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def chart_svg(chart: Chart) -> str:
    """Bars on a 0 to `top` scale, one per series side by side for each day (or week); a gap
    where a value is missing. Inline SVG, with a table-like text alternative in its title."""
    if not chart.days:
        return f"<p>{esc(chart.title)}: no entries yet.</p>"
    count, series = len(chart.days), len(chart.series)
    left, top, plot_height, slot = 28, 22, 110, max(8.0, min(40.0, 560 / count))
    # Each legend entry: its swatch, and its name at about 5.5 units a character.
    legends = [
        left + sum(22 + 5.5 * len(name) for name, _ in chart.series[:i]) for i in range(series)
    ]
    width = max(left + slot * count + 10, legends[-1] + 22 + 5.5 * len(chart.series[-1][0]))
    height = top + plot_height + 30
    bar = max(2.0, (slot * 0.8) / max(1, series))
    scale = plot_height / max(1, chart.top)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="{width:.0f}" height="{height:.0f}" role="img" aria-labelledby="chart-title" '
        'font-family="sans-serif" font-size="10">',
        f'<title id="chart-title">{esc(_chart_alt(chart))}</title>',
        _SERIES_DEFS,
    ]
    for level in range(0, chart.top + 1, 2):
        y = top + plot_height - level * scale
        parts.append(
            f'<line x1="{left}" x2="{width - 6:.1f}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="{"#555" if level == 0 else "#ddd"}" stroke-width="0.7"/>'
            f'<text x="{left - 5}" y="{y + 3.5:.1f}" text-anchor="end">{level}</text>'
        )
    for index, (name, values) in enumerate(chart.series):
        colour = _SERIES[index % len(_SERIES)]
        paint = f'fill="{_SERIES_FILL[index % len(_SERIES)]}" stroke="{colour}" stroke-width="0.8"'
        legend_x = legends[index]
        parts.append(
            f'<rect x="{legend_x:.1f}" y="3" width="11" height="11" {paint}/>'
            f'<text x="{legend_x + 15:.1f}" y="13">{esc(name)}</text>'
        )
        for day_index, value in enumerate(values):
            if value is None:
                continue
            x = left + day_index * slot + slot * 0.1 + index * bar
            bar_height = max(0.0, min(float(chart.top), float(value))) * scale
            y = top + plot_height - bar_height
            count_text = (
                f" ({chart.counts[day_index]} entr{'y' if chart.counts[day_index] == 1 else 'ies'})"
                if day_index < len(chart.counts)
                else ""
            )
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{bar_height:.1f}" '
                f"{paint}><title>{esc(chart.days[day_index])}: {esc(name)} "
                f"{_number(value)}{esc(count_text)}</title></rect>"
            )
    step = max(1, math.ceil(32 / slot))  # a date label is about 30 units wide
    for day_index in range(count - 1, -1, -step):
        x = left + day_index * slot + slot / 2
        parts.append(
            f'<text x="{x:.1f}" y="{top + plot_height + 14}" text-anchor="middle">'
            f"{esc(chart.days[day_index][5:10])}</text>"
        )
    parts.append("</svg>")
    caption = f"{chart.title}. {chart.scale}" if chart.scale else chart.title
    return f"<figure>{''.join(parts)}<figcaption>{esc(caption)}</figcaption></figure>"


def _chart_alt(chart: Chart) -> str:
    """The chart in words: each day (or week) that has a value, with its values."""
    rows = []
    for index, day in enumerate(chart.days):
        shown = [(name, values[index]) for name, values in chart.series]
        if all(value is None for _, value in shown):
            continue
        values = ", ".join(
            f"{name} {'none' if value is None else _number(value)}" for name, value in shown
        )
        rows.append(f"{day}: {values}")
    return f"{chart.title}. " + "; ".join(rows)


def _points(points: tuple[tuple[float, float], ...]) -> str:
    return " ".join(f"{x:g},{y:g}" for x, y in points)


def figure_html(figure: Figure) -> str:
    """The figure as inline SVG (the shapes in their 100 by 100 box, a margin for the side
    labels), its key as a list with each part's sources, and its one-line description."""
    from sciaticli.render.figure import MEANING

    parts = [
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="-4 -14 108 120" role="img" '
        'aria-labelledby="figure-title figure-desc" font-family="sans-serif">',
        f'<title id="figure-title">{esc(figure.title)}</title>',
        f'<desc id="figure-desc">{esc(figure.description)}</desc>',
    ]
    for shape in figure.shapes:
        style = _FIGURE_STYLE.get(shape.kind, _FIGURE_STYLE["body"])
        tag = "polyline" if shape.kind == "nerve" else "polygon"
        label = f"<title>{esc(shape.label)}</title>" if shape.label else ""
        parts.append(f'<{tag} points="{_points(shape.points)}" {style}>{label}</{tag}>')
    for shape in figure.shapes:
        if shape.mark:
            xs = [x for x, _ in shape.points]
            ys = [y for _, y in shape.points]
            x, y = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
            parts.append(
                f'<text x="{x:.1f}" y="{y + 2.5:.1f}" font-size="7" font-weight="700" '
                f'text-anchor="middle" fill="#111">{esc(shape.mark)}</text>'
            )
    if figure.left:
        parts.append(f'<text x="0" y="-8" font-size="5.5" fill="#333">{esc(figure.left)}</text>')
    if figure.right:
        parts.append(
            f'<text x="100" y="-8" font-size="5.5" fill="#333" text-anchor="end">'
            f"{esc(figure.right)}</text>"
        )
    parts.append("</svg>")
    key = []
    for shape in figure.shapes:
        if shape.kind == "body" or not shape.label:
            continue
        swatch = (
            f'<span class="key">{esc(shape.mark)}</span> '
            if shape.mark
            else f'<span class="swatch {esc(shape.kind)}" aria-hidden="true"></span>'
        )
        sources = (
            f' <span class="src">[{esc(", ".join(shape.sources))}]</span>' if shape.sources else ""
        )
        key.append(
            f"<li>{swatch}<strong>{esc(MEANING[shape.kind])}:"
            f"</strong> {esc(shape.label)}{sources}</li>"
        )
    return (
        f'<figure><h2>{esc(figure.title)}</h2><div class="figure">{"".join(parts)}'
        f"<ul>{''.join(key)}</ul></div><figcaption>{esc(figure.description)}</figcaption>"
        "</figure>"
    )
