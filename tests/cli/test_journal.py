"""`sciaticli log` and `sciaticli history` through the CLI: every format, the checks, deletion,
files that are not journals, and twenty writers at once."""

from __future__ import annotations

import csv
import io
import json
import os
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sciaticli import journal
from sciaticli.cli.main import app
from sciaticli.journal import NewEntry
from sciaticli.render import terminal
from sciaticli.render.document import Chart, Page

NOTE = 'Left side "tight", après'
NASTY_NOTE = 'line one\nline two, "quoted"\ttab; =SUM(A1) | pipe ✓ Ischias – straße'


def invoke(runner: CliRunner, *args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def journal_file() -> Path:
    return Path(os.environ["SCIATICLI_HOME"]) / journal.FILENAME


SEED = (
    ("7", "5", "--routine", "standing-wall", "--when", "2024-03-01 08:30", "--note", NOTE),
    ("6", "6", "--technique", "shiatsu", "--when", "2024-03-01"),
    ("5", "2", "--routine", "seated", "--when", "2024-03-04T19:05"),  # a prefix of the id
    ("4", "5", "--when", "2024-03-09 07:00", "--note", "a|b, c"),
)


def seed(runner: CliRunner) -> None:
    """Four entries on three days: a routine, a technique, a routine by prefix, neither."""
    for before, after, *rest in SEED:
        assert invoke(runner, "log", "--pain-before", before, "--pain-after", after, *rest)[0] == 0


PLAIN = """\
PAIN JOURNAL

Pain is rated 0 (no pain) to 10 (the worst imaginable), before and after each session. \
Change is after minus before: below 0, the pain fell.

Entries

ID\tWhen\tWhat\tBefore\tAfter\tChange\tNote
2\t2024-03-01\tShiatsu\t6\t6\t0\t-
1\t2024-03-01 08:30\tTennis ball against a wall (standing)\t7\t5\t-2\tLeft side "tight", après
3\t2024-03-04 19:05\tTennis ball on a firm chair (sitting)\t5\t2\t-3\t-
4\t2024-03-09 07:00\t-\t4\t5\t+1\ta|b, c

Summary

Sessions: 4 from 2024-03-01 to 2024-03-09
Sessions per week: 3.1
Average pain: 5.5 before, 4.5 after
Average change: -1.0 (pain fell by 1.0 on average)
Best day (lowest average pain after): 2024-03-04: 2.0 after, 5.0 before (1 session)
Worst day (highest average pain after): 2024-03-01: 5.5 after, 6.5 before (2 sessions)
"""

MARKDOWN = """\
# Pain journal

Pain is rated 0 (no pain) to 10 (the worst imaginable), before and after each session. \
Change is after minus before: below 0, the pain fell.

## Entries

| ID | When | What | Before | After | Change | Note |
| --- | --- | --- | --- | --- | --- | --- |
| 2 | 2024-03-01 | Shiatsu | 6 | 6 | 0 |  |
| 1 | 2024-03-01 08:30 | Tennis ball against a wall (standing) | 7 | 5 | -2 | \
Left side "tight", après |
| 3 | 2024-03-04 19:05 | Tennis ball on a firm chair (sitting) | 5 | 2 | -3 |  |
| 4 | 2024-03-09 07:00 | - | 4 | 5 | +1 | a\\|b, c |

## Summary

- **Sessions:** 4 from 2024-03-01 to 2024-03-09
- **Sessions per week:** 3.1
- **Average pain:** 5.5 before, 4.5 after
- **Average change:** -1.0 (pain fell by 1.0 on average)
- **Best day (lowest average pain after):** 2024-03-04: 2.0 after, 5.0 before (1 session)
- **Worst day (highest average pain after):** 2024-03-01: 5.5 after, 6.5 before (2 sessions)
"""

RICH = """\
Pain journal

Pain is rated 0 (no pain) to 10 (the worst imaginable), before and after each
session. Change is after minus before: below 0, the pain fell.

Average pain per day: ██ before  ▒▒ after
Pain, 0 (none) to 10 (the worst imaginable); one column a day
10 │
   │
 8 │
   │ █
 6 │ █▒
   │ █▒       █               ▒
 4 │ █▒       █              █▒
   │ █▒       █              █▒
 2 │ █▒       █▒             █▒
   │ █▒       █▒             █▒
 0 └────────────────────────────
     2  ·  ·  1  ·  ·  ·  ·  1
     03-01 03-03 03-05 03-07 03-09
9 days (2024-03-01 to 2024-03-09), 3 with entries. Under the axis: entries that
day (a dot: none, a gap in the chart). Bars are rounded to whole points.

Summary

Sessions                                4 from 2024-03-01 to 2024-03-09
Sessions per week                       3.1
Average pain                            5.5 before, 4.5 after
Average change                          -1.0 (pain fell by 1.0 on average)
Best day (lowest average pain after)    2024-03-04: 2.0 after, 5.0 before (1
                                        session)
Worst day (highest average pain after)  2024-03-01: 5.5 after, 6.5 before (2
                                        sessions)

For your doctor or physiotherapist: sciaticli history --format markdown >
pain.md (or --format csv for a spreadsheet).

Entries

 ID   When               What                  Pain         Note
────────────────────────────────────────────────────────────────────────────────
 2    2024-03-01         Shiatsu               6 → 6 (0)
 1    2024-03-01 08:30   Tennis ball against   7 → 5 (-2)   Left side "tight",
                         a wall (standing)                  après
 3    2024-03-04 19:05   Tennis ball on a      5 → 2 (-3)
                         firm chair
                         (sitting)
 4    2024-03-09 07:00   -                     4 → 5 (+1)   a|b, c
"""


# --- log -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "confirmation"),
    [
        (
            ["--routine", "standing-wall", "--when", "2024-03-01 08:30"],
            "Logged entry 1 for 2024-03-01 08:30: pain 6 → 4 after "
            "Tennis ball against a wall (standing).",
        ),
        (
            ["--routine", "lying", "--when", "2024-03-01"],  # a unique prefix of the name
            "Logged entry 1 for 2024-03-01: pain 6 → 4 after Tennis ball lying on your back.",
        ),
        (
            ["--technique", "static compression", "--when", "2024-03-01T21:15"],  # an alias
            "Logged entry 1 for 2024-03-01 21:15: pain 6 → 4 after "
            "Ischaemic compression (sustained pressure).",
        ),
        (["--when", "2024-03-01"], "Logged entry 1 for 2024-03-01: pain 6 → 4."),
    ],
)
def test_log_confirms_in_one_line(runner: CliRunner, args: list[str], confirmation: str) -> None:
    code, out, err = invoke(runner, "log", "--pain-before", "6", "--pain-after", "4", *args)
    assert (code, out, err) == (0, confirmation + "\n", "")


