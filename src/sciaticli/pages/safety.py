"""The safety page and the self-check's verdict. Emergency items always come first."""

from __future__ import annotations

from typing import Any

from sciaticli.model import CONTRAINDICATION_LEVELS, KnowledgeBase, RedFlag
from sciaticli.pages.origin import origin_note, user_file
from sciaticli.pages.techniques import source_json
from sciaticli.render.document import Block, Callout, Fields, Heading, Items, Page, Paragraph
from sciaticli.safety import (
    Question,
    Verdict,
    call_line,
    contraindications_by_level,
    numbers_for,
    red_flags_by_urgency,
)


def emergency_callout(kb: KnowledgeBase, region: str | None, signs: list[str]) -> Callout:
    numbers = numbers_for(kb, region)
    intro = f"{call_line(numbers)} {kb.safety.advice['emergency']}"
    return Callout(f"EMERGENCY: call {numbers[0].emergency} now", tuple(signs), "danger", intro)


def urgent_callout(kb: KnowledgeBase, region: str | None, signs: list[str]) -> Callout:
    lines = [
        f"{number.name}: {number.urgent}"
        for number in numbers_for(kb, region)
        if number.urgent is not None
    ]
    intro = kb.safety.advice["urgent"] + (f" ({'; '.join(lines)})" if lines else "")
    return Callout("Urgent: see a doctor today", tuple(signs), "caution", intro)


def safety_page(kb: KnowledgeBase, region: str | None) -> Page:
    flags = red_flags_by_urgency(kb)
    blocks: list[Block] = [
        emergency_callout(kb, region, [flag.sign for flag in flags["emergency"]]),
        urgent_callout(kb, region, [flag.sign for flag in flags["urgent"]]),
        Callout(
            "See a doctor soon",
            tuple(flag.sign for flag in flags["soon"]),
            "note",
            kb.safety.advice["soon"],
        ),
        Heading("Contraindications", level=2),
    ]
    for level, items in contraindications_by_level(kb).items():
        if items:
            conditions = tuple(f"{item.condition} {item.why}" for item in items)
            blocks.append(Items(conditions, title=CONTRAINDICATION_LEVELS[level]))
    blocks.append(
        Items(tuple(rule.rule for rule in kb.safety.stop_rules.values()), title="Stop rules")
    )
    blocks += origin_note(kb, _safety_entries(kb))
    cited = _cited(kb)
    blocks += [
        Heading("Sources", level=2),
        Fields(tuple((key, kb.sources[key].citation()) for key in cited)),
    ]
    return Page(tuple(blocks), safety_json(kb, region, cited))


def _safety_entries(kb: KnowledgeBase) -> list[tuple[str, str]]:
    """(label, origin) of every red flag, contraindication and stop rule."""
    entries = [(f"red flag {flag.id}", flag.origin) for flag in kb.safety.red_flags.values()]
    entries += [
        (f"contraindication {item.id}", item.origin)
        for item in kb.safety.contraindications.values()
    ]
    entries += [(f"stop rule {rule.id}", rule.origin) for rule in kb.safety.stop_rules.values()]
    return entries


def _cited(kb: KnowledgeBase) -> list[str]:
    keys: dict[str, None] = {}
    for group in (kb.safety.red_flags, kb.safety.contraindications, kb.safety.stop_rules):
        for entry in group.values():
            keys.update(dict.fromkeys(entry.sources))
    return list(keys)


def _flag_json(flag: RedFlag, kb: KnowledgeBase) -> dict[str, Any]:
    return {
        "id": flag.id,
        "sign": flag.sign,
        "question": flag.question,
        "sources": list(flag.sources),
        "file": user_file(kb, flag.origin),
    }


def safety_json(kb: KnowledgeBase, region: str | None, cited: list[str]) -> dict[str, Any]:
    """Documented shape (README, "JSON output"); emergency items first."""
    return {
        "emergency_numbers": [number._asdict() for number in numbers_for(kb, region)],
        "red_flags": {
            urgency: [_flag_json(flag, kb) for flag in flags]
            for urgency, flags in red_flags_by_urgency(kb).items()
        },
        "advice": dict(kb.safety.advice),
        "contraindications": {
            level: [
                {
                    "id": item.id,
                    "condition": item.condition,
                    "why": item.why,
                    "question": item.question,
                    "sources": list(item.sources),
                    "file": user_file(kb, item.origin),
                }
                for item in items
            ]
            for level, items in contraindications_by_level(kb).items()
        },
        "stop_rules": [
            {
                "id": rule.id,
                "rule": rule.rule,
                "sources": list(rule.sources),
                "file": user_file(kb, rule.origin),
            }
            for rule in kb.safety.stop_rules.values()
        ],
        "sources": [source_json(kb.sources[key]) for key in cited],
    }


CHECK_FOOTER = (
    "This check reports only what you answered. It is not a diagnosis: if something changes, "
    "run it again or ask a doctor."
)


def verdict_page(
    kb: KnowledgeBase,
    region: str | None,
    result: Verdict,
    asked: list[Question],
    answers: dict[str, bool],
) -> Page:
    reported = [question for question in asked if answers.get(question.id)]
    flags = kb.safety.red_flags
    signs = [flags[q.id].sign for q in reported if q.kind == "red flag"]
    conditions = [
        f"{kb.safety.contraindications[q.id].condition} {kb.safety.contraindications[q.id].why}"
        for q in reported
        if q.kind == "contraindication"
    ]
    blocks: list[Block]
    if result.key == "emergency":
        blocks = [emergency_callout(kb, region, signs)]
    elif result.key == "doctor-today":
        blocks = [urgent_callout(kb, region, signs)]
    elif result.key == "doctor-first":
        blocks = [
            Callout(result.title, tuple(signs + conditions), "caution", _doctor_first(kb, signs))
        ]
    else:
        blocks = [
            Heading(result.title),
            Paragraph("You answered no to every question."),
            Paragraph(
                "To start gently, try the easiest tennis-ball routine with "
                "sciaticli home-routine, and keep to these stop rules:"
            ),
            Items(tuple(rule.rule for rule in kb.safety.stop_rules.values())),
        ]
    blocks += origin_note(kb, _reported_entries(kb, reported))
    blocks.append(Paragraph(CHECK_FOOTER))
    data = {
        "verdict": result.key,
        "title": result.title,
        "exit_code": result.exit_code,
        "reported": [question.id for question in reported],
        "answers": {
            question.id: answers[question.id] for question in asked if question.id in answers
        },
        "emergency_numbers": [number._asdict() for number in numbers_for(kb, region)],
    }
    return Page(tuple(blocks), data)


def _reported_entries(kb: KnowledgeBase, reported: list[Question]) -> list[tuple[str, str]]:
    """(label, origin) of each reported red flag and contraindication."""
    entries = []
    for question in reported:
        if question.kind == "red flag":
            entries.append((f"red flag {question.id}", kb.safety.red_flags[question.id].origin))
        else:
            item = kb.safety.contraindications[question.id]
            entries.append((f"contraindication {question.id}", item.origin))
    return entries


def _doctor_first(kb: KnowledgeBase, signs: list[str]) -> str:
    text = "Talk to a doctor before you try massage or self-massage. You reported:"
    return f"{kb.safety.advice['soon']} {text}" if signs else text
