"""Problems in a knowledge-base file are reported one per line, whatever the file holds."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from sciaticli.cli.main import app
from sciaticli.errors import KnowledgeBaseError, Problem
from tests.conftest import USER_KB, WriteFile


def test_a_line_break_in_a_message_is_escaped() -> None:
    problem = Problem("kb.yaml", 3, "bad\nid", "unknown key 'x\r\nError: all is well'")
    shown = str(problem)
    assert "\n" not in shown and "\r" not in shown
    assert shown == "kb.yaml:3: bad\\nid: unknown key 'x\\r\\nError: all is well'"


def test_every_line_boundary_is_escaped() -> None:
    breaks = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
    shown = str(Problem(f"a{breaks}.yaml", None, None, f"m{breaks}"))
    assert len(shown.splitlines()) == 1


def test_the_summary_has_one_line_per_problem() -> None:
    problems = [Problem("x\ny.yaml", 1, None, "one\ntwo"), Problem("x\ny.yaml", 2, None, "three")]
    assert len(str(KnowledgeBaseError(problems)).splitlines()) == 1 + len(problems)


def test_a_key_with_a_line_break_cannot_forge_a_line(write_file: WriteFile) -> None:
    forged = USER_KB.replace(
        "    summary: A made-up", '    "x\\nError: nothing is wrong": 1\n    summary: A made-up'
    )
    path: Path = write_file("forged.yaml", forged)
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert not any(line.startswith("Error: nothing is wrong") for line in lines)
    assert any("x\\nError: nothing is wrong" in line for line in lines)
