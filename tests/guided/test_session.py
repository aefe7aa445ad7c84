"""The whole guided routine on a terminal of the test's own: keys typed at set times on a clock
the test moves, answers typed as lines, and everything shown kept as text. No test here waits
in real time; tests/guided/test_terminal.py and test_flow.py keep the ones in tmux for what a
person sees (the countdown moving, the terminal given back)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.guided import journal_rows
from tests.guided.fake import guided


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"  # SCIATICLI_HOME (conftest.py)


def test_pause_skip_and_finish(monkeypatch: pytest.MonkeyPatch, home: Path) -> None:
    # Started at 0; the lead-in ends at 4; paused at 4.5 for 10 s, then n skips step 1.
    keys = [(0, " "), (4.5, " "), (14.5, " "), (14.6, "n")]
    status, shown = guided(monkeypatch, keys, side="right", log=False)
    assert "Pain now" not in shown  # --no-log: no questions
    assert "paused: space to resume" in shown
    assert status == 0
    assert "Routine ended: 4 of 5 steps finished (1 skipped), 0:11 in all." in shown
    assert "- Right side · Step 1 of 6: skipped, 0:01" in shown  # the pause did not count
    assert "Pain now" not in shown and "Log this session" not in shown
    assert not (home / "journal.sqlite3").exists()


def test_bell_between_steps_and_no_bell(monkeypatch: pytest.MonkeyPatch) -> None:
    _, with_bell = guided(monkeypatch, [(0, "\r")], bell=True, log=False)
    _, without = guided(monkeypatch, [(0, "\r")], bell=False, log=False)
    assert with_bell.count("\x07") == 6  # the start, between 5 steps, the second round
    assert without.count("\x07") == 0
    assert "Routine finished: all 5 steps" in with_bell


def test_asks_pain_before_and_after_and_logs_the_session(
    monkeypatch: pytest.MonkeyPatch, home: Path
) -> None:
    status, shown = guided(monkeypatch, [(0, "\r")], "eleven\n6\n3\n\n", side="right")
    assert "Please type a whole number from 0 (no pain) to 10" in shown
    assert shown.index("Pain now, after the routine, 0-10 (Enter to skip):") > shown.index(
        "Routine finished: all 5 steps"
    )
    assert "Log this session? [Y/n]" in shown
    assert "Logged entry 1 for " in shown
    assert "pain6→3afterQuicktestroutine(guided)." in "".join(shown.split())
    assert status == 0
    assert journal_rows(home) == [("quick-test", 6, 3, "guided", "full")]


def test_the_log_can_be_declined(monkeypatch: pytest.MonkeyPatch, home: Path) -> None:
    status, shown = guided(monkeypatch, [(0, "\r")], "4\n2\nmaybe\nn\n")
    assert "Please answer y or n." in shown
    assert "Not logged." in shown
    assert status == 0
    assert not (home / "journal.sqlite3").exists()


def test_ctrl_c_at_the_log_prompt_logs_nothing(monkeypatch: pytest.MonkeyPatch, home: Path) -> None:
    status, shown = guided(monkeypatch, [(0, "\r")], "7\n^C\n")
    assert "Routine finished: all 5 steps" in shown
    assert "Not logged." in shown and "Traceback" not in shown
    assert status == 130
    assert not (home / "journal.sqlite3").exists()


def test_lead_in_rounds_passes_and_the_aftercare_at_the_end(
    monkeypatch: pytest.MonkeyPatch, home: Path
) -> None:
    status, shown = guided(monkeypatch, [(0, "\r")], "6\n3\n\n")
    assert "Quick test routine: 5 steps, 11 s (1 optional step left out unless you press o)." in (
        shown
    )
    assert "Get into position: Left side · Step 1 of 6 starts in" in shown
    assert shown.index("Pass 1 of 2") < shown.index("Pass 2 of 2")
    assert "Round 2 of 2: move the ball a finger's width." in shown
    after = shown[: shown.index("Pain now, after the routine, 0-10")]
    assert after.count("Routine finished") == 1  # one message, not the last frame as well
    assert "Routine finished: all 5 steps" in after
    assert "Optional step left out: 1" in after
    assert "Afterwards: A warm towel, never on numb skin." in after
    assert "Tomorrow: Stop, and leave it for now, if you are bruised" in after
    assert status == 0
    assert journal_rows(home) == [("quick-test", 6, 3, "guided", "full")]


def test_o_includes_the_optional_step(monkeypatch: pytest.MonkeyPatch) -> None:
    status, shown = guided(monkeypatch, [(0, "o"), (0, "\r")], log=False)
    assert "Optional steps: included." in shown
    assert "Left side · Step 4 of 6 (optional)" in shown
    assert "Cross the ankle over the other knee." in shown
    assert "Routine finished: all 6 steps" in shown and status == 0


def test_quitting_is_told_honestly_and_a_partial_session_can_be_logged(
    monkeypatch: pytest.MonkeyPatch, home: Path
) -> None:
    # The standing routine: q 1.5 s into its first step (after the 4 s lead-in).
    keys = [(0, "\r"), (5.5, "q")]
    status, shown = guided(monkeypatch, keys, "6\n5\n\n", routine="standing-wall")
    asked = shown[: shown.index("Pain now, after stopping, 0-10")]
    assert "Routine finished" not in asked
    assert asked.count("Routine stopped") == 1  # one message (the last frame said it too)
    assert "Routine stopped: 0 of 5 steps finished" in asked
    assert "Afterwards:" in asked
    assert "Log this as a partial session (stopped early)? [Y/n]" in shown
    assert "(partial session: stopped early)" in " ".join(shown.split()) and status == 0
    assert journal_rows(home) == [("standing-wall", 6, 5, "guided", "partial")]


def test_ctrl_c_then_yes_logs_a_partial_session(
    monkeypatch: pytest.MonkeyPatch, home: Path
) -> None:
    keys = [(0, "\r"), (5.5, "^C")]
    status, shown = guided(monkeypatch, keys, "7\ny\n\n", routine="standing-wall")
    assert "Log a partial session? [y/N]" in shown
    assert "Pain now, after stopping" in shown  # no pain after: still a partial session
    assert status == 130
    assert journal_rows(home) == [("standing-wall", 7, None, "guided", "partial")]


@pytest.mark.parametrize(("name", "status"), [("SIGTERM", 143), ("SIGHUP", 129)])
def test_sigterm_and_sighup_end_with_their_status_and_ask_nothing(
    monkeypatch: pytest.MonkeyPatch, home: Path, name: str, status: int
) -> None:
    ended, shown = guided(monkeypatch, [(0, "\r"), (4.5, name)], "6\n")
    assert ended == status
    assert "Routine stopped: 0 of 5 steps finished" in shown
    assert "Pain now, after" not in shown and "Log " not in shown  # nobody to ask
    assert not (home / "journal.sqlite3").exists()


def test_a_yes_or_no_question_takes_one_key(monkeypatch: pytest.MonkeyPatch, home: Path) -> None:
    # On a terminal the log question is answered by a key, without Enter, as the routine's keys.
    status, shown = guided(monkeypatch, [(0, "\r")], "6\n3\n", answer_keys=["y"])
    assert "Log this session? [Y/n] y\n" in shown
    assert status == 0
    assert journal_rows(home) == [("quick-test", 6, 3, "guided", "full")]


def test_a_key_other_than_y_or_n_asks_again_and_enter_takes_the_default(
    monkeypatch: pytest.MonkeyPatch, home: Path
) -> None:
    _, shown = guided(monkeypatch, [(0, "\r")], "6\n3\n", answer_keys=["x", "\r"])
    assert "Log this session? [Y/n] x\nPlease answer y or n.\nLog this session? [Y/n] \n" in shown
    assert journal_rows(home) == [("quick-test", 6, 3, "guided", "full")]
    _, declined = guided(monkeypatch, [(0, "\r")], "6\n3\n", answer_keys=["N"])
    assert "Not logged." in declined
    assert len(journal_rows(home)) == 1


def test_the_flare_up_rating_question_takes_one_key_and_going_on_a_typed_yes(
    monkeypatch: pytest.MonkeyPatch, home: Path
) -> None:
    # "y" is not the typed word yes that goes on in a severe flare-up: that stays a line.
    status, shown = guided(monkeypatch, [], "9\ny\n", answer_keys=["n"])
    assert "Stopped before starting." in shown
    assert "Log this pain rating in your journal (no session)? [Y/n] n\nNot logged." in shown
    assert status == 0
    assert not (home / "journal.sqlite3").exists()


@pytest.mark.parametrize(("key", "status"), [("^C", 130), ("SIGTERM", 143)])
def test_ctrl_c_or_sigterm_at_a_one_key_question_logs_nothing(
    monkeypatch: pytest.MonkeyPatch, home: Path, key: str, status: int
) -> None:
    ended, shown = guided(monkeypatch, [(0, "\r")], "6\n3\n", answer_keys=[key])
    assert ended == status
    assert "Log this session? [Y/n]" in shown and "Traceback" not in shown
    assert not (home / "journal.sqlite3").exists()
