"""Check parsed knowledge-base files and build the typed knowledge base from them.

Validation is strict and complete: every problem in a file is collected (unknown keys, missing
or mistyped fields, bad enum values, duplicate ids, unknown source keys) and reported together,
each with the file, the line and the entry it belongs to. docs/knowledge-base.md documents
the format.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from sciaticli.errors import KnowledgeBaseError, Problem
from sciaticli.model import (
    CONTRAINDICATION_LEVELS,
    EVIDENCE_LEVELS,
    FAMILIES,
    HOLD_MAX_SECONDS,
    HOLD_MIN_SECONDS,
    HOLD_PLACEHOLDER,
    ITEM_TAGS,
    PERFORMERS,
    PRESSURES,
    SIDES,
    SUMMARY_MAX_CHARS,
    URGENCIES,
    Contraindication,
    EmergencyNumber,
    Evidence,
    KnowledgeBase,
    RedFlag,
    Routine,
    Safety,
    Source,
    Step,
    StopRule,
    Synonym,
    Technique,
    Topic,
    TopicItem,
    TopicSection,
)
from sciaticli.yamlparse import Location, ParsedFile, parse_file

SECTIONS = ("sources", "safety", "techniques", "routines", "topics")
# `synonyms` is optional, also in the bundled file: everyday words for search and --target.
TOP_LEVEL = ("version", *SECTIONS, "synonyms")
SAFETY_PARTS = ("emergency_numbers", "advice", "red_flags", "contraindications", "stop_rules")
Built = TypeVar("Built")
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_TERRITORY = re.compile(r"[A-Z]{2}")


class _Invalid(Exception):
    """A value is not what its field needs; the message says what it should be."""


def load_files(paths: list[Path]) -> KnowledgeBase:
    """Parse and check `paths` (the bundled file first) into one knowledge base."""
    return load_parsed([parse_file(path) for path in paths])


def load_parsed(files: list[ParsedFile]) -> KnowledgeBase:
    """Check parsed files (the bundled one first) and build one knowledge base from them;
    KnowledgeBaseError lists every problem in every file."""
    layers = [_Layer(parsed, is_base=index == 0) for index, parsed in enumerate(files)]
    merged: dict[str, dict[str, Any]] = {}
    advice: dict[str, str] = {}
    for layer in layers:
        layer.read()
        for name, entries in layer.entries.items():
            merged.setdefault(name, {}).update(entries)
        advice.update(layer.advice)
    version = layers[0].version
    known = {
        "source": merged.get("sources", {}),
        "contraindication": merged.get("contraindications", {}),
        "stop rule": merged.get("stop_rules", {}),
    }
    problems = [problem for layer in layers for problem in layer.problems]
    problems += _check_territories(layers)
    problems += _check_synonyms(layers)
    for layer in layers[1:]:
        problems += layer.check_safety_not_weakened(layers[0])
    for layer in layers:
        problems += layer.check_references(known)
        problems += layer.check_question_ids(merged)
        problems += layer.check_question_links(merged)
    if problems:
        raise KnowledgeBaseError(problems)
    safety = Safety(
        merged.get("emergency_numbers", {}),
        advice,
        merged.get("red_flags", {}),
        merged.get("contraindications", {}),
        merged.get("stop_rules", {}),
    )
    return KnowledgeBase(
        merged.get("sources", {}),
        merged.get("techniques", {}),
        safety,
        dict(sorted(merged.get("routines", {}).items(), key=lambda item: item[1].level)),
        merged.get("topics", {}),
        tuple(layer.parsed.path for layer in layers),
        version,
        tuple(synonym for layer in layers for synonym in layer.synonyms),
    )


def _check_territories(layers: list[_Layer]) -> list[Problem]:
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


def _check_synonyms(layers: list[_Layer]) -> list[Problem]:
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


class _Layer:
    """One file being validated; collects its entries and every problem in it."""

    def __init__(self, parsed: ParsedFile, *, is_base: bool) -> None:
        self.parsed = parsed
        self.is_base = is_base
        self.problems: list[Problem] = []
        self.entries: dict[str, dict[str, Any]] = {}
        self.advice: dict[str, str] = {}
        self.version = ""
        self.synonyms: list[Synonym] = []
        self.synonym_indexes: list[int] = []  # each synonym's place in the file's list
        # Where each built entry stands in the file: (section, id) -> location.
        self.locations: dict[tuple[str, str], Location] = {}
        # (entry label, location of the list, the ids, what kind of thing they name)
        self.references: list[tuple[str, Location, tuple[str, ...], str]] = []

    def report(self, location: Location, entry: str | None, message: str) -> None:
        line = self.parsed.line_of(location)
        self.problems.append(Problem(self.parsed.path, line, entry, message))

    def read(self) -> None:
        for location, line in self.parsed.duplicate_keys:
            self.problems.append(
                Problem(self.parsed.path, line, None, f"duplicate key '{location[-1]}'")
            )
        document = self.parsed.data
        if document is None:
            document = {}
        if not isinstance(document, dict):
            self.report((), None, f"the top level must be a mapping, not {_kind(document)}")
            return
        self._unknown_keys(document, TOP_LEVEL, (), None)
        for section in TOP_LEVEL[:-1]:
            if section not in document and self.is_base:
                self.report((), None, f"missing section '{section}'")
        if "version" in document:
            try:
                self.version = _version(document["version"])
            except _Invalid as error:
                self.report(("version",), None, f"'version' {error}")
        self._section(document, (), "sources", "key", "source", self._source)
        self._safety(document.get("safety"))
        self._section(document, (), "techniques", "id", "technique", self._technique)
        self._section(document, (), "routines", "id", "routine", self._routine)
        self._section(document, (), "topics", "id", "topic", self._topic)
        self._synonyms(document.get("synonyms"))

    def _synonyms(self, entries: Any) -> None:
        if entries is None:
            return
        if not isinstance(entries, list):
            self.report(("synonyms",), None, f"'synonyms' must be a list, not {_kind(entries)}")
            return
        for index, raw in enumerate(entries):
            location: Location = ("synonyms", index)
            label = f"synonym #{index + 1}"
            values, valid = self._fields(raw, location, label, _SYNONYM_FIELDS)
            if valid and ("means" in values) == ("note" in values):
                self.report(location, label, "needs either 'means' or 'note', not both or neither")
                valid = False
            if valid:
                self.synonyms.append(Synonym(**values, origin=self.parsed.path))
                self.synonym_indexes.append(index)

    def _safety(self, safety: Any) -> None:
        if safety is None:
            return
        if not isinstance(safety, dict):
            self.report(("safety",), None, f"'safety' must be a mapping, not {_kind(safety)}")
            return
        self._unknown_keys(safety, SAFETY_PARTS, ("safety",), "safety")
        if self.is_base:
            for part in SAFETY_PARTS:
                if part not in safety:
                    self.report(("safety",), "safety", f"missing required field '{part}'")
        where = ("safety",)
        self._section(
            safety, where, "emergency_numbers", "region", "emergency number", self._number
        )
        self._section(safety, where, "red_flags", "id", "red flag", self._red_flag)
        self._section(
            safety, where, "contraindications", "id", "contraindication", self._contraindication
        )
        self._section(safety, where, "stop_rules", "id", "stop rule", self._stop_rule)
        if "advice" in safety:
            advice, valid = self._fields(
                safety["advice"], ("safety", "advice"), "safety advice", _ADVICE_FIELDS
            )
            if valid:
                self.advice = advice

    def _section(
        self,
        container: dict[Any, Any],
        where: Location,
        section: str,
        id_field: str,
        kind: str,
        build: Callable[[dict[Any, Any], Location, str], Any],
    ) -> None:
        entries = container.get(section)
        built: dict[str, Any] = self.entries.setdefault(section, {})
        if entries is None:
            return
        if not isinstance(entries, list):
            self.report(
                (*where, section), None, f"'{section}' must be a list, not {_kind(entries)}"
            )
            return
        for index, raw in enumerate(entries):
            location: Location = (*where, section, index)
            if not isinstance(raw, dict):
                self.report(
                    location, f"{kind} #{index + 1}", f"must be a mapping, not {_kind(raw)}"
                )
                continue
            ident = raw.get(id_field)
            label = f"{kind} '{ident}'" if isinstance(ident, str) else f"{kind} #{index + 1}"
            entry = build(raw, location, label)
            if entry is None:
                continue
            ident = getattr(entry, id_field)
            if ident in built:
                self.report((*location, id_field), label, f"duplicate {id_field} '{ident}'")
            built[ident] = entry
            self.locations[(section, ident)] = location

    def _fields(
        self,
        raw: Any,
        location: Location,
        label: str,
        spec: dict[str, tuple[bool, Callable[[Any], Any]]],
    ) -> tuple[dict[str, Any], bool]:
        """Check `raw` against `spec` (name -> (required, converter)): the good values, and
        whether every field was good."""
        if not isinstance(raw, dict):
            self.report(location, label, f"must be a mapping, not {_kind(raw)}")
            return {}, False
        before = len(self.problems)
        self._unknown_keys(raw, tuple(spec), location, label)
        values: dict[str, Any] = {}
        for name, (required, convert) in spec.items():
            if name not in raw:
                if required:
                    self.report(location, label, f"missing required field '{name}'")
                continue
            try:
                values[name] = convert(raw[name])
            except _Invalid as error:
                self.report((*location, name), label, f"'{name}' {error}")
        return values, len(self.problems) == before

    def _unknown_keys(
        self, raw: dict[Any, Any], allowed: tuple[str, ...], location: Location, label: str | None
    ) -> None:
        for key in raw:
            if key in allowed:
                continue
            hint = _did_you_mean(str(key), allowed)
            self.report((*location, key), label, f"unknown key '{key}'{hint}")

    def _refer(
        self, values: dict[str, Any], field: str, location: Location, label: str, kind: str
    ) -> None:
        if field in values:
            self.references.append((label, (*location, field), values[field], kind))

    def _entry(
        self,
        raw: dict[Any, Any],
        location: Location,
        label: str,
        spec: dict[str, tuple[bool, Callable[[Any], Any]]],
        make: Callable[..., Built],
    ) -> Built | None:
        values, valid = self._fields(raw, location, label, spec)
        self._refer(values, "sources", location, label, "source")
        return make(**values, origin=self.parsed.path) if valid else None

    def _source(self, raw: dict[Any, Any], location: Location, label: str) -> Source | None:
        if isinstance(raw, dict) and "accessed" in raw and "url" not in raw:
            self.report(
                (*location, "accessed"),
                label,
                "'accessed' is the day the web address was read, so it needs 'url'",
            )
            self._fields(raw, location, label, _SOURCE_FIELDS)
            return None
        return self._entry(raw, location, label, _SOURCE_FIELDS, Source)

    def _number(
        self, raw: dict[Any, Any], location: Location, label: str
    ) -> EmergencyNumber | None:
        values, valid = self._fields(raw, location, label, _NUMBER_FIELDS)
        self._refer(values, "sources", location, label, "source")
        self._refer(values, "urgent_sources", location, label, "source")
        return EmergencyNumber(**values, origin=self.parsed.path) if valid else None

    def _red_flag(self, raw: dict[Any, Any], location: Location, label: str) -> RedFlag | None:
        if isinstance(raw, dict) and raw.get("urgency") == "emergency" and "reason" not in raw:
            self.report(
                location,
                label,
                "an emergency sign needs 'reason': why it is an emergency, shown on every "
                "emergency panel",
            )
            self._fields(raw, location, label, _RED_FLAG_FIELDS)
            return None
        return self._entry(raw, location, label, _RED_FLAG_FIELDS, RedFlag)

    def _contraindication(
        self, raw: dict[Any, Any], location: Location, label: str
    ) -> Contraindication | None:
        if isinstance(raw, dict) and ("question" in raw) == ("asked_by" in raw):
            self.report(
                location,
                label,
                "needs either 'question' or 'asked_by' (a red flag whose answer covers it),"
                " not both or neither",
            )
            self._fields(raw, location, label, _CONTRAINDICATION_FIELDS)
            return None
        return self._entry(raw, location, label, _CONTRAINDICATION_FIELDS, Contraindication)

    def _stop_rule(self, raw: dict[Any, Any], location: Location, label: str) -> StopRule | None:
        return self._entry(raw, location, label, _STOP_RULE_FIELDS, StopRule)

    def _technique(self, raw: dict[Any, Any], location: Location, label: str) -> Technique | None:
        values, valid = self._fields(raw, location, label, _TECHNIQUE_FIELDS)
        self._refer(values, "sources", location, label, "source")
        self._refer(values, "contraindications", location, label, "contraindication")
        if "evidence" in values:
            evidence, evidence_valid = self._fields(
                values["evidence"], (*location, "evidence"), label, _EVIDENCE_FIELDS
            )
            values["evidence"] = Evidence(**evidence) if evidence_valid else None
            valid = valid and evidence_valid
        return Technique(**values, origin=self.parsed.path) if valid else None

    def _routine(self, raw: dict[Any, Any], location: Location, label: str) -> Routine | None:
        values, valid = self._fields(raw, location, label, _ROUTINE_FIELDS)
        self._refer(values, "sources", location, label, "source")
        self._refer(values, "not_for", location, label, "contraindication")
        self._refer(values, "stop_rules", location, label, "stop rule")
        if "steps" in values:
            steps = []
            for index, raw_step in enumerate(values["steps"]):
                step = self._step(
                    raw_step, (*location, "steps", index), f"{label} step {index + 1}"
                )
                valid = valid and step is not None
                steps.append(step)
            values["steps"] = tuple(steps)
        return Routine(**values, origin=self.parsed.path) if valid else None

    def _topic(self, raw: dict[Any, Any], location: Location, label: str) -> Topic | None:
        values, valid = self._fields(raw, location, label, _TOPIC_FIELDS)
        self._refer(values, "sources", location, label, "source")
        if "sections" in values:
            sections = []
            for index, raw_section in enumerate(values["sections"]):
                where = (*location, "sections", index)
                section = self._topic_section(raw_section, where, f"{label} section {index + 1}")
                valid = valid and section is not None
                sections.append(section)
            values["sections"] = tuple(sections)
        return Topic(**values, origin=self.parsed.path) if valid else None

    def _topic_section(self, raw: Any, location: Location, label: str) -> TopicSection | None:
        values, valid = self._fields(raw, location, label, _TOPIC_SECTION_FIELDS)
        self._refer(values, "sources", location, label, "source")
        if "items" in values:
            items = []
            for index, raw_item in enumerate(values["items"]):
                item = self._topic_item(raw_item, (*location, "items", index), index, label)
                valid = valid and item is not None
                items.append(item)
            values["items"] = tuple(items)
        return TopicSection(**values) if valid else None

    def _topic_item(self, raw: Any, location: Location, index: int, label: str) -> TopicItem | None:
        """An item is text, or a mapping with a term, its text and an optional tag."""
        if not isinstance(raw, dict):
            try:
                return TopicItem(_text(raw))
            except _Invalid as error:
                self.report(location, label, f"item {index + 1} {error}")
                return None
        values, valid = self._fields(raw, location, label, _TOPIC_ITEM_FIELDS)
        return TopicItem(**values) if valid else None

    def _step(self, raw: Any, location: Location, label: str) -> Step | None:
        values, valid = self._fields(raw, location, label, _STEP_FIELDS)
        if isinstance(raw, dict) and ("seconds" in raw) == ("passes" in raw):
            self.report(location, label, "needs either 'seconds' or 'passes', not both or neither")
            valid = False
        for problem in _hold_problems(values):
            self.report(location, label, problem)
            valid = False
        return Step(**values) if valid else None

    def check_question_ids(self, merged: dict[str, dict[str, Any]]) -> list[Problem]:
        """Red flags and contraindications are answered by id in `sciaticli check`, so an id
        may name only one of them."""
        flags = merged.get("red_flags", {})
        problems = []
        for item in self.entries.get("contraindications", {}).values():
            if item.id in flags:
                location = (*self.locations[("contraindications", item.id)], "id")
                problems.append(
                    Problem(
                        self.parsed.path,
                        self.parsed.line_of(location),
                        f"contraindication '{item.id}'",
                        f"id '{item.id}' is also a red flag's id; check questions need unique ids",
                    )
                )
        return problems

    def check_safety_not_weakened(self, base: _Layer) -> list[Problem]:
        """A user's file may add safety entries (each is marked as theirs on the page) and
        reword the bundled ones, but it may not change what to do in an emergency: the
        emergency numbers and the advice are refused, and so is a red flag made less urgent
        or a contraindication made less strict."""
        problems = []

        def refuse(section: str, ident: str, field: str, message: str) -> None:
            location = (*self.locations.get((section, ident), ("safety",)), field)
            problems.append(Problem(self.parsed.path, self.parsed.line_of(location), None, message))

        bundled_numbers = base.entries.get("emergency_numbers", {})
        for region, number in self.entries.get("emergency_numbers", {}).items():
            if region in bundled_numbers and _changed(number, bundled_numbers[region]):
                refuse(
                    "emergency_numbers",
                    region,
                    "emergency",
                    f"your file may not change the bundled emergency number for '{region}'"
                    " (add a region of your own instead)",
                )
        if any(base.advice.get(key) != text for key, text in self.advice.items()):
            location = ("safety", "advice")
            problems.append(
                Problem(
                    self.parsed.path,
                    self.parsed.line_of(location),
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
            for ident, entry in self.entries.get(section, {}).items():
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

    def check_question_links(self, merged: dict[str, dict[str, Any]]) -> list[Problem]:
        """`asked_if` names a question asked before it (a red flag or contraindication with a
        question of its own); `asked_by` names a red flag. Neither may form a loop."""
        flags = merged.get("red_flags", {})
        items = merged.get("contraindications", {})
        asked = set(flags) | {ident for ident, item in items.items() if item.question is not None}
        problems = []
        for section, kind in (("red_flags", "red flag"), ("contraindications", "contraindication")):
            for entry in self.entries.get(section, {}).values():
                location = self.locations[(section, entry.id)]
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
                        line = self.parsed.line_of((*location, field))
                        problems.append(Problem(self.parsed.path, line, label, message))
        return problems

    def check_references(self, known: dict[str, dict[str, Any]]) -> list[Problem]:
        problems = []
        for label, location, keys, kind in self.references:
            for index, key in enumerate(keys):
                if key not in known[kind]:
                    hint = _did_you_mean(key, tuple(known[kind]))
                    line = self.parsed.line_of((*location, index))
                    problems.append(
                        Problem(self.parsed.path, line, label, f"unknown {kind} '{key}'{hint}")
                    )
        return problems


def _changed(entry: Any, bundled: Any) -> bool:
    """Whether a user's entry says something else than the bundled one (its file aside)."""
    return bool(entry._replace(origin="") != bundled._replace(origin=""))


