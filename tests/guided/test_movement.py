"""The movement routines in the guided runner (issue 23 §1), on a clock the test moves: each
exercise named, its repetitions counted and each one timed (a hold inside it too); a bad
flare-up stops before the steps as it does for the ball; at the end the offer of another routine
names both kinds, and each routine done is its own journal entry; `log -r` takes an exercise
routine and `report` counts it. The tmux test is in test_terminal.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sciaticli.cli.main import app
from sciaticli.guided.timer import LEAD_IN_SECONDS, GuidedRun, repetition_cue, step_title
from sciaticli.knowledge import load_knowledge_base
from sciaticli.routines import plan, total_seconds
from tests.guided import journal_rows
from tests.guided.fake import Clock, guided

KB = load_knowledge_base()
GENTLE = KB.routines["gentle-movement"]
AFTER_GENTLE = 1000.0  # the gentle routine ends by 4 s + 3 min 55 s on the clock


def test_each_exercise_is_named_and_its_repetitions_counted_and_timed() -> None:
    clock = Clock()
    steps = plan(GENTLE, "both")
    run = GuidedRun(steps, clock, lead_in=LEAD_IN_SECONDS)
    clock.now = LEAD_IN_SECONDS + 17  # knee rolls: 8 s each, the third under way
    run.update()
    assert run.current is not None and step_title(run.current) == "Knee rolls · Step 1 of 6"
    assert run.repetition == 3 and repetition_cue(run) == "Repetition 3 of 5"
    assert run.remaining() == pytest.approx(7)
    # Sitting tall holds for up to 10 s a time: the hold is timed within each repetition.
    clock.now = LEAD_IN_SECONDS + 5 * 8 + 5 * 5 + 10 + 4
    run.update()
    assert run.current is not None and run.current.step.name == "Sitting tall"
    assert repetition_cue(run) == "Repetition 2 of 5" and run.remaining() == pytest.approx(6)
    glide = steps[3]
    assert step_title(glide) == "Nerve glide (a gentle slider), left side · Step 4 of 6"
    assert step_title(steps[-1]) == "A short walk · Step 6 of 6"


def test_the_whole_routine_runs_to_its_end(monkeypatch: pytest.MonkeyPatch) -> None:
    status, shown = guided(
        monkeypatch, [(0, "\r")], routine="gentle-movement", side="both", log=False
    )
    assert status == 0
    # Everything before the steps, as printed: stop rules, the do-not list, the emergency signs.
    start = shown.index("Press Enter or space to start")
    for said in ("Never push an exercise into leg pain", "Do not do this routine if", "both legs"):
        assert shown.index(said) < start, said
    assert "Gentle movement for a bad spell: 6 steps, 3 min 55 s." in shown
    for said in ("Knee rolls · Step 1 of 6", "Repetition 5 of 5", "Pelvic tilts · Step 2 of 6"):
        assert said in shown, said
    assert "Nerve glide (a gentle slider), right side · Step 5 of 6" in shown
    minutes, seconds = divmod(total_seconds(plan(GENTLE, "both")), 60)
    assert f"Routine finished: all 6 steps, {minutes}:{seconds:02d}." in shown
    assert "Afterwards: Carry on with your normal activities" in shown


def test_a_bad_flare_up_stops_before_the_steps(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    status, shown = guided(
        monkeypatch, [(0, "\r")], "8\n\n", routine="gentle-movement", answer_keys=["y"]
    )
    assert status == 0
    assert "Pain 8 out of 10 is a severe flare-up." in shown
    assert "pain 8 or more out of 10" in shown
    assert "Stopped before starting." in shown and "Knee rolls · Step 1" not in shown
    assert journal_rows(tmp_path / "home") == [(None, 8, None, "guided", "none")]


def test_the_offer_names_both_kinds_and_each_routine_is_logged(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    offered = [routine.name for routine in KB.routines.values() if routine.id != GENTLE.id]
    choose = str(offered.index("Tennis ball against a wall (standing)") + 1)
    status, shown = guided(
        monkeypatch,
        [(0, "\r"), (AFTER_GENTLE, "\r")],
        "5\n4\n3\n",
        routine="gentle-movement",
        side="both",
        answer_keys=["y", choose, "y", "\r"],
        sitting=True,
    )
    assert status == 0
    listing = shown[shown.index("Another routine now?") :]
    assert "Movement for when it is settling" in listing
    assert "Tennis ball against a wall (standing)" in listing
    assert journal_rows(tmp_path / "home") == [
        ("gentle-movement", 5, 4, "guided", "full"),
        ("standing-wall", 4, 3, "guided", "full"),
    ]


def test_log_takes_an_exercise_routine_and_the_report_counts_it(runner: CliRunner) -> None:
    for args in (
        ["log", "6", "4", "-r", "gentle-movement", "--when", "2026-12-01 08:00"],
        ["log", "5", "4", "-r", "settling", "--when", "2026-12-02 08:00"],  # a prefix will do
        ["log", "6", "5", "-r", "standing-wall", "--when", "2026-12-03 08:00"],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
    history = runner.invoke(app, ["history", "-f", "plain"]).stdout
    assert "\tGentle movement for a bad spell\t6\t4\t" in history
    report = json.loads(
        runner.invoke(app, ["report", "--since", "2026-11-01", "-f", "json"]).stdout
    )
    assert {use["name"]: use["sessions"] for use in report["uses"]} == {
        "Gentle movement for a bad spell": 1,
        "Movement for when it is settling": 1,
        "Tennis ball against a wall (standing)": 1,
    }
