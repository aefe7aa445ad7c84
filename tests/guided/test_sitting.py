"""Another routine in the same sitting (issue 23): at the end of a guided routine done to its
end, "Another routine now?" lists the knowledge base's other routines; the one chosen runs with
its own warnings first and is logged as an entry of its own. On a clock the test moves; the
tmux test is in test_terminal.py."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from rich.console import Console

from sciaticli.guided.dialogue import offer_another
from sciaticli.knowledge import load_knowledge_base
from sciaticli.routines import plan
from tests.guided import QUICK_KB, journal_rows, others_after_quick
from tests.guided.fake import Lines, guided

# The quick routine ends by 20 s on the clock (a 4 s lead-in and 11 s of steps); the second
# routine's start key comes after that.
SECOND_START = 100.0
TITLE = "\nSecond quick routine\n"  # the second routine's page title, where its intro starts


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"  # SCIATICLI_HOME (conftest.py)


def offered(shown: str) -> dict[str, str]:
    """The routines offered after the last "Another routine now?", by name: their numbers."""
    listing = shown[shown.rindex("Another routine now?") :]
    return {name: number for number, name in re.findall(r"(?m)^  (\d)\. (.+?), \d", listing)}


def number_of(name: str) -> str:
    """The key that chooses `name` at the first offer after the quick routine."""
    kb = load_knowledge_base(QUICK_KB)
    others = [routine.name for routine in kb.routines.values() if routine.id != "quick-test"]
    return str(others.index(name) + 1)


def test_another_routine_runs_in_the_same_sitting_and_each_is_logged(
    monkeypatch: pytest.MonkeyPatch, home: Path
) -> None:
    keys = [(0, "\r"), (SECOND_START, "\r")]
    choose = number_of("Second quick routine")
    status, shown = guided(
        monkeypatch, keys, "6\n3\n2\n", answer_keys=["y", choose, "y", "\r"], sitting=True
    )
    assert status == 0
    first = offered(shown[: shown.index(TITLE)])
    assert "Quick test routine" not in first  # the one just done is not offered again
    assert first["Second quick routine"] == choose
    assert first["Tennis ball against a wall (standing)"]
    second = shown[shown.index(TITLE) :]
    # Its own warnings before its steps, as when started on its own.
    assert second.index("Do not do this routine if") < second.index("Press Enter or space")
    assert second.index("Stop if numbness, tingling or weakness") < second.index("Press Enter")
    assert "Pain before: 3 out of 10, as you gave it after the last routine." in second
    assert "Routine finished: all 2 steps" in second
    # Each routine its own entry; the second's pain before is the first's pain after.
    assert journal_rows(home) == [
        ("quick-test", 6, 3, "guided", "full"),
        ("quick-two", 3, 2, "guided", "full"),
    ]
    last = offered(shown)
    assert "Second quick routine" not in last and "Quick test routine" not in last
    assert shown.rstrip().endswith(
        f"Press {others_after_quick(2)} to start it now, or Enter to finish:"
    )


def test_declining_ends_the_sitting_as_before(monkeypatch: pytest.MonkeyPatch, home: Path) -> None:
    status, shown = guided(monkeypatch, [(0, "\r")], "6\n3\n", answer_keys=["y", "n"], sitting=True)
    assert status == 0
    assert shown.count("Another routine now?") == 1
    assert f"Press {others_after_quick()} to start it now, or Enter to finish: n" in shown
    assert journal_rows(home) == [("quick-test", 6, 3, "guided", "full")]


def test_without_logging_another_routine_runs_and_nothing_is_logged(
    monkeypatch: pytest.MonkeyPatch, home: Path
) -> None:
    keys = [(0, "\r"), (SECOND_START, "\r")]
    choose = number_of("Second quick routine")
    status, shown = guided(monkeypatch, keys, answer_keys=[choose, ""], sitting=True, log=False)
    assert status == 0
    assert TITLE in shown and "Routine finished: all 2 steps" in shown
    assert "Pain now" not in shown and "Pain before" not in shown
    assert not (home / "journal.sqlite3").exists()


@pytest.mark.parametrize(
    ("keys", "answers", "why"),
    [
        ([(0, "\r"), (5.5, "q")], "6\n5\n", "stopped early"),
        ([(0, "\r")], "3\n6\n", "the pain rose by 3"),
        ([(0, "\r")], "7\n8\n", "a severe flare-up after"),
        ([(0, "\r"), (5.5, "^C")], "6\n", "Ctrl-C"),
    ],
)
def test_no_other_routine_is_offered_after_a_stop_or_when_the_pain_rose(
    monkeypatch: pytest.MonkeyPatch, keys: list[tuple[float, str]], answers: str, why: str
) -> None:
    _, shown = guided(monkeypatch, keys, answers, answer_keys=["\r", "\r"], sitting=True)
    assert "Another routine now?" not in shown, why


def test_a_key_that_is_not_on_the_list_asks_again(monkeypatch: pytest.MonkeyPatch) -> None:
    _, shown = guided(
        monkeypatch, [(0, "\r")], answer_keys=["0", "x", "q"], sitting=True, log=False
    )
    assert shown.count(f"Please choose {others_after_quick()}, or press Enter to finish.") == 2
    assert shown.count("Another routine now?") == 1


def test_ctrl_c_at_the_offer_ends_with_130_and_the_first_entry_kept(
    monkeypatch: pytest.MonkeyPatch, home: Path
) -> None:
    status, shown = guided(
        monkeypatch, [(0, "\r")], "6\n3\n", answer_keys=["y", "^C"], sitting=True
    )
    assert status == 130 and "Traceback" not in shown
    assert journal_rows(home) == [("quick-test", 6, 3, "guided", "full")]


def test_more_than_nine_routines_are_chosen_by_a_typed_number(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    kb = load_knowledge_base(QUICK_KB)
    base = kb.routines["quick-two"]
    many = [base._replace(id=f"r{n}", name=f"Routine {n}") for n in range(1, 12)]
    monkeypatch.setattr("sys.stdin", Lines("12\n10\n"))
    out = io.StringIO()
    console = Console(file=out, width=100, color_system=None)
    chosen = offer_another(console, many, lambda routine: plan(routine, "both"))
    shown = out.getvalue()
    assert chosen is not None and chosen.name == "Routine 10"
    assert "  11. Routine 11, 4 s" in shown
    assert "Type 1-11 and Enter to start it now, or press Enter to finish:" in shown
    assert "Please choose 1-11, or press Enter to finish." in shown


# n on each of the quick routine's five steps (left side, the optional one left out), half a
# second apart from the end of the 4 s lead-in: 2.5 s on the steps, none finished.
SKIP_ALL = [(0, "\r"), *((4.5 + 0.5 * n, "n") for n in range(5))]
NOT_DONE = "Routine ended: all 5 steps skipped, none finished, 0:0"


def test_a_routine_skipped_through_is_not_done_offers_no_other_and_logs_as_partial(
    monkeypatch: pytest.MonkeyPatch, home: Path
) -> None:
    status, shown = guided(monkeypatch, SKIP_ALL, "6\n5\n", answer_keys=["\r", "1"], sitting=True)
    assert status == 0
    assert NOT_DONE in shown
    assert "Another routine now?" not in shown
    # As a routine stopped early: the pain after stopping, and a partial session.
    assert "Pain now, after stopping, 0-10" in shown
    assert "Log this as a partial session (stopped early)? [Y/n]" in shown
    assert journal_rows(home) == [("quick-test", 6, 5, "guided", "partial")]


def test_a_routine_skipped_through_without_logging_offers_no_other(
    monkeypatch: pytest.MonkeyPatch, home: Path
) -> None:
    status, shown = guided(monkeypatch, SKIP_ALL, answer_keys=["1"], sitting=True, log=False)
    assert status == 0
    assert NOT_DONE in shown
    assert "Another routine now?" not in shown and TITLE not in shown
    assert not (home / "journal.sqlite3").exists()


def test_a_routine_skipped_through_at_once_offers_the_rating_alone(
    monkeypatch: pytest.MonkeyPatch, home: Path
) -> None:
    # n five times within half a second: no time on the steps, as if stopped before any began.
    keys = [(0, "\r"), *((4.1 + 0.1 * n, "n") for n in range(5))]
    status, shown = guided(monkeypatch, keys, "6\n", answer_keys=["\r", "1"], sitting=True)
    assert status == 0
    assert "Routine ended: all 5 steps skipped, none finished, 0:00 in all." in shown
    assert "Another routine now?" not in shown
    assert "Log this pain rating in your journal (no session)? [Y/n]" in shown
    assert journal_rows(home) == [(None, 6, None, "guided", "none")]


def test_a_routine_with_one_step_done_still_offers_another(monkeypatch: pytest.MonkeyPatch) -> None:
    # Four steps skipped, the last (walking, 1 s) left to run to its end.
    keys = [(0, "\r"), *((4.5 + 0.5 * n, "n") for n in range(4))]
    status, shown = guided(monkeypatch, keys, answer_keys=["\r"], sitting=True, log=False)
    assert status == 0
    assert "Routine ended: 1 of 5 steps finished (4 skipped)" in shown
    assert "Another routine now?" in shown
