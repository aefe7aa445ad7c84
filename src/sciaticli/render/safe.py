"""Text from files, the journal and the command line, made safe to show on a terminal.

Every string sciaticli draws passes through here (render.output for pages and lines, the CLI's
stderr for errors): C0 controls other than newline and tab, DEL and the C1 controls are shown as
visible symbols, so an escape sequence in a knowledge-base file or a note cannot retitle the
window, clear the screen, draw a hyperlink or erase a line. The bidirectional overrides and
isolates (U+202A-U+202E, U+2066-U+2069) are shown too: they can make a line read differently
from what it holds. A C0 control becomes its Unicode control picture (ESC is U+241B "␛", DEL is
U+2421 "␡"); the others become U+FFFD "�". JSON keeps every character, as a \\u escape.
"""

from __future__ import annotations

import errno
import os
import re
from typing import Any

REPLACEMENT = "\ufffd"

# Characters that a terminal acts on, or that reorder what is shown (not newline and tab), and
# lone surrogates (bytes of a command-line argument that were not UTF-8, by surrogateescape).
_BEYOND_C0 = "\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff"
_UNSAFE = f"\x00-\x08\x0b-\x1f{_BEYOND_C0}"
_UNSAFE_IN_CSV = f"\x00-\x08\x0b\x0c\x0e-\x1f{_BEYOND_C0}"  # keeps CR
_ASCII_UNSAFE = bytes([*range(0x09), *range(0x0B, 0x20), 0x7F])
# Compiled on first use: most runs draw only ASCII with nothing to show (start-up time).
_PATTERNS: dict[str, re.Pattern[str]] = {}


def _pattern(characters: str) -> re.Pattern[str]:
    pattern = _PATTERNS.get(characters)
    if pattern is None:
        pattern = _PATTERNS[characters] = re.compile(f"[{characters}]")
    return pattern


def _symbol(match: re.Match[str]) -> str:
    """A C0 control's control picture (ESC: ␛), DEL's (␡), or U+FFFD for the others."""
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)
    return "\u2421" if code == 0x7F else REPLACEMENT


def _has_unsafe(text: str) -> bool:
    """Whether `text` holds a character `visible` changes; quick for the long, mostly ASCII
    output of a large journal (bytes.translate runs at memory speed, a regex does not)."""
    if text.isascii():
        data = text.encode("ascii")
        return len(data.translate(None, _ASCII_UNSAFE)) != len(data)
    return _pattern(_UNSAFE).search(text) is not None


def visible(text: str) -> str:
    """`text` with every control (but newline and tab) and bidi override shown as a symbol."""
    if not _has_unsafe(text):  # the usual case: one scan, no copy
        return text
    return _pattern(_UNSAFE).sub(_symbol, text)


def visible_in_csv(text: str) -> str:
    """As `visible`, but keeping carriage returns: a CSV field holds them quoted, as written."""
    if not _has_unsafe(text):
        return text
    return _pattern(_UNSAFE_IN_CSV).sub(_symbol, text)


def is_visible(text: str) -> bool:
    """True when `text` holds nothing `visible` would change."""
    return not _has_unsafe(text)