def test_log_stores_canonical_ids_and_the_time(runner: CliRunner) -> None:
    invoke(runner, "log", "--pain-before", "6", "--pain-after", "4", "--routine", "Seated")
    invoke(runner, "log", "--pain-before", "3", "--pain-after", "1", "--technique", "shiatsu")
    with journal.existing_journal(journal_file()) as opened:
        assert opened is not None
        entries = opened.entries()
    assert [(e.routine, e.technique, e.pain_before, e.pain_after) for e in entries] == [
        ("seated-chair", None, 6, 4),
        (None, "shiatsu", 3, 1),
    ]
    assert all(len(e.when) == 19 and e.when[10] == "T" and e.origin == "log" for e in entries)


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("11", "11 is off the scale"),
        ("-1", "-1 is off the scale"),
        ("seven", "'seven' is not a whole number"),
        ("5.5", "'5.5' is not a whole number"),
    ],
)
@pytest.mark.parametrize("option", ["--pain-before", "--pain-after"])
def test_pain_off_the_scale_is_a_usage_error(
    runner: CliRunner, option: str, value: str, problem: str
) -> None:
    args = {"--pain-before": "5", "--pain-after": "5", option: value}
    code, out, err = invoke(runner, "log", *(part for pair in args.items() for part in pair))
    assert (code, out) == (2, "")
    assert err.splitlines()[-1] == (
        f"Error: Invalid value for '{option}': {problem}; "
        "pain is rated 0 (no pain) to 10 (the worst pain imaginable)"
    )
    assert not journal_file().exists()


