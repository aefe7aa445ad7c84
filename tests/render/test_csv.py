"""`history --format csv` is safe to open in a spreadsheet (issue 11, section 3): RFC 4180
quoting whatever a note holds, and no cell a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from sciaticli.cli.main import app
from sciaticli.render.safe import visible_in_csv
from sciaticli.render.spreadsheet import FORMULA_STARTS, cell, csv_text

LOG = ["log", "--pain-before", "7", "--pain-after", "4", "--when", "2024-03-01"]


def records(text: str) -> list[list[str]]:
    """As a spreadsheet reads the file: universal newlines off, quoted fields whole."""
    return list(csv.reader(io.StringIO(text, newline="")))


def history_csv(runner: CliRunner) -> list[list[str]]:
    result = runner.invoke(app, ["history", "-f", "csv"])
    assert (result.exit_code, result.stderr) == (0, "")
    return records(result.stdout_bytes.decode())  # .stdout turns CRLF into LF


def test_a_carriage_return_stays_in_one_record(runner: CliRunner) -> None:
    for note in ("first\rsecond", "one\r\ntwo", "cr at end\r"):
        assert runner.invoke(app, [*LOG, "--note", note]).exit_code == 0
    rows = history_csv(runner)
    assert len(rows) == 4
    column = rows[0].index("note")
    assert [row[column] for row in rows[1:]] == ["first\rsecond", "one\r\ntwo", "cr at end\r"]


@pytest.mark.parametrize(
    ("note", "shown"),
    [
        (
            '=HYPERLINK("https://evil.example","click")',
            '\'=HYPERLINK("https://evil.example","click")',
        ),
        ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
        ("-3", "'-3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("fine = 1 + 1", "fine = 1 + 1"),
    ],
)
def test_formula_cells_are_neutralised(runner: CliRunner, note: str, shown: str) -> None:
    assert runner.invoke(app, [*LOG, "--note", note]).exit_code == 0
    header, row = history_csv(runner)
    assert row[header.index("note")] == shown


def test_computed_numbers_stay_numbers(runner: CliRunner) -> None:
    assert runner.invoke(app, [*LOG, "--note", "x"]).exit_code == 0
    header, row = history_csv(runner)
    assert row[header.index("change")] == "-3"  # a number the program computed, not text
    assert row[header.index("pain_before")] == "7"


def test_a_nul_is_shown_the_same_on_every_python() -> None:
    # Python 3.10's csv module cannot write NUL at all; 3.11 and later write it, then shown.
    for text_columns in (None, [1]):
        text = csv_text(("id", "note"), [(1, "a\x00b")], text_columns)
        assert text == "id,note\n1,a\u2400b\n"


def test_cell_rules() -> None:
    assert cell(-3) == -3 and cell(2.5) == 2.5
    assert cell("-3") == "'-3"
    assert csv_text(("a",), [("a\x1b[2Jb",)]) == "a\na\u241b[2Jb\n"  # controls shown
    assert csv_text(("a", "b"), [("x\ry", 1)]) == 'a,b\n"x\ry",1\n'


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(notes=st.lists(st.text(), min_size=1, max_size=4))
def test_any_note_is_one_record(notes: list[str]) -> None:
    text = csv_text(("id", "note"), [(number, note) for number, note in enumerate(notes)])
    rows = records(text)
    assert len(rows) == len(notes) + 1
    for (number, note), row in zip(enumerate(notes), rows[1:], strict=True):
        assert row[0] == str(number)
        shown = visible_in_csv(str(cell(note)))
        assert row[1] == shown
        assert not str(shown).startswith(FORMULA_STARTS)
