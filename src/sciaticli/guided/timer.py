"""The guided routine's timing: a small state machine driven by a clock it is given.

It never sleeps, reads keys or prints: the walk (guided/session.py) feeds it key presses and
asks it for the state; tests feed it a fake clock and check every transition.

A run is a lead-in (a few seconds to get into position), then the steps in order. A step with
repetitions counts each down on its own (a "20 s x 2" hold is two 20-second countdowns, with
the bell between them); a step of slow passes says which pass it is on. Optional steps are
left out unless they were chosen (`include_optional`, the `o` key), which can change until
the step is reached.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from sciaticli.model import SECONDS_PER_PASS
from sciaticli.routines import PlannedStep

# Seconds to get into position before the first countdown (3 to 5 is enough to lie down).
LEAD_IN_SECONDS = 4
ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth")
LEFT_OUT = "left out (optional)"


class StepRecord(NamedTuple):
    step: PlannedStep
    seconds: float
    # "done", "skipped" (n), "stopped" (q, Ctrl-C) or LEFT_OUT (an optional step not chosen)
    outcome: str

    @property
    def finished(self) -> bool:
        return self.outcome == "done"


class GuidedRun:
    """Steps in order, each repetition counting down its time; pause, skip, quit, optional."""

    def __init__(
        self,
        steps: list[PlannedStep],
        clock: Callable[[], float],
        *,
        lead_in: float = 0,
        include_optional: bool = False,
    ) -> None:
        if not steps:
            raise ValueError("a guided run needs at least one step")
        self.steps = steps
        self.clock = clock
        self.include_optional = include_optional
        self.lead_in = lead_in
        self.leading_in = lead_in > 0
        self.index = 0
        self.records: list[StepRecord] = []
        self.stopped = False
        self._started = clock()  # when the lead-in or the current step began
        self._paused_at: float | None = None
        self._paused_for = 0.0
        self._repetition = 1
        if not self.leading_in:
            self._leave_out_optional()

    # --- where the run is ------------------------------------------------------------------

    @property
    def current(self) -> PlannedStep | None:
        return None if self.done else self.steps[self.index]

    @property
    def upcoming(self) -> PlannedStep | None:
        """The next step that will run (optional ones only when chosen)."""
        if self.stopped:
            return None
        start = self.index if self.leading_in else self.index + 1
        for step in self.steps[start:]:
            if self.include_optional or not step.optional:
                return step
        return None

    @property
    def optional_ahead(self) -> int:
        """Optional steps not yet reached: the `o` key still changes them."""
        if self.stopped:
            return 0
        start = self.index if self.leading_in else self.index + 1
        return sum(1 for step in self.steps[start:] if step.optional)

    @property
    def done(self) -> bool:
        return self.stopped or self.index >= len(self.steps)

    @property
    def finished(self) -> bool:
        """Every step that was to run ran to its end (none skipped, not stopped)."""
        return (
            not self.stopped
            and self.index >= len(self.steps)
            and all(r.finished or r.outcome == LEFT_OUT for r in self.records)
        )

    @property
    def any_done(self) -> bool:
        """At least one step ran to its end: a routine skipped through with n was not done."""
        return any(record.finished for record in self.records)

    @property
    def paused(self) -> bool:
        return self._paused_at is not None

    def elapsed(self) -> float:
        """Seconds spent on the lead-in or the current step, pauses excluded."""
        now = self._paused_at if self._paused_at is not None else self.clock()
        return max(0.0, now - self._started - self._paused_for)

    @property
    def repetition(self) -> int:
        """Which repetition of the current step is counting down (1 when there is one)."""
        step = self.current
        if step is None or self.leading_in or step.seconds_each <= 0:
            return 1
        return min(step.step.repetitions, int(self.elapsed() // step.seconds_each) + 1)

    def repetition_elapsed(self) -> float:
        step = self.current
        if step is None or self.leading_in:
            return self.elapsed()
        return self.elapsed() - (self.repetition - 1) * step.seconds_each

    @property
    def passes(self) -> tuple[int, int] | None:
        """(the pass under way, how many) for a step of slow passes, else None."""
        step = self.current
        if step is None or self.leading_in or not step.step.passes:
            return None
        number = int(self.repetition_elapsed() // SECONDS_PER_PASS) + 1
        return min(step.step.passes, number), step.step.passes

    def remaining(self) -> float:
        """Seconds left of the lead-in, or of the current repetition."""
        if self.leading_in:
            return max(0.0, self.lead_in - self.elapsed())
        step = self.current
        if step is None:
            return 0.0
        return max(0.0, step.seconds_each - self.repetition_elapsed())

    def step_remaining(self) -> float:
        step = self.current
        if step is None or self.leading_in:
            return 0.0
        return max(0.0, step.seconds - self.elapsed())

    def routine_elapsed(self) -> float:
        running = 0.0 if self.done or self.leading_in else self.elapsed()
        return sum(record.seconds for record in self.records) + running

    def _counted(self) -> list[PlannedStep]:
        """The steps of this run: not those left out, nor optional ones ahead not chosen."""
        left_out = {id(r.step) for r in self.records if r.outcome == LEFT_OUT}
        start = self.index if self.leading_in else self.index + 1
        return [
            step
            for number, step in enumerate(self.steps)
            if id(step) not in left_out
            and not (number >= start and step.optional and not self.include_optional)
        ]

    def routine_seconds(self) -> int:
        """The time of the steps that run or ran: optional ones only when chosen."""
        return sum(step.seconds for step in self._counted())

    def step_count(self) -> int:
        return len(self._counted())

    # --- keys ------------------------------------------------------------------------------

    def toggle_pause(self) -> None:
        if self.done:
            return
        if self._paused_at is None:
            self._paused_at = self.clock()
        else:
            self._paused_for += self.clock() - self._paused_at
            self._paused_at = None

    def toggle_optional(self) -> None:
        """Include the optional steps not yet reached, or leave them out again (o)."""
        self.include_optional = not self.include_optional

    def skip(self) -> None:
        """Move on now (n): past the lead-in, or to the next step."""
        if self.done:
            return
        if self.leading_in:
            self._begin_steps(self.clock())
        else:
            self._advance(finished=False)

    def stop(self) -> None:
        """End the run (q or Ctrl-C); the current step counts as not finished."""
        if self.done:
            return
        if not self.leading_in:
            self.records.append(StepRecord(self.steps[self.index], self.elapsed(), "stopped"))
        self.stopped = True

    def update(self) -> bool:
        """Advance past the lead-in, repetitions and steps whose time is up; True when the bell
        should ring: the first step begins, a new repetition begins or a step ends (not the
        last)."""
        ring = False
        while not self.done and not self.paused:
            if self.leading_in:
                if self.remaining() > 0:
                    break
                self._begin_steps(self._started + self._paused_for + self.lead_in)
                ring = True
                continue
            step = self.steps[self.index]
            if self.elapsed() >= step.seconds:
                self._advance(finished=True)
                ring = ring or not self.done
                continue
            if self.repetition != self._repetition:
                self._repetition = self.repetition
                ring = True
            break
        return ring

    def _begin_steps(self, at: float) -> None:
        self.leading_in = False
        self._started = at
        self._paused_for = 0.0
        self._paused_at = None
        self._repetition = 1
        self._leave_out_optional()

    def _advance(self, *, finished: bool) -> None:
        step = self.steps[self.index]
        spent = step.seconds if finished else self.elapsed()
        self.records.append(StepRecord(step, spent, "done" if finished else "skipped"))
        # The next step starts when this one was due to end, so a slow tick does not add time.
        self._started = (
            self._started + self._paused_for + step.seconds if finished else self.clock()
        )
        self._paused_for = 0.0
        self._paused_at = None
        self._repetition = 1
        self.index += 1
        self._leave_out_optional()

    def _leave_out_optional(self) -> None:
        while (
            self.index < len(self.steps)
            and self.steps[self.index].optional
            and not self.include_optional
        ):
            self.records.append(StepRecord(self.steps[self.index], 0.0, LEFT_OUT))
            self.index += 1


def repetition_cue(run: GuidedRun) -> str | None:
    """What to do now when a step repeats: `Second spot: move the ball a finger's width ...`
    for a hold, `Repetition 2 of 5` for an exercise, `Round 2 of 3: ...` otherwise; `Pass 2 of
    4` for slow passes."""
    step = run.current
    if step is None or run.leading_in:
        return None
    repeats = step.step.repetitions
    number = run.repetition
    parts = []
    if repeats > 1:
        if step.step.hold:
            ordinal = ORDINALS[number - 1] if number <= len(ORDINALS) else f"number {number}"
            label = f"{ordinal.capitalize()} spot of {repeats}"
        elif step.step.name:  # an exercise: its repetitions counted
            label = f"Repetition {number} of {repeats}"
        else:
            label = f"Round {number} of {repeats}"
        doing = step.step.repeat if number > 1 and step.step.repeat else ""
        parts.append(f"{label}: {doing}" if doing else label)
    passes = run.passes
    if passes is not None:
        parts.append(f"pass {passes[0]} of {passes[1]}")
    if not parts:
        return None
    text = ", ".join(parts)
    return text[0].upper() + text[1:]


def summary_lines(run: GuidedRun) -> list[str]:
    """What was done, for the end of a guided run: what happened, never more."""
    done = [record for record in run.records if record.finished]
    left_out = [record for record in run.records if record.outcome == LEFT_OUT]
    counted = [record for record in run.records if record.outcome != LEFT_OUT]
    total = round(sum(record.seconds for record in counted))
    steps = run.step_count()
    if run.finished:
        head = f"Routine finished: all {steps} steps, {clock_text(total)}."
    elif run.stopped:
        head = (
            f"Routine stopped: {len(done)} of {steps} steps finished, {clock_text(total)} in all."
        )
    elif not done:  # n through every step: it reached the end, but none was done
        head = (
            f"Routine ended: all {steps} steps skipped, none finished, {clock_text(total)} in all."
        )
    else:
        skipped = len(counted) - len(done)
        head = (
            f"Routine ended: {len(done)} of {steps} steps finished ({skipped} skipped), "
            f"{clock_text(total)} in all."
        )
    lines = [head]
    for record in counted:
        lines.append(
            f"- {step_title(record.step)}: {record.outcome}, {clock_text(round(record.seconds))}"
        )
    if left_out:
        noun = "step" if len(left_out) == 1 else "steps"
        lines.append(f"Optional {noun} left out: {len(left_out)} (o includes them).")
    return lines


def step_title(step: PlannedStep) -> str:
    """`Right side · Step 2 of 5`: the side, then the step as the printed routine and the card
    number it (within its side). An exercise is named: `Knee rolls · Step 1 of 6`, `Nerve glide
    (a gentle slider), left side · Step 4 of 6`."""
    where = f"{step.side.capitalize()} side" if step.side else ""
    if step.step.name:
        where = f"{step.step.name}, {step.side} side" if step.side else step.step.name
    return f"{where} · Step {step.number} of {step.total}"


def clock_text(seconds: int) -> str:
    """Seconds as m:ss (the summary and the live view's progress)."""
    minutes, rest = divmod(seconds, 60)
    return f"{minutes}:{rest:02d}"
