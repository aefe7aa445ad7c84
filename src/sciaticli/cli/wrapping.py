"""Help and error text wrapped at the terminal's real width, never splitting a word.

click wraps help at no less than 50 columns (on a 40-column terminal each line then breaks again,
mid-word) and splits words at hyphens and when a word is longer than the room left
(`--install-` / `completion`). Here help uses the terminal's width, and a word too long for a
line stands on a line of its own, whole. Errors are wrapped the same way on a terminal; written
to a file or a pipe they stay one line each, for grep.
"""

from __future__ import annotations

import shutil
import sys
import textwrap
from collections.abc import Sequence
from typing import Any

from typer._click._compat import term_len
from typer._click.formatting import HelpFormatter, iter_rows, measure_table

# Below this many columns for the descriptions, a definition list puts each description under
# its option or command instead of beside it.
_NARROWEST_COLUMN = 30


def terminal_width() -> int:
    """The terminal's width (COLUMNS when set), at most 80 as click has it, less a spare column."""
    return max(20, min(shutil.get_terminal_size((80, 24)).columns, 80) - 2)


def fill(text: str, width: int, first: str = "", later: str = "") -> str:
    """`text` (one paragraph) filled to `width`, breaking only between words."""
    wrapper = textwrap.TextWrapper(
        width,
        initial_indent=first,
        subsequent_indent=later,
        break_long_words=False,
        break_on_hyphens=False,
    )
    return wrapper.fill(" ".join(text.split()))


def fill_paragraphs(text: str, width: int, indent: str = "") -> str:
    """Paragraphs (split at blank lines) filled alike; a paragraph whose first line is click's
    `\\b` is kept as written."""
    shown = []
    for paragraph in textwrap.dedent(text.expandtabs()).split("\n\n"):
        lines = paragraph.strip("\n").splitlines()
        if not lines:
            continue
        if lines[0].strip() == "\b":
            shown.append("\n".join(indent + line for line in lines[1:]))
        else:
            shown.append(fill(paragraph, width, indent, indent))
    return "\n\n".join(shown)


class Formatter(HelpFormatter):
    """click's help formatter at the real width, with words kept whole."""

    def __init__(
        self, indent_increment: int = 2, width: int | None = None, max_width: int | None = None
    ) -> None:
        super().__init__(indent_increment, width or terminal_width(), max_width)

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        prefix = "Usage: " if prefix is None else prefix
        start = f"{prefix:>{self.current_indent}}{prog} "
        text_width = self.width - self.current_indent
        if text_width >= term_len(start) + 20:
            self.write(fill(args, text_width, start, " " * term_len(start)) + "\n")
        else:
            indent = " " * (max(self.current_indent, term_len(prefix)) + 4)
            self.write(start.rstrip() + "\n" + fill(args, text_width, indent, indent) + "\n")

    def write_text(self, text: str) -> None:
        self.write(fill_paragraphs(text, self.width, " " * self.current_indent) + "\n")

    def write_dl(
        self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        rows = list(rows)
        widths = measure_table(rows)
        first_col = min(widths[0], col_max) + col_spacing
        indent = " " * self.current_indent
        beside = self.width - self.current_indent - first_col >= _NARROWEST_COLUMN
        for first, second in iter_rows(rows, len(widths)):
            self.write(_term(first, self.width, indent))
            if not second:
                self.write("\n")
                continue
            if beside:
                text_indent = indent + " " * first_col
                if term_len(first) <= first_col - col_spacing:
                    self.write(" " * (first_col - term_len(first)))
                else:
                    self.write("\n" + text_indent)
            else:  # too narrow: the description under its term
                text_indent = indent + " " * 4
                self.write("\n" + text_indent)
            text = fill_paragraphs(second, self.width, text_indent)
            self.write(text[len(text_indent) :] + "\n")


def fill_lines(text: str, width: int) -> str:
    """Each line of `text` filled on its own, keeping its indent (a message listing problems a
    line each keeps them apart); continuation lines two spaces further in."""
    shown = []
    for line in text.split("\n"):
        lead = line[: len(line) - len(line.lstrip())]
        shown.append(fill(line, width, lead, lead + "  ") if line.strip() else "")
    return "\n".join(shown)


def _term(term: str, width: int, indent: str) -> str:
    """An option and its metavar, `--family <western|structural|oriental|energy>`: on one line
    when it fits, else broken after a space or a `|` between choices, never inside a word."""
    import re

    lines = [indent]
    for piece in re.split(r"(?<=[ |])", term):
        if len(lines[-1]) + len(piece.rstrip()) > width and lines[-1].strip():
            lines[-1] = lines[-1].rstrip()
            lines.append(indent + "  ")
        lines[-1] += piece
    return "\n".join(lines)


def error_message(error: Any) -> Any:
    """A click usage error (a bad parameter too) with its message wrapped to the terminal after
    `Error: `, when standard error is a terminal; unchanged otherwise."""
    from typer._click.exceptions import UsageError

    if not _stderr_is_terminal():
        return error
    text = error.format_message()
    wrapped = fill_lines(f"Error: {text}", terminal_width())[len("Error: ") :]
    if type(error) is UsageError and wrapped == text:
        return error
    shown = UsageError(wrapped, ctx=error.ctx)
    shown.exit_code = error.exit_code
    return shown


def error_line(message: str) -> str:
    """`Error: MESSAGE`, wrapped to the terminal when standard error is one."""
    line = f"Error: {message}"
    return fill_lines(line, terminal_width()) if _stderr_is_terminal() else line


def _stderr_is_terminal() -> bool:
    try:
        return sys.__stderr__ is not None and sys.__stderr__.isatty() and sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False