def test_both_pains_are_needed(runner: CliRunner) -> None:
    code, _, err = invoke(runner, "log", "--pain-before", "5")
    assert code == 2
    assert err.splitlines()[-1].startswith(
        "Error: Invalid value for 'AFTER' / '--pain-after': give the pain after too"
    )


def test_routine_and_technique_together_is_a_usage_error(runner: CliRunner) -> None:
    args = ["--routine", "seated", "--technique", "shiatsu"]
    code, _, err = invoke(runner, "log", "--pain-before", "5", "--pain-after", "4", *args)
    assert code == 2
    assert err.splitlines()[-1] == (
        "Error: Invalid value for '--routine' / '--technique': "
        "an entry is for one routine or one technique, not both"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--routine", "standng-wall"], "Error: no routine called 'standng-wall'; did you mean "),
        (["--technique", "shiatzu"], "Error: no technique called 'shiatzu'; did you mean "),
        (["--routine", "tennis"], "Error: 'tennis' matches more than one routine: "),
    ],
)
def test_unknown_ids_are_refused(runner: CliRunner, args: list[str], message: str) -> None:
    code, out, err = invoke(runner, "log", "--pain-before", "5", "--pain-after", "4", *args)
    assert (code, out) == (1, "")
    assert err.startswith(message)
    assert not journal_file().exists()


@pytest.mark.parametrize(
    ("when", "problem"),
    [
        ("2999-01-01", "2999-01-01 is in the future"),
        ("2024-02-30", "'2024-02-30' is not a real date or time"),
        (
            "last week",
            "'last week' is not a date or time; use YYYY-MM-DD, 'YYYY-MM-DD HH:MM', today",
        ),
    ],
)
def test_bad_when_is_a_usage_error(runner: CliRunner, when: str, problem: str) -> None:
    code, out, err = invoke(
        runner, "log", "--pain-before", "5", "--pain-after", "4", "--when", when
    )
    assert (code, out) == (2, "")
    assert err.splitlines()[-1].startswith(f"Error: Invalid value for '--when': {problem}")


def test_log_is_ascii_safe(runner: CliRunner) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sciaticli", "log", "--pain-before", "6", "--pain-after", "4"],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
        timeout=60,
    )
    assert result.returncode == 0
    assert b"pain 6 -> 4." in result.stdout


# --- history, every format -----------------------------------------------------------------------


def test_history_plain(runner: CliRunner) -> None:
    seed(runner)
    assert invoke(runner, "history", "-f", "plain") == (0, PLAIN, "")
    assert invoke(runner, "history") == (0, PLAIN, "")  # piped: plain
    # Every row has every column, an empty note included, for cut and spreadsheets.
    rows = [line for line in PLAIN.splitlines() if "\t" in line]
    assert len(rows) == 5 and {row.count("\t") for row in rows} == {6}


def test_history_markdown_is_a_table(runner: CliRunner) -> None:
    from markdown_it import MarkdownIt

    seed(runner)
    code, out, err = invoke(runner, "history", "-f", "markdown")
    assert (code, out, err) == (0, MARKDOWN, "")
    tokens = MarkdownIt("commonmark").enable("table").parse(out)
    cells = [
        tokens[i + 1].content for i, t in enumerate(tokens) if t.type in ("th_open", "td_open")
    ]
    assert cells[:7] == ["ID", "When", "What", "Before", "After", "Change", "Note"]
    assert len(cells) == 7 * 5
    last_row = ["4", "2024-03-09 07:00", "-", "4", "5", "+1", "a|b, c"]  # a\\|b is a pipe
    assert cells[-7:] == last_row


def test_history_rich_has_the_chart_table_and_summary(runner: CliRunner) -> None:
    seed(runner)
    assert invoke(runner, "history", "-f", "rich", "--color", "never") == (0, RICH, "")


