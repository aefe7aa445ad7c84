"""The one place that decides the output format and colour, and writes a page to stdout.

The encoding fallbacks (ASCII spelling for a stream that cannot take a character) are in
render.safe, beside the rest of what makes text safe to write; `to_ascii` is re-exported here."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterable, Iterator, Mapping
from enum import Enum
from typing import TextIO

from sciaticli.render.document import Page, StreamedPage
from sciaticli.render.safe import (
    ascii_spelling,
    encodes,
    encoding_of,
    json_text,
    one_line,
    put,
    put_encoded,
    raw,
    visible,
    visible_in_csv,
)
from sciaticli.render.safe import (
    to_ascii as to_ascii,  # for the callers that import it from here
)

MIN_WIDTH = 40


class OutputFormat(str, Enum):
    auto = "auto"
    rich = "rich"
    plain = "plain"
    markdown = "markdown"
    json = "json"
    html = "html"
    csv = "csv"  # a spreadsheet: only a page with records (the journal's history) has one


class ColorMode(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


def wants_color(mode: ColorMode, is_terminal: bool, environ: Mapping[str, str]) -> bool:
    """Colour or not, per --color, then no-color.org and bixense.com/clicolors.

    NO_COLOR (set, not empty) turns colour off; CLICOLOR_FORCE or FORCE_COLOR (set, not "0")
    turns it on even in a pipe; otherwise colour only on a terminal that is not TERM=dumb and
    without CLICOLOR=0.
    """
    if mode is ColorMode.always:
        return True
    if mode is ColorMode.never or environ.get("NO_COLOR"):
        return False
    if any(environ.get(name, "0") not in ("", "0") for name in ("CLICOLOR_FORCE", "FORCE_COLOR")):
        return True
    if environ.get("TERM") == "dumb" or environ.get("CLICOLOR") == "0":
        return False
    return is_terminal


def resolve_format(fmt: OutputFormat, color: bool, is_terminal: bool) -> OutputFormat:
    """auto: rich on a terminal (or when colour is forced, for `less -R`), plain otherwise."""
    if fmt is not OutputFormat.auto:
        return fmt
    return OutputFormat.rich if is_terminal or color else OutputFormat.plain


def emit(
    page: Page | StreamedPage,
    fmt: OutputFormat,
    color_mode: ColorMode,
    stream: TextIO | None = None,
) -> None:
    """Draw `page` in `fmt` on `stream` (stdout): the one place that decides the format. A
    StreamedPage is drawn the same way, its rows read a chunk at a time as they are written;
    on a terminal it shows its `terminal()` page, drawn whole."""
    out = stream if stream is not None else sys.stdout
    is_terminal = _isatty(out)
    color = wants_color(color_mode, is_terminal, os.environ)
    chosen = resolve_format(fmt, color, is_terminal)
    if chosen is OutputFormat.rich:
        from sciaticli.render import terminal

        whole = page.terminal() if isinstance(page, StreamedPage) else page
        # Every string in the page is made visible as it is drawn; the styles are rich's own.
        text = terminal.render(
            whole, color=color, width=terminal_width(), encoding=encoding_of(out)
        )
        _show(text, out, is_terminal)
        return
    if isinstance(page, Page) and chosen in (OutputFormat.plain, OutputFormat.markdown):
        # A page to read: it may be paged.
        _show(visible("".join(_pieces(page, chosen))), out, is_terminal)
        return
    with _no_collector():
        _write_pieces(_pieces(page, chosen), out, _KINDS.get(chosen, "text"))


@contextlib.contextmanager
def _no_collector() -> Iterator[None]:
    """The cyclic garbage collector off while a page is made and written in pieces (the rows
    of a journal of any size): they hold no cycles (reference counting frees each chunk), and
    the collector would only walk them (about 5% of `history -f csv` on 100,000 entries)."""
    import gc

    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


_KINDS = {OutputFormat.json: "json", OutputFormat.csv: "csv", OutputFormat.html: "html"}


def _pieces(page: Page | StreamedPage, chosen: OutputFormat) -> Iterable[str]:
    """`page` in `chosen` (not rich), as pieces of text: one for a whole page, a chunk of rows
    at a time for a StreamedPage."""
    if chosen is OutputFormat.json:
        if isinstance(page, StreamedPage):
            from sciaticli.render import jsonstream

            return jsonstream.pieces(page.data())
        import json

        return (json.dumps(page.data, indent=2, ensure_ascii=False) + "\n",)
    if chosen is OutputFormat.csv:
        if not isinstance(page, StreamedPage):
            from sciaticli.errors import SciaticliError

            raise SciaticliError("this page has no CSV form; csv is for the journal's history")
        from sciaticli.render.spreadsheet import csv_pieces

        records = page.records()
        return csv_pieces(records.columns, records.chunks)
    if chosen is OutputFormat.html:
        from sciaticli.render import html

        if isinstance(page, StreamedPage):
            return html.streamed(page.page(), page.rows())
        return (html.document(page),)
    from sciaticli.render import text as text_format

    markdown = chosen is OutputFormat.markdown
    if isinstance(page, StreamedPage):
        return text_format.streamed(page.page(), page.rows(), as_markdown=markdown)
    return ((text_format.markdown if markdown else text_format.plain)(page),)


def _show(text: str, stream: TextIO, is_terminal: bool) -> None:
    """Write `text` (already made visible), through the pager when it is on a terminal and
    taller than the screen (render.pager)."""
    if is_terminal:
        import shutil

        from sciaticli.render import pager

        if pager.wanted(text, shutil.get_terminal_size((80, 24)).lines):
            encoding = encoding_of(stream)
            if not encodes(text, encoding):
                text = ascii_spelling(text)
            stream.flush()
            shown, note = pager.show(text.encode(encoding, "replace"), os.environ, encoding)
            if shown:
                return
            if note:  # the pager failed: the page after all, then why on stderr
                put_encoded(text, raw(stream))
                write_lines([note], sys.stderr)
                return
    put_encoded(text, raw(stream))


def _write_pieces(pieces: Iterable[str], stream: TextIO, kind: str) -> None:
    """Write a page in pieces, each made safe as it is written: `kind` is "text", "html",
    "csv" (carriage returns kept) or "json" (json_text). On a stream that is not UTF-8 the
    pieces are joined first, since one character it cannot encode turns the whole page into
    its ASCII spelling."""
    import codecs

    out = raw(stream)
    try:
        utf8 = codecs.lookup(encoding_of(out)).name == "utf-8"
    except LookupError:
        utf8 = False
    if not utf8:
        text = "".join(pieces)
        if kind == "html":  # characters the stream cannot take as character references
            text = visible(text)
            if not encodes(text, encoding_of(out)):
                text = text.encode("ascii", "xmlcharrefreplace").decode("ascii")
            put_encoded(text, out)
        elif kind == "json":
            put_encoded(json_text(text), out)
        else:
            write(text, stream, csv=kind == "csv")
        return
    clean = {"json": json_text, "csv": visible_in_csv}.get(kind, visible)
    for piece in pieces:
        if piece:
            put(clean(piece), out)


def terminal_width() -> int:
    import shutil

    return max(MIN_WIDTH, shutil.get_terminal_size((80, 24)).columns)


def write(text: str, stream: TextIO, *, csv: bool = False) -> None:
    """Write `text` with its controls shown visibly (render.safe); in ASCII spelling when the
    stream cannot encode it (LC_ALL=C and the like). `csv` keeps carriage returns (quoted in
    their fields)."""
    put_encoded(visible_in_csv(text) if csv else visible(text), raw(stream))


def write_lines(lines: Iterable[str], stream: TextIO) -> None:
    """Write messages, each on one line (render.safe.one_line) whatever the values it quotes
    (a path, a note, a stored value), with its controls shown visibly. On a terminal a message
    wider than it wraps between words (a terminal would cut a word in two); written to a file
    or a pipe, each stays one line, for grep."""
    messages = [one_line(line) for line in lines]
    if _isatty(stream):
        import textwrap

        room = terminal_width() - 1
        wrap = textwrap.TextWrapper(room, break_long_words=False, break_on_hyphens=False)
        messages = ["\n".join(wrap.wrap(message)) or message for message in messages]
    write("".join(message + "\n" for message in messages), stream)


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
