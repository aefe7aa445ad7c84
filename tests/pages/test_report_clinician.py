"""`sciaticli report`, the parts a clinician asked for (issue 24 §2), on journals worked out by
hand: calendar weeks with partial ones marked, the episode start, PEG, RMDQ and PSFS first
against last, leg and back pain apart, the worst and best days, the notes that matter and the
references."""

from __future__ import annotations

import itertools
import json
from datetime import date, timedelta

from typer.testing import CliRunner

from sciaticli import journal
from sciaticli.cli.main import app
from sciaticli.journal import CheckAnswer, Entry, NewEntry, SavedCheck
from sciaticli.journal.measures import Measure, NewMeasure, measure_summaries, score
from sciaticli.knowledge import load_knowledge_base
from sciaticli.pages.report import report_page
from sciaticli.pages.report_json import NO_CONTEXT, Context
from sciaticli.render import text as text_format
from sciaticli.render.document import Table
from sciaticli.report import Day, Figures, Note, figures

KB = load_knowledge_base(None)
IDS = itertools.count(1)


def entry(
    day: str,
    before: float,
    after: float | None,
    note: str | None = None,
    session: str = "full",
    leg: float | None = None,
    back: float | None = None,
) -> Entry:
    return Entry(
        next(IDS), f"{day}T08:00:00", before, after, None, None, note, "log", session,
        None, leg, back,
    )  # fmt: skip


def report(entries: list[Entry], start: str = "2024-03-04", end: str = "2024-03-17") -> Figures:
    return figures(entries, start, end, lambda _: None)


def form(when: str, measure: str, answers: tuple[int | bool | None, ...], *acts: str) -> Measure:
    return Measure(
        next(IDS), f"{when}T10:00:00", measure, answers, acts or None, score(measure, answers)
    )


def plain(found: Figures, context: Context = NO_CONTEXT, made: str = "2024-03-17") -> str:
    page = report_page(found, KB, made=made, version="9.9", name=None, context=context)
    return text_format.plain(page)


def data(found: Figures, context: Context = NO_CONTEXT) -> dict[str, object]:
    page = report_page(found, KB, made="2024-03-17", version="9.9", name=None, context=context)
    assert isinstance(page.data, dict)
    return page.data


THREE = [entry("2024-03-04", 6, 4), entry("2024-03-05", 6, 4), entry("2024-03-12", 4, 3)]


# --- calendar weeks ------------------------------------------------------------------------------


def test_weeks_start_on_monday_and_a_partial_week_is_marked() -> None:
    # Wednesday 2024-03-06 to Tuesday 2024-03-19: 5 days, a whole week, 2 days.
    found = report(
        [
            entry("2024-03-06", 8, 6),
            entry("2024-03-10", 6, 5),  # a Sunday: still the first week
            entry("2024-03-11", 5, 4),  # a Monday: the second
            entry("2024-03-17", 5, 4),
            entry("2024-03-19", 4, 4),
        ],
        start="2024-03-06",
        end="2024-03-19",
    )
    assert [(w.start, w.end, w.days, w.partial, w.entries) for w in found.weeks] == [
        ("2024-03-06", "2024-03-10", 5, True, 2),
        ("2024-03-11", "2024-03-17", 7, False, 2),
        ("2024-03-18", "2024-03-19", 2, True, 1),
    ]
    assert [w.average_before for w in found.weeks] == [7, 5, 4]
    text = plain(found)
    assert (
        "Period: 2024-03-06 to 2024-03-19 (3 calendar weeks from Monday; the first is "
        "partial: 5 days and the last is partial: 2 days)" in text
    )
    assert "2024-03-06 (partial: 5 days)\t2\t7.0\t5.5" in text
    assert "\n2024-03-11\t2\t5.0\t4.0" in text
    assert "2024-03-18 (partial: 2 days)\t1\t4.0\t4.0" in text
    assert (
        "Down from 7.0 in the first week with entries (from 2024-03-06, 2 entries, a partial "
        "week: 5 days) to 4.0 in the last (from 2024-03-18, 1 entry, a partial week: 2 days)"
    ) in text
    weeks = data(found)["weeks"]
    assert isinstance(weeks, list)
    assert [(w["days"], w["partial"]) for w in weeks] == [(5, True), (7, False), (2, True)]


