"""Home routines: lay the steps out for one side or both, with their times."""

from __future__ import annotations

from typing import NamedTuple

from sciaticli.errors import NotFoundError
from sciaticli.lookup import find_named
from sciaticli.model import (
    BALL,
    HOLD_MAX_SECONDS,
    HOLD_MIN_SECONDS,
    HOLD_PLACEHOLDER,
    MOVEMENT,
    ROUTINE_COMMANDS,
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
        """`Step 2 of 8, left side`; `Step 2 of 6` for an exercise done once (no side)."""
        where = f", {self.side} side" if self.side else ""
        return f"Step {self.number} of {self.total}{where}"

    @property
    def instruction(self) -> str:
        """The instruction, its {hold} as this step's seconds, so the text matches the timer."""
        return self.step.instruction.replace(HOLD_PLACEHOLDER, f"{self.seconds_each} seconds")

    @property
    def dose(self) -> str:
        """`20 s x 2`, `4 slow passes`, with the hold in force."""
        if self.step.seconds is None or not self.step.hold:
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
    if routine.kind == MOVEMENT:
        return _in_order(routine, sides)
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


def _in_order(routine: Routine, sides: tuple[str, ...]) -> list[PlannedStep]:
    """A movement routine's exercises in order, numbered straight through: one done once (side
    `none`) has no side; one done on each side (a nerve glide) is done on one side, then the
    other, in its place."""
    chosen = [
        (step, "" if step.side == "none" else where)
        for step in routine.steps
        for where in (("",) if step.side == "none" else sides)
        if step.side in ("none", "both", where)
    ]
    return [
        PlannedStep(number, len(chosen), step, where, step.seconds_each)
        for number, (step, where) in enumerate(chosen, 1)
    ]


def total_seconds(steps: list[PlannedStep], *, optional: bool = False) -> int:
    """The time of the steps, optional ones only with `optional`."""
    return sum(step.seconds for step in steps if optional or not step.optional)


def duration(seconds: int) -> str:
    """`45 s`, `3 min`, `4 min 30 s`."""
    minutes, rest = divmod(seconds, 60)
    if not minutes:
        return f"{rest} s"
    return f"{minutes} min" + (f" {rest} s" if rest else "")


def of_kind(kb: KnowledgeBase, kind: str | None) -> list[Routine]:
    """The routines of one kind (`ball`, `movement`), or all of them (None), in file order."""
    return [routine for routine in kb.routines.values() if kind is None or routine.kind == kind]


def find_routine(kb: KnowledgeBase, name: str, kind: str | None = None) -> Routine:
    """A routine by id, name or alias; only those of `kind` when given (the journal takes any).

    When none is called that, the message names the routines there are (they are few), or,
    for a routine of the other kind, the command that shows it."""
    noun = "exercise routine" if kind == MOVEMENT else "routine"
    return find_named(name, of_kind(kb, kind), noun, otherwise=lambda: _elsewhere(kb, name, kind))


# Up to this many routines of a kind, a name that is none of them gets a message naming them all.
FEW = 8
# What the messages call each kind, with its article.
KIND_NOUNS = {BALL: ("a", "tennis-ball routine"), MOVEMENT: ("an", "exercise routine")}


def _elsewhere(kb: KnowledgeBase, name: str, kind: str | None) -> str:
    """`It is an exercise routine: sciaticli exercises gentle-movement` for a routine of the
    other kind; else the routines of `kind` (of each kind, for the journal), gentlest first."""
    if kind is None:  # the journal: the person has done the routine, its id is enough
        kinds = [each for each in KIND_NOUNS if of_kind(kb, each)]
        return ". ".join(_the_routines(kb, each, listed=False) for each in kinds)
    others = [routine for routine in of_kind(kb, None) if routine.kind != kind]
    try:
        other = find_named(name, others, "routine", otherwise="")
    except NotFoundError:
        return _the_routines(kb, kind)
    article, noun = KIND_NOUNS[other.kind]
    return f"It is {article} {noun}: sciaticli {other.command} {other.id}"


def _the_routines(kb: KnowledgeBase, kind: str, *, listed: bool = True) -> str:
    """`The exercise routines, gentlest first: gentle-movement, settling-movement (sciaticli
    exercises --list describes them)`; with many, where they are listed."""
    ids = [routine.id for routine in of_kind(kb, kind)]
    command = f"sciaticli {ROUTINE_COMMANDS[kind]} --list"
    noun = KIND_NOUNS[kind][1]
    if len(ids) > FEW:
        return f"To see all {len(ids)} {noun}s, gentlest first: {command}"
    where = f" ({command} describes them)" if listed else ""
    return f"The {noun}s, gentlest first: {', '.join(ids)}{where}"


def chosen_routine(kb: KnowledgeBase, kind: str, name: str | None) -> Routine:
    """The routine of `kind` that `name` names, or the gentlest when no name is given."""
    return find_routine(kb, name, kind) if name else gentlest(kb, kind)


def gentlest(kb: KnowledgeBase, kind: str = "ball") -> Routine:
    return min(of_kind(kb, kind), key=lambda routine: routine.level)
