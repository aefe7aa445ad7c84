"""`sciaticli report`: figures worked out by hand, IMMPACT's words, thin journals, every format."""

from __future__ import annotations

import itertools
import json
from datetime import date, timedelta

import pytest
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from sciaticli import journal
from sciaticli.cli.main import app
from sciaticli.immpact import (
    LARGE,
    LOW,
    MODERATE,
    NO_CLEAR,
    SMALL,
    wording,
)
from sciaticli.journal import Entry, NewEntry
from sciaticli.knowledge import load_knowledge_base
from sciaticli.pages.report import CAUSE, NOT_A_TRIAL, change_sentence, report_page
from sciaticli.render import text as text_format
from sciaticli.render.document import Chart, Table
from sciaticli.report import (
    Figures,
    Note,
    Week,
    figures,
    grouped,
    monday,
    period,
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


def report(entries: list[Entry], start: str = "2024-03-04", end: str = "2024-03-17") -> Figures:
    return figures(entries, start, end, name_of)


def page_text(found: Figures, name: str | None = None) -> str:
    page = report_page(found, KB, made="2024-03-14", version="9.9", name=name)
    return text_format.plain(page)


def test_period_is_the_last_weeks_from_a_monday_or_from_a_day() -> None:
    today = date(2024, 3, 14)  # a Thursday
    # The last 42 days begin on Friday 2024-02-02: from the Monday before, 2024-01-29.
    assert period(today, None, None) == ("2024-01-29", "2024-03-14")
    assert period(today, 2, None) == ("2024-02-26", "2024-03-14")  # 03-01 is a Friday
    assert period(date(2024, 3, 17), 2, None) == ("2024-03-04", "2024-03-17")  # a Sunday
    assert period(today, None, "2024-03-10") == ("2024-03-10", "2024-03-14")


def test_two_weeks_worked_out_by_hand() -> None:
    found = report(
        [
            # Week 1 (03-01 to 03-07): before 6 and 8, average 7; after 4 and 7, average 5.5.
            entry("2024-03-04", 6, 4, "standing-wall"),
            entry("2024-03-08", 8, 7, "standing-wall", "bad night"),
            # Week 2 (03-08 to 03-14): before 4 and 5, average 4.5; after 3 and 5, average 4.
            entry("2024-03-12", 4, 3, "seated-chair"),
            entry("2024-03-17", 5, 5),
            entry("2024-03-18", 9, 9),  # after the period: left out
        ]
    )
    assert found.entries == 4
    assert [(w.start, w.end, w.entries) for w in found.weeks] == [
        ("2024-03-04", "2024-03-10", 2),
        ("2024-03-11", "2024-03-17", 2),
    ]
    assert [(w.average_before, w.average_after) for w in found.weeks] == [(7, 5.5), (4.5, 4)]
    change = found.change
    assert change is not None
    assert change.points == -2.5
    assert change.percent == pytest.approx(-35.714, abs=0.001)  # 2.5 / 7
    assert change.wording == MODERATE  # 36%: 30% or more
    # Changes within sessions: -2, -1, -1, 0; the median is -1; pain fell in 3 of 4.
    assert (found.typical_change, found.fell, found.session_changes) == (-1, 3, 4)
    assert found.sessions_per_week == 2.0  # 4 entries in 14 days
    assert found.severe_days == ("2024-03-08",)
    assert found.severe_starts == 1
    assert found.uses == (("standing-wall", 2), ("seated-chair", 1), ("none named", 1))
    assert found.notes == (Note("2024-03-08", "bad night", ("pain 8",)),)
    text = page_text(found)
    assert "Down from 7.0" in text and "to 4.5" in text
    assert "2.5 points, 36% less. That is a worthwhile, moderate improvement." in text
    assert "(from 2024-03-04, 2 entries) to 4.5 in the last (from 2024-03-11, 2 entries)" in text
    assert (
        "Only 2 entries in the first week and 2 entries in the last week: with fewer than 3 "
        "entries a week's average can mislead, so take this change with caution." in text
    )
    assert "notice" not in text
    assert "-1.0 (the median of 4 sessions with pain before and after; pain fell in 3)" in text
    assert "Days with pain 8 or more: 1 (2024-03-08); 1 session started at pain 8" in text


@pytest.mark.parametrize(
    ("points", "percent", "start", "expected"),
    [
        (-2.0, -25.0, 8.0, SMALL),  # 8.0 to 6.0: 2 points, but only 25%
        (-0.3, -4.3, 7.0, NO_CLEAR),  # 7.0 to 6.7
        (-0.5, -5.0, 10.0, NO_CLEAR),  # a 5% fall
        (-1.0, -10.0, 10.0, NO_CLEAR),  # 1 point, 10%: under 20%
        (-1.94, -19.4, 10.0, NO_CLEAR),  # shown as 19%
        (-2.0, -20.0, 10.0, SMALL),
        (-1.5, -30.0, 5.0, MODERATE),
        (-1.5, -29.6, 5.07, MODERATE),  # shown as 30%
        (-0.94, -31.3, 3.0, NO_CLEAR),  # 31%, but under the 1-point floor (shown as 0.9)
        (-3.0, -50.0, 6.0, LARGE),
        (-5.0, -62.5, 8.0, LARGE),
        (-1.5, -50.0, 3.0, LARGE),  # a start of 3 is not low
        (-0.5, -50.0, 1.0, LOW),  # 1.0 to 0.5: pain was low throughout
        (0.5, 25.0, 2.0, LOW),  # low at both ends, though it rose a little
        (2.0, 100.0, 2.0, ""),  # from low to 4: a rise, not "low throughout"
        (0.0, 0.0, 5.0, NO_CLEAR),
        (-0.04, -1.0, 4.0, NO_CLEAR),  # shown as 0.0
        (0.5, 10.0, 5.0, NO_CLEAR),  # a rise under 1 point
        (1.0, 20.0, 5.0, ""),  # a rise of 1 point or more is never given a fall's words
    ],
)
def test_immpact_wording(points: float, percent: float, start: float, expected: str) -> None:
    assert wording(points, percent, start) == expected


def two_weeks(first: list[float], last: list[float]) -> Figures:
    """Pain before (and the same after) on days 1, 2, 3... of the first week and the second."""
    return report(
        [entry(f"2024-03-{day + 4:02d}", pain, pain) for day, pain in enumerate(first)]
        + [entry(f"2024-03-{day + 11:02d}", pain, pain) for day, pain in enumerate(last)]
    )


def change_line(found: Figures) -> str:
    """The change, and its warning: the paragraph up to IMMPACT's thresholds."""
    line = next(line for line in page_text(found).splitlines() if "in the first week" in line)
    return line.split(" (IMMPACT: ")[0]


def test_eight_to_six_is_a_small_change_not_one_people_notice() -> None:
    line = change_line(two_weeks([8, 8, 8], [6, 6, 6]))
    assert line.startswith(
        "Down from 8.0 in the first week with entries (from 2024-03-04, 3 entries) to 6.0 in "
        "the last (from 2024-03-11, 3 entries): 2.0 points, 25% less. That is a small change."
    )
    assert "notice" not in line and "caution" not in line  # 3 entries in each week


def test_seven_to_six_point_seven_is_no_clear_change() -> None:
    line = change_line(two_weeks([7, 7, 7], [7, 7, 6]))  # 6.67
    assert line.startswith("From 7.0 in the first week with entries")
    assert "to 6.7 in the last" in line
    assert ": 0.3 points, 5% less. That is no clear change." in line
    assert "Down" not in line and "improvement" not in line


def test_a_five_percent_fall_is_no_clear_change() -> None:
    line = change_line(two_weeks([10, 10, 10, 10], [9, 10]))  # 10.0 to 9.5
    assert "0.5 points, 5% less. That is no clear change." in line
    assert "small" not in line
    assert "Only 2 entries in the last week:" in line


def test_one_to_half_is_low_throughout_not_a_large_change() -> None:
    found = two_weeks([1, 1, 1], [0, 1, 0, 1])
    assert found.change is not None and found.change.wording == LOW
    line = change_line(found)
    assert line.startswith(
        "From 1.0 in the first week with entries (from 2024-03-04, 3 entries) to 0.5 in the "
        "last (from 2024-03-11, 4 entries): pain was low throughout; no meaningful change to "
        "measure."
    )
    assert "%" not in line and "large" not in line


def test_one_entry_in_the_last_week_is_warned_about() -> None:
    found = two_weeks([6, 6, 6], [3])
    assert found.change is not None and found.change.few_entries
    line = change_line(found)
    assert "to 3.0 in the last (from 2024-03-11, 1 entry): 3.0 points, 50% less." in line
    assert (
        "Only 1 entry in the last week: with fewer than 3 entries a week's average can "
        "mislead, so take this change with caution." in line
    )
    assert "first week:" not in line
    data = report_page(found, KB, made="x", version="y", name=None).data["change"]
    assert (data["first_week_entries"], data["last_week_entries"], data["few_entries"]) == (
        3, 1, True
    )  # fmt: skip


def test_pain_after_is_labelled_straight_after_each_session() -> None:
    found = two_weeks([6, 6, 6], [5, 5, 5])
    page = report_page(found, KB, made="x", version="y", name=None)
    table = next(
        block for block in page.blocks if isinstance(block, Table) and "Entries" in block.columns
    )
    assert table.columns[2:] == ("Weekly pain", "Pain straight after each session")
    chart = next(block for block in page.blocks if isinstance(block, Chart))
    assert [name for name, _ in chart.series] == [
        "weekly pain", "pain straight after each session"
    ]  # fmt: skip
    assert "separate measure" in chart.scale
    text = page_text(found)
    assert "Pain after sessions" not in text and "separate measure" in text


def test_one_week_only_has_no_change_over_time() -> None:
    found = report(
        [entry("2024-03-04", 6, 4), entry("2024-03-05", 5, 3), entry("2024-03-06", 7, 5)]
    )
    assert found.change is None
    assert found.weeks[1].entries == 0 and found.weeks[1].average_before is None
    text = page_text(found)
    assert "All entries fall in one week" in text
    assert "less" not in text and "%" not in text
    assert "2024-03-11\t0\t-\t-" in text  # the empty week is shown as empty, not as zero


def test_all_zeros() -> None:
    found = report(
        [entry("2024-03-04", 0, 0), entry("2024-03-05", 0, 0), entry("2024-03-12", 0, 0)]
    )
    change = found.change
    assert change is not None
    assert (change.points, change.percent, change.wording) == (0, None, LOW)
    assert found.typical_change == 0 and found.fell == 0
    line = change_line(found)
    assert line.startswith("From 0.0 in the first week with entries")
    assert "no meaningful change to measure" in line
    assert "%" not in line  # no percentage of nothing


def test_a_rise_is_said_plainly_with_advice() -> None:
    found = report(
        [entry("2024-03-04", 4, 4), entry("2024-03-05", 4, 4), entry("2024-03-12", 6, 6)]
    )
    assert found.change is not None
    sentence = change_sentence(found.change)
    assert sentence.startswith("Up from 4.0")
    assert "2.0 points, 50% more" in sentence
    assert "doctor or physiotherapist" in sentence


def test_missing_pain_after_values() -> None:
    found = report(
        [
            entry("2024-03-04", 6, None),
            entry("2024-03-05", 6, 4),
            entry("2024-03-12", 4, None),
            entry("2024-03-13", 4, None),
        ]
    )
    assert found.missing_after == 3
    assert (found.typical_change, found.session_changes) == (-2, 1)
    assert [w.average_after for w in found.weeks] == [4, None]
    assert [w.average_before for w in found.weeks] == [6, 4]
    page = report_page(found, KB, made="2024-03-14", version="9.9", name=None)
    chart = next(block for block in page.blocks if isinstance(block, Chart))
    assert chart.series == (
        ("weekly pain", (6, 4)),
        ("pain straight after each session", (4, None)),  # no "after" made up
    )
    assert chart.counts == (2, 2) and chart.unit == "week"
    assert "3 entries without a pain-after value" in text_format.plain(page)
    none_after = report([entry("2024-03-04", 6, None)] * 3)
    assert none_after.typical_change is None
    assert "none measured: no session has a pain-after value" in page_text(none_after)


def test_ratings_on_their_own_count_in_the_pain_not_as_sessions() -> None:
    found = report(
        [
            entry("2024-03-04", 6, 4, "wall"),
            entry("2024-03-05", 8, None, session="none"),  # a rating: pain 8, no session
            entry("2024-03-06", 7, 6, "wall", session="partial"),  # stopped early
            entry("2024-03-12", 4, 3, "wall"),
        ]
    )
    assert (found.entries, found.sessions, found.partial) == (4, 3, 1)
    assert found.weeks[0].average_before == 7  # (6 + 8 + 7) / 3: the rating counts
    # 3 sessions (not the rating) in the 9 days from the first entry to the last
    assert found.sessions_per_week == pytest.approx(3 / (9 / 7))
    assert found.uses == (("wall", 3),)
    assert found.missing_after == 0  # the rating is not a session without an after value
    assert (found.session_changes, found.typical_change) == (3, -1)
    assert found.severe_days == ("2024-03-05",) and found.severe_starts == 0
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
        Week("2024-01-01", "2024-01-21", 5, 6.8, 4.0, 3, days=21, full_days=21),
        Week("2024-01-22", "2024-02-04", 2, 3.0, 2.0, 1, days=14, full_days=14),
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
        *(entry(f"2024-03-{day + 3:02d}", 6, 4, "wall") for day in (1, 2, 3)),  # -2 each
        *(entry(f"2024-03-{day + 3:02d}", 6, 5, "chair") for day in (4, 5, 6)),  # -1 each
        entry("2024-03-10", 6, 6, "lying"),  # one session: never compared
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
        [entry("2024-03-04", 8, 2), entry("2024-03-05", 8, 2), entry("2024-03-12", 1, 0)]
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
    found = report([entry("2024-03-04", 6, 4)] * count)
    text = page_text(found)
    assert ("No journal entries" in text) == (count == 0)
    assert ("too few for averages" in text) == (count > 0)
    assert "Typical change" not in text and "Week by week" not in text


# --- through the command line -------------------------------------------------------------------


def seed(weeks: int = 6, per_week: int = 4) -> list[date]:
    """The entries' days, oldest first."""
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
    return [date.fromisoformat(entry.when[:10]) for entry in entries]


def calendar_weeks(first: date, last: date) -> int:
    """The calendar weeks (Monday to Sunday) that the days from `first` to `last` touch."""
    return (monday(last) - monday(first)).days // 7 + 1


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
        assert data["entries"] == 24
        assert len(data["weeks"]) == (6 if date.today().weekday() == 6 else 7)
        assert data["name"] is None and data["knowledge_base"] == KB.version
        assert data["change"]["wording"] in (NO_CLEAR, SMALL, MODERATE, LARGE)
        assert data["sources"] == ["dworkin-2008", "farrar-2001", "nhs-sciatica"]


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
    days = seed()
    today = date.today()
    code, out, _ = invoke("report", "--weeks", "2", "-f", "json")
    assert code == 0
    data = json.loads(out)
    # From the Monday on or before 13 days ago: two weeks, or three but on a Sunday.
    first = monday(today - timedelta(days=13))
    assert data["start"] == first.isoformat()
    assert len(data["weeks"]) == (2 if today.weekday() == 6 else 3)
    assert data["entries"] == len([day for day in days if day >= first])
    start = today - timedelta(days=20)
    code, out, _ = invoke("report", "--since", start.isoformat(), "-f", "json")
    assert code == 0 and json.loads(out)["start"] == start.isoformat()
    assert len(json.loads(out)["weeks"]) == calendar_weeks(start, today)


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


# --- history and report on the same journal -----------------------------------------------------


def mixed_journal() -> None:
    """Sessions 20 to 1 days ago: 3 full, 2 partial (one without a pain after), and a rating."""
    today = date.today()
    rows = [(20, 6, 4, "full"), (18, 8, None, "none"), (15, 7, 6, "partial"), (9, 5, 3, "full"),
            (2, 5, None, "partial"), (1, 4, 4, "full")]  # fmt: skip
    with journal.open_journal(journal.journal_path()) as opened:
        opened.add_many(
            [
                NewEntry(f"{today - timedelta(days=ago)}T09:00:00", before, after, session=session)
                for ago, before, after, session in rows
            ]
        )


def test_history_and_report_give_the_same_sessions_per_week() -> None:
    mixed_journal()
    history = json.loads(invoke("history", "-f", "json")[1])["summary"]
    found = json.loads(invoke("report", "-f", "json")[1])
    # 5 sessions (the rating alone is not one) over the 20 days from the first entry to the last.
    assert found["sessions_per_week"] == history["sessions_per_week"] == round(5 / (20 / 7), 2)
    assert history["ratings"] == 1
    plain = invoke("history", "-f", "plain")[1]
    assert "Sessions per week: 1.8\n" in plain
    assert "Sessions per week: 1.8 (ratings alone left out" in invoke("report", "-f", "plain")[1]


def test_history_counts_a_rating_alone_as_an_entry_not_a_session() -> None:
    mixed_journal()
    plain = invoke("history", "-f", "plain")[1]
    first = (date.today() - timedelta(days=20)).isoformat()
    assert f"Entries: 6 from {first} to " in plain
    # The rating alone has no pain after by definition: 1 session has none.
    assert ": 5 sessions, 1 rating alone (2 stopped early; 1 without a pain after)" in plain
    # The pain after is set beside the pain before of the same 4 sessions, not of all 6 entries:
    # before 35 / 6 = 5.8 in all; 22 / 4 = 5.5 before and 17 / 4 = 4.2 after in the 4 with both.
    assert (
        "Average pain: 5.8 before (all 6 entries); 5.5 before and 4.2 after in the 4 entries "
        "with both" in plain
    )
