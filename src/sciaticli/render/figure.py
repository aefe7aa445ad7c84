"""A Figure drawn in characters (terminal, plain, Markdown) and as SVG (HTML), from its shapes.

The text drawing is COLUMNS by ROWS characters, so that with a two-space margin it fits a
40-column terminal; each cell shows the shape on top at its centre. The same characters are used
with and without colour (rich adds colour only), so the drawing reads the same with NO_COLOR.
"""

from __future__ import annotations

from bisect import bisect_right

from sciaticli.render.document import Figure, Shape

COLUMNS = 36
ROWS = 16
# The character a cell of each kind is drawn with; a bone's own letter marks its middle.
FILL = {"body": ".", "target": "o", "keep-out": "x", "bone": "#"}
# What each kind of shape means, for the key under the drawing.
MEANING = {
    "target": "Ball here",
    "keep-out": "Keep the ball out",
    "bone": "Keep off bone",
    "nerve": "Nerve",
}
# Drawn in this order: later kinds cover earlier ones.
_ORDER = ("body", "target", "keep-out", "bone")


def _inside(x: float, y: float, points: tuple[tuple[float, float], ...]) -> bool:
    """Whether (x, y) is inside the polygon (even-odd rule)."""
    inside = False
    count = len(points)
    for index in range(count):
        x1, y1 = points[index]
        x2, y2 = points[index - 1]
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


def _crossings(y: float, points: tuple[tuple[float, float], ...]) -> list[float]:
    """Where the polygon's edges cross the line at height `y`: (x, y) is inside (even-odd rule,
    as _inside) when an odd number of these lie to its right. One pass over the edges a row."""
    found = []
    for index in range(len(points)):
        x1, y1 = points[index]
        x2, y2 = points[index - 1]
        if (y1 > y) != (y2 > y):
            found.append((x2 - x1) * (y - y1) / (y2 - y1) + x1)
    return found


def _centre(shape: Shape) -> tuple[float, float]:
    xs = [x for x, _ in shape.points]
    ys = [y for _, y in shape.points]
    return (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2


def grid(figure: Figure) -> list[list[tuple[str, str]]]:
    """ROWS rows of COLUMNS cells, each (character, kind); a space and "" for empty."""
    cells: list[list[tuple[str, str]]] = []
    shapes = sorted(
        (shape for shape in figure.shapes if shape.kind in FILL),
        key=lambda shape: _ORDER.index(shape.kind),
    )
    for row in range(ROWS):
        y = (row + 0.5) * 100 / ROWS
        edges = [
            (sorted(found), shape) for shape in shapes if (found := _crossings(y, shape.points))
        ]
        line: list[tuple[str, str]] = []
        for column in range(COLUMNS):
            x = (column + 0.5) * 100 / COLUMNS
            cell = (" ", "")
            for crossings, shape in edges:
                if (len(crossings) - bisect_right(crossings, x)) % 2:  # how many to its right
                    cell = (FILL[shape.kind], shape.kind)
            line.append(cell)
        cells.append(line)
    for shape in figure.shapes:
        if shape.mark:
            x, y = _centre(shape)
            row = min(ROWS - 1, int(y * ROWS / 100))
            column = min(COLUMNS - 1, int(x * COLUMNS / 100))
            cells[row][column] = (shape.mark, shape.kind)
    return cells


def sides_line(figure: Figure) -> str:
    """`inner (spine)` at the left edge and `outer (hip)` at the right, over the drawing."""
    if not (figure.left or figure.right):
        return ""
    gap = max(1, COLUMNS - len(figure.left) - len(figure.right))
    return f"{figure.left}{' ' * gap}{figure.right}"


def text_lines(figure: Figure) -> list[str]:
    """The drawing in ASCII, with the sides over it."""
    lines = [sides_line(figure)] if figure.left or figure.right else []
    lines += ["".join(char for char, _ in row).rstrip() for row in grid(figure)]
    return lines


def key_entries(figure: Figure) -> list[tuple[Shape, str, str]]:
    """Each part drawn in text (the nerve is not: its zone is): the shape, its character or
    letter, and what it means."""
    return [
        (shape, shape.mark or FILL[shape.kind], f"{MEANING[shape.kind]}: {shape.label}")
        for shape in figure.shapes
        if shape.kind in FILL and shape.kind != "body" and shape.label
    ]


def key_lines(figure: Figure) -> list[str]:
    """The key, a line a part, each with its sources."""
    return [
        f"{symbol}  {meaning}" + (f" [{', '.join(shape.sources)}]" if shape.sources else "")
        for shape, symbol, meaning in key_entries(figure)
    ]
