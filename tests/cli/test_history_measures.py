"""`sciaticli history --measures`: the PEG, RMDQ and PSFS forms recorded, one a row with its
score, as a table, JSON and one long CSV with a `measure` column (docs/json.md); worked out by
hand, with an item left out (no score, never a "no" or a 0)."""

from __future__ import annotations

import csv
import io
import json
import sqlite3

import pytest
from typer.testing import CliRunner

from sciaticli import journal
from sciaticli.cli.main import app
from sciaticli.journal.measures import NewMeasure

ACTIVITIES = ("sitting 30 minutes", "putting on socks", "=SUM(A1:A9)")
RMDQ = (True,) * 10 + (False,) * 13 + (None,)  # 23 answered: no score


def recorded() -> None:
    with journal.open_journal(journal.journal_path()) as opened:
        opened.add_measure(NewMeasure("2024-03-04T09:00:00", "peg", (6, 5, 7)))  # 6.0
        opened.add_measure(NewMeasure("2024-03-05T09:00:00", "rmdq", RMDQ))
        opened.add_measure(NewMeasure("2024-03-06T09:00:00", "psfs", (3, 4, 6), ACTIVITIES))
        opened.add_measure(NewMeasure("2024-03-11T09:00:00", "peg", (4, None, 5)))  # no score
        opened.add_measure(NewMeasure("2024-03-12T09:00:00", "rmdq", (True,) * 7 + (False,) * 17))


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["history", "--measures", *args])
    return result.exit_code, result.stdout, result.stderr


def test_plain_lists_each_form_with_its_score() -> None:
    recorded()
    code, out, err = invoke("-f", "plain")
    assert (code, err) == (0, "")
    assert out.splitlines()[2:8] == [
        "Id\tWhen\tMeasure\tScore\tAnswered\tAnswers",
        "1\t2024-03-04T09:00:00\tPEG\t6.0\t3 of 3\t6 5 7",
        "2\t2024-03-05T09:00:00\tRMDQ\t-\t23 of 24\tyyyyyyyyyynnnnnnnnnnnnn-",
        "3\t2024-03-06T09:00:00\tPSFS\t4.3\t3 of 3\tsitting 30 minutes 3; putting on socks 4; "
        "=SUM(A1:A9) 6",
        "4\t2024-03-11T09:00:00\tPEG\t-\t2 of 3\t4 - 5",
        "5\t2024-03-12T09:00:00\tRMDQ\t7\t24 of 24\tyyyyyyynnnnnnnnnnnnnnnnn",
    ]
    assert "A form with an item left out has no score." in out


def test_json_keeps_the_answers_as_given() -> None:
    recorded()
    code, out, _ = invoke("-f", "json")
    assert code == 0
    forms = json.loads(out)["measures"]
    assert [(f["id"], f["measure"], f["score"]) for f in forms] == [
        (1, "peg", 6), (2, "rmdq", None), (3, "psfs", 4.33), (4, "peg", None), (5, "rmdq", 7)
    ]  # fmt: skip
    assert forms[1]["answers"][-1] is None and forms[1]["answers"][0] is True
    assert (forms[1]["answered"], forms[1]["items"]) == (23, 24)
    assert forms[2]["activities"] == list(ACTIVITIES)
    assert forms[3]["answers"] == [4, None, 5] and forms[0]["activities"] is None
    assert all(f["problems"] is None for f in forms)


def test_csv_is_one_long_table_with_a_measure_column() -> None:
    recorded()
    code, out, _ = invoke("-f", "csv")
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    header = rows[0]
    assert header[:6] == ["id", "when", "measure", "score", "answered", "items"]
    assert header[6:30] == [f"item_{n}" for n in range(1, 25)]
    assert header[30:] == [f"activity_{n}" for n in range(1, 6)]
    assert len(rows) == 6 and all(len(row) == 35 for row in rows)
    peg, rmdq, psfs, incomplete, _ = rows[1:]
    assert peg[:9] == ["1", "2024-03-04T09:00:00", "peg", "6", "3", "3", "6", "5", "7"]
    assert set(peg[9:]) == {""}
    assert rmdq[3:6] == ["", "23", "24"]  # no score: an item left out
    assert rmdq[6:30] == ["yes"] * 10 + ["no"] * 13 + [""]  # left out: empty, not "no"
    assert psfs[3] == "4.33" and psfs[6:9] == ["3", "4", "6"]
    # The person's words, neutralised where a spreadsheet would run them as a formula.
    assert psfs[30:] == ["sitting 30 minutes", "putting on socks", "'=SUM(A1:A9)", "", ""]
    assert incomplete[3:9] == ["", "2", "3", "4", "", "5"]


def test_since_last_and_newest_first() -> None:
    recorded()
    _, out, _ = invoke("-f", "json", "--since", "2024-03-06")
    assert [f["id"] for f in json.loads(out)["measures"]] == [3, 4, 5]
    _, out, _ = invoke("-f", "json", "--last", "2", "--newest-first")
    assert [f["id"] for f in json.loads(out)["measures"]] == [5, 4]


def test_without_forms_says_how_to_record_one() -> None:
    code, out, _ = invoke("-f", "plain")
    assert code == 0 and "No measures recorded yet. sciaticli measure says which are due" in out
    assert json.loads(invoke("-f", "json")[1]) == {"measures": []}
    assert invoke("-f", "csv")[1].startswith("id,when,measure,score,answered,items,item_1,")
    assert len(invoke("-f", "csv")[1].splitlines()) == 1


@pytest.mark.parametrize("args", [["--edit", "1"], ["--delete", "1", "--yes"]])
def test_measures_with_edit_or_delete_is_a_usage_error(args: list[str]) -> None:
    recorded()
    code, _, err = invoke(*args)
    assert code == 2 and "--measures lists the forms" in err and "Traceback" not in err


def test_a_row_edited_by_hand_is_listed_unscored_and_warned_about() -> None:
    recorded()
    with sqlite3.connect(journal.journal_path()) as connection:
        connection.execute("UPDATE measures SET answers = 'not json' WHERE id = 1")
    connection.close()
    code, out, err = invoke("-f", "plain")
    assert code == 0
    assert "1\t2024-03-04T09:00:00\tPEG\t-\tnot a form: " in out
    assert err.startswith("Warning: measure 1 (2024-03-04T09:00:00) is not a form sciaticli")
