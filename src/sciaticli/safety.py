"""Safety logic: emergency numbers for a region, red flags by urgency, and the self-check."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple

from sciaticli.errors import SciaticliError
from sciaticli.lookup import normalise
from sciaticli.model import (
    CONTRAINDICATION_LEVELS,
    URGENCIES,
    Contraindication,
    EmergencyNumber,
    KnowledgeBase,
    RedFlag,
)


class UnknownRegion(SciaticliError):
    """--region or SCIATICLI_REGION names no region in the knowledge base."""


def numbers_for(kb: KnowledgeBase, region: str | None) -> list[EmergencyNumber]:
    """Every emergency number, the user's region first."""
    numbers = list(kb.safety.emergency_numbers.values())
    if region is None:
        return numbers
    wanted = normalise(region)
    if wanted not in kb.safety.emergency_numbers:
        known = ", ".join(kb.safety.emergency_numbers)
        raise UnknownRegion(f"unknown region '{region}' (known: {known})")
    return sorted(numbers, key=lambda number: number.region != wanted)


def call_line(numbers: list[EmergencyNumber]) -> str:
    """`Call 999 or go to A&E now (United Kingdom). Elsewhere: 911 (United States), ...`."""
    first, *others = numbers
    line = f"Call {first.emergency} or go to {first.where} now ({first.name})."
    if others:
        line += " Elsewhere: " + ", ".join(f"{n.emergency} ({n.name})" for n in others) + "."
    return line


def red_flags_by_urgency(kb: KnowledgeBase) -> dict[str, list[RedFlag]]:
    grouped: dict[str, list[RedFlag]] = {urgency: [] for urgency in URGENCIES}
    for flag in kb.safety.red_flags.values():
        grouped[flag.urgency].append(flag)
    return grouped


def contraindications_by_level(kb: KnowledgeBase) -> dict[str, list[Contraindication]]:
    grouped: dict[str, list[Contraindication]] = {level: [] for level in CONTRAINDICATION_LEVELS}
    for item in kb.safety.contraindications.values():
        grouped[item.level].append(item)
    return grouped


class Question(NamedTuple):
    id: str
    text: str
    kind: str  # "red flag" or "contraindication"
    urgency: str  # emergency, urgent, soon, or the contraindication level


class Verdict(NamedTuple):
    key: str
    title: str
    exit_code: int


# Each verdict has its own exit status, so scripts can act on it (documented in --help).
VERDICTS = {
    "emergency": Verdict("emergency", "EMERGENCY: get help now", 5),
    "doctor-today": Verdict("doctor-today", "See a doctor today", 4),
    "doctor-first": Verdict("doctor-first", "Talk to a doctor before massage", 3),
    "none-reported": Verdict("none-reported", "None of these reported", 0),
}


def questions(kb: KnowledgeBase) -> list[Question]:
    """Red flags first (emergency, urgent, soon), then contraindications (strictest first)."""
    asked = [
        Question(flag.id, flag.question, "red flag", urgency)
        for urgency, flags in red_flags_by_urgency(kb).items()
        for flag in flags
    ]
    asked += [
        Question(item.id, item.question, "contraindication", level)
        for level, items in contraindications_by_level(kb).items()
        for item in items
    ]
    return asked


def verdict(asked: Iterable[Question], answers: Mapping[str, bool]) -> Verdict:
    """The one verdict for the answers given: the most urgent thing reported wins."""
    reported = [question for question in asked if answers.get(question.id)]
    if any(q.kind == "red flag" and q.urgency == "emergency" for q in reported):
        return VERDICTS["emergency"]
    if any(q.kind == "red flag" and q.urgency == "urgent" for q in reported):
        return VERDICTS["doctor-today"]
    if reported:
        return VERDICTS["doctor-first"]
    return VERDICTS["none-reported"]


def parse_answer_ids(text: str | None, asked: list[Question]) -> list[str]:
    """`saddle-numbness,anticoagulants` -> ids; unknown ids are an error with suggestions."""
    if not text:
        return []
    known = {question.id for question in asked}
    ids = [normalise(part) for part in text.split(",") if part.strip()]
    unknown = [answer for answer in ids if answer not in known]
    if unknown:
        import difflib

        hints = []
        for answer in unknown:
            close = difflib.get_close_matches(answer, sorted(known), n=1)
            hints.append(f"'{answer}'" + (f" (did you mean '{close[0]}'?)" if close else ""))
        raise SciaticliError(
            f"unknown question id {', '.join(hints)}; `sciaticli check --list` shows them"
        )
    return ids
