"""`log --leg --back`: leg and back pain apart, kept with the entry and shown by `history` in
every format; the single rating keeps working and older entries are left as they were."""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
from pathlib import Path

from typer.testing import CliRunner

from sciaticli import journal
from sciaticli.cli.main import app


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def journal_file() -> Path:
    return Path(os.environ["SCIATICLI_HOME"]) / journal.FILENAME


def test_leg_and_back_pain_are_logged_apart_and_shown_everywhere() -> None:
    code, out, err = invoke("log", "6", "4", "--leg", "6", "--back", "3", "--when", "2024-03-01")
    assert (code, err) == (0, "")
    assert out == "Logged entry 1 for 2024-03-01: pain 6 → 4. Apart: leg 6, back 3.\n"
    code, out, _ = invoke("log", "5", "--session", "none", "--leg", "7", "--when", "2024-03-02")
    assert out == (
        "Logged entry 2 for 2024-03-02: pain 5 (a rating alone, no session). Apart: leg 7.\n"
    )
    assert invoke("log", "5", "3", "--when", "2024-03-03")[1] == (
        "Logged entry 3 for 2024-03-03: pain 5 → 3.\n"
    )
    entries = json.loads(invoke("history", "-f", "json")[1])["entries"]
    assert [(e["leg_pain"], e["back_pain"]) for e in entries] == [(6, 3), (7, None), (None, None)]
    rows = list(csv.DictReader(io.StringIO(invoke("history", "-f", "csv")[1])))
    assert [(r["leg_pain"], r["back_pain"]) for r in rows] == [("6", "3"), ("7", ""), ("", "")]
    plain = invoke("history", "-f", "plain")[1]
    assert "1\t2024-03-01\t- (leg 6, back 3)\t6\t4\t-2\t" in plain
    assert "2\t2024-03-02\tPain rating alone (leg 7)\t5\t-\t-\t" in plain
    assert "3\t2024-03-03\t-\t5\t3\t-2\t" in plain


def test_leg_or_back_pain_off_the_scale_is_a_usage_error_and_nothing_is_saved() -> None:
    code, out, err = invoke("log", "6", "4", "--leg", "11")
    assert (code, out) == (2, "")
    assert "11 is off the scale" in err
    code, _, err = invoke("log", "6", "4", "--back", "x")
    assert code == 2 and "'x' is not a whole number" in err
    assert not journal_file().exists()


def test_a_leg_pain_edited_by_hand_into_text_is_shown_as_stored() -> None:
    invoke("log", "6", "4", "--leg", "6", "--when", "2024-03-01")
    connection = sqlite3.connect(journal_file())
    connection.execute("PRAGMA ignore_check_constraints = ON")
    connection.execute("UPDATE entries SET leg_pain = 'bad' WHERE id = 1")
    connection.commit()
    connection.close()
    code, _, err = invoke("history", "-f", "plain")
    assert code == 0
    assert "its leg pain is not a number ('bad')" in err
    entries = json.loads(invoke("history", "-f", "json")[1])["entries"]
    assert entries[0]["leg_pain"] is None and entries[0]["pain_before"] == 6
