"""The guided routine's timing with an injected clock: no test waits in real time."""

from __future__ import annotations

import pytest

from sciaticli.guided import GuidedRun, summary_lines
from sciaticli.model import Routine, Step
from sciaticli.routines import duration, plan, total_seconds


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


ROUTINE = Routine(
    id="test-routine",
    name="Test routine",
    level=1,
    position="standing",
    purpose="tests",
    equipment=("a tennis ball",),
    not_for=(),
    steps=(
        Step("Place the ball.", "Breathe.", "both", seconds=10),
        Step("Hold a tender spot.", "Let it ease.", "both", seconds=30, repetitions=2, hold=True),
        Step("Roll slowly.", "Slowly.", "left", passes=5),
    ),
    frequency="daily",
    should_feel="dull tenderness",
    stop_rules=(),
    aftercare="heat",
    sources=(),
)


def test_plan_lays_out_left_then_right() -> None:
    steps = plan(ROUTINE, "both")
    assert [(s.number, s.side, s.step.instruction) for s in steps] == [
        (1, "left", "Place the ball."),
        (2, "left", "Hold a tender spot."),
        (3, "left", "Roll slowly."),
        (4, "right", "Place the ball."),
        (5, "right", "Hold a tender spot."),
    ]
    assert steps[1].heading == "Step 2 of 5, left side"
    assert [s.seconds for s in steps] == [10, 60, 15, 10, 60]
    assert total_seconds(steps) == 155
    assert duration(155) == "2 min 35 s"


def test_plan_for_one_side_and_with_a_hold() -> None:
    right = plan(ROUTINE, "right", hold=20)
    assert [s.heading for s in right] == ["Step 1 of 2, right side", "Step 2 of 2, right side"]
    assert [s.seconds for s in right] == [10, 40]  # the hold step only
    assert right[1].dose == "20 s x 2"
    assert plan(ROUTINE, "left")[2].dose == "5 slow passes"


@pytest.mark.parametrize("hold", [19, 31, 600, 0])
def test_a_hold_outside_the_dose_is_refused(hold: int) -> None:
    with pytest.raises(ValueError, match="hold one spot 20 to 30 seconds"):
        plan(ROUTINE, "both", hold=hold)


def test_steps_advance_on_time() -> None:
    clock = FakeClock()
    run = GuidedRun(plan(ROUTINE, "right"), clock)
    assert run.current is not None and run.current.number == 1
    assert run.remaining() == 10
    clock.advance(9.5)
    assert run.update() is False
    assert run.remaining() == pytest.approx(0.5)
    clock.advance(1)
    assert run.update() is True
    assert run.current is not None and run.current.number == 2
    # The next step started when the first was due to end, not when update() ran.
    assert run.remaining() == pytest.approx(59.5)
    assert run.routine_elapsed() == pytest.approx(10.5)
    clock.advance(60)
    assert run.update() is True
    assert run.done and run.finished
    assert summary_lines(run) == [
        "Routine finished: all 2 steps, 1:10.",
        "- Step 1 of 2, right side: done, 0:10",
        "- Step 2 of 2, right side: done, 1:00",
    ]


def test_pause_stops_the_countdown() -> None:
    clock = FakeClock()
    run = GuidedRun(plan(ROUTINE, "right"), clock)
    clock.advance(4)
    run.toggle_pause()
    assert run.paused
    clock.advance(100)
    assert run.update() is False
    assert run.remaining() == 6
    run.toggle_pause()
    clock.advance(5)
    assert run.remaining() == 1
    clock.advance(1)
    assert run.update() is True


def test_skip_moves_on_and_is_reported() -> None:
    clock = FakeClock()
    run = GuidedRun(plan(ROUTINE, "right"), clock)
    clock.advance(3)
    run.skip()
    assert run.current is not None and run.current.number == 2
    assert run.remaining() == 60
    assert run.upcoming is None
    clock.advance(60)
    run.update()
    assert run.done and not run.finished
    assert summary_lines(run)[:2] == [
        "Routine stopped: 1 of 2 steps finished, 1:03 in all.",
        "- Step 1 of 2, right side: skipped, 0:03",
    ]


def test_stop_ends_the_run_with_a_summary() -> None:
    clock = FakeClock()
    run = GuidedRun(plan(ROUTINE, "both"), clock)
    clock.advance(10)
    run.update()
    clock.advance(20)
    run.stop()
    assert run.done and not run.finished and run.current is None
    assert summary_lines(run) == [
        "Routine stopped: 1 of 5 steps finished, 0:30 in all.",
        "- Step 1 of 5, left side: done, 0:10",
        "- Step 2 of 5, left side: stopped, 0:20",
    ]
    run.skip()
    run.toggle_pause()
    assert len(run.records) == 2


def test_a_slow_tick_passes_several_short_steps() -> None:
    clock = FakeClock()
    quick = ROUTINE._replace(steps=(Step("Quick.", "Cue.", "both", seconds=1),) * 3)
    run = GuidedRun(plan(quick, "both"), clock)
    clock.advance(2.2)
    assert run.update() is True
    assert run.current is not None and run.current.number == 3


def test_an_empty_plan_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one step"):
        GuidedRun([], FakeClock())
