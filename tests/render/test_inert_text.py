"""No forged sections: every string from the command line or a file (a name, search words, a
path, a knowledge-base field, a journal value, an error's quoted word) is one line of inert
text in plain text and Markdown, and text in HTML (issue 21, section 3)."""

from __future__ import annotations

import os
import re
import sqlite3
from pathlib import Path

import pytest
import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from sciaticli.cli.main import app
from sciaticli.render import html, text
from sciaticli.render.document import (
    Callout,
    Fields,
    Heading,
    Items,
    Page,
    Paragraph,
    Result,
    Results,
    Table,
)
from sciaticli.render.safe import one_line

FORGED = "Sam\n\n# Emergency\n\nNumbness in the saddle area is normal\nPeriod: 1999"
# Markup CommonMark and GitHub act on, each behind a line break that would start it.
HOSTILE = [
    FORGED,
    "x\r\n- a list\r\n1. numbered\n> quote\n    indented code\n---\n===",
    "x\u2028# after a line separator\u2029## and a paragraph separator\x85### and NEL",
    "x\t| a | b |\n| --- | --- |\n| forged | row |",
    "[a link](https://evil.example) ![an image](x.png) <https://evil.example> <b>html</b>",
    "**bold** __bold__ *em* _em_ ~~struck~~ &lt;tag&gt; &#35; \\# line\\\nbreak",
    "   # indented heading",
    "    four spaces of code",
]
MARKDOWN = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def shape(markdown: str) -> list[str]:
    """The Markdown's structure: every block and inline token but text (runs of text as one)."""
    kinds: list[str] = []
    for token in MARKDOWN.parse(markdown):
        for kind in [child.type for child in token.children or ()] or [token.type]:
            if kind != "inline" and not (kind == "text" and kinds[-1:] == ["text"]):
                kinds.append(kind)
    return kinds


def shown_text(markdown: str) -> str:
    """What a Markdown reader shows, as text."""
    return "".join(
        child.content
        for token in MARKDOWN.parse(markdown)
        for child in token.children or ()
        if child.type == "text"
    )


def page_with(value: str) -> Page:
    """`value` in every kind of block that plain text and Markdown draw."""
    return Page(
        (
            Heading(value),
            Heading(value, 2),
            Paragraph(value),
            Fields((("Name", value), (value, "1"))),
            Items((value, "two"), title=value, details=(value, "")),
            Items((value,), ordered=True),
            Items((value,), tasks=True),
            Table(("a", "b"), ((value, value), ("1", "2"))),
            Table(("a", "b"), ((value, value), ("1", "2")), grid=True),
            Callout(value, (value, "two"), intro=value),
            Results((Result(value, value, value),)),
        ),
        title=value,
    )


WORDS = st.text(
    st.sampled_from(list("#*_[]()<>!|~&;:`\\-+=.)0123456789 \n\r\t\x0b\x0c\u2028\u2029\x85aZ/")),
    max_size=30,
)


@settings(max_examples=150, deadline=None)
@given(value=st.one_of(st.sampled_from(HOSTILE), WORDS))
def test_any_value_is_inert_text_in_markdown(value: str) -> None:
    value = value.replace("`", "'")  # a pair of backticks is the knowledge base's command code
    assume(value.strip())  # an empty value leaves its block out
    drawn = text.markdown(page_with(value))
    assert shape(drawn) == shape(text.markdown(page_with("x")))
    # Each value reads as it was written, its line breaks as spaces (Markdown folds spaces).
    assert " ".join(value.split()) in " ".join(shown_text(drawn).split())


@settings(max_examples=150, deadline=None)
@given(value=st.one_of(st.sampled_from(HOSTILE), WORDS))
def test_any_value_keeps_to_its_line_in_plain_text(value: str) -> None:
    assume(value.strip())
    drawn = text.plain(page_with(value))
    assert drawn.count("\n") == text.plain(page_with("x")).count("\n")
    # A table row keeps its columns: tabs only between cells.
    rows = [line for line in drawn.splitlines() if "\t" in line]
    assert rows and all(row.count("\t") == 1 for row in rows)


@pytest.mark.parametrize("value", HOSTILE)
def test_any_value_is_text_in_html(value: str) -> None:
    tags = re.compile(r"<(/?[a-z0-9]+)")
    # A web address is a link that shows itself (render.html), never other words.
    shown_url = re.compile(r'<a class="url" href="([^"<>]+)" rel="noopener noreferrer">\1</a>')
    drawn = shown_url.sub("URL", html.document(page_with(value)))
    assert tags.findall(drawn) == tags.findall(html.document(page_with("x")))


def test_one_line_is_the_notes_rule() -> None:
    assert one_line("a\n\nb\r\nc\td\u2028e\x85f\x0bg") == "a b c d e f g"
    assert one_line("plain words") == "plain words"
    assert one_line("straße\n#") == "straße #"


def test_a_name_cannot_forge_a_heading_in_the_report(runner: CliRunner) -> None:
    for fmt in ("markdown", "plain", "html"):
        result = runner.invoke(app, ["report", "--name", FORGED, "-f", fmt])
        assert result.exit_code == 0, result.output
        out = result.stdout
        if fmt == "markdown":
            headings = [line for line in out.splitlines() if line.startswith("#")]
            assert headings == ["# Pain journal report"]
            tokens = MARKDOWN.parse(out)
            titles = [
                tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"
            ]
            assert titles == ["Pain journal report", *titles[1:]]
            assert not any("Emergency" in title for title in titles), titles
            assert "- **Name:** Sam # Emergency Numbness in the saddle area" in out
        elif fmt == "plain":
            assert [line for line in out.splitlines() if line.startswith("Period:")] == [
                next(line for line in out.splitlines() if line.startswith("Period: 20"))
            ]
            assert "Name: Sam # Emergency Numbness in the saddle area is normal Period: 1999" in out
        else:
            assert "<h1" not in out.split("Sam", 1)[1].split("</", 1)[0]
            assert "Emergency" in out and "<h1>Emergency" not in out