def test_whole_weeks_are_not_marked() -> None:
    found = report(THREE)
    assert [w.partial for w in found.weeks] == [False, False]
    text = plain(found)
    assert "(2 calendar weeks from Monday)" in text
    assert "partial" not in text


# --- the episode start ---------------------------------------------------------------------------


def test_episode_start_is_shown_with_how_long_ago() -> None:
    found = report(THREE)
    assert "Episode began: 2024-01-10, 9 weeks before this report\n" in plain(
        found, Context(episode_start="2024-01-10")
    )
    assert "Episode began: 2024-03-10, 7 days before this report\n" in plain(
        found, Context(episode_start="2024-03-10")
    )
    assert "Episode began: not recorded\n" in plain(found)
    assert data(found, Context(episode_start="2024-01-10"))["episode_start"] == "2024-01-10"
    # Shown before the pain, as a clinician reads it.
    text = plain(found, Context(episode_start="2024-01-10"))
    assert text.index("Episode began") < text.index("Pain: first week against last")


# --- function: PEG, RMDQ, PSFS -------------------------------------------------------------------

PEG_FORMS = [
    form("2024-02-20", "peg", (9, 9, 9)),  # before the period: left out
    form("2024-03-04", "peg", (7, 6, 8)),  # 7.0
    form("2024-03-08", "peg", (6, None, 6)),  # an item left out: not scored
    form("2024-03-15", "peg", (4, 5, 4)),  # 4.33
]
RMDQ_FORMS = [
    form("2024-03-05", "rmdq", (True,) * 10 + (False,) * 14),  # 10
    form("2024-03-16", "rmdq", (True,) * 8 + (False,) * 16),  # 8
]
PSFS_FORMS = [
    form("2024-03-05", "psfs", (3, 4, 5), "sitting", "socks", "walking"),  # 4.0
    form("2024-03-16", "psfs", (5, 6, 5), "sitting", "socks", "stairs"),  # 5.33
]


def first_against_last(text: str) -> list[str]:
    """The rows of the table of function, leg and back pain, first against last."""
    start = text.index(": first against last\n")
    return text[start:].split("\n\n")[1].splitlines()


def test_measures_first_against_last_with_thresholds_worked_out_by_hand() -> None:
    summaries = measure_summaries(
        [*PEG_FORMS, *RMDQ_FORMS, *PSFS_FORMS], "2024-03-04", "2024-03-17"
    )
    assert [s.instrument.id for s in summaries] == ["peg", "rmdq", "psfs"]
    peg, rmdq, psfs = summaries
    assert (peg.forms, peg.scored) == (3, 2)
    assert peg.change is not None and round(peg.change.points, 2) == -2.67
    assert peg.change.verdict == "a meaningful improvement"  # 38%, at least 1 point
    assert rmdq.change is not None and rmdq.change.verdict == "no meaningful change"  # 2, 20%
    assert psfs.change is not None and psfs.change.verdict == "no meaningful change"  # +1.3
    assert psfs.activities_changed and not peg.activities_changed
    text = plain(report(THREE), Context(measures=summaries))
    assert "Function: first against last" in text
    assert first_against_last(text) == [
        "Measure\tFirst\tLast\tChange\tMeaningful change\tRests on",
        "PEG 0-10, lower better\t7.0\t4.3\t-2.7 points, 38% less: a meaningful improvement\t"
        "about 30%, at least 1 point [krebs-2009]\t3 forms, 2024-03-04 to 2024-03-15 (1 with "
        "an item left out, not scored)",
        "RMDQ 0-24, lower better\t10\t8\t-2 points, 20% less: no meaningful change\tabout "
        "30%, at least 3 points [roland-morris-1983, roland-fairbank-2000]\t2 forms, "
        "2024-03-05 to 2024-03-16",
        "PSFS 0-10, higher better\t4.0\t5.3\t+1.3 points: no meaningful change (the "
        "activities changed between them)\tabout 2 points [stratford-1995]\t2 forms, "
        "2024-03-05 to 2024-03-16",
    ]


