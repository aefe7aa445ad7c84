"""What the terminal format imports and does for a page (issue 22 §5, start-up on a terminal):
a routine page is drawn without rich.table (which brings fractions and decimal), its lists and
labelled fields by render.terminal's own two columns, in one print; a real table still uses
rich's. The bytes are those rich's grids drew: the other render tests compare them."""

from __future__ import annotations

import subprocess
import sys

import pytest
from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from sciaticli.render.terminal import _Columns

SCRIPT = """
import sys
from sciaticli.cli.main import app
try:
    app([*sys.argv[1:], "-f", "rich", "--color", "always"], prog_name="sciaticli")
except SystemExit:
    pass
heavy = sorted(m for m in ("rich.table", "fractions", "decimal", "sciaticli.cli.safety")
               if m in sys.modules)
print("IMPORTED", ",".join(heavy), file=sys.stderr)
"""


def imported(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, *args], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stderr.rsplit("IMPORTED", 1)[1].strip()


def test_a_routine_page_does_not_import_rich_table() -> None:
    assert imported("home-routine", "standing-wall") == ""


def test_a_real_table_still_uses_rich_table() -> None:
    assert imported("techniques") == "decimal,fractions,rich.table"


def grid_lines(rows: list[tuple[str, Text]], gap: int, style: str, width: int) -> str:
    grid = RichTable.grid(padding=(0, gap))
    grid.add_column(no_wrap=True, style=style or None)
    grid.add_column(overflow="fold")
    for first, rest in rows:
        grid.add_row(Text(first), rest)
    return draw(grid, width)


def draw(renderable: object, width: int) -> str:
    console = Console(width=width, force_terminal=True, color_system="truecolor", file=None)
    with console.capture() as captured:
        console.print(renderable)
    return "\n".join(line.rstrip() for line in captured.get().splitlines())


@pytest.mark.parametrize("width", [12, 20, 40, 80])
@pytest.mark.parametrize(("gap", "style"), [(1, ""), (2, "bold")])
def test_two_columns_draw_what_a_rich_grid_draws(width: int, gap: int, style: str) -> None:
    rows = [
        ("1.", Text("Lie on your back with the ball under the buttock, then breathe out slowly.")),
        ("10.", Text.assemble(("Stop", "bold red"), " if pain travels down the leg.")),
        ("•", Text("short")),
        ("Where", Text("a-very-long-word-that-must-be-folded-somewhere-along-the-line")),
    ]
    ours = _Columns([(Text(first), rest) for first, rest in rows], gap, style)
    assert draw(ours, width) == grid_lines(rows, gap, style, width)
