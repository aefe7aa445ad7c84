"""The guided routine's timing with an injected clock: no test waits in real time."""

from __future__ import annotations

import pytest

from sciaticli.guided.timer import GuidedRun, repetition_cue, step_title, summary_lines
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
        (1, "right", "Place the ball."),  # numbered within its side, as on the card
        (2, "right", "Hold a tender spot."),
    ]
    assert steps[1].heading == "Step 2 of 3, left side"
    assert steps[3].heading == "Step 1 of 2, right side"
    assert step_title(steps[4]) == "Right side · Step 2 of 2"
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
    # The next step started when the first was due to end, not when update() ran; a "30 s x 2"
    # step counts down each 30 s on its own.
    assert run.remaining() == pytest.approx(29.5)
    assert run.step_remaining() == pytest.approx(59.5)
    assert run.routine_elapsed() == pytest.approx(10.5)
    clock.advance(30)
    assert run.update() is True  # the second repetition: the bell
    assert run.repetition == 2 and run.remaining() == pytest.approx(29.5)
    clock.advance(30)
    assert run.update() is False  # the last step ended: no bell, the end is shown
    assert run.done and run.finished
    assert summary_lines(run) == [
        "Routine finished: all 2 steps, 1:10.",
        "- Right side · Step 1 of 2: done, 0:10",
        "- Right side · Step 2 of 2: done, 1:00",
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
    assert run.remaining() == 30
    assert run.upcoming is None
    clock.advance(60)
    run.update()
    assert run.done and not run.finished and not run.stopped
    assert summary_lines(run)[:2] == [
        "Routine ended: 1 of 2 steps finished (1 skipped), 1:03 in all.",
        "- Right side · Step 1 of 2: skipped, 0:03",
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
        "- Left side · Step 1 of 3: done, 0:10",
        "- Left side · Step 2 of 3: stopped, 0:20",
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


FULL = ROUTINE._replace(
    steps=(
        Step("Place the ball.", "Breathe.", "both", seconds=10),
        Step("Find a spot.", "Slowly.", "both", passes=4),
        Step(
            "Hold for {hold}.",
            "Let it ease.",
            "both",
            seconds=20,
            repetitions=2,
            hold=True,
            repeat="move the ball a finger's width and hold still again.",
        ),
        Step(
            "Cross the ankle for {hold}.", "Gently.", "both", seconds=20, hold=True, optional=True
        ),
        Step("Walk.", "Notice.", "both", seconds=10),
    )
)


def test_a_lead_in_comes_before_the_first_countdown() -> None:
    clock = FakeClock()
    run = GuidedRun(plan(FULL, "left"), clock, lead_in=4)
    assert run.leading_in and run.current is not None and run.current.number == 1
    assert run.remaining() == 4 and run.routine_elapsed() == 0
    assert run.upcoming is run.current  # the step it leads in to
    clock.advance(3)
    assert run.update() is False
    clock.advance(1.5)
    assert run.update() is True  # the first step begins: the bell
    assert not run.leading_in
    assert run.remaining() == pytest.approx(9.5)  # its clock began when the lead-in ended
    assert run.records == []


def test_the_lead_in_pauses_and_n_skips_it() -> None:
    clock = FakeClock()
    run = GuidedRun(plan(FULL, "left"), clock, lead_in=5)
    run.toggle_pause()
    clock.advance(50)
    assert run.update() is False and run.leading_in
    run.toggle_pause()
    run.skip()
    assert not run.leading_in and run.remaining() == 10 and run.records == []
    run.stop()
    assert summary_lines(run)[0] == "Routine stopped: 0 of 4 steps finished, 0:00 in all."


def test_passes_are_counted_and_repetitions_announced() -> None:
    clock = FakeClock()
    run = GuidedRun(plan(FULL, "left"), clock)
    clock.advance(10)
    run.update()
    assert run.passes == (1, 4)
    assert repetition_cue(run) == "Pass 1 of 4"
    clock.advance(3.5)
    assert run.passes == (2, 4) and repetition_cue(run) == "Pass 2 of 4"
    clock.advance(8.6)  # 12 s of passes: the hold step
    assert run.update() is True
    assert run.current is not None and run.current.step.hold
    assert repetition_cue(run) == "First spot of 2"
    assert run.current.instruction == "Hold for 20 seconds."
    clock.advance(20)
    assert run.update() is True  # the bell for the second spot
    assert repetition_cue(run) == (
        "Second spot of 2: move the ball a finger's width and hold still again."
    )
    assert run.remaining() == pytest.approx(19.9)


def test_optional_steps_are_left_out_unless_chosen() -> None:
    clock = FakeClock()
    run = GuidedRun(plan(FULL, "left"), clock)
    assert run.step_count() == 4 and run.routine_seconds() == 10 + 12 + 40 + 10
    assert run.optional_ahead == 1
    clock.advance(62)
    run.update()
    assert run.current is not None and run.current.number == 5  # step 4 left out
    assert run.optional_ahead == 0
    clock.advance(10)
    run.update()
    assert run.finished  # a step left out is not a step missed
    assert summary_lines(run)[0] == "Routine finished: all 4 steps, 1:12."
    assert summary_lines(run)[-1] == "Optional step left out: 1 (o includes them)."

    chosen = GuidedRun(plan(FULL, "left"), clock)
    chosen.toggle_optional()  # o, before the step is reached
    assert chosen.step_count() == 5 and chosen.routine_seconds() == 92
    clock.advance(62)
    chosen.update()
    assert chosen.current is not None and chosen.current.optional
    assert chosen.current.instruction == "Cross the ankle for 20 seconds."


def test_quitting_says_what_happened_and_nothing_more() -> None:
    clock = FakeClock()
    run = GuidedRun(plan(FULL, "both"), clock)
    clock.advance(10)
    run.update()
    clock.advance(2)
    run.stop()
    lines = summary_lines(run)
    assert lines[0] == "Routine stopped: 1 of 8 steps finished, 0:12 in all."
    assert not any("All steps done" in line or "finished: all" in line for line in lines)
    assert run.stopped and not run.finished


@pytest.mark.parametrize(("width", "height"), [(40, 15), (100, 30), (40, 8)])
def test_the_view_keeps_the_essentials_on_a_small_terminal(width: int, height: int) -> None:
    import io

    from rich.console import Console

    from sciaticli.guided.screen import KEYS_HELP, view
    from sciaticli.knowledge import load_knowledge_base

    routine = load_knowledge_base().routines["lying-back"]
    clock = FakeClock()
    run = GuidedRun(plan(routine, "left"), clock)
    clock.advance(10 + 12 + 21)  # the second spot of the hold step
    run.update()
    out = io.StringIO()
    console = Console(file=out, width=width, color_system=None, legacy_windows=False)
    console.print(view(run, width, height, routine.watch_for or ""))
    lines = out.getvalue().splitlines()
    assert len(lines) <= height - 1
    text = " ".join(" ".join(lines).split())
    assert lines[0] == "Left side · Step 3 of 6"
    assert "19 s left" in text
    assert "Stop at once if pain shoots down the leg" in text
    assert KEYS_HELP in text
    if height >= 15:
        assert "Second spot of 2" in text  # the repetition before other detail
    if height >= 30:
        assert "hold still for 20 seconds" in text and "Next: Left side · Step 4 of 6" in text


def drawn(run: GuidedRun, width: int = 100, height: int = 30) -> str:
    """The live view of `run` as text, its lines joined by spaces."""
    import io

    from rich.console import Console

    from sciaticli.guided.screen import view

    out = io.StringIO()
    console = Console(file=out, width=width, color_system=None, legacy_windows=False)
    console.print(view(run, width, height))
    return " ".join(out.getvalue().split())


def test_the_lead_in_names_the_first_step_as_the_next() -> None:
    clock = FakeClock()
    run = GuidedRun(plan(ROUTINE, "both"), clock, lead_in=4)
    text = drawn(run)
    assert "Get into position: Left side · Step 1 of 3 starts in 4 s" in text
    assert "Next: Left side · Step 1 of 3: Place the ball." in text
    assert "the end of the routine" not in text
    # An optional first step left out: the next is the first step that will run.
    cross = Step("Cross the ankle.", "Gently.", "both", seconds=10, optional=True)
    optional_first = ROUTINE._replace(steps=(cross, *ROUTINE.steps))
    run = GuidedRun(plan(optional_first, "right"), clock, lead_in=4)
    text = drawn(run)
    assert "Get into position: Right side · Step 2 of 3 starts in 4 s" in text
    assert "Next: Right side · Step 2 of 3: Place the ball." in text


def test_the_last_step_says_the_end_comes_next() -> None:
    clock = FakeClock()
    run = GuidedRun(plan(ROUTINE, "right"), clock)
    clock.advance(11)
    run.update()
    assert "Next: the end of the routine." in drawn(run)


def test_paused_the_key_line_says_space_resumes() -> None:
    from sciaticli.guided.screen import KEYS_HELP

    clock = FakeClock()
    run = GuidedRun(plan(ROUTINE, "right"), clock)
    run.toggle_pause()
    paused = drawn(run)
    assert "space resume · n next · q quit" in paused and "space pause" not in paused
    run.toggle_pause()
    assert KEYS_HELP in drawn(run) and "space resume" not in drawn(run)


def test_the_printed_page_json_and_guided_screen_number_steps_alike() -> None:
    import json

    from typer.testing import CliRunner

    from sciaticli.cli.main import app
    from sciaticli.knowledge import load_knowledge_base

    runner = CliRunner()
    page = runner.invoke(app, ["home-routine", "standing", "--format", "plain"]).output
    data = json.loads(runner.invoke(app, ["home-routine", "standing", "--format", "json"]).output)
    numbered = [(step["side"], step["number"]) for step in data["steps"]]
    assert numbered == [("left", n) for n in range(1, 6)] + [("right", n) for n in range(1, 6)]
    assert "[ ] Step 5 of 5, left side" in page and "Repeat steps 1–5 on the right side." in page
    steps = plan(load_knowledge_base().routines["standing-wall"], "both")
    assert [step_title(step) for step in steps][4:6] == [
        "Left side · Step 5 of 5",
        "Right side · Step 1 of 5",
    ]
