"""Home routines: the list, and one routine laid out for notes with its warnings first."""

from __future__ import annotations

from types import EllipsisType
from typing import Any

from sciaticli.model import (
    BALL,
    ROUTINE_COMMANDS,
    ROUTINE_KINDS,
    Contraindication,
    KnowledgeBase,
    Routine,
    StopRule,
)
from sciaticli.pages.origin import marked, origin_note, origin_rows, user_file, with_checked
from sciaticli.pages.placement import PLACEMENT, placement_json, placement_sources
from sciaticli.pages.techniques import contraindication_json, source_json
from sciaticli.render.document import (
    Block,
    Callout,
    Fields,
    Heading,
    Hint,
    Items,
    Page,
    Paragraph,
    Table,
)
from sciaticli.routines import PlannedStep, duration, of_kind, plan, total_seconds

SAFETY_POINTER = "Check the red flags before you start: sciaticli safety."
NOT_FOR_INTRO = (
    "Ask a doctor first. Each of these in full, and why: sciaticli safety. It also lists the "
    "warning signs to check before you start."
)
ROUTINES_TITLE = ROUTINE_KINDS[BALL]


def routine_list(kb: KnowledgeBase, kind: str = BALL) -> Page:
    """The routines of one kind, gentlest first as the file orders them."""
    routines = of_kind(kb, kind)
    rows = tuple(
        (
            routine.name,
            routine.id,
            str(routine.level),
            duration(total_seconds(plan(routine))),  # optional steps left out
            routine.position,
        )
        for routine in routines
    )
    time = "Time (both sides)" if kind == BALL else "Time"
    columns = ("Routine", "Id", "Level", time, "Position")
    table = Table(columns, rows, optional=("Position",))
    command = ROUTINE_COMMANDS[kind]
    hint = Hint(f"Level 1 is the gentlest. One in full: sciaticli {command} NAME")
    data = [
        {
            "id": r.id,
            "name": r.name,
            "level": r.level,
            "position": r.position,
            "reviewed": r.reviewed,
            "file": user_file(kb, r.origin),
        }
        for r in routines
    ]
    note = origin_note(kb, ((r.name, r.origin) for r in routines))
    page = Page((table, *note, hint), data, ROUTINE_KINDS[kind])
    return with_checked(page, kb, routines)


def warnings(
    routine: Routine, kb: KnowledgeBase, region: str | EllipsisType | None = ...
) -> tuple[Callout, Callout, Callout]:
    """The emergency signs, who should not do it, and the stop rules: shown before the steps
    in every format, each item marked when the user's file supplied it. `region`: whose
    emergency number comes first (None: none); by default SCIATICLI_REGION or the locale's."""
    from sciaticli.pages.safety import emergency_signs
    from sciaticli.safety import red_flags_by_urgency

    if region is ...:
        import os

        from sciaticli.safety import default_region

        region = default_region(kb, os.environ)

    # A compact list: a few words each (`short`), side by side on a wide terminal.
    conditions = tuple(
        marked(kb, item.origin, item.short or item.condition) for item in _not_for(routine, kb)
    )
    rules = tuple(marked(kb, rule.origin, rule.rule) for rule in _stop_rules(routine, kb))
    # The emergency signs themselves, each in one short line: the card people print.
    signs = tuple(
        marked(kb, flag.origin, flag.short) for flag in red_flags_by_urgency(kb)["emergency"]
    )
    return (
        emergency_signs(kb, region)._replace(items=signs),
        Callout(
            "Do not do this routine if any of these apply",
            conditions,
            "danger",
            NOT_FOR_INTRO,
            compact=True,
        ),
        Callout("Stop rules", rules, "caution"),
    )


def step_line(step: PlannedStep) -> str:
    """`Step 2 of 8, left side (20 s x 2): Lean ... hold still for 20 seconds. ...` (the text
    says the hold in force; `, optional` marks an optional step; the cue goes on a line of its
    own); an exercise is named first (`Step 1 of 7 (5 times): Knee rolls. Lie ...`)."""
    named = f"{step.step.name}. " if step.step.name else ""
    return f"{step.heading} ({_dose(step)}): {named}{step.instruction}"


def step_details(step: PlannedStep, kb: KnowledgeBase) -> str:
    """The line under a step: its cue; for an exercise also what it should feel like, what
    means stop, and the cautions that bear on it (a hip replacement, pregnancy)."""
    text = f"Cue: {step.step.cue}"
    if step.step.feel:
        text += f" Should feel: {step.step.feel} {step.step.stop}"
    cautions = [kb.safety.contraindications[key] for key in step.step.cautions]
    if cautions:
        shown = "; ".join(
            marked(kb, item.origin, item.short or item.condition) for item in cautions
        )
        text += f" Take care with {shown}."
    return text


