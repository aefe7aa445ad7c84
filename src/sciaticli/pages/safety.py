"""The safety page and the self-check's verdict. Emergency items always come first.

Every sign, condition and rule that came from the user's own file says so on the panel itself,
in every format, so that a shared file cannot pass its text off as the bundled safety content.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sciaticli.model import (
    CONTRAINDICATION_LEVELS,
    Contraindication,
    EmergencyNumber,
    KnowledgeBase,
    RedFlag,
    StopRule,
)
from sciaticli.pages.origin import checked, marked, origin_note, user_file
from sciaticli.pages.techniques import source_json
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
from sciaticli.safety import (
    UNSURE,
    Question,
    Verdict,
    call_line,
    contraindications_by_level,
    covered,
    emergency_title,
    numbers_for,
    red_flags_by_urgency,
    reported,
)

STOP_RULES_TITLE = "Stop rules (our summary of the sources they cite)"
QUESTION_COLUMNS = ("Id", "Kind", "Urgency", "Question", "Asked if")


def question_list(asked: list[Question]) -> Page:
    """`sciaticli check --list`: the questions in the order they are asked, each with the id
    that `--yes`, `--no` and `--not-sure` take."""
    rows = tuple((q.id, q.kind, q.urgency, q.text, q.asked_if or "") for q in asked)
    data = [
        {
            "id": q.id,
            "kind": q.kind,
            "urgency": q.urgency,
            "question": q.text,
            "asked_if": q.asked_if,
        }
        for q in asked
    ]
    hint = Hint("Answers without the questions: sciaticli check --yes ID,ID --no-others")
    table = Table(QUESTION_COLUMNS, rows, optional=("Asked if", "Urgency"))
    return Page((table, hint), data, "The self-check's questions")


def _numbers(kb: KnowledgeBase, region: str | None) -> list[EmergencyNumber]:
    """The numbers, each marked when the user's file added it."""
    return [
        number._replace(name=marked(kb, number.origin, number.name))
        for number in numbers_for(kb, region)
    ]


def emergency_callout(
    kb: KnowledgeBase,
    region: str | None,
    flags: Iterable[RedFlag],
    signs: Iterable[str] | None = None,
) -> Callout:
    """The emergency signs (`signs`: as shown, one per flag), with what to do and why: each
    sign's own reason, once each (the signs of cauda equina syndrome share one), never one
    reason for all."""
    numbers = _numbers(kb, region)
    shown = list(flags)
    reasons = dict.fromkeys(marked(kb, flag.origin, flag.reason) for flag in shown if flag.reason)
    intro = " ".join([call_line(numbers, region), kb.safety.advice["emergency"], *reasons])
    items = tuple(signs) if signs is not None else tuple(sign(kb, flag) for flag in shown)
    return Callout(emergency_title(numbers, region), items, "emergency", intro)


def emergency_signs(kb: KnowledgeBase, region: str | None, *, short: bool = False) -> Callout:
    """The emergency signs in short, for routine pages and cards: a sign that appears while
    you work (new numbness of a buttock) means stopping and getting help, not skipping.
    `short`: each sign in its one-line summary (a page whose first screen must hold them)."""
    flags = red_flags_by_urgency(kb)["emergency"]
    numbers = _numbers(kb, region)
    return Callout(
        "Stop and get emergency help if",
        tuple(marked(kb, flag.origin, flag.short) if short else sign(kb, flag) for flag in flags),
        "emergency",
        call_line(numbers, region),
    )


def urgent_callout(kb: KnowledgeBase, region: str | None, signs: Iterable[str]) -> Callout:
    intro = f"{kb.safety.advice['urgent']} {same_day_line(kb, region)}"
    return Callout("Urgent: see a doctor today", tuple(signs), "caution", intro)


def same_day_line(kb: KnowledgeBase, region: str | None) -> str:
    """Where to get same-day advice: the region's own line only (New Zealand never sees the
    UK's NHS 111, whose number is its emergency number); with no region, every region's,
    each after its country's name."""
    numbers = _numbers(kb, region)
    if region is not None:
        return numbers[0].urgent or ""
    return " ".join(f"{number.short_name}: {number.urgent}" for number in numbers if number.urgent)


def sign(kb: KnowledgeBase, flag: RedFlag) -> str:
    return marked(kb, flag.origin, flag.sign)


def condition(kb: KnowledgeBase, item: Contraindication) -> str:
    return marked(kb, item.origin, f"{item.condition} {item.why}")


