"""`history`: the order (newest nearest the prompt, --newest-first for pipes), `--edit`, and
the chart on a time axis with gaps and entries per day."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sciaticli import journal
from sciaticli.render import terminal
from sciaticli.render.document import Chart, Page
from tests.cli.test_journal import invoke, journal_file, seed


def ids(out: str) -> list[int]:
    return [entry["id"] for entry in json.loads(out)["entries"]]


def test_oldest_first_by_default_newest_first_on_request(runner: CliRunner) -> None:
    seed(runner)  # ids 2, 1, 3, 4 in time order
    assert ids(invoke(runner, "history", "-f", "json")[1]) == [2, 1, 3, 4]
    for flag in ("--newest-first", "--reverse"):
        assert ids(invoke(runner, "history", "-f", "json", flag)[1]) == [4, 3, 1, 2]
        rows = list(csv.reader(io.StringIO(invoke(runner, "history", "-f", "csv", flag)[1])))
        assert [row[0] for row in rows[1:]] == ["4", "3", "1", "2"]
    plain = invoke(runner, "history", "--newest-first", "--last", "2")[1]
    table = plain.split("ID\tWhen")[1].splitlines()[1:3]
    assert [row.split("\t")[0] for row in table] == ["4", "3"]


def test_on_a_terminal_the_newest_entry_is_nearest_the_prompt(runner: CliRunner) -> None:
    seed(runner)
    out = invoke(runner, "history", "-f", "rich", "--color", "never")[1]
    assert out.index("Summary") < out.index("Entries")
    last_line = out.rstrip("\n").splitlines()[-1]
    assert last_line.startswith(" 4    2024-03-09 07:00")


def test_the_default_order_is_documented(runner: CliRunner) -> None:
    out = " ".join(invoke(runner, "history", "--help")[1].split())
    assert "oldest first, so on a terminal the newest entries are nearest the prompt" in out
    assert "--newest-first" in out and "--reverse" in out


def test_edit_changes_fields_and_keeps_a_record(runner: CliRunner) -> None:
    seed(runner)
    code, out, err = invoke(
        runner, "history", "--edit", "3", "--pain-after", "3", "-n", "typo fixed", "-t", "shiatsu"
    )
    assert (code, err) == (0, "")
    assert out == (
        "Edited entry 3 (the change is recorded):\n"
        "- pain after: 2 → 3\n"
        "- technique: none → 'shiatsu'\n"
        "- routine: 'seated-chair' → none\n"
        "- note: none → 'typo fixed'\n"
    )
    data = json.loads(invoke(runner, "history", "-f", "json")[1])
    entry = next(e for e in data["entries"] if e["id"] == 3)
    assert (entry["pain_after"], entry["technique"], entry["routine"]) == (3, "shiatsu", None)
    assert entry["edited"] is not None
    assert "Shiatsu (edited)" in invoke(runner, "history", "-f", "plain")[1]
    shown = invoke(runner, "history", "--edit", "3")[1]
    assert shown.splitlines()[0].startswith("Entry 3, 2024-03-04 19:05: Shiatsu; pain 5 → 3;")
    assert "Edits:" in shown and "pain after: 2 → 3" in shown
    with sqlite3.connect(journal_file()) as connection:
        fields = connection.execute("SELECT field FROM edits WHERE entry_id = 3").fetchall()
    assert sorted(f for (f,) in fields) == ["note", "pain_after", "routine", "technique"]


def test_edit_the_time_and_the_session(runner: CliRunner) -> None:
    seed(runner)
    args = ("history", "--edit", "4", "--when", "2024-03-08 21:00", "--session", "partial")
    assert invoke(runner, *args)[0] == 0
    code, out, _ = invoke(runner, "history", "--edit", "4", "--pain-after", "none")
    assert (code, out.splitlines()[1]) == (0, "- pain after: 5 → none")
    entry = json.loads(invoke(runner, "history", "-f", "json")[1])["entries"][-1]
    assert (entry["when"], entry["session"], entry["pain_after"]) == (
        "2024-03-08T21:00:00",
        "partial",
        None,
    )
    assert invoke(runner, "history", "--edit", "4", "--pain-after", "none")[1] == (
        "Entry 4 already says so; nothing changed.\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--pain-after", "4"), "--pain-after changes an entry: give the entry with --edit ID"),
        (("--edit", "1", "--pain-after", "11"), "11 is off the scale"),
        (("--edit", "1", "--pain-after", "none"), "a full session has a pain after"),
        (("--edit", "1", "--session", "none"), "a rating alone (session none) has no pain after"),
        (("--edit", "1", "--when", "2999-01-01"), "2999-01-01 is in the future"),
        (("--edit", "1", "-r", "seated", "-t", "shiatsu"), "one routine or one technique"),
        (("--edit", "1", "--delete", "2"), "--edit changes one entry"),
    ],
)
def test_edit_mistakes_are_usage_errors_and_change_nothing(
    runner: CliRunner, args: tuple[str, ...], message: str
) -> None:
    seed(runner)
    before = invoke(runner, "history", "-f", "json")[1]
    code, out, err = invoke(runner, "history", *args)
    assert (code, out) == (2, "")
    assert message in " ".join(err.split())
    assert invoke(runner, "history", "-f", "json")[1] == before


def test_editing_an_unknown_entry_is_an_error(runner: CliRunner) -> None:
    seed(runner)
    code, _, err = invoke(runner, "history", "--edit", "99", "--pain-after", "3")
    assert (code, err) == (1, "Error: no journal entry 99 (see sciaticli history)\n")
    code, _, err = invoke(runner, "history", "--edit", "99", "-r", "no-such-routine")
    assert code == 1 and "no-such-routine" in err


def test_the_chart_is_a_time_axis_with_gaps_and_counts(runner: CliRunner) -> None:
    for when in ("2024-03-01 08:00", "2024-03-01 18:00", "2024-03-04"):
        assert invoke(runner, "log", "6", "0", "--when", when)[0] == 0
    out = invoke(runner, "history", "-f", "rich", "--color", "never")[1]
    lines = out.splitlines()
    axis = next(i for i, line in enumerate(lines) if line.startswith(" 0 └"))
    assert lines[axis + 1] == "     2  ·  ·  1"  # entries per day; a dot for a day without
    assert lines[axis + 2] == "        03-02 03-04"
    assert "Pain, 0 (none) to 10 (the worst imaginable)" in out  # the scale is labelled
    assert "4 days (2024-03-01 to 2024-03-04), 2 with entries" in out
    # a pain of 0 after draws no bar, but its day is told from a gap by its count
    assert lines[axis - 6] == " 6 │ █        █"


def test_a_chart_draws_none_as_a_gap_and_labels_its_scale() -> None:
    chart = Chart(
        "Pain",
        ("2024-03-01", "2024-03-02", "2024-03-03"),
        (("before", (6.0, None, 4.0)), ("after", (4.0, None, None))),
        counts=(1, 0, 120),
        scale="Pain 0-10",
    )
    out = terminal.render(Page((chart,)), color=False, width=60, encoding="ascii").splitlines()
    assert out[1] == "Pain 0-10"
    assert out[8] == " 4 | #=    #"
    assert out[13] == "     1  .  ++"
    assert "3 days (2024-03-01 to 2024-03-03), 2 with entries" in " ".join(out)


def test_the_chart_axis_is_bounded_for_a_date_edited_into_the_past() -> None:
    from sciaticli.pages.journal import CHART_DAYS, trend_chart

    days = [
        journal.Day("0001-01-01", 1, 5, 4, 1, 5),
        journal.Day("2024-03-01", 1, 5, 4, 1, 5),
    ]
    chart = trend_chart(days)
    assert len(chart.days) == CHART_DAYS and chart.days[-1] == "2024-03-01"


def test_a_paged_history_opens_at_its_end_nearest_the_newest(tmp_path: Path) -> None:
    """less gets +G for history (the newest entries are last), not for other pages."""
    from tests.terminal import environment, run_on_pty

    fake_less = tmp_path / "bin" / "less"
    fake_less.parent.mkdir()
    args = tmp_path / "args.txt"
    fake_less.write_text(f'#!/bin/sh\necho "$@" > {args}\ncat > /dev/null\n', encoding="utf-8")
    fake_less.chmod(0o755)
    env = environment(tmp_path, SCIATICLI_PAGER=f"{fake_less} -R")
    with journal.open_journal(Path(env["SCIATICLI_HOME"]) / journal.FILENAME) as opened:
        opened.add_many([journal.NewEntry(f"2024-03-{day:02d}", 5, 3) for day in range(1, 29)])
    status, _ = run_on_pty(["history"], env, rows=10)
    assert status == 0
    assert args.read_text(encoding="utf-8").split() == ["-R", "+G"]
    status, _ = run_on_pty(["safety"], env, rows=10)
    assert status == 0
    assert args.read_text(encoding="utf-8").split() == ["-R"]