def _gate_of(ident: str, flags: dict[str, Any], items: dict[str, Any]) -> str | None:
    entry = flags.get(ident) or items.get(ident)
    return entry.asked_if if entry is not None else None


def _kind(value: Any) -> str:
    names = {
        dict: "a mapping",
        list: "a list",
        str: "text",
        bool: "true/false",
        type(None): "empty",
    }
    return names.get(type(value), f"a {type(value).__name__}")


def _did_you_mean(word: str, choices: Iterable[str]) -> str:
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise _Invalid(f"must be text, not {_kind(value)}")
    text = " ".join(value.split())
    if not text:
        raise _Invalid("must not be empty")
    return text


def _hold_problems(step: dict[str, Any]) -> list[str]:
    """A hold step holds one spot for HOLD_MIN to HOLD_MAX seconds and says so with {hold},
    so that the text always matches the timer; no other step uses {hold}, and no text has
    any other {placeholder}."""
    problems = []
    texts = [str(step.get(key, "")) for key in ("instruction", "cue", "repeat")]
    if any("{" in text.replace(HOLD_PLACEHOLDER, "") for text in texts):
        problems.append(f"has a '{{' that is not {HOLD_PLACEHOLDER}")
    if step.get("hold"):
        seconds = step.get("seconds")
        if seconds is None or not HOLD_MIN_SECONDS <= seconds <= HOLD_MAX_SECONDS:
            problems.append(
                f"is a hold, so needs 'seconds' from {HOLD_MIN_SECONDS} to {HOLD_MAX_SECONDS} "
                "(the fact sheet's dose)"
            )
        if HOLD_PLACEHOLDER not in str(step.get("instruction", "")):
            problems.append(
                f"is a hold, so its instruction says how long with {HOLD_PLACEHOLDER} "
                "(it then matches the timer)"
            )
    elif any(HOLD_PLACEHOLDER in text for text in texts):
        problems.append(f"uses {HOLD_PLACEHOLDER} but is not a hold (add 'hold: true')")
    return problems


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise _Invalid(f"must be true or false, not {_kind(value)}")
    return value