def test_a_single_form_or_none_complete_has_no_change() -> None:
    summaries = measure_summaries(
        [form("2024-03-05", "peg", (5, 5, 5)), form("2024-03-06", "rmdq", (None,) * 24)],
        "2024-03-04",
        "2024-03-17",
    )
    rows = first_against_last(plain(report(THREE), Context(measures=summaries)))
    assert rows[1] == (
        "PEG 0-10, lower better\t5.0\t5.0\tone scored form: no change to measure\tabout 30%, "
        "at least 1 point [krebs-2009]\t1 form, 2024-03-05"
    )
    assert rows[2].startswith("RMDQ 0-24, lower better\t-\t-\tno complete form\t")
    assert rows[2].endswith("\t1 form (1 with an item left out, not scored)")
    shown = data(report(THREE), Context(measures=summaries))["measures"]
    assert isinstance(shown, list)
    assert shown[1]["first"] is None and shown[1]["verdict"] is None


def test_no_measures_no_function_section() -> None:
    text = plain(report(THREE))
    assert "Function" not in text and "krebs-2009" not in text


# --- leg and back pain apart ---------------------------------------------------------------------


def test_leg_and_back_pain_apart_where_recorded() -> None:
    found = report(
        [
            entry("2024-03-04", 6, 4, leg=6, back=3),
            entry("2024-03-05", 7, 5, leg=8, back=2),
            entry("2024-03-06", 7, 5),  # one rating: leg and back not given
            entry("2024-03-12", 4, 3, leg=4),
        ]
    )
    assert [(w.average_leg, w.leg_count) for w in found.weeks] == [(7, 2), (4, 1)]
    assert [(w.average_back, w.back_count) for w in found.weeks] == [(2.5, 2), (None, 0)]
    assert found.leg_change is not None and found.leg_change.points == -3
    assert found.back_change is None  # in one week only
    text = plain(found)
    assert "Leg and back pain: first against last" in text
    assert first_against_last(text)[1:] == [
        "Leg pain 0-10\t7.0\t4.0\t-3.0 points, 43% less: a worthwhile, moderate improvement\t"
        "a fall of 30% or more, at least 1 point [dworkin-2008, farrar-2001]\tweeks of "
        "2024-03-04 (2 entries) and 2024-03-11 (1 entry)",
        "Back pain 0-10\t-\t-\tall in one week: no change to measure\t-\t2 entries",
    ]
    assert (
        "Week from\tEntries\tWeekly pain\tPain straight after each session\tLeg pain\t"
        "Back pain\n" in text
    )
    assert "2024-03-04\t3\t6.7\t4.7\t7.0\t2.5" in text
    assert "2024-03-11\t1\t4.0\t3.0\t4.0\t-" in text
    assert data(found)["leg_change"] == {
        "first_week": "2024-03-04", "last_week": "2024-03-11", "points": -3.0,
        "percent": -42.9, "wording": "a worthwhile, moderate improvement",
        "first_week_entries": 2, "last_week_entries": 1, "few_entries": True,
    }  # fmt: skip


def test_without_leg_or_back_pain_there_are_no_such_columns() -> None:
    found = report(THREE)
    text = plain(found)
    assert "Leg pain" not in text and "Back pain" not in text
    page = report_page(found, KB, made="x", version="y", name=None)
    table = next(b for b in page.blocks if isinstance(b, Table) and "Entries" in b.columns)
    assert len(table.columns) == 4


# --- worst and best days -------------------------------------------------------------------------


def test_worst_and_best_days_worked_out_by_hand() -> None:
    found = report(
        [
            entry("2024-03-04", 6, 4),
            entry("2024-03-04", 8, None, session="none"),  # a rating: the day averages 7.0
            entry("2024-03-06", 5, 3),
            entry("2024-03-12", 3, 2),
            entry("2024-03-13", 4, 1),
            entry("2024-03-14", 3, 3),  # as low as 03-12: the later day is the best
        ]
    )
    assert found.worst_day == Day("2024-03-04", 7.0, 2)
    assert found.best_day == Day("2024-03-14", 3.0, 1)
    text = plain(found)
    assert "Worst day (highest average pain): 2024-03-04, pain 7.0 (2 entries)" in text
    assert "Best day (lowest average pain): 2024-03-14, pain 3.0 (1 entry)" in text
    assert data(found)["worst_day"] == {"day": "2024-03-04", "average": 7.0, "entries": 2}


def test_one_day_has_no_worst_or_best() -> None:
    found = report([entry("2024-03-04", 6, 4)] * 3)
    assert found.worst_day is None and found.best_day is None
    assert "Worst day" not in plain(found)


