"""The function measures' scoring (fact sheet §11), worked by hand, and journal version 4:
measures, leg and back pain, settings, added in one transaction."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from sciaticli import journal
from sciaticli.errors import JournalError
from sciaticli.journal import Migration
from sciaticli.journal.measures import (
    IMPROVED,
    NO_CLEAR_CHANGE,
    PEG,
    PSFS,
    RMDQ,
    WORSE,
    NewMeasure,
    Score,
    change,
    score,
    score_peg,
    score_psfs,
    score_rmdq,
)

Y, N = True, False


# --- scoring, by hand --------------------------------------------------------------------------


def test_the_peg_is_the_mean_of_its_three_items() -> None:
    assert score_peg([6, 5, 7]) == Score(6.0, 3, 3)  # (6 + 5 + 7) / 3 = 18 / 3
    assert score_peg([3, 4, 4]).value == pytest.approx(11 / 3)
    assert score_peg([0, 0, 0]) == Score(0.0, 3, 3)


def test_a_peg_with_an_item_left_out_is_not_scored() -> None:
    left_out = score_peg([6, None, 7])
    assert left_out == Score(None, 2, 3)
    assert not left_out.complete


@pytest.mark.parametrize(
    ("answers", "message"),
    [([6, 5], "has 3 items, not 2"), ([6, 5, 7, 1], "not 4"), ([6, 11, 7], "11 is not")],
)
def test_a_peg_with_a_wrong_count_or_value_is_refused(answers: list[int], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        score_peg(answers)


def test_the_rmdq_counts_the_yes_answers() -> None:
    answers = [Y, Y, N, Y, N, N, Y, N] + [N] * 16  # 4 yes among 24
    assert score_rmdq(answers) == Score(4.0, 24, 24)
    assert score_rmdq([Y] * 24).value == 24
    assert score_rmdq([N] * 24).value == 0


def test_an_rmdq_statement_left_out_is_not_a_no() -> None:
    # 23 answered, 3 yes: read as a "no", the left-out one would give a complete score of 3.
    answers: list[bool | None] = [Y, Y, Y, None] + [N] * 20
    scored = score_rmdq(answers)
    assert scored == Score(None, 23, 24)
    assert not scored.complete


def test_an_rmdq_with_a_wrong_count_or_a_rating_is_refused() -> None:
    with pytest.raises(ValueError, match="has 24 items, not 23"):
        score_rmdq([N] * 23)
    with pytest.raises(ValueError, match="is not yes or no"):
        score_rmdq([N] * 23 + [3])  # type: ignore[list-item]


def test_the_psfs_is_the_mean_of_three_to_five_activities() -> None:
    assert score_psfs([4, 6, 2]) == Score(4.0, 3, 3)  # 12 / 3
    assert score_psfs([4, 6, 2, 3, 5]) == Score(4.0, 5, 5)  # 20 / 5
    assert score_psfs([4, None, 2, 3]) == Score(None, 3, 4)
    with pytest.raises(ValueError, match="has 3 to 5 items, not 2"):
        score_psfs([4, 6])
    with pytest.raises(ValueError, match="has 3 to 5 items, not 6"):
        score_psfs([4] * 6)


def test_a_skipped_rmdq_statement_never_counts_as_a_no_whatever_the_others() -> None:
    # 23 yes and one skipped: read as a "no" it would score 23; it has no score.
    assert score("rmdq", [Y] * 23 + [None]) == Score(None, 23, 24)
    assert score("rmdq", [Y] * 23 + [N]) == Score(23.0, 24, 24)
    # Every statement skipped: nothing answered, nothing scored (not a 0).
    assert score("rmdq", [None] * 24) == Score(None, 0, 24)


def test_a_psfs_or_peg_item_left_out_is_not_a_zero() -> None:
    assert score("psfs", [6, None, 6]) == Score(None, 2, 3)  # as a 0 it would be 4.0
    assert score("peg", [None, None, None]) == Score(None, 0, 3)


# --- meaningful change, by hand ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "last", "verdict"),
    [
        (6.0, 4.2, IMPROVED),  # 1.8 points = 30% of 6
        (6.0, 4.4, NO_CLEAR_CHANGE),  # 1.6 points = 27%
        (3.0, 2.0, IMPROVED),  # 1 point = 33%
        (2.0, 1.4, NO_CLEAR_CHANGE),  # 30% but under the 1-point floor
        (5.0, 7.0, WORSE),  # up 2 points = 40%
    ],
)
def test_peg_change_needs_thirty_percent_and_one_point(
    first: float, last: float, verdict: str
) -> None:
    assert change(PEG, first, last).verdict == verdict


@pytest.mark.parametrize(
    ("first", "last", "verdict"),
    [
        (10.0, 7.0, IMPROVED),  # 3 points = 30%
        (10.0, 8.0, NO_CLEAR_CHANGE),  # 2 points = 20%
        (6.0, 4.0, NO_CLEAR_CHANGE),  # 33% but only 2 points: under 3
        (20.0, 15.0, NO_CLEAR_CHANGE),  # 5 points but 25%
        (0.0, 3.0, WORSE),  # from none, 3 yes more
    ],
)
def test_rmdq_change_needs_thirty_percent_and_three_points(
    first: float, last: float, verdict: str
) -> None:
    assert change(RMDQ, first, last).verdict == verdict


@pytest.mark.parametrize(
    ("first", "last", "verdict"),
    [
        (10.0, 7.0, IMPROVED),  # exactly 30% and exactly 1 point or more: meaningful
        (3.0, 2.1, NO_CLEAR_CHANGE),  # 30% of 3 is 0.9: under the 1-point floor
        (0.0, 1.0, WORSE),  # from no pain, a rise of 1 point
        (0.0, 0.0, NO_CLEAR_CHANGE),
    ],
)
def test_peg_thresholds_at_their_edges(first: float, last: float, verdict: str) -> None:
    assert change(PEG, first, last).verdict == verdict


def test_rmdq_thresholds_at_their_edges() -> None:
    assert change(RMDQ, 3.0, 0.0).verdict == IMPROVED  # 3 points, 100%
    assert change(RMDQ, 9.0, 6.0).verdict == IMPROVED  # 3 points = 33%
    assert change(RMDQ, 11.0, 8.0).verdict == NO_CLEAR_CHANGE  # 3 points but 27%
    assert change(RMDQ, 11.0, 14.0).verdict == NO_CLEAR_CHANGE  # worse by 3 but only 27%
    assert change(RMDQ, 4.0, 7.0).verdict == WORSE  # worse by 3 = 75%


def test_psfs_change_of_two_points_is_beyond_error_and_higher_is_better() -> None:
    assert change(PSFS, 4.0, 6.0).verdict == IMPROVED
    assert change(PSFS, 4.0, 5.7).verdict == NO_CLEAR_CHANGE
    assert change(PSFS, 6.0, 4.0).verdict == WORSE
    assert change(PSFS, 4.0, 6.0).points == 2.0


# --- the journal, version 4 --------------------------------------------------------------------


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "home" / journal.FILENAME


def version_3_journal(path: Path) -> None:
    with journal.open_journal(path, migrations=journal.MIGRATIONS[:3]) as opened:
        opened.connection.executemany(
            "INSERT INTO entries (logged_at, pain_before, pain_after, note, session) "
            "VALUES (?, ?, ?, ?, ?)",
            [("2024-01-02T08:00:00", 7, 5, "first", "full"), ("2024-01-03", 6, None, None, "none")],
        )


def test_a_version_3_journal_gains_measures_and_leg_and_back_pain(path: Path) -> None:
    version_3_journal(path)
    with journal.open_journal(path) as opened:
        assert [v for v, _ in opened.applied_migrations()] == [1, 2, 3, 4, 5, 6]
        entries = opened.entries()
        legs = opened.connection.execute("SELECT leg_pain, back_pain FROM entries").fetchall()
        opened.add_measure(NewMeasure("2024-01-04", "peg", [6, 5, 7]))
        opened.add_measure(
            NewMeasure("2024-01-04", "psfs", [4, None, 6], ("walking", "sitting", "socks")),
            keep_activities=True,
        )
        kept = opened.setting("psfs_activities")
        measures = opened.measures()
    assert [(e.id, e.pain_before, e.pain_after, e.note) for e in entries] == [
        (1, 7, 5, "first"),
        (2, 6, None, None),
    ]
    assert legs == [(None, None), (None, None)]  # old entries are left as they were
    assert [(m.measure, m.answers, m.score) for m in measures] == [
        ("peg", (6, 5, 7), Score(6.0, 3, 3)),
        ("psfs", (4, None, 6), Score(None, 2, 3)),
    ]
    assert measures[1].activities == ("walking", "sitting", "socks")
    assert kept == '["walking", "sitting", "socks"]'


def test_a_failed_version_4_migration_leaves_the_journal_as_it_was(path: Path) -> None:
    version_3_journal(path)
    before = path.read_bytes()
    fourth = journal.MIGRATIONS[3]
    broken = Migration(4, fourth.name, (*fourth.statements, "SELECT no_such_function()"))
    with (
        pytest.raises(JournalError),
        journal.open_journal(path, migrations=(*journal.MIGRATIONS[:3], broken)),
    ):
        pass
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA user_version").fetchone() == (3,)
        names = {n for (n,) in connection.execute("SELECT name FROM sqlite_master")}
        columns = [row[1] for row in connection.execute("PRAGMA table_info(entries)")]
    finally:
        connection.close()
    assert "measures" not in names and "settings" not in names
    assert "leg_pain" not in columns
    assert path.read_bytes() == before


def test_a_version_4_journal_is_refused_by_a_sciaticli_that_knows_version_3(path: Path) -> None:
    with journal.open_journal(path, migrations=journal.MIGRATIONS[:4]) as opened:
        opened.add_measure(NewMeasure("2024-01-04", "peg", [6, 5, 7]))
    with (
        pytest.raises(
            JournalError, match="newer sciaticli \\(journal version 4; this one knows up to 3"
        ),
        journal.existing_journal(path, migrations=journal.MIGRATIONS[:3]),
    ):
        pass


def test_a_measure_and_its_activities_are_saved_together_or_not_at_all(path: Path) -> None:
    with journal.open_journal(path) as opened:
        with pytest.raises(sqlite3.IntegrityError):  # a PSFS form without its activities
            opened.add_measure(NewMeasure("2024-01-04", "psfs", [4, 5, 6]), keep_activities=True)
        with pytest.raises(sqlite3.IntegrityError):
            opened.add_measure(NewMeasure("2024-01-04", "odi", [4]))
        assert opened.measures() == []
        assert opened.setting("psfs_activities") is None
