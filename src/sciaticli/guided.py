"""The guided routine's timing: a small state machine driven by a clock it is given.

It never sleeps, reads keys or prints: the terminal driver (cli/guided_terminal.py) feeds it key
presses and asks it for the state; tests feed it a fake clock and check every transition.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from sciaticli.routines import PlannedStep


class StepRecord(NamedTuple):
    step: PlannedStep
    seconds: float
    outcome: str  # "done", "skipped" (n) or "stopped" (q, Ctrl-C)

    @property
    def finished(self) -> bool:
        return self.outcome == "done"


class GuidedRun:
    """Steps in order, each counting down its time; pause, skip and quit."""

    def __init__(self, steps: list[PlannedStep], clock: Callable[[], float]) -> None:
        if not steps:
            raise ValueError("a guided run needs at least one step")
        self.steps = steps
        self.clock = clock
        self.index = 0
        self.records: list[StepRecord] = []
        self.stopped = False
        self._step_started = clock()
        self._paused_at: float | None = None
        self._paused_for = 0.0

    @property
    def current(self) -> PlannedStep | None:
        return None if self.done else self.steps[self.index]

    @property
    def upcoming(self) -> PlannedStep | None:
        following = self.index + 1
        return self.steps[following] if following < len(self.steps) and not self.stopped else None

    @property
    def done(self) -> bool:
        return self.stopped or self.index >= len(self.steps)

    @property
    def finished(self) -> bool:
        """Every step ran to its end (none skipped, not stopped)."""
        return self.index >= len(self.steps) and all(r.finished for r in self.records)

    @property
    def paused(self) -> bool:
        return self._paused_at is not None

    def elapsed(self) -> float:
        """Seconds spent on the current step, pauses excluded."""
        now = self._paused_at if self._paused_at is not None else self.clock()
        return max(0.0, now - self._step_started - self._paused_for)

    def remaining(self) -> float:
        step = self.current
        return 0.0 if step is None else max(0.0, step.seconds - self.elapsed())

    def routine_elapsed(self) -> float:
        return sum(record.seconds for record in self.records) + (
            0.0 if self.done else self.elapsed()
        )

    def routine_seconds(self) -> int:
        return sum(step.seconds for step in self.steps)

    def toggle_pause(self) -> None:
        if self.done:
            return
        if self._paused_at is None:
            self._paused_at = self.clock()
        else:
            self._paused_for += self.clock() - self._paused_at
            self._paused_at = None

    def skip(self) -> None:
        """Move on to the next step now (n)."""
        if not self.done:
            self._advance(finished=False)

    def stop(self) -> None:
        """End the run (q or Ctrl-C); the current step counts as not finished."""
        if not self.done:
            self.records.append(StepRecord(self.steps[self.index], self.elapsed(), "stopped"))
            self.stopped = True

    def update(self) -> bool:
        """Advance past every step whose time is up; True when a step ended (ring the bell)."""
        ended = False
        while not self.done and not self.paused and self.remaining() <= 0:
            self._advance(finished=True)
            ended = True
        return ended

    def _advance(self, *, finished: bool) -> None:
        step = self.steps[self.index]
        spent = step.seconds if finished else self.elapsed()
        self.records.append(StepRecord(step, spent, "done" if finished else "skipped"))
        # The next step starts when this one was due to end, so a slow tick does not add time.
        self._step_started = (
            self._step_started + self._paused_for + step.seconds if finished else self.clock()
        )
        self._paused_for = 0.0
        self._paused_at = None
        self.index += 1


def summary_lines(run: GuidedRun) -> list[str]:
    """What was done, for the end of a guided run."""
    done = [record for record in run.records if record.finished]
    total = round(sum(record.seconds for record in run.records))
    if run.finished:
        head = f"Routine finished: all {len(run.steps)} steps, {_clock(total)}."
    else:
        head = (
            f"Routine stopped: {len(done)} of {len(run.steps)} steps finished, "
            f"{_clock(total)} in all."
        )
    lines = [head]
    for record in run.records:
        lines.append(f"- {record.step.heading}: {record.outcome}, {_clock(round(record.seconds))}")
    return lines


def _clock(seconds: int) -> str:
    minutes, rest = divmod(seconds, 60)
    return f"{minutes}:{rest:02d}"
