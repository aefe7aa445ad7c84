"""Arguments that used to crash or be misreported (issue 11, section 6)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sciaticli.cli.main import app

LOG = ["log", "--pain-before", "5", "--pain-after", "3"]


@pytest.mark.parametrize(
    "args",
    [
        ["history", "--last", "9223372036854775808"],
        ["history", "--delete", "99999999999999999999999", "--yes"],
        ["history", "--last", "-99999999999999999999999"],
    ],
)
def test_numbers_beyond_64_bits_are_usage_errors(runner: CliRunner, args: list[str]) -> None:
    assert runner.invoke(app, LOG).exit_code == 0  # a journal, so the number reaches SQLite
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert "is too large; the largest is 9223372036854775807" in result.stderr or (
        "is not in the range x>=1" in result.stderr
    )
    assert not isinstance(result.exception, OverflowError)


def test_the_largest_number_is_fine(runner: CliRunner) -> None:
    assert runner.invoke(app, LOG).exit_code == 0
    assert runner.invoke(app, ["history", "--last", str(2**63 - 1), "-f", "csv"]).exit_code == 0
    result = runner.invoke(app, ["history", "--delete", str(2**63 - 1), "--yes"])
    assert result.exit_code == 1 and "no journal entry" in result.stderr


def command(tmp_path: Path, *args: str | bytes) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "SCIATICLI_HOME": str(tmp_path / "home")}
    return subprocess.run(
        [sys.executable, "-m", "sciaticli", *args], capture_output=True, env=env, timeout=60
    )


def test_a_note_that_is_not_utf8_is_kept_with_replacement_characters(tmp_path: Path) -> None:
    result = command(tmp_path, *LOG, "--note", b"caf\xe9 \xff ok")
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr
    assert "not all UTF-8" in result.stderr.decode()
    data = json.loads(command(tmp_path, "history", "-f", "json").stdout)
    assert data["entries"][0]["note"] == "caf\ufffd \ufffd ok"


def test_an_argument_that_is_not_utf8_is_shown_replaced(tmp_path: Path) -> None:
    result = command(tmp_path, "techniques", b"shi\xffatsu")
    assert result.returncode == 1
    assert result.stderr.decode().startswith("Error: no technique called 'shi\ufffdatsu'")


def test_an_unreadable_kb_is_an_error_not_a_usage_error(tmp_path: Path) -> None:
    kb = tmp_path / "mine.yaml"
    kb.write_text("techniques: []\n", encoding="utf-8")
    kb.chmod(0o000)
    # Root reads any file: as root, the command runs without the capabilities that allow it.
    drop = ["setpriv", "--inh-caps=-all", "--bounding-set=-dac_override,-dac_read_search"]
    prefix = drop if os.geteuid() == 0 else []
    result = subprocess.run(
        [*prefix, sys.executable, "-m", "sciaticli", "techniques", "--kb", str(kb)],
        capture_output=True,
        timeout=60,
        env={**os.environ, "SCIATICLI_HOME": str(tmp_path / "home")},
    )
    kb.chmod(0o600)
    assert result.returncode == 1, result.stderr
    assert result.stderr.decode() == (
        f"Error: cannot read knowledge base file {kb}: Permission denied\n"
    )
