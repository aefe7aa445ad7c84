"""The short views (`--brief`), for someone who has read the full page before: one screen at
80x24. Each line is made from the knowledge base's `brief` fields (one line of plain words per
step, emergency sign and stop rule); where an entry has none, its full text stands in, so that
nothing is left out."""

from __future__ import annotations

from collections.abc import Iterable
from types import EllipsisType
from typing import Any

from sciaticli.model import Contraindication, KnowledgeBase, RedFlag, Routine, StopRule, Technique
from sciaticli.pages.origin import marked, user_file, with_checked
from sciaticli.render.document import Block, Fields, Heading, Items, Page, Paragraph
from sciaticli.routines import PlannedStep, plan, total_seconds


def emergency_line(kb: KnowledgeBase, region: str | None) -> str:
    """`Emergency, call 999 now: symptoms in both legs; ...; clot signs and ...`: every
    emergency sign in a few words, with the region's number (with no region, every number)."""
    from sciaticli.safety import numbers_for, side_by_side

    numbers = numbers_for(kb, region)
    if region is not None and numbers:
        call = f"call {numbers[0].emergency} now"
    else:
        call = f"call the emergency number now ({side_by_side(numbers)})"
    signs = (marked(kb, flag.origin, flag.brief or flag.short) for flag in _emergency_flags(kb))
    return f"Emergency, {call}: {'; '.join(signs)}."


def _emergency_flags(kb: KnowledgeBase) -> list[RedFlag]:
    from sciaticli.safety import red_flags_by_urgency

    return red_flags_by_urgency(kb)["emergency"]


def _emergency_json(kb: KnowledgeBase, region: str | None) -> dict[str, Any]:
    signs = [{"id": flag.id, "brief": flag.brief or flag.short} for flag in _emergency_flags(kb)]
    return {"line": emergency_line(kb, region), "signs": signs}


def stop_line(kb: KnowledgeBase, rules: Iterable[StopRule]) -> str:
    """`Stop at sharp, ... pain. ... No heat on numb skin.`: each rule in a few words."""
    return " ".join(marked(kb, rule.origin, rule.brief or rule.rule) for rule in rules)


def _region(kb: KnowledgeBase, region: str | EllipsisType | None) -> str | None:
    if region is not ...:
        return region
    import os

    from sciaticli.safety import default_region

    return default_region(kb, os.environ)


def routine_brief(
    routine: Routine,
    kb: KnowledgeBase,
    side: str,
    hold: int | None,
    region: str | EllipsisType | None = ...,
) -> Page:
    """The routine in one screen: its name, the emergency line, the stop rules, each step once
    in a line (numbered as on the printed card, with its time), and the aftercare."""
    from sciaticli.pages.routines import _stop_rules, total_line

    chosen = _region(kb, region)
    steps = plan(routine, side, hold)
    rules = _stop_rules(routine, kb)
    once = _each_once(steps)
    sides = list(dict.fromkeys(step.side for step in steps))
    blocks: list[Block] = [
        Heading(routine.name),
        Items((emergency_line(kb, chosen), stop_line(kb, rules))),
        Items(
            tuple(_step_line(step, on, sides) for step, on in once),
            title=f"Steps: {total_line(steps, side)}",
            ordered=True,
        ),
        Paragraph(f"Afterwards: {routine.aftercare_brief or routine.aftercare}"),
    ]
    data = {
        "id": routine.id,
        "name": routine.name,
        "level": routine.level,
        "emergency": _emergency_json(kb, chosen),
        "stop_rules": [{"id": rule.id, "brief": rule.brief or rule.rule} for rule in rules],
        "side": side,
        "total_seconds": total_seconds(steps),
        "optional_seconds": total_seconds(steps, optional=True) - total_seconds(steps),
        "steps": [
            {
                "number": step.number,
                "side": step.side,
                "brief": step.step.brief or step.instruction,
                "dose": step.dose,
                "seconds_each": step.seconds_each,
                "repetitions": step.step.repetitions,
                "optional": step.optional,
            }
            for step in steps
        ],
        "aftercare": routine.aftercare_brief or routine.aftercare,
        "reviewed": routine.reviewed,
        "file": user_file(kb, routine.origin),
    }
    shown = [routine, *_emergency_flags(kb), *rules]
    return with_checked(Page(tuple(blocks), data), kb, shown)


def _each_once(steps: list[PlannedStep]) -> list[tuple[PlannedStep, set[str]]]:
    """Each step once, in order, with the sides it is done on (the card's numbering)."""
    done_on: dict[int, tuple[PlannedStep, set[str]]] = {}
    for step in steps:
        done_on.setdefault(id(step.step), (step, set()))[1].add(step.side)
    return list(done_on.values())


def _step_line(step: PlannedStep, on: set[str], sides: list[str]) -> str:
    """`(20 s x 2) Lean gently on two spots in turn. ...`; a step done on one side of two
    says which."""
    dose = f"{step.dose}, optional" if step.optional else step.dose
    sided = [side for side in sides if side]
    if "" in sides:  # a movement routine: a glide is done on each side in turn
        if len(on) > 1:
            dose += " each side"
    elif len(on) < len(sided):
        dose += f", {' and '.join(sorted(on))} side only"
    return f"({dose}) {step.step.brief or step.instruction}"


PERFORMERS = {"therapist": "a therapist", "self": "yourself", "partner": "a partner"}


def technique_brief(technique: Technique, kb: KnowledgeBase, region: str | None) -> Page:
    """A technique in one screen: what it is, how firm and who does it, its cautions in short
    (who should not have it, each level in a line, then what else to mind) and the emergency
    line."""
    performers = " or ".join(PERFORMERS.get(who, who) for who in technique.performed_by)
    cautions = technique.cautions_brief or technique.cautions
    blocks: list[Block] = [
        Heading(technique.name),
        Fields(
            (
                ("What", technique.brief or technique.summary),
                ("Pressure", f"{technique.pressure_label}, by {performers}"),
            )
        ),
        Items(
            (
                *_do_not_lines(technique, kb),
                *(marked(kb, technique.origin, caution) for caution in cautions),
                emergency_line(kb, region),
            ),
        ),
    ]
    data = {
        "id": technique.id,
        "name": technique.name,
        "what": technique.brief or technique.summary,
        "pressure": list(technique.pressure),
        "performed_by": list(technique.performed_by),
        "contraindications": [
            {"id": item.id, "level": item.level, "brief": _brief_of(item)}
            for item in _contraindications(technique, kb)
        ],
        "cautions": list(cautions),
        "emergency": _emergency_json(kb, region),
        "reviewed": technique.reviewed,
        "file": user_file(kb, technique.origin),
    }
    shown = [technique, *_contraindications(technique, kb), *_emergency_flags(kb)]
    return with_checked(Page(tuple(blocks), data), kb, shown)


def _contraindications(technique: Technique, kb: KnowledgeBase) -> list[Contraindication]:
    return [kb.safety.contraindications[key] for key in technique.contraindications]


def _brief_of(item: Contraindication) -> str:
    return item.brief or item.short or item.condition


def _do_not_lines(technique: Technique, kb: KnowledgeBase) -> list[str]:
    """`Do not massage: a blood clot in a leg (DVT), a broken bone, ...`: the technique's
    contraindications in a few words, a line for each thing they mean for it."""
    by_label: dict[str, list[str]] = {}
    for item in _contraindications(technique, kb):
        label = technique.contraindication_label(item.level)
        by_label.setdefault(label, []).append(marked(kb, item.origin, _brief_of(item)))
    return [f"{label}: {', '.join(items)}." for label, items in by_label.items()]