# --- the notes that matter -----------------------------------------------------------------------


def test_a_stopped_session_note_is_shown_though_newer_notes_fill_the_four() -> None:
    """Issue 24: "Stopped: tingling in foot on right side" was left out while "Best week so
    far" was shown."""
    found = report(
        [
            entry("2024-03-04", 6, 5, "Stopped: tingling in foot on right side", "partial"),
            entry("2024-03-05", 5, 3, "Walked to the shop"),
            entry("2024-03-07", 5, 3, "Slept well"),
            entry("2024-03-11", 4, 3, "Sat through a film"),
            entry("2024-03-12", 4, 2, "Best week so far"),
            entry("2024-03-13", 4, 2, "Physio on Friday"),
        ]
    )
    assert found.notes_that_matter == (
        Note("2024-03-04", "Stopped: tingling in foot on right side", ("stopped early",)),
    )
    text = plain(found)
    assert (
        "Notes that matter\n\nDay\tWhy\tNote\n2024-03-04\tstopped early\tStopped: tingling "
        "in foot on right side\n" in text
    )
    assert "Other notes (the newest 4 of 5, shortened)" in text
    assert "2024-03-12\tBest week so far" in text
    assert "Walked to the shop" not in text  # the oldest ordinary note


def test_notes_on_pain_8_or_more_and_on_a_rise_of_2_matter() -> None:
    found = report(
        [
            entry("2024-03-04", 8, 6, "Bad morning"),
            entry("2024-03-05", 4, 6, "Worse after the chair"),  # rose by 2
            entry("2024-03-06", 4, 5, "A bit sore"),  # rose by 1: ordinary
            entry("2024-03-07", 9, None, "Flare in the night", "none"),  # a rating of 9
            entry("2024-03-12", 6, 8, "Stopped at the third step", "partial"),
        ]
    )
    assert [(n.day, n.why) for n in found.notes_that_matter] == [
        ("2024-03-04", ("pain 8",)),
        ("2024-03-05", ("pain rose 4 to 6",)),
        ("2024-03-07", ("pain 9",)),
        ("2024-03-12", ("stopped early", "pain 8", "pain rose 6 to 8")),
    ]
    text = plain(found)
    assert "2024-03-12\tstopped early; pain 8; pain rose 6 to 8\tStopped at the third step" in text
    assert "Notes (the newest" not in text
    assert "Other notes\n\nDay\tNote\n2024-03-06\tA bit sore" in text
    notes = data(found)["notes"]
    assert isinstance(notes, list)
    assert notes[1] == {"day": "2024-03-05", "note": "Worse after the chair",
                        "why": ["pain rose 4 to 6"]}  # fmt: skip


def test_only_ordinary_notes_keep_the_old_heading() -> None:
    found = report([entry(f"2024-03-{day:02d}", 5, 4, f"note {day}") for day in range(4, 10)])
    text = plain(found)
    assert "Notes that matter" not in text
    assert "Notes (the newest 4 of 6, shortened)" in text


# --- references ----------------------------------------------------------------------------------


def test_references_list_every_source_the_page_cites() -> None:
    summaries = measure_summaries(PEG_FORMS, "2024-03-04", "2024-03-17")
    text = plain(report(THREE), Context(measures=summaries))
    references = text[text.index("References\n") : text.index("Made on")]
    keys = [line[2:].split(":")[0] for line in references.splitlines()[2:] if line]
    assert keys == ["dworkin-2008", "farrar-2001", "nhs-sciatica", "krebs-2009"]
    assert f"- krebs-2009: {KB.sources['krebs-2009'].citation()}\n" in references
    for key in keys:  # each cited in the page's text
        assert f"[{key}" in text or f", {key}" in text
    assert "roland" not in references  # no RMDQ form, so not cited
    assert data(report(THREE), Context(measures=summaries))["sources"] == keys


def test_a_thin_journal_cites_only_what_it_shows() -> None:
    text = plain(report([entry("2024-03-04", 6, 4)]))
    assert "References" not in text
    summaries = measure_summaries(PEG_FORMS, "2024-03-04", "2024-03-17")
    thin = plain(report([entry("2024-03-04", 6, 4)]), Context(measures=summaries))
    assert "Function: first against last" in thin
    assert "krebs-2009: Krebs EE" in thin and "dworkin" not in thin


