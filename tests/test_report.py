"""`sciaticli report`: figures worked out by hand, IMMPACT's words, thin journals, every format."""

from __future__ import annotations

import itertools
import json
from datetime import date, timedelta

import pytest
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from sciaticli import journal
from sciaticli.cli import app
from sciaticli.journal import Entry, NewEntry
from sciaticli.knowledge import load_knowledge_base
from sciaticli.pages.report import CAUSE, NOT_A_TRIAL, change_sentence, report_page
from sciaticli.render import text as text_format
from sciaticli.render.document import Chart, Table
from sciaticli.report import (
    LARGE,
    NOTICEABLE,
    SMALL,
    Figures,
    Week,
    figures,
    grouped,
    period,
    wording,
)

KB = load_knowledge_base(None)
IDS = itertools.count(1)


def entry(
    day: str,
    before: float | None,
    after: float | None,
    routine: str | None = None,
    note: str | None = None,
    session: str = "full",
) -> Entry:
    return Entry(next(IDS), f"{day}T08:00:00", before, after, routine, None, note, "log", session)


def name_of(item: Entry) -> str | None:
    return item.routine


def report(entries: list[Entry], start: str = "2024-03-01", end: str = "2024-03-14") -> Figures:
    return figures(entries, start, end, name_of)


def page_text(found: Figures, name: str | None = None) -> str:
    page = report_page(found, KB, made="2024-03-14", version="9.9", name=name)
    return text_format.plain(page)


def test_period_is_the_last_whole_weeks_or_from_a_day() -> None:
    today = date(2024, 3, 14)
    assert period(today, None, None) == ("2024-02-02", "2024-03-14")  # 6 weeks, 42 days
    assert period(today, 2, None) == ("2024-03-01", "2024-03-14")
    assert period(today, None, "2024-03-10") == ("2024-03-10", "2024-03-14")


def test_two_weeks_worked_out_by_hand() -> None:
    found = report(
        [
            # Week 1 (03-01 to 03-07): before 6 and 8, average 7; after 4 and 7, average 5.5.
            entry("2024-03-01", 6, 4, "standing-wall"),
            entry("2024-03-05", 8, 7, "standing-wall", "bad night"),
            # Week 2 (03-08 to 03-14): before 4 and 5, average 4.5; after 3 and 5, average 4.
            entry("2024-03-09", 4, 3, "seated-chair"),
            entry("2024-03-14", 5, 5),
            entry("2024-03-15", 9, 9),  # after the period: left out
        ]
    )
    assert found.entries == 4
    assert [(w.start, w.end, w.entries) for w in found.weeks] == [
        ("2024-03-01", "2024-03-07", 2),
        ("2024-03-08", "2024-03-14", 2),
    ]
    assert [(w.average_before, w.average_after) for w in found.weeks] == [(7, 5.5), (4.5, 4)]
    change = found.change
    assert change is not None
    assert change.points == -2.5
    assert change.percent == pytest.approx(-35.714, abs=0.001)  # 2.5 / 7
    assert change.wording == NOTICEABLE
    # Changes within sessions: -2, -1, -1, 0; the median is -1; pain fell in 3 of 4.
    assert (found.typical_change, found.fell, found.session_changes) == (-1, 3, 4)
    assert found.sessions_per_week == 2.0  # 4 entries in 14 days
    assert found.severe_days == ("2024-03-05",)
    assert found.severe_starts == 1
    assert found.uses == (("standing-wall", 2), ("seated-chair", 1), ("none named", 1))
    assert found.notes == (("2024-03-05", "bad night"),)
    text = page_text(found)
    assert "Down from 7.0" in text and "to 4.5" in text
    assert "2.5 points, 36% less. That is a change people usually notice." in text
    assert "Based on 4 entries in 2 weeks with entries." in text
    assert "-1.0 (the median of 4 sessions with pain before and after; pain fell in 3)" in text
    assert "Days with pain 8 or more: 1 (2024-03-05); 1 session(s) started at pain 8" in text