def test_history_json(runner: CliRunner) -> None:
    seed(runner)
    code, out, err = invoke(runner, "history", "-f", "json")
    data = json.loads(out)
    assert (code, err) == (0, "")
    assert list(data) == ["entries", "days", "summary"]
    assert data["entries"][1] == {
        "id": 1,
        "when": "2024-03-01T08:30:00",
        "routine": "standing-wall",
        "technique": None,
        "name": "Tennis ball against a wall (standing)",
        "pain_before": 7,
        "pain_after": 5,
        "change": -2,
        "leg_pain": None,
        "back_pain": None,
        "origin": "log",
        "session": "full",
        "edited": None,
        "note": NOTE,
        "marked": False,
    }
    assert [entry["id"] for entry in data["entries"]] == [2, 1, 3, 4]
    assert data["entries"][0]["technique"] == "shiatsu"
    assert data["days"][0] == {
        "day": "2024-03-01",
        "sessions": 2,
        "rated": 2,
        "partial": 0,
        "average_before": 6.5,
        "average_after": 5.5,
        "average_change": -1.0,
    }
    assert data["summary"] == {
        "sessions": 4,
        "rated": 4,
        "partial": 0,
        "ratings": 0,
        "first_day": "2024-03-01",
        "last_day": "2024-03-09",
        "weeks": 1.29,
        "sessions_per_week": 3.11,
        "average_before": 5.5,
        "average_after": 4.5,
        "average_change": -1.0,
        "best_day": {
            "day": "2024-03-04",
            "sessions": 1,
            "rated": 1,
            "partial": 0,
            "average_before": 5.0,
            "average_after": 2.0,
            "average_change": -3.0,
        },
        "worst_day": data["days"][0],
    }


def test_history_csv(runner: CliRunner) -> None:
    seed(runner)
    code, out, err = invoke(runner, "history", "-f", "csv")
    assert (code, err) == (0, "")
    assert out.splitlines()[:3] == [
        "id,when,routine,technique,name,pain_before,pain_after,change,origin,session,edited,note,"
        "leg_pain,back_pain,marked",
        "2,2024-03-01,,shiatsu,Shiatsu,6,6,0,log,full,,,,,0",
        "1,2024-03-01T08:30:00,standing-wall,,Tennis ball against a wall (standing),7,5,-2,log,"
        'full,,"Left side ""tight"", après",,,0',
    ]
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [row["id"] for row in rows] == ["2", "1", "3", "4"]
    assert rows[3]["note"] == "a|b, c" and rows[3]["routine"] == "" and rows[3]["name"] == ""


def test_notes_keep_any_text_in_json_and_csv(runner: CliRunner) -> None:
    args = ["--pain-before", "5", "--pain-after", "3", "--routine", "seated"]
    assert invoke(runner, "log", *args, "--note", NASTY_NOTE)[0] == 0
    assert invoke(runner, "log", *args, "--note", "'; DROP TABLE entries; --")[0] == 0
    data = json.loads(invoke(runner, "history", "-f", "json")[1])
    assert [entry["note"] for entry in data["entries"]] == [NASTY_NOTE, "'; DROP TABLE entries; --"]
    rows = list(csv.DictReader(io.StringIO(invoke(runner, "history", "-f", "csv")[1])))
    assert [row["note"] for row in rows] == [NASTY_NOTE, "'; DROP TABLE entries; --"]
    # the text formats keep each note to its row
    plain = invoke(runner, "history", "-f", "plain")[1]
    assert 'line one line two, "quoted" tab; =SUM(A1) | pipe ✓ Ischias – straße' in plain
    markdown = invoke(runner, "history", "-f", "markdown")[1]
    assert '| line one line two, "quoted" tab; =SUM(A1) \\| pipe ✓ Ischias – straße |' in markdown


@pytest.mark.parametrize("fmt", ["plain", "markdown", "rich"])
def test_history_without_a_journal_says_so_and_makes_nothing(runner: CliRunner, fmt: str) -> None:
    code, out, err = invoke(runner, "history", "-f", fmt, "--color", "never")
    assert (code, err) == (0, "")
    assert "No entries yet. After a routine or massage: sciaticli log --pain-before 6" in " ".join(
        out.split()
    )
    assert not journal_file().exists()


