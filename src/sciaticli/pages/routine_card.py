"""The printed card of a routine (`home-routine NAME -f html`, `exercises NAME -f html`): a front
sheet for the wall (the emergency strip, the picture for a ball routine, the stop rules, each step
once with a tick box), then who should not do it on the next sheet."""

from __future__ import annotations

from types import EllipsisType

from sciaticli.model import BALL, KnowledgeBase, Routine
from sciaticli.pages.origin import origin_rows
from sciaticli.pages.placement import PLACEMENT
from sciaticli.pages.routines import _dose, step_details, total_line, warnings
from sciaticli.render.document import TICK_BOX, Block, Fields, Heading, Paragraph, Sheet, Table
from sciaticli.routines import PlannedStep


def card_blocks(
    routine: Routine,
    kb: KnowledgeBase,
    steps: list[PlannedStep],
    side: str,
    region: str | EllipsisType | None,
) -> list[Block]:
    """The printed card: the front sheet is what goes on the wall (the emergency signs and
    numbers as a strip, the picture, the steps in large type, the stop rules); who should not do
    the routine, in full, opens the second sheet, which the front points to."""
    emergency, not_for, stop_rules = warnings(routine, kb, region)
    front = Sheet(
        (
            Heading(routine.name),
            Paragraph(
                f"Level {routine.level} (1 is the gentlest). {total_line(steps, side)}. "
                f"Before the first time: read who should not do this routine (page 2) and "
                f"run sciaticli check."
            ),
            emergency,
            *((PLACEMENT,) if routine.kind == BALL else ()),
            stop_rules,  # beside the picture
            *(_card_steps(steps) if routine.kind == BALL else _card_exercises(steps, kb)),
        )
    )
    blocks: list[Block] = [
        front,
        not_for,
        Fields(
            (
                ("Position", routine.position),
                ("For", routine.purpose),
                ("How often", routine.frequency),
                *origin_rows(kb, routine.origin),
            )
        ),
    ]
    if routine.before:
        blocks.append(Paragraph(f"Only if: {routine.before}"))
    return blocks


def _card_steps(steps: list[PlannedStep]) -> tuple[Block, ...]:
    """Each step once, in order, with a tick box for each side it is done on."""
    sides = list(dict.fromkeys(step.side for step in steps))
    done_on: dict[int, tuple[PlannedStep, set[str]]] = {}
    for step in steps:
        done_on.setdefault(id(step.step), (step, set()))[1].add(step.side)
    rows = tuple(
        (
            f"{number}. ({_dose(step)}) {step.instruction} Cue: {step.step.cue}",
            *(TICK_BOX if side in on else "" for side in sides),
        )
        for number, (step, on) in enumerate(done_on.values(), 1)
    )
    order = ", then ".join(f"all of the {side} side" for side in sides)
    return (
        Heading(f"Steps: {order}. Tick each step as you finish it.", level=2),
        Table(("Step", *(side.capitalize() for side in sides)), rows, grid=True),
    )


def _card_exercises(steps: list[PlannedStep], kb: KnowledgeBase) -> tuple[Block, ...]:
    """A movement routine's exercises in order, each once (a glide `each side`), with its dose,
    what it should feel like, what means stop and its cautions, and a tick box."""
    once: dict[int, tuple[PlannedStep, int]] = {}
    for step in steps:
        first, sides = once.get(id(step.step), (step, 0))
        once[id(step.step)] = (first, sides + 1)
    rows = tuple(
        (
            f"{number}. ({_dose(step)}{' each side' if sides > 1 else ''}) {step.step.name}. "
            f"{step.instruction} {step_details(step, kb)}",
            TICK_BOX,
        )
        for number, (step, sides) in enumerate(once.values(), 1)
    )
    return (
        Heading("Steps, in order. Tick each one as you finish it.", level=2),
        Table(("Step", "Done"), rows, grid=True),
    )
