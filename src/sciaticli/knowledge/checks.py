"""Checks across entries and files, once every file is read: references name existing entries,
check questions have unique ids and well-formed links, a locale territory and an everyday word mean
one thing, and a user's file does not weaken the bundled safety entries."""

from __future__ import annotations

from typing import Any

from sciaticli.errors import Problem
from sciaticli.knowledge.fields import _did_you_mean
from sciaticli.knowledge.reader import Layer
from sciaticli.model import CONTRAINDICATION_LEVELS, URGENCIES


def territories(layers: list[Layer]) -> list[Problem]:
    """A locale territory names one region only, in every file together: a user's file may
    not take GB away from the bundled UK number."""
    problems = []
    owner: dict[str, str] = {}
    for layer in layers:
        for region, number in layer.entries.get("emergency_numbers", {}).items():
            for territory in number.territories:
                if owner.setdefault(territory, region) != region:
                    location = (*layer.locations[("emergency_numbers", region)], "territories")
                    problems.append(
                        Problem(
                            layer.parsed.path,
                            layer.parsed.line_of(location),
                            f"emergency number '{region}'",
                            f"territory {territory} already belongs to region '{owner[territory]}'",
                        )
                    )
    return problems


def synonyms(layers: list[Layer]) -> list[Problem]:
    """An everyday word stands for one thing only in a file (a user's file may add meanings)."""
    problems = []
    for layer in layers:
        seen: set[str] = set()
        for index, synonym in enumerate(layer.synonyms):
            for word in synonym.words:
                if word in seen:
                    location = ("synonyms", layer.synonym_indexes[index], "words")
                    problems.append(
                        Problem(
                            layer.parsed.path,
                            layer.parsed.line_of(location),
                            f"synonym #{layer.synonym_indexes[index] + 1}",
                            f"the word '{word}' is already a synonym of something else",
                        )
                    )
                seen.add(word)
    return problems


def question_ids(layer: Layer, merged: dict[str, dict[str, Any]]) -> list[Problem]:
    """Red flags and contraindications are answered by id in `sciaticli check`, so an id
    may name only one of them."""
    flags = merged.get("red_flags", {})
    problems = []
    for item in layer.entries.get("contraindications", {}).values():
        if item.id in flags:
            location = (*layer.locations[("contraindications", item.id)], "id")
            problems.append(
                Problem(
                    layer.parsed.path,
                    layer.parsed.line_of(location),
                    f"contraindication '{item.id}'",
                    f"id '{item.id}' is also a red flag's id; check questions need unique ids",
                )
            )
    return problems


def safety_not_weakened(layer: Layer, base: Layer) -> list[Problem]:
    """A user's file may add safety entries (each is marked as theirs on the page) and
    reword the bundled ones, but it may not change what to do in an emergency: the
    emergency numbers and the advice are refused, and so is a red flag made less urgent
    or a contraindication made less strict."""
    problems = []

    def refuse(section: str, ident: str, field: str, message: str) -> None:
        location = (*layer.locations.get((section, ident), ("safety",)), field)
        problems.append(Problem(layer.parsed.path, layer.parsed.line_of(location), None, message))

    bundled_numbers = base.entries.get("emergency_numbers", {})
    for region, number in layer.entries.get("emergency_numbers", {}).items():
        if region in bundled_numbers and _changed(number, bundled_numbers[region]):
            refuse(
                "emergency_numbers",
                region,
                "emergency",
                f"your file may not change the bundled emergency number for '{region}'"
                " (add a region of your own instead)",
            )
    if any(base.advice.get(key) != text for key, text in layer.advice.items()):
        location = ("safety", "advice")
        problems.append(
            Problem(
                layer.parsed.path,
                layer.parsed.line_of(location),
                None,
                "your file may not change the safety advice",
            )
        )
    checks = (
        ("red_flags", "red flag", "urgency", tuple(URGENCIES)),
        ("contraindications", "contraindication", "level", tuple(CONTRAINDICATION_LEVELS)),
    )
    for section, kind, field, order in checks:
        bundled = base.entries.get(section, {})
        for ident, entry in layer.entries.get(section, {}).items():
            if ident not in bundled:
                continue
            was, now = getattr(bundled[ident], field), getattr(entry, field)
            if order.index(now) > order.index(was):
                refuse(
                    section,
                    ident,
                    field,
                    f"your file may not make {kind} '{ident}' less urgent"
                    f" ({field} '{now}'; the bundled one is '{was}')",
                )
    return problems


def question_links(layer: Layer, merged: dict[str, dict[str, Any]]) -> list[Problem]:
    """`asked_if` names a question asked before it (a red flag or contraindication with a
    question of its own); `asked_by` names a red flag. Neither may form a loop."""
    flags = merged.get("red_flags", {})
    items = merged.get("contraindications", {})
    asked = set(flags) | {ident for ident, item in items.items() if item.question is not None}
    problems = []
    for section, kind in (("red_flags", "red flag"), ("contraindications", "contraindication")):
        for entry in layer.entries.get(section, {}).values():
            location = layer.locations[(section, entry.id)]
            label = f"{kind} '{entry.id}'"
            links = [("asked_if", entry.asked_if, asked)]
            if section == "contraindications":
                links.append(("asked_by", entry.asked_by, set(flags)))
            for field, target, allowed in links:
                if target is None:
                    continue
                message = None
                if target == entry.id:
                    message = f"'{field}' names the entry itself"
                elif target not in allowed:
                    what = "red flag" if field == "asked_by" else "question"
                    hint = _did_you_mean(target, tuple(allowed))
                    message = f"'{field}' names no {what} '{target}'{hint}"
                elif field == "asked_if" and _gate_of(target, flags, items) is not None:
                    message = f"'{field}' names '{target}', which is itself asked only if"
                if message:
                    line = layer.parsed.line_of((*location, field))
                    problems.append(Problem(layer.parsed.path, line, label, message))
    return problems


def references(layer: Layer, known: dict[str, dict[str, Any]]) -> list[Problem]:
    problems = []
    for label, location, keys, kind in layer.references:
        for index, key in enumerate(keys):
            if key not in known[kind]:
                hint = _did_you_mean(key, tuple(known[kind]))
                line = layer.parsed.line_of((*location, index))
                problems.append(
                    Problem(layer.parsed.path, line, label, f"unknown {kind} '{key}'{hint}")
                )
    return problems


def _changed(entry: Any, bundled: Any) -> bool:
    """Whether a user's entry says something else than the bundled one (its file aside)."""
    return bool(entry._replace(origin="") != bundled._replace(origin=""))


def _gate_of(ident: str, flags: dict[str, Any], items: dict[str, Any]) -> str | None:
    entry = flags.get(ident) or items.get(ident)
    return entry.asked_if if entry is not None else None