def test_history_without_a_journal_in_json_and_csv(runner: CliRunner) -> None:
    data = json.loads(invoke(runner, "history", "-f", "json")[1])
    assert data["entries"] == [] and data["days"] == []
    assert data["summary"]["sessions"] == 0 and data["summary"]["best_day"] is None
    assert invoke(runner, "history", "-f", "csv") == (
        0,
        "id,when,routine,technique,name,pain_before,pain_after,change,origin,session,edited,note,"
        "leg_pain,back_pain,marked\n",
        "",
    )
    assert not journal_file().exists()


def test_since_and_last_select_entries(runner: CliRunner) -> None:
    seed(runner)

    def ids(*args: str) -> list[int]:
        out = invoke(runner, "history", "-f", "json", *args)[1]
        return [entry["id"] for entry in json.loads(out)["entries"]]

    assert ids("--since", "2024-03-04") == [3, 4]
    assert ids("--last", "2") == [3, 4]
    assert ids("--last", "1", "--since", "2024-03-01") == [4]
    assert ids("--since", "2024-03-10") == []
    code, out, _ = invoke(runner, "history", "--since", "2024-03-10")
    assert code == 0
    assert "No entries since 2024-03-10." in out
    summary = json.loads(invoke(runner, "history", "-f", "json", "--last", "2")[1])["summary"]
    assert (summary["sessions"], summary["first_day"]) == (2, "2024-03-04")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--last", "0"], "Error: Invalid value for '--last': 0 is not in the range x>=1."),
        (["--since", "2999-01-01"], "Error: Invalid value for '--since': 2999-01-01 is in the"),
        (["--since", "01/03/2024"], "Error: Invalid value for '--since': '01/03/2024' is not a"),
        (["--format", "xml"], "Error: Invalid value for '--format' / '-f': 'xml' is not one of"),
    ],
)
def test_history_usage_errors(runner: CliRunner, args: list[str], message: str) -> None:
    code, out, err = invoke(runner, "history", *args)
    assert (code, out) == (2, "")
    assert err.splitlines()[-1].startswith(message)


def test_entries_whose_id_left_the_knowledge_base_still_show(runner: CliRunner) -> None:
    with journal.open_journal(journal_file()) as opened:
        opened.add(NewEntry("2024-03-01", 6, 4, routine="retired-routine"))
        opened.add(NewEntry("2024-03-02", 6, 3, technique="old-technique", origin="guided"))
    out = invoke(runner, "history", "-f", "plain")[1]
    assert "\n1\t2024-03-01\tretired-routine\t6\t4\t-2\t-\n" in out
    assert "\n2\t2024-03-02\told-technique (guided)\t6\t3\t-3\t-\n" in out
    data = json.loads(invoke(runner, "history", "-f", "json")[1])
    assert [entry["name"] for entry in data["entries"]] == ["retired-routine", "old-technique"]


def test_a_terminal_shows_the_newest_rows_and_days_that_fit(runner: CliRunner) -> None:
    with journal.open_journal(journal_file()) as opened:
        opened.add_many(
            [
                NewEntry(f"2024-01-{day:02d}T08:00:00", day % 11, (day * 3) % 11)
                for day in range(1, 31)
            ]
            + [NewEntry(f"2024-02-{day:02d}T08:00:00", 5, 4) for day in range(1, 29)]
        )
    code, out, _ = invoke(runner, "history", "-f", "rich", "--color", "never")
    assert code == 0
    assert "The newest 50 of 58 entries. Every one: --format plain, markdown, csv or json" in out
    assert "The newest 25 of 59 days (2024-02-04 to 2024-02-28), to fit the width" in out
    assert max(len(line) for line in out.splitlines()) <= 80
    assert " 9    2024-01-09 08:00 " in out and " 8    2024-01-08 08:00 " not in out
    plain = invoke(runner, "history", "-f", "plain")[1]
    assert len(plain.splitlines()) == 7 + 58 + 9  # up to the table's header, rows, summary


