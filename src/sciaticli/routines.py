"""Home routines: lay the steps out for one side or both, with their times."""

from __future__ import annotations

from typing import NamedTuple

from sciaticli.lookup import find_named
from sciaticli.model import (
    HOLD_MAX_SECONDS,
    HOLD_MIN_SECONDS,
    HOLD_PLACEHOLDER,
    KnowledgeBase,
    Routine,
    Step,
)

HOLD_LIMIT = (
    f"hold one spot {HOLD_MIN_SECONDS} to {HOLD_MAX_SECONDS} seconds, never longer than about "
    f"{HOLD_MAX_SECONDS}"
)


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
    def optional(self) -> bool:
        return self.step.optional

    @property
    def heading(self) -> str:
        """`Step 2 of 8, left side`."""
        return f"Step {self.number} of {self.total}, {self.side} side"

    @property
    def instruction(self) -> str:
        """The instruction, its {hold} as this step's seconds, so the text matches the timer."""
        return self.step.instruction.replace(HOLD_PLACEHOLDER, f"{self.seconds_each} seconds")

    @property
    def dose(self) -> str:
        """`20 s x 2`, `4 slow passes`, with the hold in force."""
        if self.step.seconds is None:
            return self.step.dose
        each = f"{self.seconds_each} s"
        return each if self.step.repetitions == 1 else f"{each} x {self.step.repetitions}"


def check_hold(hold: int | None) -> None:
    """ValueError naming the limit when `hold` is outside the fact sheet's dose."""
    if hold is not None and not HOLD_MIN_SECONDS <= hold <= HOLD_MAX_SECONDS:
        raise ValueError(f"{hold} s is outside the dose this routine uses: {HOLD_LIMIT}")


def plan(routine: Routine, side: str = "both", hold: int | None = None) -> list[PlannedStep]:
    """The steps in order: all of the left side, then all of the right (or one side only),
    numbered within their side.

    A step marked `both` is done on each side; `hold` (seconds, within HOLD_MIN/MAX_SECONDS)
    replaces the time of the hold steps only: setting-up, rolling and walking keep theirs.
    Optional steps are in the plan, marked; total_seconds leaves them out.
    """
    check_hold(hold)
    sides = ("left", "right") if side == "both" else (side,)
    chosen = [
        (step, where) for where in sides for step in routine.steps if step.side in ("both", where)
    ]
    # Numbered within each side, as the printed routine and the card number them: the right
    # side's first step is "Step 1 of 5, right side", not "Step 6 of 10".
    on_side = {where: sum(1 for _, there in chosen if there == where) for where in sides}
    numbers = {where: 0 for where in sides}
    planned = []
    for step, where in chosen:
        numbers[where] += 1
        seconds = hold if hold is not None and step.hold else step.seconds_each
        planned.append(PlannedStep(numbers[where], on_side[where], step, where, seconds))
    return planned


def total_seconds(steps: list[PlannedStep], *, optional: bool = False) -> int:
    """The time of the steps, optional ones only with `optional`."""
    return sum(step.seconds for step in steps if optional or not step.optional)


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