def rule(kb: KnowledgeBase, stop_rule: StopRule) -> str:
    return marked(kb, stop_rule.origin, stop_rule.rule)


def safety_page(kb: KnowledgeBase, region: str | None) -> Page:
    flags = red_flags_by_urgency(kb)
    blocks: list[Block] = [
        emergency_callout(kb, region, flags["emergency"]),
        urgent_callout(kb, region, (sign(kb, flag) for flag in flags["urgent"])),
        Callout(
            "See a doctor soon",
            tuple(sign(kb, flag) for flag in flags["soon"]),
            "note",
            kb.safety.advice["soon"],
        ),
        Heading("Contraindications", level=2),
    ]
    for level, items in contraindications_by_level(kb).items():
        if items:
            conditions = tuple(condition(kb, item) for item in items)
            blocks.append(Items(conditions, title=CONTRAINDICATION_LEVELS[level]))
    blocks.append(
        Items(tuple(rule(kb, r) for r in kb.safety.stop_rules.values()), title=STOP_RULES_TITLE)
    )
    blocks += origin_note(kb, _safety_entries(kb))
    cited = _cited(kb, region)
    blocks += [
        Heading("Sources", level=2),
        Fields(tuple((key, kb.sources[key].citation()) for key in cited)),
    ]
    line, provenance = checked(kb, _all_safety(kb))
    blocks.append(line)
    data = {**safety_json(kb, region, cited), **provenance}
    return Page(tuple(blocks), data, "Safety: red flags, contraindications and stop rules")


def _all_safety(kb: KnowledgeBase) -> list[Any]:
    return [e for _, entries in kb.entry_groups(safety_only=True) for e in entries.values()]


def _safety_entries(kb: KnowledgeBase) -> list[tuple[str, str]]:
    """(label, origin) of every emergency number, red flag, contraindication and stop rule."""
    return [
        (f"{kind} {ident}", entry.origin)
        for kind, entries in kb.entry_groups(safety_only=True)
        for ident, entry in entries.items()
    ]


def _cited(kb: KnowledgeBase, region: str | None) -> list[str]:
    """Every source of the page: the same-day line's of the region shown only (all of them
    when no region is), so that no region reads another's advice line even among sources."""
    keys: dict[str, None] = {}
    for entry in _all_safety(kb):
        keys.update(dict.fromkeys(entry.sources))
    for number in kb.safety.emergency_numbers.values():
        if region is None or number.region == region:
            keys.update(dict.fromkeys(number.urgent_sources))
    return list(keys)


def number_json(number: EmergencyNumber, kb: KnowledgeBase) -> dict[str, Any]:
    return {
        "region": number.region,
        "name": number.name,
        "emergency": number.emergency,
        "urgent": number.urgent,
        "urgent_sources": list(number.urgent_sources),
        "sources": list(number.sources),
        "reviewed": number.reviewed,
        "file": user_file(kb, number.origin),
    }


def flag_json(flag: RedFlag, kb: KnowledgeBase) -> dict[str, Any]:
    return {
        "id": flag.id,
        "sign": flag.sign,
        "question": flag.question,
        "asked_if": flag.asked_if,
        "reason": flag.reason,
        "sources": list(flag.sources),
        "reviewed": flag.reviewed,
        "file": user_file(kb, flag.origin),
    }


def safety_json(kb: KnowledgeBase, region: str | None, cited: list[str]) -> dict[str, Any]:
    """Documented shape (docs/json.md); emergency items first."""
    return {
        "emergency_numbers": [number_json(n, kb) for n in numbers_for(kb, region)],
        "red_flags": {
            urgency: [flag_json(flag, kb) for flag in flags]
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
                    "asked_by": item.asked_by,
                    "asked_if": item.asked_if,
                    "sources": list(item.sources),
                    "reviewed": item.reviewed,
                    "file": user_file(kb, item.origin),
                }
                for item in items
            ]
            for level, items in contraindications_by_level(kb).items()
        },
        "stop_rules": [
            {
                "id": r.id,
                "rule": r.rule,
                "sources": list(r.sources),
                "reviewed": r.reviewed,
                "file": user_file(kb, r.origin),
            }
            for r in kb.safety.stop_rules.values()
        ],
        "sources": [source_json(kb.sources[key]) for key in cited],
    }


CHECK_FOOTER = (
    "This check reports only what you answered. It is not a diagnosis: if something changes, "
    "run it again or ask a doctor."
)
NOT_SURE = (
    'You were not sure about the items marked "not sure". This check counts them as yes '
    "until a doctor has looked at them."
)