@pytest.mark.parametrize(
    ("points", "percent", "expected"),
    [
        (-2.0, -20.0, NOTICEABLE),  # 2 points, though only 20%
        (-1.5, -30.0, NOTICEABLE),  # 30%, though under 2 points
        (-1.5, -29.6, NOTICEABLE),  # shown as 30%
        (-1.0, -10.0, SMALL),
        (-1.94, -19.0, SMALL),  # shown as 1.9 points
        (-3.0, -50.0, LARGE),
        (-5.0, -62.5, LARGE),
        (-4.0, None, NOTICEABLE),  # no percentage (from 0 is impossible for a fall, but safe)
        (0.0, 0.0, ""),
        (-0.04, -1.0, ""),  # shown as 0.0: no change
        (1.0, 20.0, ""),  # a rise is never called a change people notice
    ],
)
def test_immpact_wording(points: float, percent: float | None, expected: str) -> None:
    assert wording(points, percent) == expected


def test_one_week_only_has_no_change_over_time() -> None:
    found = report(
        [entry("2024-03-01", 6, 4), entry("2024-03-02", 5, 3), entry("2024-03-03", 7, 5)]
    )
    assert found.change is None
    assert found.weeks[1].entries == 0 and found.weeks[1].average_before is None
    text = page_text(found)
    assert "All entries fall in one week" in text
    assert "less" not in text and "%" not in text
    assert "2024-03-08\t0\t-\t-" in text  # the empty week is shown as empty, not as zero


def test_all_zeros() -> None:
    found = report(
        [entry("2024-03-01", 0, 0), entry("2024-03-02", 0, 0), entry("2024-03-09", 0, 0)]
    )
    change = found.change
    assert change is not None
    assert (change.points, change.percent, change.wording) == (0, None, "")
    assert found.typical_change == 0 and found.fell == 0
    line = next(line for line in page_text(found).splitlines() if line.startswith("No change"))
    assert line.startswith("No change from 0.0 in the first week with entries")
    assert "%" not in line.split(". Based on")[0]  # no percentage of nothing


def test_a_rise_is_said_plainly_with_advice() -> None:
    found = report(
        [entry("2024-03-01", 4, 4), entry("2024-03-02", 4, 4), entry("2024-03-09", 6, 6)]
    )
    assert found.change is not None
    sentence = change_sentence(found.change)
    assert sentence.startswith("Up from 4.0")
    assert "2.0 points, 50% more" in sentence
    assert "doctor or physiotherapist" in sentence


def test_missing_pain_after_values() -> None:
    found = report(
        [
            entry("2024-03-01", 6, None),
            entry("2024-03-02", 6, 4),
            entry("2024-03-09", 4, None),
            entry("2024-03-10", 4, None),
        ]
    )
    assert found.missing_after == 3
    assert (found.typical_change, found.session_changes) == (-2, 1)
    assert [w.average_after for w in found.weeks] == [4, None]
    assert [w.average_before for w in found.weeks] == [6, 4]
    page = report_page(found, KB, made="2024-03-14", version="9.9", name=None)
    chart = next(block for block in page.blocks if isinstance(block, Chart))
    assert chart.series == (("pain", (6, 4)), ("after", (4, None)))  # no "after" made up
    assert chart.counts == (2, 2) and chart.unit == "week"
    assert "3 entries without a pain-after value" in text_format.plain(page)
    none_after = report([entry("2024-03-01", 6, None)] * 3)
    assert none_after.typical_change is None
    assert "none measured: no session has a pain-after value" in page_text(none_after)


def test_ratings_on_their_own_count_in_the_pain_not_as_sessions() -> None:
    found = report(
        [
            entry("2024-03-01", 6, 4, "wall"),
            entry("2024-03-02", 8, None, session="none"),  # a rating: pain 8, no session
            entry("2024-03-03", 7, 6, "wall", session="partial"),  # stopped early
            entry("2024-03-09", 4, 3, "wall"),
        ]
    )
    assert (found.entries, found.sessions, found.partial) == (4, 3, 1)
    assert found.weeks[0].average_before == 7  # (6 + 8 + 7) / 3: the rating counts
    assert found.sessions_per_week == 1.5  # 3 sessions in 14 days
    assert found.uses == (("wall", 3),)
    assert found.missing_after == 0  # the rating is not a session without an after value
    assert (found.session_changes, found.typical_change) == (3, -1)
    assert found.severe_days == ("2024-03-02",) and found.severe_starts == 0
    text = page_text(found)
    assert "Entries: 4: 3 sessions (1 stopped early), 1 rating without a session" in text


