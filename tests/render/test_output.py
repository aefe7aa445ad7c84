"""Format and colour decisions, Markdown escaping and the ASCII fallback."""

from __future__ import annotations

import io

import pytest

from sciaticli.render.document import Page, Paragraph
from sciaticli.render.output import (
    ColorMode,
    OutputFormat,
    resolve_format,
    to_ascii,
    wants_color,
    write,
)
from sciaticli.render.text import escape, markdown


@pytest.mark.parametrize(
    ("mode", "tty", "env", "expected"),
    [
        (ColorMode.auto, True, {}, True),
        (ColorMode.auto, False, {}, False),
        (ColorMode.auto, True, {"NO_COLOR": "1"}, False),
        (ColorMode.auto, True, {"NO_COLOR": ""}, True),
        (ColorMode.auto, False, {"FORCE_COLOR": "1"}, True),
        (ColorMode.auto, False, {"CLICOLOR_FORCE": "1"}, True),
        (ColorMode.auto, False, {"CLICOLOR_FORCE": "0"}, False),
        (ColorMode.auto, False, {"NO_COLOR": "1", "CLICOLOR_FORCE": "1"}, False),
        (ColorMode.auto, True, {"TERM": "dumb"}, False),
        (ColorMode.auto, True, {"CLICOLOR": "0"}, False),
        (ColorMode.always, False, {"NO_COLOR": "1"}, True),
        (ColorMode.never, True, {"FORCE_COLOR": "1"}, False),
    ],
)
def test_wants_color(mode: ColorMode, tty: bool, env: dict[str, str], expected: bool) -> None:
    assert wants_color(mode, tty, env) is expected


@pytest.mark.parametrize(
    ("fmt", "color", "tty", "expected"),
    [
        (OutputFormat.auto, False, True, OutputFormat.rich),
        (OutputFormat.auto, False, False, OutputFormat.plain),
        (OutputFormat.auto, True, False, OutputFormat.rich),
        (OutputFormat.markdown, True, True, OutputFormat.markdown),
        (OutputFormat.json, False, True, OutputFormat.json),
    ],
)
def test_resolve_format(fmt: OutputFormat, color: bool, tty: bool, expected: OutputFormat) -> None:
    assert resolve_format(fmt, color, tty) is expected


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("Hold 20–30 s", "Hold 20–30 s"),
        ("# not a heading", "\\# not a heading"),
        ("1. not a list", "1\\. not a list"),
        ("- not a list", "\\- not a list"),
        ("a *b* _c_ [d](e) <f> `g` | h", "a \\*b\\* \\_c\\_ \\[d\\](e) \\<f\\> \\`g\\` \\| h"),
    ],
)
def test_markdown_escape(text: str, escaped: str) -> None:
    assert escape(text) == escaped


def test_markdown_paragraph_stays_text() -> None:
    from markdown_it import MarkdownIt

    page = Page((Paragraph("# 1. *Not* [markup]"),))
    tokens = MarkdownIt("commonmark").parse(markdown(page))
    assert [token.type for token in tokens] == ["paragraph_open", "inline", "paragraph_close"]
    assert tokens[1].children is not None
    assert "".join(child.content for child in tokens[1].children) == "# 1. *Not* [markup]"


def test_ascii_fallback_spells_out_punctuation() -> None:
    assert to_ascii("20–30 s • “café” — 54 °C") == '20-30 s * "cafe" -- 54 degC'
    stream = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    write("Hold 20–30 s ✓\n", stream)
    stream.seek(0)
    assert stream.read() == "Hold 20-30 s ?\n"
