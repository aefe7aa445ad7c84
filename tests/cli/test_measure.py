"""`sciaticli measure`: PEG, RMDQ and PSFS answers into the journal, without a terminal; what is
due; usage errors (exit 2) that save nothing; the backup keeps them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sciaticli import journal
from sciaticli.cli.main import app
from sciaticli.journal.measures import NewMeasure

PEG_CITED = (
    "(Krebs et al., Development and initial validation of the PEG, J Gen Intern Med "
    "2009;24(6):733-8, doi:10.1007/s11606-009-0981-1)\n"
)


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def journal_file() -> Path:
    return Path(os.environ["SCIATICLI_HOME"]) / journal.FILENAME


def saved() -> list[tuple[str, str, tuple[object, ...]]]:
    with journal.existing_journal(journal_file()) as opened:
        if opened is None:
            return []
        return [(m.when, m.measure, m.answers) for m in opened.measures()]


def test_with_nothing_done_every_measure_is_due_and_nothing_is_made() -> None:
    code, out, err = invoke("measure")
    assert (code, err) == (0, "")
    assert out == (
        "PEG: never done; due now (weekly): sciaticli measure peg\n"
        "RMDQ: never done; due now (every 14 days): sciaticli measure rmdq\n"
        "PSFS: never done; due now (every 14 days): sciaticli measure psfs\n"
        "Episode start: not recorded; add it with sciaticli measure --episode-start YYYY-MM-DD.\n"
    )
    assert not journal_file().exists()


def test_measure_says_when_each_was_last_done_and_when_it_is_next_due() -> None:
    today = __import__("datetime").date.today()
    long_ago = (today - __import__("datetime").timedelta(days=20)).isoformat()
    recent = (today - __import__("datetime").timedelta(days=3)).isoformat()
    next_peg = (today + __import__("datetime").timedelta(days=4)).isoformat()
    with journal.open_journal(journal_file()) as opened:
        opened.add_measure(NewMeasure(long_ago, "peg", [5, 5, 5]))
        opened.add_measure(NewMeasure(recent, "peg", [4, 4, 4]))
        opened.add_measure(NewMeasure(long_ago, "rmdq", [False] * 24))
    code, out, _ = invoke("measure")
    assert code == 0
    assert out.splitlines() == [
        f"PEG: last done {recent}; next due {next_peg} (weekly).",
        f"RMDQ: last done {long_ago}; due now (every 14 days).",
        "PSFS: never done; due now (every 14 days): sciaticli measure psfs",
        "Episode start: not recorded; add it with sciaticli measure --episode-start YYYY-MM-DD.",
    ]


def test_a_peg_is_saved_from_answers_and_scored() -> None:
    code, out, err = invoke("measure", "peg", "--answers", "6,5,7", "--when", "2024-03-01")
    assert (code, err) == (0, "")
    assert out == (
        "Saved PEG (pain, enjoyment of life, general activity), 2024-03-01: score 6 out of 10.\n"
        + PEG_CITED
    )
    assert saved() == [("2024-03-01", "peg", (6, 5, 7))]


def test_an_rmdq_with_a_statement_left_out_is_saved_but_not_scored() -> None:
    answers = "yyn-" + "n" * 20
    code, out, _ = invoke("measure", "rmdq", "-a", answers, "--when", "2024-03-01")
    assert code == 0
    assert out.splitlines()[0] == (
        "Saved Roland-Morris Disability Questionnaire (RMDQ), 2024-03-01: 23 of 24 answered, 1 "
        "left out, so it is not scored (an item left out is not a no)."
    )
    assert saved()[0][2][:4] == (True, True, False, None)
    code, out, _ = invoke("measure", "rmdq", "-a", ",".join("y" * 5 + "n" * 19))
    assert code == 0 and ": score 5 of 24." in out


def test_psfs_activities_are_named_once_then_kept_and_can_be_changed() -> None:
    code, _, err = invoke("measure", "psfs", "-a", "4,5,6")
    assert code == 2 and "name your 3 to 5 activities first" in err
    code, out, _ = invoke(
        "measure", "psfs", "--activity", "walking", "--activity", "sitting, long",
        "--activity", "socks", "-a", "4,5,6", "--when", "2024-03-01",
    )  # fmt: skip
    assert code == 0 and ": score 5 out of 10." in out
    code, out, _ = invoke("measure", "psfs", "-a", "5,5,8", "--when", "2024-03-08")
    assert code == 0 and ": score 6 out of 10." in out
    code, _, err = invoke("measure", "psfs", "-a", "5,5,8,2")
    assert code == 2 and "4 ratings for 3 activities" in err
    code, _, _ = invoke(
        "measure", "psfs", "--activity", "stairs", "--activity", "bending",
        "--activity", "lifting", "--activity", "driving", "-a", "3,3,3,3",
    )  # fmt: skip
    assert code == 0
    with journal.existing_journal(journal_file()) as opened:
        assert opened is not None
        activities = [m.activities for m in opened.measures()]
    assert activities[:2] == [("walking", "sitting, long", "socks")] * 2
    assert activities[2] == ("stairs", "bending", "lifting", "driving")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("peg", "-a", "6,5"), "the PEG has 3 items, not 2"),
        (("peg", "-a", "6,11,5"), "answer 2, '11', is not a whole number from 0 to 10"),
        (("peg", "-a", "6,five,5"), "answer 2, 'five', is not a whole number from 0 to 10"),
        (("rmdq", "-a", "y" * 23), "the RMDQ has 24 items, not 23"),
        (("rmdq", "-a", "y" * 23 + "x"), "answer 24, 'x', is not y, n or -"),
        (
            ("peg",),
            "standard input is not a terminal, so the questions cannot be asked; give the "
            "answers with --answers (6,5,7)",
        ),
        (("rmdq",), "give the answers with --answers (24 answers: y,n,n,-,...)"),
        (("psfs", "--activity", "a", "--activity", "b", "--activity", "c"), "--answers (4,6,3)"),
        (("-a", "6,5,7"), "say which measure the answers are for"),
        (("peg", "-a", "6,5,7", "--activity", "x"), "activities are named for the PSFS only"),
        (("peg", "-a", "6,5,7", "--when", "tomorrow"), "'tomorrow' is not a date or time"),
        (("psfs", "--activity", "a", "--activity", "b", "-a", "1,2,3"), "name 3 to 5 activities"),
    ],
)
def test_wrong_answers_are_a_usage_error_and_nothing_is_saved(
    args: tuple[str, ...], message: str
) -> None:
    code, out, err = invoke("measure", *args)
    assert (code, out) == (2, "")
    assert message in " ".join(err.replace("│", "").split())
    assert saved() == []


def test_the_backup_keeps_the_measures_and_settings(tmp_path: Path) -> None:
    invoke(
        "measure", "psfs", "--activity", "a", "--activity", "b", "--activity", "c", "-a", "1,2,3"
    )
    invoke("measure", "peg", "-a", "6,5,7")
    target = tmp_path / "copy.sqlite3"
    assert invoke("journal", "backup", str(target))[0] == 0
    with journal.existing_journal(target) as copy:
        assert copy is not None
        assert [m.measure for m in copy.measures()] == ["psfs", "peg"]
        assert copy.setting("psfs_activities") == '["a", "b", "c"]'


def test_the_episode_start_is_kept_shown_and_changeable() -> None:
    assert invoke("measure", "--episode-start", "2024-02-20") == (
        0,
        "Episode start kept: 2024-02-20.\n",
        "",
    )
    code, out, _ = invoke("measure", "--episode-start", "2024-02-18")
    assert (code, out) == (0, "Episode start kept: 2024-02-18 (it was 2024-02-20).\n")
    assert invoke("measure")[1].splitlines()[-1] == "Episode start: 2024-02-18."
    code, out, err = invoke("measure", "--episode-start", "2999-01-01")
    assert (code, out) == (2, "") and "2999-01-01 is in the future" in err
    code, _, err = invoke("measure", "peg", "-a", "1,2,3", "--episode-start", "2024-02-01")
    assert code == 2 and "set the episode start on its own" in err
    with journal.existing_journal(journal_file()) as opened:
        assert opened is not None
        assert opened.setting("episode_start") == "2024-02-18"
        assert opened.measures() == []


def test_an_rmdq_stopped_part_way_is_named_as_a_draft_and_goes_once_saved() -> None:
    from sciaticli.journal.measures import draft_name

    with journal.open_journal(journal_file()) as opened:
        opened.set_setting(draft_name("rmdq"), '{"answers": [true, null], "at": 2}', "2024-03-01")
    code, out, _ = invoke("measure")
    assert code == 0
    assert out.splitlines()[1].startswith("RMDQ: never done")
    assert out.splitlines()[2] == (
        "RMDQ: stopped at statement 3 of 24 (a draft, not saved as a measure); sciaticli "
        "measure rmdq carries on."
    )
    assert saved() == []  # a draft is never a measure
    assert invoke("measure", "rmdq", "-a", "n" * 24, "--when", "2024-03-02")[0] == 0
    with journal.existing_journal(journal_file()) as opened:
        assert opened is not None and opened.setting(draft_name("rmdq")) is None
    assert "stopped at statement" not in invoke("measure")[1]


def test_a_draft_edited_by_hand_into_something_else_is_not_offered() -> None:
    from sciaticli.journal.measures import draft_name

    for text in ('{"answers": [3], "at": 1}', "not json", '{"answers": [], "at": 30}'):
        with journal.open_journal(journal_file()) as opened:
            opened.set_setting(draft_name("rmdq"), text, "2024-03-01")
        code, out, _ = invoke("measure")
        assert code == 0 and "stopped at statement" not in out