def _summary(value: Any) -> str:
    text = _text(value)
    if len(text) > SUMMARY_MAX_CHARS:
        raise _Invalid(f"must be at most {SUMMARY_MAX_CHARS} characters, not {len(text)}")
    return text


def _slug(value: Any) -> str:
    text = _text(value)
    if not _SLUG.fullmatch(text):
        raise _Invalid(f"must be lower-case letters, digits and single hyphens, not '{text}'")
    return text


def _date(value: Any) -> str:
    """A review date, `YYYY-MM-DD`, that exists and is not in the future."""
    import datetime

    text = _text(value)  # the loader keeps dates as text (yamlparse._loader_class)
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise _Invalid(f"must be a date written YYYY-MM-DD, not '{text}'")
    try:
        day = datetime.date.fromisoformat(text)
    except ValueError:
        raise _Invalid(f"is not a real date: '{text}'") from None
    if day > datetime.date.today():
        raise _Invalid(f"is in the future: '{text}'")
    return text


def _version(value: Any) -> str:
    # Unquoted, 2026.10 would be the number 2026.1: a version must be written as text.
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise _Invalid(f'must be quoted text such as "2026.11", not the number {value}')
    text = _text(value)
    if not re.fullmatch(r"\d{4}\.\d{1,2}(?:\.\d+)?", text):
        raise _Invalid(f"must look like 2026.11 (year.month), not '{text}'")
    return text