def test_the_chart_does_not_rely_on_colour() -> None:
    chart = Chart(
        "Pain", ("2024-03-01", "2024-03-02"), (("before", (6.0, 5.5)), ("after", (4.0, 0.4)))
    )
    page = Page((chart,))
    utf8 = terminal.render(page, color=False, width=60, encoding="utf-8").splitlines()
    ascii_only = terminal.render(page, color=False, width=60, encoding="ascii").splitlines()
    assert utf8[0] == "Pain: ██ before  ▒▒ after"
    assert utf8[5:7] == [" 6 │ █  █", "   │ █  █"]  # 5.5 rounds up to 6
    assert utf8[7] == " 4 │ █▒ █"
    assert utf8[11:13] == [" 0 └───────", "        03-02"]  # dates: every other, the newest
    assert ascii_only[0] == "Pain: ## before  == after"
    assert ascii_only[7] == " 4 | #= #"
    assert ascii_only[11] == " 0 +-------"
    assert all(line.isascii() for line in ascii_only)


# --- delete --------------------------------------------------------------------------------------


def remaining_ids(runner: CliRunner) -> list[int]:
    data = json.loads(invoke(runner, "history", "-f", "json")[1])
    return [entry["id"] for entry in data["entries"]]


def test_delete_with_yes(runner: CliRunner) -> None:
    seed(runner)
    assert invoke(runner, "history", "--delete", "3", "--yes") == (0, "Deleted entry 3.\n", "")
    assert remaining_ids(runner) == [2, 1, 4]


