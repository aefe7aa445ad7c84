"""Home routines: lay the steps out for one side or both, with their times."""

from __future__ import annotations

from typing import NamedTuple

from sciaticli.lookup import find_named
from sciaticli.model import KnowledgeBase, Routine, Step


class PlannedStep(NamedTuple):
    """One step as the user does it: which side, how long each repetition, how many."""

    number: int
    total: int
    step: Step
    side: str  # "left" or "right"
    seconds_each: int

    @property
    def seconds(self) -> int:
        return self.seconds_each * self.step.repetitions

    @property
    def heading(self) -> str:
        """`Step 2 of 8, left side`."""
        return f"Step {self.number} of {self.total}, {self.side} side"

    def dose(self, hold: int | None) -> str:
        if hold is None:
            return self.step.dose
        each = f"{hold} s"
        return each if self.step.repetitions == 1 else f"{each} x {self.step.repetitions}"


def plan(routine: Routine, side: str = "both", hold: int | None = None) -> list[PlannedStep]:
    """The steps in order: all of the left side, then all of the right (or one side only).

    A step marked `both` is done on each side; `hold` (seconds) replaces every step's time,
    for people who need shorter holds.
    """
    sides = ("left", "right") if side == "both" else (side,)
    chosen = [
        (step, where) for where in sides for step in routine.steps if step.side in ("both", where)
    ]
    return [
        PlannedStep(
            number, len(chosen), step, where, hold if hold is not None else step.seconds_each
        )
        for number, (step, where) in enumerate(chosen, 1)
    ]


def total_seconds(steps: list[PlannedStep]) -> int:
    return sum(step.seconds for step in steps)


def duration(seconds: int) -> str:
    """`45 s`, `3 min`, `4 min 30 s`."""
    minutes, rest = divmod(seconds, 60)
    if not minutes:
        return f"{rest} s"
    return f"{minutes} min" + (f" {rest} s" if rest else "")


def find_routine(kb: KnowledgeBase, name: str) -> Routine:
    return find_named(name, kb.routines.values(), "routine")


def gentlest(kb: KnowledgeBase) -> Routine:
    return min(kb.routines.values(), key=lambda routine: routine.level)