def verdict_page(
    kb: KnowledgeBase,
    region: str | None,
    result: Verdict,
    asked: list[Question],
    answers: dict[str, str],
) -> Page:
    found = reported(asked, answers)
    items = kb.safety.contraindications
    flags = [kb.safety.red_flags[q.id] for q in found if q.kind == "red flag"]
    conditions = [items[q.id] for q in found if q.kind == "contraindication"]
    conditions += [item for item in covered(kb, answers) if item not in conditions]

    def unsure(ident: str, text: str) -> str:
        return f"(not sure) {text}" if answers.get(ident) == UNSURE else text

    signs = [unsure(flag.id, sign(kb, flag)) for flag in flags]
    no_massage = [
        unsure(item.asked_by or item.id, f"{item.level_label}: {condition(kb, item)}")
        for item in conditions
    ]
    blocks: list[Block]
    if result.key == "emergency":
        emergency = [(s, f) for s, f in zip(signs, flags, strict=True) if f.urgency == "emergency"]
        shown_flags = [f for _, f in emergency]
        blocks = [emergency_callout(kb, region, shown_flags, [s for s, _ in emergency])]
    elif result.key == "doctor-today":
        blocks = [urgent_callout(kb, region, signs + no_massage)]
    elif result.key == "doctor-first":
        blocks = [
            Callout(result.title, tuple(signs + no_massage), "caution", _doctor_first(kb, signs))
        ]
    else:
        blocks = [
            Heading(result.title),
            Paragraph("You answered no to every question."),
            Paragraph(
                "To start gently, try the easiest tennis-ball routine with "
                "sciaticli home-routine, and keep to these stop rules:"
            ),
            Items(tuple(rule(kb, r) for r in _ball_stop_rules(kb))),
        ]
    if any(answers.get(q.id) == UNSURE for q in found):
        blocks.append(Paragraph(NOT_SURE))
    blocks += origin_note(
        kb,
        [(f"red flag {f.id}", f.origin) for f in flags]
        + [(f"contraindication {c.id}", c.origin) for c in conditions],
    )
    blocks.append(Paragraph(CHECK_FOOTER))
    line, provenance = checked(kb, [*flags, *conditions] or _all_safety(kb))
    blocks.append(line)
    blocks += _once_more(kb, region, result)
    data = {
        "verdict": result.key,
        "title": result.title,
        "exit_code": result.exit_code,
        "reported": [question.id for question in found],
        "not_sure": [q.id for q in found if answers.get(q.id) == UNSURE],
        "contraindications": [item.id for item in conditions],
        "answers": {
            question.id: answers[question.id] for question in asked if question.id in answers
        },
        "emergency_numbers": [number_json(n, kb) for n in numbers_for(kb, region)],
        "files": {
            "red_flags": {f.id: user_file(kb, f.origin) for f in flags},
            "contraindications": {c.id: user_file(kb, c.origin) for c in conditions},
        },
        **provenance,
    }
    return Page(tuple(blocks), data, f"Self-check: {result.title}")


def _once_more(kb: KnowledgeBase, region: str | None, result: Verdict) -> list[Block]:
    """What to do and the number again, as the page's last lines: on a small terminal the
    verdict's title and numbers have scrolled off the top by the end."""
    numbers = _numbers(kb, region)
    if result.key == "emergency":
        return [Paragraph(f"{emergency_title(numbers, region)}. {call_line(numbers, region)}")]
    if result.key == "doctor-today":
        first = "" if region is None else f" ({numbers[0].emergency})"
        return [
            Paragraph(
                f"See a doctor today. {same_day_line(kb, region)} "
                f"If it gets worse fast, call the emergency number{first}."
            )
        ]
    return []


def _doctor_first(kb: KnowledgeBase, signs: list[str]) -> str:
    text = "Talk to a doctor before you try massage or self-massage. You reported:"
    return f"{kb.safety.advice['soon']} {text}" if signs else text


def _ball_stop_rules(kb: KnowledgeBase) -> list[StopRule]:
    """The stop rules the tennis-ball routines use, in the knowledge base's order (the movement
    routines' own rules belong to `sciaticli exercises`)."""
    used = {key for r in kb.routines.values() if r.kind == "ball" for key in r.stop_rules}
    return [rule for rule in kb.safety.stop_rules.values() if rule.id in used]