def _dose(step: PlannedStep) -> str:
    return f"{step.dose}, optional" if step.optional else step.dose


def total_line(steps: list[PlannedStep], side: str) -> str:
    """`3 min (left side, then right side); 40 s more with the optional steps`; a movement
    routine's time alone (its exercises are done in order, a glide on each side in its place)."""
    sides = "left side, then right side" if side == "both" else f"{side} side only"
    line = duration(total_seconds(steps))
    if all(step.side for step in steps):
        line += f" ({sides})"
    extra = total_seconds(steps, optional=True) - total_seconds(steps)
    if extra:
        line += f"; {duration(extra)} more with the optional steps"
    return line


def routine_intro(
    routine: Routine,
    kb: KnowledgeBase,
    steps: list[PlannedStep],
    side: str,
    region: str | EllipsisType | None = ...,
) -> list[Block]:
    """Everything shown before the steps, printed or guided: the facts, the emergency signs,
    who should not do it, the stop rules, the routine's own preconditions (Only if) and where
    the ball goes."""
    blocks: list[Block] = [
        Heading(routine.name),
        Fields(
            (
                ("Level", f"{routine.level} (1 is the gentlest)"),
                ("Position", routine.position),
                ("For", routine.purpose),
                ("How often", routine.frequency),
                ("Total time", total_line(steps, side)),
                *origin_rows(kb, routine.origin),
            )
        ),
        *warnings(routine, kb, region),
    ]
    if routine.before:
        blocks.append(Paragraph(f"Only if: {routine.before}"))
    if routine.kind == BALL:
        blocks.append(PLACEMENT)
    return blocks


def saddle_line(kb: KnowledgeBase, region: str | None) -> str | None:
    """The saddle signs in one line with the region's emergency number, for the guided
    routine's pre-start screen: new numbness of a buttock is an emergency, not a reason to skip
    the ball."""
    from sciaticli.safety import numbers_for, side_by_side

    flag = kb.safety.red_flags.get("saddle-numbness")
    if flag is None:
        return None
    numbers = numbers_for(kb, region)
    if region is not None and numbers:
        call = f"call {numbers[0].emergency} now"
    else:
        call = f"call the emergency number now ({side_by_side(numbers)})"
    return marked(kb, flag.origin, f"{flag.short} is an emergency: stop and {call}.")


def aftercare_lines(routine: Routine, kb: KnowledgeBase) -> list[str]:
    """What the end of a guided routine says: the aftercare and the next-day stop rule."""
    lines = [f"Afterwards: {routine.aftercare}"]
    rule = kb.safety.stop_rules.get("next-day")
    if rule is not None and rule.id in routine.stop_rules:
        lines.append(f"Tomorrow: {marked(kb, rule.origin, rule.rule)}")
    return lines


def steps_block(steps: list[PlannedStep], side: str, kb: KnowledgeBase) -> Items:
    """The steps as tick-boxes, each with its cue on the next line. When both sides repeat the
    same steps, the left side is written out once and the right side is one line, "Repeat
    steps 1-5 on the right side" (the guided routine and JSON keep every step). An exercise's
    line also says what it should feel like, what means stop and its cautions."""
    left = [step for step in steps if step.side == "left"]
    right = [step for step in steps if step.side == "right"]
    sided = all(step.side for step in steps)
    if sided and side == "both" and left and [s.step for s in left] == [s.step for s in right]:
        shown = [step._replace(total=len(left)) for step in left]
        items = [step_line(step) for step in shown]
        items.append(f"Repeat steps 1\u2013{len(left)} on the right side.")
        details = [step_details(step, kb) for step in shown] + [""]
        return Items(tuple(items), title="Steps", tasks=True, details=tuple(details))
    return Items(
        tuple(step_line(step) for step in steps),
        title="Steps",
        tasks=True,
        details=tuple(step_details(step, kb) for step in steps),
    )


