"""The reader: one parsed knowledge-base file into typed entries (model), with every problem in
it (unknown keys, missing or mistyped fields, bad values, duplicate ids) named by file, line and
entry. The fields each entry takes, and how each value is checked, are in fields.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from sciaticli.errors import Problem
from sciaticli.knowledge.fields import (
    _ADVICE_FIELDS,
    _CONTRAINDICATION_FIELDS,
    _EVIDENCE_FIELDS,
    _NUMBER_FIELDS,
    _RED_FLAG_FIELDS,
    _ROUTINE_FIELDS,
    _SOURCE_FIELDS,
    _STEP_FIELDS,
    _STOP_RULE_FIELDS,
    _SYNONYM_FIELDS,
    _TECHNIQUE_FIELDS,
    _TOPIC_FIELDS,
    _TOPIC_ITEM_FIELDS,
    _TOPIC_SECTION_FIELDS,
    _did_you_mean,
    _Invalid,
    _kind,
    _text,
    _version,
)
from sciaticli.knowledge.steps import hold_problems, needs_briefs, step_problems
from sciaticli.knowledge.yamlfile import Location, ParsedFile
from sciaticli.model import (
    Contraindication,
    EmergencyNumber,
    Evidence,
    RedFlag,
    Routine,
    Source,
    Step,
    StopRule,
    Technique,
)
from sciaticli.model_topics import (
    Synonym,
    Topic,
    TopicItem,
    TopicSection,
)

SECTIONS = ("sources", "safety", "techniques", "routines", "topics")
# `synonyms` is optional, also in the bundled file: everyday words for search and --target.
TOP_LEVEL = ("version", *SECTIONS, "synonyms")
SAFETY_PARTS = ("emergency_numbers", "advice", "red_flags", "contraindications", "stop_rules")
Built = TypeVar("Built")


class Layer:
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
        briefs = needs_briefs(raw)
        if briefs and "aftercare_brief" not in raw:
            self.report(location, label, f"missing required field 'aftercare_brief' ({briefs})")
            valid = False
        kind = values.get("kind", "ball")
        if kind == "movement" and "reviewed" not in raw:
            self.report(location, label, "missing required field 'reviewed' (a movement routine)")
            valid = False
        if "steps" in values:
            steps = []
            for index, raw_step in enumerate(values["steps"]):
                where = (*location, "steps", index)
                step = self._step(raw_step, where, f"{label} step {index + 1}")
                problems = [] if step is None else step_problems(step, kind, briefs)
                for inside, message in problems:
                    self.report((*where, *inside), f"{label} step {index + 1}", message)
                step = None if problems else step
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
        self._refer(values, "sources", location, label, "source")
        self._refer(values, "stop_rules", location, label, "stop rule")
        self._refer(values, "cautions", location, label, "contraindication")
        if isinstance(raw, dict) and ("seconds" in raw) == ("passes" in raw):
            self.report(location, label, "needs either 'seconds' or 'passes', not both or neither")
            valid = False
        for problem in hold_problems(values):
            self.report(location, label, problem)
            valid = False
        return Step(**values) if valid else None