def test_delete_asks_on_a_terminal(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sciaticli.cli.edit.stdin_is_terminal", lambda: True)
    seed(runner)
    code, out, err = invoke(runner, "history", "--delete", "1", stdin="n\n")
    assert code == 0
    assert out.endswith("Nothing deleted.\n")  # after the runner's echo of the answer
    assert err == (
        "Entry 1, 2024-03-01 08:30: Tennis ball against a wall (standing); pain 7 → 5; "
        f"note: {NOTE}\nDelete entry 1? [y/N]:"  # the runner drops the space before input
    )
    assert remaining_ids(runner) == [2, 1, 3, 4]
    code, out, err = invoke(runner, "history", "--delete", "1", stdin="y\n")
    assert code == 0
    assert out.endswith("Deleted entry 1.\n")
    assert remaining_ids(runner) == [2, 3, 4]


def test_delete_without_a_terminal_needs_yes(runner: CliRunner) -> None:
    seed(runner)
    code, out, err = invoke(runner, "history", "--delete", "2")
    assert (code, out) == (2, "")
    assert err.splitlines()[-1] == (
        "Error: Invalid value for '--delete': standard input is not a terminal, so the deletion "
        "cannot be confirmed; add --yes to delete entry 2"
    )
    assert remaining_ids(runner) == [2, 1, 3, 4]


def test_delete_an_unknown_entry(runner: CliRunner) -> None:
    assert invoke(runner, "history", "--delete", "7", "--yes") == (
        1,
        "",
        "Error: no journal entry 7 (the journal has no entries yet)\n",
    )
    assert not journal_file().exists()
    seed(runner)
    code, _, err = invoke(runner, "history", "--delete", "7", "--yes")
    assert (code, err) == (1, "Error: no journal entry 7 (see sciaticli history)\n")
    assert remaining_ids(runner) == [2, 1, 3, 4]


@pytest.mark.parametrize("args", [["--since", "2024-03-01"], ["--last", "2"]])
def test_delete_goes_alone(runner: CliRunner, args: list[str]) -> None:
    seed(runner)
    code, _, err = invoke(runner, "history", "--delete", "1", "--yes", *args)
    assert code == 2
    assert "--delete removes one entry; leave out --since and --last" in err
    assert remaining_ids(runner) == [2, 1, 3, 4]


# --- files that are not journals -----------------------------------------------------------------


def other_sqlite(path: Path, wal: bool) -> None:
    connection = sqlite3.connect(path)
    if wal:
        connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("CREATE TABLE entries (id INTEGER PRIMARY KEY, text TEXT)")
    connection.execute("INSERT INTO entries (text) VALUES ('somebody else''s data')")
    connection.commit()
    connection.close()


def damaged_journal(path: Path) -> None:
    with journal.open_journal(path) as opened:
        opened.add_many([NewEntry("2024-03-01", 5, 3, note="x" * 200)] * 50)
    data = bytearray(path.read_bytes())
    noise = random.Random(6)
    for offset in range(4096, len(data)):  # keep the header, scramble every other page
        data[offset] = noise.randrange(256)
    path.write_bytes(bytes(data))


def garbage(path: Path) -> None:
    path.write_bytes(random.Random(1).randbytes(5000))


@pytest.mark.parametrize(
    ("make", "why"),
    [
        (garbage, "is not a sciaticli journal (it is not an SQLite database)"),
        (lambda path: path.write_bytes(b""), "is not a sciaticli journal (it is an empty file)"),
        (
            lambda path: other_sqlite(path, wal=False),
            "is not a sciaticli journal (it is an SQLite database made by another program)",
        ),
        (
            lambda path: other_sqlite(path, wal=True),
            "is not a sciaticli journal (it is an SQLite database made by another program)",
        ),
        (damaged_journal, "is a damaged sciaticli journal (SQLite: "),
    ],
    ids=["garbage", "empty", "other-sqlite", "other-sqlite-wal", "damaged-journal"],
)
@pytest.mark.parametrize(
    "command",
    [
        ["log", "--pain-before", "5", "--pain-after", "4"],
        ["history", "-f", "plain"],
        ["history", "-f", "csv"],
        ["history", "-f", "json"],
        ["history", "-f", "markdown"],
        ["history", "--delete", "1", "--yes"],
    ],
    ids=["log", "history", "history-csv", "history-json", "history-markdown", "delete"],
)
def test_a_file_that_is_not_a_valid_journal_is_left_byte_for_byte(
    runner: CliRunner, make: object, why: str, command: list[str]
) -> None:
    path = journal_file()
    path.parent.mkdir(parents=True)
    assert callable(make)
    make(path)
    content = path.read_bytes()
    listing = sorted(path.parent.iterdir())
    code, out, err = invoke(runner, *command)
    assert (code, out) == (1, "")
    assert err.startswith(f"Error: {path} {why}")
    assert "It was left as it is" in err and "move it aside" in err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert path.read_bytes() == content
    assert sorted(p for p in path.parent.iterdir() if p.name != "cache") == listing


def test_a_journal_from_a_newer_sciaticli_is_refused(runner: CliRunner) -> None:
    seed(runner)
    connection = sqlite3.connect(journal_file())
    connection.execute("PRAGMA user_version = 42")
    connection.close()
    content = journal_file().read_bytes()
    for command in (["history"], ["log", "--pain-before", "1", "--pain-after", "1"]):
        code, _, err = invoke(runner, *command)
        assert code == 1
        assert err == (
            f"Error: {journal_file()} was written by a newer sciaticli (journal version 42; this "
            "one knows up to 6). It was left as it is: upgrade sciaticli to use it.\n"
        )
    assert journal_file().read_bytes() == content


def test_a_folder_at_the_journal_path_is_refused(runner: CliRunner) -> None:
    journal_file().mkdir(parents=True)
    code, _, err = invoke(runner, "log", "--pain-before", "5", "--pain-after", "4")
    assert code == 1
    assert err.startswith(f"Error: {journal_file()} is not a sciaticli journal (it is a folder).")


# --- real processes ------------------------------------------------------------------------------


def test_twenty_writers_at_once_keep_every_entry(tmp_path: Path) -> None:
    home = tmp_path / "fresh-home"  # nothing yet: the journal's creation is raced too
    env = {**os.environ, "SCIATICLI_HOME": str(home)}
    command = [sys.executable, "-m", "sciaticli", "log", "--pain-before", "6", "--pain-after"]
    writers = [
        subprocess.Popen(
            [*command, str(number % 11), "--note", f"writer {number}"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for number in range(20)
    ]
    results = [(writer.wait(timeout=120), *writer.communicate()) for writer in writers]
    assert [(code, err) for code, _, err in results] == [(0, b"")] * 20
    with journal.existing_journal(home / journal.FILENAME) as opened:
        assert opened is not None
        entries = opened.entries()
    assert sorted(entry.id for entry in entries) == list(range(1, 21))
    assert {entry.note for entry in entries} == {f"writer {number}" for number in range(20)}
    assert not [p.name for p in home.iterdir() if p.name.endswith(".new")]  # no temporary left