def routine_page(
    routine: Routine,
    kb: KnowledgeBase,
    side: str,
    hold: int | None,
    region: str | EllipsisType | None = ...,
    *,
    card: bool = False,
    others: bool = False,
) -> Page:
    """The routine, warnings first. `card`: the printable card (HTML): a front sheet for the
    wall (the emergency strip, the picture, each step once with a tick box per side, the stop
    rules), then who should not do it and the sources on the next sheet. `others`: end with a
    line naming the other routines (when none was named)."""
    steps = plan(routine, side, hold)
    if card:
        from sciaticli.pages.routine_card import card_blocks

        blocks = card_blocks(routine, kb, steps, side, region)
    else:
        blocks = [*routine_intro(routine, kb, steps, side, region), steps_block(steps, side, kb)]
    blocks += [
        Heading("What you should feel", level=2),
        Paragraph(routine.should_feel),
        Heading("Afterwards", level=2),
        Paragraph(routine.aftercare),
        Items(routine.equipment, title="Equipment"),
        Heading("Sources", level=2),
        Fields(tuple((key, kb.sources[key].citation()) for key in _sources(routine, kb))),
        Hint(f"Timed, step by step: sciaticli {routine.command} {routine.id} --guided"),
        *((others_hint(routine, kb),) if others and len(of_kind(kb, routine.kind)) > 1 else ()),
    ]
    page = Page(tuple(blocks), routine_json(routine, kb, steps, side, hold))
    return with_checked(page, kb, [routine, *_safety_of(routine, kb)])


def others_hint(routine: Routine, kb: KnowledgeBase) -> Hint:
    """The line that ends the gentlest routine shown by default: the others, and --list."""
    kinds = of_kind(kb, routine.kind)
    others = ", ".join(other.id for other in kinds if other.id != routine.id)
    return Hint(
        f"Other routines: {others}. Each with its level: sciaticli {routine.command} --list"
    )


def _sources(routine: Routine, kb: KnowledgeBase) -> tuple[str, ...]:
    """The routine's sources, its steps', then the placement picture's for a ball routine
    (those the knowledge base has)."""
    steps = (key for step in routine.steps for key in step.sources)
    own = tuple(dict.fromkeys((*routine.sources, *steps)))
    if routine.kind != BALL:
        return own
    extra = (key for key in placement_sources() if key not in own)
    return (*own, *(key for key in extra if key in kb.sources))


def _not_for(routine: Routine, kb: KnowledgeBase) -> list[Contraindication]:
    return [kb.safety.contraindications[key] for key in routine.not_for]


def _stop_rules(routine: Routine, kb: KnowledgeBase) -> list[StopRule]:
    """The routine's stop rules, then any its steps add."""
    steps = (key for step in routine.steps for key in step.stop_rules)
    keys = dict.fromkeys((*routine.stop_rules, *steps))
    return [kb.safety.stop_rules[key] for key in keys]


def _safety_of(routine: Routine, kb: KnowledgeBase) -> list[Any]:
    return [*_not_for(routine, kb), *_stop_rules(routine, kb)]


def routine_json(
    routine: Routine, kb: KnowledgeBase, steps: list[PlannedStep], side: str, hold: int | None
) -> dict[str, Any]:
    """Documented shape (docs/json.md): warnings before steps."""
    return {
        "id": routine.id,
        "kind": routine.kind,
        "name": routine.name,
        "level": routine.level,
        "position": routine.position,
        "purpose": routine.purpose,
        "not_for": [contraindication_json(kb.safety.contraindications[k]) for k in routine.not_for],
        "stop_rules": [{"id": rule.id, "rule": rule.rule} for rule in _stop_rules(routine, kb)],
        "safety": "sciaticli safety",
        "before": routine.before,
        "side": side,
        "total_seconds": total_seconds(steps),
        "optional_seconds": total_seconds(steps, optional=True) - total_seconds(steps),
        "watch_for": routine.watch_for,
        "steps": [
            {
                "number": step.number,
                "side": step.side,
                "instruction": step.instruction,
                "cue": step.step.cue,
                "seconds_each": step.seconds_each,
                "repetitions": step.step.repetitions,
                "dose": step.dose,
                "hold": step.step.hold,
                "optional": step.optional,
                "repeat": step.step.repeat,
                **_exercise_json(step),
            }
            for step in steps
        ],
        "frequency": routine.frequency,
        "should_feel": routine.should_feel,
        "aftercare": routine.aftercare,
        "reviewed": routine.reviewed,
        "equipment": list(routine.equipment),
        **({"placement": placement_json()} if routine.kind == BALL else {}),
        "sources": [source_json(kb.sources[key]) for key in _sources(routine, kb)],
        "file": user_file(kb, routine.origin),
    }


def _exercise_json(step: PlannedStep) -> dict[str, Any]:
    """An exercise's own fields (a movement routine's step); none for a ball routine's."""
    if step.step.name is None:
        return {}
    return {
        "name": step.step.name,
        "feel": step.step.feel,
        "stop": step.step.stop,
        "stop_rules": list(step.step.stop_rules),
        "cautions": list(step.step.cautions),
        "sources": list(step.step.sources),
    }
