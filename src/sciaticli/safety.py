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


# Where the region comes from when neither --region nor SCIATICLI_REGION gives it: the first of
# these that is set and not empty, as POSIX reads them (LC_ALL=C wins over LANG=en_GB.UTF-8).
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


def locale_territory(environ: Mapping[str, str]) -> str | None:
    """`GB` for `en_GB.UTF-8`, `DE` for `de_DE@euro`; None for C, POSIX or no territory."""
    import re

    for name in LOCALE_VARIABLES:
        value = environ.get(name)
        if value:
            match = re.match(r"[A-Za-z]{2,3}_([A-Za-z]{2})(?:$|[.@])", value)
            return match.group(1).upper() if match else None
    return None


def region_from_locale(kb: KnowledgeBase, environ: Mapping[str, str]) -> str | None:
    """The region whose `territories` include the locale's; None when none does (the
    neutral panel: every number side by side, no country first)."""
    territory = locale_territory(environ)
    if territory is None:
        return None
    for number in kb.safety.emergency_numbers.values():
        if territory in number.territories:
            return number.region
    return None


def default_region(kb: KnowledgeBase, environ: Mapping[str, str]) -> str | None:
    """The region for a page without a --region option: SCIATICLI_REGION when it names a
    known region, otherwise the locale's."""
    wanted = normalise(environ.get("SCIATICLI_REGION", ""))
    if wanted in kb.safety.emergency_numbers:
        return wanted
    return region_from_locale(kb, environ)


def numbers_for(kb: KnowledgeBase, region: str | None) -> list[EmergencyNumber]:
    """Every emergency number, the user's region first; with no region, by country name."""
    numbers = list(kb.safety.emergency_numbers.values())
    if region is None:
        return sorted(numbers, key=lambda number: number.short_name.casefold())
    wanted = normalise(region)
    if wanted not in kb.safety.emergency_numbers:
        known = ", ".join(kb.safety.emergency_numbers)
        raise UnknownRegion(f"unknown region '{region}' (known: {known})")
    return sorted(numbers, key=lambda number: number.region != wanted)


# The NHS wording, the same for every reader: never "A&E" alone, which means nothing outside the UK.
GO_NOW = "Call the emergency number or go to the emergency department (A&E in the UK) now."


def numbers_line(numbers: list[EmergencyNumber]) -> str:
    """`999 in the United Kingdom. Elsewhere: 911 (United States), 112 (European Union).`"""
    first, *others = numbers
    line = f"{first.emergency} in {first.name}."
    if others:
        line += " Elsewhere: " + ", ".join(f"{n.emergency} ({n.name})" for n in others) + "."
    return line


def side_by_side(numbers: list[EmergencyNumber]) -> str:
    """`Australia 000 · Canada 911 · ...`: every number alike, for an unknown region."""
    return " · ".join(f"{number.short_name} {number.emergency}" for number in numbers)


def call_line(numbers: list[EmergencyNumber], region: str | None) -> str:
    """What to do and the numbers: the user's region first, or (region None) side by side."""
    if region is None:
        return f"{GO_NOW} The numbers: {side_by_side(numbers)}."
    return f"{GO_NOW} The number is {numbers_line(numbers)}"


def emergency_title(numbers: list[EmergencyNumber], region: str | None) -> str:
    """`EMERGENCY: call 999 now`; with no region, no number is put first."""
    if region is None:
        return "EMERGENCY: get help now"
    return f"EMERGENCY: call {numbers[0].emergency} now"


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
    asked_if: str | None = None  # asked only when this question's answer is yes or not sure


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

YES, NO, UNSURE = "yes", "no", "not sure"
# The order of urgency, most urgent first: red flags, then contraindications.
_RANK = {level: rank for rank, level in enumerate((*URGENCIES, *CONTRAINDICATION_LEVELS))}