def test_many_weeks_are_shown_a_few_weeks_a_row() -> None:
    weeks = (
        Week("2024-01-01", "2024-01-07", 2, 5.0, 3.0, 2),
        Week("2024-01-08", "2024-01-14", 0, None, None, 0),
        Week("2024-01-15", "2024-01-21", 3, 8.0, 6.0, 1),
        Week("2024-01-22", "2024-01-28", 1, 2.0, None, 0),
        Week("2024-01-29", "2024-02-04", 1, 4.0, 2.0, 1),
    )
    assert grouped(weeks, most=5) == (weeks, 1)
    rows, size = grouped(weeks, most=2)
    assert size == 3
    assert rows == (
        # (2 x 5 + 3 x 8) / 5 = 6.8 before; (2 x 3 + 1 x 6) / 3 = 4.0 after
        Week("2024-01-01", "2024-01-21", 5, 6.8, 4.0, 3),
        Week("2024-01-22", "2024-02-04", 2, 3.0, 2.0, 1),
    )


def test_a_long_period_keeps_to_twelve_rows() -> None:
    found = report([entry("2024-01-01", 6, 4)] * 3, start="2024-01-01", end="2024-06-29")
    assert len(found.weeks) == 26  # the figures stay weekly
    text = page_text(found)
    assert "3 weeks at a time" in text and "Weeks from\tEntries" in text
    table = text[text.index("Weeks from") : text.index("Made on")]
    assert len([line for line in table.splitlines() if line.startswith("2024-")]) == 9


def test_routine_against_the_rest_needs_three_each_side() -> None:
    entries = [
        *(entry(f"2024-03-0{day}", 6, 4, "wall") for day in (1, 2, 3)),  # -2 each
        *(entry(f"2024-03-0{day}", 6, 5, "chair") for day in (4, 5, 6)),  # -1 each
        entry("2024-03-07", 6, 6, "lying"),  # one session: never compared
    ]
    found = report(entries)
    compared = {c.name: c for c in found.comparisons}
    assert set(compared) == {"wall", "chair"}
    wall = compared["wall"]
    assert (wall.sessions, wall.change, wall.others) == (3, -2, 4)
    assert wall.others_change == pytest.approx((-1 - 1 - 1 + 0) / 4)
    chair = compared["chair"]
    assert (chair.change, chair.others) == (-1, 4)
    assert chair.others_change == pytest.approx(-6 / 4)
    text = page_text(found)
    assert NOT_A_TRIAL in text
    assert "lying\t1\t-\t-" in text
    fewer = report(entries[:5])  # wall 3, chair 2: the rest are only 2
    assert fewer.comparisons == ()
    assert NOT_A_TRIAL not in page_text(fewer)


def test_wording_never_claims_a_cure_or_a_cause() -> None:
    found = report(
        [entry("2024-03-01", 8, 2), entry("2024-03-02", 8, 2), entry("2024-03-09", 1, 0)]
    )
    assert found.change is not None and found.change.wording == LARGE
    text = page_text(found).lower()
    for word in ("cure", "caused by", "because of massage", "fixed", "healed"):
        assert word not in text
    assert CAUSE.lower() in text
    assert "knowledge base" in text and "made on 2024-03-14 by sciaticli 9.9" in text
    assert "name:" not in text
    assert "Name: A. Person" in page_text(found, name="A. Person")


@pytest.mark.parametrize("count", [0, 1, 2])
def test_empty_or_thin_journal_gets_a_message(count: int) -> None:
    found = report([entry("2024-03-01", 6, 4)] * count)
    text = page_text(found)
    assert ("No journal entries" in text) == (count == 0)
    assert ("too few for averages" in text) == (count > 0)
    assert "Typical change" not in text and "Week by week" not in text


# --- through the command line -------------------------------------------------------------------


