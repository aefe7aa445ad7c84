"""One output path (issue 22, section 4): a page that streams its rows goes through the same
`emit` as a whole page, which alone decides the format and makes only the form it draws; the
command table says which commands offer csv, are paged, and open at their end."""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from typer.testing import CliRunner

from sciaticli.cli.commands import (
    COMMANDS,
)
from sciaticli.cli.main import (
    app,
)
from sciaticli.render import jsonstream
from sciaticli.render.document import (
    Heading,
    JsonStream,
    Page,
    Records,
    Streamed,
    StreamedPage,
    Table,
)
from sciaticli.render.output import ColorMode, OutputFormat, emit


class Stream(io.StringIO):
    encoding = "utf-8"


def fake_page(made: list[str]) -> StreamedPage:
    """A StreamedPage whose forms say when they are made, and whose rows when they are read."""

    def noted(name: str, value: Callable[[], Any]) -> Callable[[], Any]:
        def make() -> Any:
            made.append(name)
            return value()

        return make

    def rows() -> Iterator[list[tuple[str, ...]]]:
        for number in range(3):
            made.append(f"chunk {number}")
            yield [(str(number), "x")]

    columns = ("n", "x")
    return StreamedPage(
        page=noted("page", lambda: Page((Heading("Rows"), Table(columns, (), grid=True)))),
        rows=noted("rows", rows),
        terminal=noted("terminal", lambda: Page((Heading("Newest"),))),
        data=noted("data", lambda: JsonStream((("rows", Streamed(rows())),))),
        records=noted("records", lambda: Records(columns, ((chunk, None) for chunk in rows()))),
    )


@pytest.mark.parametrize(
    ("fmt", "forms", "shown"),
    [
        (OutputFormat.plain, ["page", "rows"], "ROWS\n\nn\tx\n0\tx\n1\tx\n2\tx\n"),
        (OutputFormat.markdown, ["page", "rows"], "| 2 | x |\n"),
        (OutputFormat.html, ["page", "rows"], "<tr><td>2</td><td>x</td></tr>"),
        (OutputFormat.json, ["data"], '  "rows": [\n    ["0", "x"],\n'),
        (OutputFormat.csv, ["records"], "n,x\n0,x\n1,x\n2,x\n"),
        (OutputFormat.rich, ["terminal"], "Newest"),
    ],
)
def test_emit_makes_only_the_form_it_draws(fmt: OutputFormat, forms: list[str], shown: str) -> None:
    made: list[str] = []
    out = Stream()
    emit(fake_page(made), fmt, ColorMode.never, out)
    assert [name for name in made if not name.startswith("chunk")] == forms
    assert shown in out.getvalue()
    if fmt is OutputFormat.json:
        assert json.loads(out.getvalue()) == {"rows": [["0", "x"], ["1", "x"], ["2", "x"]]}


def test_rows_are_read_as_they_are_written() -> None:
    """Each chunk is written before the next is read: the memory of one chunk."""
    made: list[str] = []
    written: list[str] = []

    class Watched(Stream):
        def write(self, text: str) -> int:
            written.append(f"{len(made)}:{text}")
            return super().write(text)

    emit(fake_page(made), OutputFormat.csv, ColorMode.never, Watched())
    # The header goes out with the first chunk, then one piece a chunk, each as it is read.
    assert [piece.split(":", 1)[0] for piece in written if piece.split(":", 1)[1]] == [
        "2",
        "3",
        "4",
    ]


def test_a_whole_page_has_no_csv_form() -> None:
    from sciaticli.errors import SciaticliError

    with pytest.raises(SciaticliError, match="no CSV form"):
        emit(Page((Heading("x"),)), OutputFormat.csv, ColorMode.never, Stream())


def test_json_stream_layout() -> None:
    members = (
        ("entries", Streamed([[{"id": 1, "note": "é\n"}], [], [{"id": 2}]])),
        ("days", Streamed([])),
        ("summary", lambda: {"sessions": 2}),
    )
    assert "".join(jsonstream.pieces(JsonStream(members))) == (
        '{\n  "entries": [\n    {"id": 1, "note": "é\\n"},\n    {"id": 2}\n  ],\n'
        '  "days": [],\n  "summary": {\n    "sessions": 2\n  }\n}\n'
    )
    assert "".join(jsonstream.pieces(JsonStream(()))) == "{}\n"


def test_only_a_command_with_records_offers_csv(runner: CliRunner) -> None:
    offering = [name for name, command in COMMANDS.items() if command.csv]
    assert offering == ["history"]
    assert runner.invoke(app, ["history", "-f", "CSV"]).exit_code == 0
    refused = runner.invoke(app, ["techniques", "-f", "csv"])
    assert refused.exit_code == 2
    assert "'csv' is not one of 'auto', 'rich', 'plain', 'markdown', 'json', 'html'" in (
        refused.stderr
    )
    assert "<auto|rich|plain|markdown|json|html>" in runner.invoke(app, ["about", "-h"]).stdout
    assert "|html|csv>" in runner.invoke(app, ["history", "-h"]).stdout


def test_the_pager_follows_the_command_table() -> None:
    from sciaticli.cli.main import SciaticliGroup
    from sciaticli.render import pager

    group = SciaticliGroup()
    for name, command in COMMANDS.items():
        pager.reset()
        group.resolve_command(group.make_context("sciaticli", [name]), [name])
        assert pager._state["allowed"] is command.paged, name
        assert pager._state["end"] is command.opens_at_end, name
    assert [name for name, command in COMMANDS.items() if command.opens_at_end] == ["history"]