# --- through the command line --------------------------------------------------------------------


def test_the_command_reads_the_measures_and_the_episode_start() -> None:
    today = date.today()
    days = [today - timedelta(days=ago) for ago in (20, 19, 12, 5, 1)]
    with journal.open_journal(journal.journal_path()) as opened:
        opened.add_many([NewEntry(f"{day}T09:00:00", 6, 4, leg_pain=5) for day in days])
        opened.add_measure(NewMeasure(f"{days[0]}T10:00:00", "peg", (8, 7, 6)))
        opened.add_measure(NewMeasure(f"{days[-1]}T10:00:00", "peg", (4, 4, 4)))
        opened.set_setting("episode_start", "2026-01-05", f"{today}T00:00:00")
    result = CliRunner().invoke(app, ["report", "-f", "json"])
    assert result.exit_code == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["episode_start"] == "2026-01-05"
    (peg,) = found["measures"]
    assert (peg["measure"], peg["forms"], peg["points"], peg["verdict"]) == (
        "peg", 2, -3.0, "a meaningful improvement"
    )  # fmt: skip
    assert peg["first"] == {"when": f"{days[0]}T10:00:00", "score": 7.0}
    assert "krebs-2009" in found["sources"]
    text = CliRunner().invoke(app, ["report", "-f", "plain"]).stdout
    assert "Episode began: 2026-01-05, " in text and "\nPEG 0-10, lower better\t7.0\t4.0\t" in text


# --- saved self-checks ---------------------------------------------------------------------------


def test_saved_checks_are_shown_with_their_day_verdict_and_what_was_reported() -> None:
    checks = (
        SavedCheck(1, "2024-03-04T08:00:00", "none-reported",
                   (CheckAnswer("fever", "no", "Fever?"), CheckAnswer("cancer", "no", "Cancer?"))),
        SavedCheck(2, "2024-03-12T09:30:00", "doctor-today",
                   (CheckAnswer("fever", "not sure", "Do you have a high temperature?"),
                    CheckAnswer("cancer", "no", "Cancer?"),
                    CheckAnswer("anticoagulants", "yes", "Do you take blood thinners?"))),
    )  # fmt: skip
    text = plain(report(THREE), Context(checks=checks))
    assert (
        "Self-checks saved\n\nDay\tVerdict\tAnswered yes or not sure\n"
        "2024-03-04\tNone of these reported\tno to all 2 questions asked\n"
        "2024-03-12\tSee a doctor today\tnot sure: Do you have a high temperature?; yes: Do you "
        "take blood thinners?\n" in text
    )
    # After the function and pain, before the days, as a clinician reads.
    assert (
        text.index("Pain: first week")
        < text.index("Self-checks saved")
        < text.index("Days and sessions")
    )
    shown = data(report(THREE), Context(checks=checks))["checks"]
    assert isinstance(shown, list)
    assert shown[1] == {
        "when": "2024-03-12T09:30:00", "verdict": "doctor-today", "questions": 3,
        "reported": [
            {"question": "fever", "answer": "not sure", "asked": "Do you have a high temperature?"},
            {"question": "anticoagulants", "answer": "yes", "asked": "Do you take blood thinners?"},
        ],
    }  # fmt: skip


def test_the_command_shows_the_checks_saved_in_the_period_only() -> None:
    today = date.today()
    with journal.open_journal(journal.journal_path()) as opened:
        opened.add_many(
            [NewEntry(f"{today - timedelta(days=ago)}T09:00:00", 6, 4) for ago in (9, 8, 1)]
        )
        for ago, answer in ((100, "yes"), (3, "not sure")):
            opened.add_check(
                f"{today - timedelta(days=ago)}T08:00:00",
                "doctor-first",
                [CheckAnswer("anticoagulants", answer, "Do you take blood thinners?")],
            )
    result = CliRunner().invoke(app, ["report", "-f", "json"])
    assert result.exit_code == 0, result.stderr
    (check,) = json.loads(result.stdout)["checks"]  # the one 100 days ago is before the period
    assert check["when"] == f"{today - timedelta(days=3)}T08:00:00"
    assert check["reported"][0]["answer"] == "not sure"