def _escaped(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def json_text(text: str) -> str:
    """JSON text with DEL, C1, bidi overrides and lone surrogates escaped too (json escapes
    only C0): the same data, with nothing a terminal acts on. Those characters only occur
    inside JSON strings, where a \\u escape means the same character."""
    if not _has_unsafe(text):
        return text
    return _pattern(_BEYOND_C0).sub(_escaped, text)


def html_text(text: str) -> str:
    """`text` for HTML, as text and never markup: controls shown as `visible` shows them, then
    `&`, `<`, `>` and both quotes escaped (safe between tags and in a quoted attribute)."""
    text = visible(text)
    if not _pattern(_HTML_SPECIAL).search(text):
        return text
    return _pattern(_HTML_SPECIAL).sub(_html_entity, text)


_HTML_SPECIAL = "&<>\"'"
_HTML_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"}


def _html_entity(match: re.Match[str]) -> str:
    return _HTML_ENTITIES[match.group()]


# What str.splitlines() breaks at, and tab: where a value could start a line of its own (a
# forged heading, a fake `Period:` line) or a cell of its own in a tab-separated table.
LINE_BREAKS = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x85\u2028\u2029"


def one_line(text: str) -> str:
    """`text` on one line: each run of line breaks and tabs becomes one space. The rule for
    every value from the command line or a file (a name, search words, a path, a note, a
    knowledge-base field) drawn in plain text or Markdown (render.text), and for a note in a
    table row on a terminal. JSON and CSV keep the value as it is."""
    if not has_break(text):
        return text
    pattern = _PATTERNS.get("one_line")
    if pattern is None:
        pattern = _PATTERNS["one_line"] = re.compile(f"[{LINE_BREAKS}]+")
    return pattern.sub(" ", text)


def has_break(text: str) -> bool:
    """Whether `text` holds a character `one_line` changes."""
    if text.isascii():  # the usual case, at memory speed (see _has_unsafe)
        data = text.encode("ascii")
        return len(data.translate(None, _ASCII_BREAKS)) != len(data)
    return any(character in text for character in LINE_BREAKS)


_ASCII_BREAKS = bytes(ord(character) for character in LINE_BREAKS if ord(character) < 0x80)


def visible_data(value: Any) -> Any:
    """`value` (a page's blocks: named tuples, tuples and strings) with every string `visible`."""
    if isinstance(value, str):
        return visible(value)
    if isinstance(value, tuple):
        cleaned = [visible_data(item) for item in value]
        make = getattr(type(value), "_make", None)
        return make(cleaned) if make is not None else tuple(cleaned)
    return value


class OutputError(Exception):
    """A stream cannot be written: closed (`>&-`), full (/dev/full), or its reader gone (a pipe
    to `head` that has closed). The CLI says so in one line, or stops quietly for a reader
    that has gone, instead of a traceback."""

    def __init__(self, stream_name: str, reason: str, *, reader_gone: bool = False) -> None:
        super().__init__(f"cannot write to {stream_name}: {reason}")
        self.stream_name = stream_name
        self.reason = reason
        self.reader_gone = reader_gone

    @classmethod
    def from_error(cls, stream_name: str, error: BaseException | None) -> OutputError:
        if error is None:
            return cls(stream_name, "it is closed")
        if isinstance(error, BrokenPipeError) or getattr(error, "errno", None) == errno.EPIPE:
            return cls(stream_name, "its reader has gone", reader_gone=True)
        if isinstance(error, OSError) and error.strerror:
            return cls(stream_name, error.strerror)
        return cls(stream_name, "it is closed")


def stream_name(stream: Any) -> str:
    import sys

    return "standard error" if raw(stream) is raw(sys.stderr) else "standard output"


def put(text: str, stream: Any) -> None:
    """Write and flush `text`, as it is; OutputError when the stream cannot take it."""
    if stream is None:
        raise OutputError.from_error(stream_name(stream), None)
    try:
        stream.write(text)
        stream.flush()
    except (OSError, ValueError) as error:  # ValueError: a stream closed by Python
        raise OutputError.from_error(stream_name(stream), error) from None


def silence(stream: Any) -> None:
    """Point `stream`'s descriptor at the null device after a failed write, so that Python's
    flush at exit does not fail again and print a traceback of its own."""
    try:
        descriptor = raw(stream).fileno()
        null = os.open(os.devnull, os.O_WRONLY)
    except (AttributeError, OSError, ValueError):
        return
    try:
        os.dup2(null, descriptor)
    except OSError:
        pass
    finally:
        os.close(null)


class SafeStream:
    """A text stream that shows controls visibly in everything written through it.

    The CLI puts one over stdout and one over stderr for the whole run, so that messages made
    by click (usage errors echo the argument given), by typer.echo and by the commands cannot
    pass an escape sequence through. The rich format's own styles are written to `raw(stream)`.
    It has no `buffer`: click then writes through it rather than around it.
    """

    def __init__(self, stream: Any, name: str) -> None:
        self.stream = stream  # None when the descriptor was closed before Python started
        self.name = name

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError("SafeStream writes text")  # click probes with bytes
        if self.stream is None:
            raise OutputError.from_error(self.name, None)
        shown = visible(text)
        try:
            try:
                self.stream.write(shown)
            except UnicodeEncodeError:
                self.stream.write(ascii_spelling(shown))
        except (OSError, ValueError) as error:
            raise OutputError.from_error(self.name, error) from None
        return len(text)

    def flush(self) -> None:
        if self.stream is None:
            raise OutputError.from_error(self.name, None)
        try:
            self.stream.flush()
        except (OSError, ValueError) as error:
            raise OutputError.from_error(self.name, error) from None

    def isatty(self) -> bool:
        try:
            return bool(self.stream.isatty())
        except (AttributeError, OSError, ValueError):
            return False

    def __getattr__(self, name: str) -> Any:
        if name == "buffer":
            raise AttributeError(name)
        return getattr(self.stream, name)


def raw(stream: Any) -> Any:
    """The stream under a SafeStream (for output whose control codes are sciaticli's own)."""
    return stream.stream if isinstance(stream, SafeStream) else stream


# --- encoding fallbacks: a stream that cannot take a character (LC_ALL=C and the like) ----------


def put_encoded(text: str, stream: Any) -> None:
    """Write `text` as it is (OutputError if the stream cannot take it), in ASCII spelling
    when the stream cannot encode it."""
    put(text if encodes(text, encoding_of(stream)) else ascii_spelling(text), stream)


_ASCII = str.maketrans(
    {
        "\u2013": "-",
        "\u2014": "--",
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2022": "*",
        "\u2026": "...",
        "\u00b0": "deg",
        "\u2264": "<=",
        "\u2265": ">=",
        "\u00d7": "x",
        "\u2192": "->",
        "\u2212": "-",
        "\u00a0": " ",
        "\u00b7": "-",
    }
)


def to_ascii(text: str) -> str:
    """Readable ASCII: typographic punctuation spelt out, accents dropped."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text.translate(_ASCII))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def ascii_spelling(text: str) -> str:
    """`to_ascii`, with `?` for what has no ASCII spelling: text any stream can take."""
    return to_ascii(text).encode("ascii", "replace").decode("ascii")


def encodes(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def encoding_of(stream: Any) -> str:
    return getattr(stream, "encoding", None) or "utf-8"