def questions(kb: KnowledgeBase) -> list[Question]:
    """Each question once, most urgent first. A question that is asked only after another
    (`asked_if`) comes straight after it, and lifts it to its own urgency: "Have you had
    cancer?" is asked among the emergency questions because one of its follow-ups is one."""
    asked = [
        Question(flag.id, flag.question, "red flag", flag.urgency, flag.asked_if)
        for flag in kb.safety.red_flags.values()
    ]
    asked += [
        Question(item.id, item.question, "contraindication", item.level, item.asked_if)
        for item in kb.safety.contraindications.values()
        if item.question is not None
    ]
    follow_ups: dict[str, list[Question]] = {}
    for question in asked:
        if question.asked_if is not None:
            follow_ups.setdefault(question.asked_if, []).append(question)

    def rank(question: Question) -> int:
        own = [_RANK[q.urgency] for q in (question, *follow_ups.get(question.id, ()))]
        return min(own)

    ordered: list[Question] = []
    for question in sorted((q for q in asked if q.asked_if is None), key=rank):
        ordered.append(question)
        ordered += sorted(follow_ups.get(question.id, ()), key=rank)
    return ordered


class Group(NamedTuple):
    """Questions shown together as one list and asked about at once ("Does any of these
    apply?"); each question is asked on its own only after a yes or a not sure."""

    title: str
    questions: tuple[Question, ...]


# The interactive check's groups, in the order asked; a question goes with its group by its
# urgency, a follow-up by its question's (so cancer, with an emergency follow-up, is asked
# with the emergency signs, as in `questions`).
_GROUPS = (
    ("Emergency signs", ("emergency",)),
    ("Signs to see a doctor about today", ("urgent",)),
    ("Signs to see a doctor about soon", ("soon",)),
    ("Reasons not to massage, or to ask a doctor first", tuple(CONTRAINDICATION_LEVELS)),
)


def groups(asked: list[Question]) -> list[Group]:
    """`asked` (in the order of `questions`) in the interactive check's groups, in order."""
    by_id = {question.id: question for question in asked}

    def level(question: Question) -> str:
        own = [question, *(q for q in asked if q.asked_if == question.id)]
        return min((q.urgency for q in own), key=_RANK.__getitem__)

    def top(question: Question) -> Question:
        while question.asked_if is not None and question.asked_if in by_id:
            question = by_id[question.asked_if]
        return question

    placed: dict[str, list[Question]] = {title: [] for title, _ in _GROUPS}
    for question in asked:
        urgency = level(top(question))
        title = next(t for t, levels in _GROUPS if urgency in levels)
        placed[title].append(question)
    return [Group(title, tuple(placed[title])) for title, _ in _GROUPS if placed[title]]


def is_reported(answer: str | None) -> bool:
    """`not sure` counts as yes: a sign nobody has ruled out is treated as present."""
    return answer in (YES, UNSURE)


def still_to_ask(asked: list[Question], answers: Mapping[str, str]) -> list[Question]:
    """The questions not yet answered that apply: a follow-up only when its question was
    answered yes or not sure (or not yet at all)."""
    return [
        q
        for q in asked
        if q.id not in answers and (q.asked_if is None or answers.get(q.asked_if) != NO)
    ]


def reported(asked: Iterable[Question], answers: Mapping[str, str]) -> list[Question]:
    return [question for question in asked if is_reported(answers.get(question.id))]


def covered(kb: KnowledgeBase, answers: Mapping[str, str]) -> list[Contraindication]:
    """Contraindications without a question of their own whose red flag was reported:
    a suspected clot also means no massage of that leg."""
    return [
        item
        for item in kb.safety.contraindications.values()
        if item.asked_by is not None and is_reported(answers.get(item.asked_by))
    ]


def verdict(asked: Iterable[Question], answers: Mapping[str, str]) -> Verdict:
    """The one verdict for the answers given: the most urgent thing reported wins."""
    found = reported(asked, answers)
    if any(q.kind == "red flag" and q.urgency == "emergency" for q in found):
        return VERDICTS["emergency"]
    if any(q.kind == "red flag" and q.urgency == "urgent" for q in found):
        return VERDICTS["doctor-today"]
    if found:
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