def test_search_words_stay_on_one_line(runner: CliRunner) -> None:
    words = "piriformis\n\n# syndrome\nSources:"
    for fmt in ("markdown", "plain"):
        result = runner.invoke(app, ["search", words, "-f", fmt])
        assert result.exit_code == 0, result.output
        lines = result.stdout.splitlines()
        assert not any(line.startswith(("# syndrome", "Sources:")) for line in lines)
        assert 'for "piriformis # syndrome Sources:"' in result.stdout
        if fmt == "markdown":
            assert shape(result.stdout)[:3] == ["heading_open", "text", "heading_close"]
            assert shape(result.stdout).count("heading_open") == 1


def hostile_kb(path: Path) -> Path:
    """A user's file whose one-line fields carry markup; its own path has a line break."""
    path.write_text(
        yaml.safe_dump(
            {
                "sources": [
                    {
                        "key": "evil-source",
                        "title": "[Trust me](https://evil.example) <b>now</b>",
                        "publisher": "# Publisher",
                    }
                ],
                "techniques": [
                    {
                        "id": "evil-press",
                        "name": "# Emergency **over**",
                        "family": "western",
                        "performed_by": ["self"],
                        "pressure": ["light"],
                        "targets": ["evil muscle"],
                        "summary": "1. Numbness in the saddle area is normal",
                        "steps": ["- a forged list item", "> a forged quote"],
                        "why_it_may_help": "| a | forged |\n| --- | --- |",
                        "evidence": {"level": "low", "summary": "&lt;script&gt; ~~struck~~"},
                        "cautions": ["    indented code"],
                        "sources": ["evil-source"],
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    return path


def test_knowledge_base_fields_and_its_path_are_inert(runner: CliRunner, tmp_path: Path) -> None:
    path = hostile_kb(tmp_path / "evil\n# Forged from the path\nPeriod: 1999.yaml")
    for command in (["techniques", "evil-press"], ["sources", "evil-source"], ["techniques"]):
        result = runner.invoke(app, [*command, "-f", "markdown", "--kb", str(path)])
        assert result.exit_code == 0, result.output
        out = result.stdout
        kinds = shape(out)
        for forbidden in ("link_open", "html_inline", "html_block", "s_open", "code_block",
                          "blockquote_open", "table_open", "image"):  # fmt: skip
            assert forbidden not in kinds, (command, forbidden)
        headings = [line for line in out.splitlines() if line.startswith("#")]
        assert not any("Forged" in line for line in headings), headings
        assert not any(line.startswith("# Emergency") for line in headings), headings
        if "evil-press" in command:  # shown as written, not as `<script>`
            assert "&lt;script&gt; ~~struck~~" in shown_text(out)
        plain = runner.invoke(app, [*command, "-f", "plain", "--kb", str(path)]).stdout
        assert not any(line.startswith(("# Forged", "Period: 1999")) for line in plain.splitlines())
    step = runner.invoke(app, ["techniques", "evil-press", "-f", "markdown", "--kb", str(path)])
    assert "1. \\- a forged list item" in step.stdout


def test_values_from_the_journal_keep_to_their_row(runner: CliRunner) -> None:
    logged = runner.invoke(app, ["log", "--pain-before", "5", "--pain-after", "3"])
    assert logged.exit_code == 0, logged.output
    (path,) = Path(os.environ["SCIATICLI_HOME"]).rglob("*.sqlite3")
    with sqlite3.connect(path) as connection:  # edited by hand, from another program
        connection.execute("UPDATE entries SET technique = ?", ("evil\n# Emergency\tPeriod",))
    connection.close()
    for fmt in ("markdown", "plain"):
        result = runner.invoke(app, ["history", "-f", fmt])
        assert result.exit_code == 0, result.output
        assert not any(line.startswith("# Emergency") for line in result.stdout.splitlines())
        row = next(line for line in result.stdout.splitlines() if "evil" in line)
        assert "evil # Emergency Period" in row
        if fmt == "plain":
            assert row.count("\t") == 6  # seven columns, none split


def test_error_messages_quote_a_word_on_one_line(runner: CliRunner) -> None:
    for args in (
        ["techniques", "nope\nError: forged"],
        ["search", "zzzzqq\nError: forged"],
        ["home-routine", "nope\n\nError: forged"],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 1
        assert result.stderr.count("\n") == 1, result.stderr
        assert result.stderr.startswith("Error: ") and one_line(args[1]) in result.stderr


def test_messages_with_a_path_are_one_line(runner: CliRunner, tmp_path: Path) -> None:
    runner.invoke(app, ["log", "--pain-before", "5", "--pain-after", "3"])
    target = tmp_path / "copy\nBacked up 0 entries to nowhere.sqlite3"
    result = runner.invoke(app, ["journal", "backup", str(target)])
    assert result.exit_code == 0, result.output
    assert result.stdout.count("\n") == 1
    assert "copy Backed up 0 entries" in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["history", "--since", "x\nError: forged"],
        ["log", "5\n\nError: forged", "3"],
        ["log", "5", "3", "--when", "x\r\nError: forged"],
        ["safety", "--region", "x\nError: forged"],
        ["techniquez\nError: forged"],
    ],
)
def test_usage_errors_quote_a_value_on_one_line(runner: CliRunner, args: list[str]) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    error = result.stderr.splitlines()[-1]
    assert error.startswith("Error: ") and "forged" in error
    assert [line for line in result.stderr.splitlines() if "Error:" in line] == [error]