def _year(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Invalid(f"must be a whole number, not {_kind(value)}")
    if not 1800 <= value <= 2100:
        raise _Invalid(f"must be a year between 1800 and 2100, not {value}")
    return value


def _url(value: Any) -> str:
    text = _text(value)
    if not re.fullmatch(r"https?://\S+", text):
        raise _Invalid(f"must be a web address starting with https://, not '{text}'")
    return text


def _list_of(
    item: Callable[[Any], str], *, allow_empty: bool = False
) -> Callable[[Any], tuple[str, ...]]:
    def convert(value: Any) -> tuple[str, ...]:
        if not isinstance(value, list):
            raise _Invalid(f"must be a list, not {_kind(value)}")
        if not value and not allow_empty:
            raise _Invalid("must not be empty")
        items = []
        for index, element in enumerate(value):
            try:
                items.append(item(element))
            except _Invalid as error:
                raise _Invalid(f"item {index + 1} {error}") from None
        if len(set(items)) != len(items):
            raise _Invalid("lists the same item twice")
        return tuple(items)

    return convert


def _choice(allowed: Iterable[str]) -> Callable[[Any], str]:
    options = tuple(allowed)

    def convert(value: Any) -> str:
        if value not in options:
            shown = value if isinstance(value, str) else _kind(value)
            raise _Invalid(f"must be one of {', '.join(options)}, not '{shown}'")
        return str(value)

    return convert


def _ordered_choices(allowed: tuple[str, ...]) -> Callable[[Any], tuple[str, ...]]:
    """A non-empty list of choices, put in their natural order (light before deep)."""
    as_list = _list_of(_choice(allowed))

    def convert(value: Any) -> tuple[str, ...]:
        return tuple(sorted(as_list(value), key=allowed.index))

    return convert


def _muscle(value: Any) -> str:
    return _text(value).lower()


def _territory(value: Any) -> str:
    text = _text(value)
    if not _TERRITORY.fullmatch(text):
        raise _Invalid(f"must be a two-letter country code in capitals (GB, US, DE), not '{text}'")
    return text


def _word(value: Any) -> str:
    """A synonym's word, matched the way search folds text (`Pétrissage` -> `petrissage`)."""
    from sciaticli.search import query_words

    words = query_words(_text(value))
    if not words:
        raise _Invalid(f"must contain a letter or digit, not '{value}'")
    return " ".join(words)


def _mapping(value: Any) -> dict[Any, Any]:
    if not isinstance(value, dict):
        raise _Invalid(f"must be a mapping, not {_kind(value)}")
    return value


def _whole(minimum: int, maximum: int) -> Callable[[Any], int]:
    def convert(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise _Invalid(f"must be a whole number, not {_kind(value)}")
        if not minimum <= value <= maximum:
            raise _Invalid(f"must be from {minimum} to {maximum}, not {value}")
        return value

    return convert


def _entries(value: Any) -> list[Any]:
    """The list itself; each entry (a step, a section) is checked on its own, with its line."""
    if not isinstance(value, list):
        raise _Invalid(f"must be a list, not {_kind(value)}")
    if not value:
        raise _Invalid("must not be empty")
    return value


_SOURCE_FIELDS: dict[str, tuple[bool, Callable[[Any], Any]]] = {
    "key": (True, _slug),
    "title": (True, _text),
    "publisher": (True, _text),
    "year": (False, _year),
    "url": (False, _url),
    "authors": (False, _text),
    "accessed": (False, _date),
}
_TECHNIQUE_FIELDS: dict[str, tuple[bool, Callable[[Any], Any]]] = {
    "id": (True, _slug),
    "name": (True, _text),
    "aliases": (False, _list_of(_text, allow_empty=True)),
    "family": (True, _choice(FAMILIES)),
    "performed_by": (True, _ordered_choices(PERFORMERS)),
    "pressure": (True, _ordered_choices(PRESSURES)),
    "targets": (True, _list_of(_muscle, allow_empty=True)),
    "summary": (True, _text),
    "steps": (True, _list_of(_text)),
    "why_it_may_help": (True, _text),
    "evidence": (True, _mapping),
    "cautions": (True, _list_of(_text)),
    "contraindications": (False, _list_of(_slug, allow_empty=True)),
    "misspellings": (False, _list_of(_text, allow_empty=True)),
    "sources": (True, _list_of(_slug)),
    "reviewed": (False, _date),
}
_NUMBER_FIELDS: dict[str, tuple[bool, Callable[[Any], Any]]] = {
    "region": (True, _slug),
    "name": (True, _text),
    "emergency": (True, _text),
    "urgent": (True, _text),
    "urgent_sources": (True, _list_of(_slug)),
    "territories": (False, _list_of(_territory, allow_empty=True)),
    "sources": (True, _list_of(_slug)),
    "reviewed": (False, _date),
}
_ADVICE_FIELDS: dict[str, tuple[bool, Callable[[Any], Any]]] = {
    urgency: (True, _text) for urgency in URGENCIES
}
_RED_FLAG_FIELDS: dict[str, tuple[bool, Callable[[Any], Any]]] = {
    "id": (True, _slug),
    "urgency": (True, _choice(URGENCIES)),
    "sign": (True, _text),
    "question": (True, _text),
    "asked_if": (False, _slug),
    "summary": (False, _summary),
    "reason": (False, _text),
    "sources": (True, _list_of(_slug)),
    "reviewed": (False, _date),
}
_CONTRAINDICATION_FIELDS: dict[str, tuple[bool, Callable[[Any], Any]]] = {
    "id": (True, _slug),
    "level": (True, _choice(CONTRAINDICATION_LEVELS)),
    "condition": (True, _text),
    "why": (True, _text),
    "question": (False, _text),
    "asked_by": (False, _slug),
    "asked_if": (False, _slug),
    "short": (False, _text),
    "sources": (True, _list_of(_slug)),
    "reviewed": (False, _date),
}
_STOP_RULE_FIELDS: dict[str, tuple[bool, Callable[[Any], Any]]] = {
    "id": (True, _slug),
    "rule": (True, _text),
    "sources": (True, _list_of(_slug)),
    "reviewed": (False, _date),
}
_ROUTINE_FIELDS: dict[str, tuple[bool, Callable[[Any], Any]]] = {
    "id": (True, _slug),
    "name": (True, _text),
    "aliases": (False, _list_of(_text, allow_empty=True)),
    "level": (True, _whole(1, 99)),
    "position": (True, _text),
    "purpose": (True, _text),
    "equipment": (True, _list_of(_text)),
    "not_for": (True, _list_of(_slug)),
    "before": (False, _text),
    "steps": (True, _entries),
    "frequency": (True, _text),
    "should_feel": (True, _text),
    "stop_rules": (True, _list_of(_slug)),
    "aftercare": (True, _text),
    "watch_for": (False, _text),
    "sources": (True, _list_of(_slug)),
    "reviewed": (False, _date),
}
_STEP_FIELDS: dict[str, tuple[bool, Callable[[Any], Any]]] = {
    "instruction": (True, _text),
    "seconds": (False, _whole(1, 600)),
    "passes": (False, _whole(1, 100)),
    "repetitions": (False, _whole(1, 20)),
    "side": (True, _choice(SIDES)),
    "cue": (True, _text),
    "hold": (False, _flag),
    "repeat": (False, _text),
    "optional": (False, _flag),
}
_TOPIC_FIELDS: dict[str, tuple[bool, Callable[[Any], Any]]] = {
    "id": (True, _slug),
    "title": (True, _text),
    "aliases": (False, _list_of(_text, allow_empty=True)),
    "summary": (True, _text),
    "sections": (True, _entries),
    "sources": (True, _list_of(_slug)),
    "reviewed": (False, _date),
}
_TOPIC_SECTION_FIELDS: dict[str, tuple[bool, Callable[[Any], Any]]] = {
    "heading": (True, _text),
    "claim": (False, _text),
    "text": (True, _text),
    "items": (False, _entries),
    "sources": (False, _list_of(_slug)),
}
_TOPIC_ITEM_FIELDS: dict[str, tuple[bool, Callable[[Any], Any]]] = {
    "term": (True, _text),
    "tag": (False, _choice(ITEM_TAGS)),
    "text": (True, _text),
}
_EVIDENCE_FIELDS: dict[str, tuple[bool, Callable[[Any], Any]]] = {
    "level": (True, _choice(EVIDENCE_LEVELS)),
    "summary": (True, _text),
}
_SYNONYM_FIELDS: dict[str, tuple[bool, Callable[[Any], Any]]] = {
    "words": (True, _list_of(_word)),
    "means": (False, _text),
    "note": (False, _text),
}