def seed(weeks: int = 6, per_week: int = 4) -> None:
    today = date.today()
    entries = []
    for index in range(weeks * per_week):
        day = today - timedelta(days=7 * weeks - 1 - index * 7 // per_week)
        before = 7 - index * 3 // (weeks * per_week)
        routine = "standing-wall" if index % 3 else "seated-chair"
        entries.append(
            NewEntry(f"{day.isoformat()}T09:00:00", before, max(0, before - 2), routine,
                     note=f"note {index}")
        )  # fmt: skip
    with journal.open_journal(journal.journal_path()) as opened:
        opened.add_many(entries)


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("fmt", ["plain", "rich", "markdown", "json", "html"])
def test_every_format(fmt: str) -> None:
    seed()
    code, out, err = invoke("report", "-f", fmt, "--color", "never")
    assert (code, err) == (0, "")
    assert "24" in out
    if fmt == "json":
        data = json.loads(out)
        assert data["entries"] == 24 and len(data["weeks"]) == 6
        assert data["name"] is None and data["knowledge_base"] == KB.version
        assert data["change"]["wording"] in (NOTICEABLE, LARGE, SMALL)
        assert data["sources"] == ["dworkin-2008", "farrar-2001"]


def test_markdown_parses_as_commonmark_with_a_heading_and_tables() -> None:
    seed()
    code, out, _ = invoke("report", "-f", "markdown")
    assert code == 0
    tokens = MarkdownIt("commonmark").enable("table").parse(out)
    types = [token.type for token in tokens]
    assert "heading_open" in types
    assert types.count("table_open") >= 3  # what was used, week by week, notes
    heading = tokens[types.index("heading_open") + 1].content
    assert heading == "Pain journal report"


def test_since_and_weeks() -> None:
    seed()
    code, out, _ = invoke("report", "--weeks", "2", "-f", "json")
    assert code == 0
    data = json.loads(out)
    assert len(data["weeks"]) == 2 and data["entries"] == 8
    start = (date.today() - timedelta(days=20)).isoformat()
    code, out, _ = invoke("report", "--since", start, "-f", "json")
    assert code == 0 and json.loads(out)["start"] == start
    assert len(json.loads(out)["weeks"]) == 3


@pytest.mark.parametrize(
    "args",
    [
        ["--weeks", "0"],
        ["--weeks", "x"],
        ["--since", "03/01/2024"],
        ["--since", "2999-01-01"],
        ["--since", "2024-01-01", "--weeks", "2"],
        ["-f", "csv"],
    ],
)
def test_bad_options_are_usage_errors(args: list[str]) -> None:
    code, _, err = invoke("report", *args)
    assert code == 2
    assert "Traceback" not in err


def test_rows_edited_by_hand_are_left_out_with_a_warning() -> None:
    from tests.journal.test_journal_file import edited_by_hand

    edited_by_hand()
    code, out, err = invoke("report", "--since", "2024-03-01", "-f", "json")
    assert code == 0
    assert "Warning: journal entry 6: its pain before is not a number ('seven')" in err
    assert "Warning: journal entry 2: its date is not a date ('yesterday')" in err
    data = json.loads(out)
    # Counted: 03-01 (6 to 4), 03-02 (5 to 3), 03-04 (5.5 to 3); not the dates that are not
    # dates, nor the pain that is not a number.
    assert data["entries"] == 3
    assert data["typical_change"] == -2


def test_empty_journal_through_the_cli() -> None:
    code, out, _ = invoke("report", "-f", "plain")
    assert code == 0
    assert "No journal entries from" in out


def test_name_only_when_given() -> None:
    seed()
    _, out, _ = invoke("report", "-f", "plain")
    assert "Name:" not in out
    _, out, _ = invoke("report", "-f", "plain", "--name", "Sam Example")
    assert "Name: Sam Example" in out


def test_report_tables_are_grids_for_markdown() -> None:
    seed()
    found = figures(
        journal_entries(), (date.today() - timedelta(days=41)).isoformat(),
        date.today().isoformat(), name_of,
    )  # fmt: skip
    page = report_page(found, KB, made="x", version="y", name=None)
    assert all(block.grid for block in page.blocks if isinstance(block, Table))


def journal_entries() -> list[Entry]:
    with journal.existing_journal(journal.journal_path()) as opened:
        assert opened is not None
        return opened.entries()
