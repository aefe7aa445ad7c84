"""Load and validate knowledge-base files into typed objects.

Validation is strict and complete: every problem in a file is collected (unknown keys, missing
or mistyped fields, bad enum values, duplicate ids, unknown source keys) and reported together,
each with the file, the line and the entry it belongs to. See docs/knowledge-base.md for the format.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from sciaticli.errors import KnowledgeBaseError, Problem
from sciaticli.model import (
    EVIDENCE_LEVELS,
    FAMILIES,
    PERFORMERS,
    PRESSURES,
    Evidence,
    KnowledgeBase,
    Source,
    Technique,
)
from sciaticli.yamlparse import Location, ParsedFile, parse_file

SECTIONS = ("sources", "techniques", "routines", "safety", "topics")
# Sections later releases fill in; accepted now so that files written for them still load.
RESERVED_SECTIONS = ("routines", "safety", "topics")
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class _Invalid(Exception):
    """A value is not what its field needs; the message says what it should be."""


def bundled_path() -> Path:
    """The knowledge base shipped with sciaticli (in the wheel, or in a source checkout)."""
    package = Path(__file__).resolve().parent
    installed = package / "data" / "techniques.yaml"
    if installed.is_file():
        return installed
    return package.parent.parent / "data" / "techniques.yaml"


def load_knowledge_base(extra: Path | None = None) -> KnowledgeBase:
    """The bundled knowledge base, extended by the user's file `extra` when given."""
    files = [bundled_path()] + ([extra] if extra is not None else [])
    return _load_layers(files)


def validate_file(path: Path) -> KnowledgeBase:
    """Check `path` the way `--kb` would use it: on top of the bundled knowledge base."""
    return _load_layers([bundled_path(), path])


def _load_layers(paths: list[Path]) -> KnowledgeBase:
    layers = [_Layer(parse_file(path), is_base=index == 0) for index, path in enumerate(paths)]
    sources: dict[str, Source] = {}
    techniques: dict[str, Technique] = {}
    for layer in layers:
        layer.read()
        sources.update(layer.sources)
        techniques.update(layer.techniques)
    problems = [problem for layer in layers for problem in layer.problems]
    for layer in layers:
        problems += layer.check_citations(sources)
    if problems:
        raise KnowledgeBaseError(problems)
    return KnowledgeBase(sources, techniques, tuple(layer.parsed.path for layer in layers))


class _Layer:
    """One file being validated; collects its entries and every problem in it."""

    def __init__(self, parsed: ParsedFile, *, is_base: bool) -> None:
        self.parsed = parsed
        self.is_base = is_base
        self.problems: list[Problem] = []
        self.sources: dict[str, Source] = {}
        self.techniques: dict[str, Technique] = {}
        self.citations: list[tuple[str, Location, tuple[str, ...]]] = []

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
        self._unknown_keys(document, SECTIONS, (), None)
        for section in ("sources", "techniques"):
            if section not in document and self.is_base:
                self.report((), None, f"missing section '{section}'")
        self.sources = self._section(document, "sources", "key", "source", self._source)
        self.techniques = self._section(document, "techniques", "id", "technique", self._technique)

    def _section(
        self,
        document: dict[Any, Any],
        section: str,
        id_field: str,
        kind: str,
        build: Callable[[dict[Any, Any], Location, str], Any],
    ) -> dict[str, Any]:
        entries = document.get(section)
        if entries is None:
            return {}
        if not isinstance(entries, list):
            self.report((section,), None, f"'{section}' must be a list, not {_kind(entries)}")
            return {}
        built: dict[str, Any] = {}
        for index, raw in enumerate(entries):
            location: Location = (section, index)
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
        return built

    def _fields(
        self,
        raw: dict[Any, Any],
        location: Location,
        label: str,
        spec: dict[str, tuple[bool, Callable[[Any], Any]]],
    ) -> tuple[dict[str, Any], bool]:
        """Check `raw` against `spec` (name -> (required, converter)): the good values, and
        whether every field was good."""
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

    def _source(self, raw: dict[Any, Any], location: Location, label: str) -> Source | None:
        values, valid = self._fields(raw, location, label, _SOURCE_FIELDS)
        return Source(**values, origin=self.parsed.path) if valid else None

    def _technique(self, raw: dict[Any, Any], location: Location, label: str) -> Technique | None:
        values, valid = self._fields(raw, location, label, _TECHNIQUE_FIELDS)
        if "sources" in values:
            self.citations.append((label, (*location, "sources"), values["sources"]))
        if "evidence" in values:
            evidence, evidence_valid = self._fields(
                values["evidence"], (*location, "evidence"), label, _EVIDENCE_FIELDS
            )
            values["evidence"] = Evidence(**evidence) if evidence_valid else None
            valid = valid and evidence_valid
        return Technique(**values, origin=self.parsed.path) if valid else None

    def check_citations(self, sources: dict[str, Source]) -> list[Problem]:
        problems = []
        for label, location, keys in self.citations:
            for index, key in enumerate(keys):
                if key not in sources:
                    hint = _did_you_mean(key, tuple(sources))
                    line = self.parsed.line_of((*location, index))
                    problems.append(
                        Problem(self.parsed.path, line, label, f"unknown source '{key}'{hint}")
                    )
        return problems


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


def _slug(value: Any) -> str:
    text = _text(value)
    if not _SLUG.fullmatch(text):
        raise _Invalid(f"must be lower-case letters, digits and single hyphens, not '{text}'")
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


def _mapping(value: Any) -> dict[Any, Any]:
    if not isinstance(value, dict):
        raise _Invalid(f"must be a mapping with level and summary, not {_kind(value)}")
    return value


_SOURCE_FIELDS: dict[str, tuple[bool, Callable[[Any], Any]]] = {
    "key": (True, _slug),
    "title": (True, _text),
    "publisher": (True, _text),
    "year": (False, _year),
    "url": (False, _url),
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
    "sources": (True, _list_of(_slug)),
}
_EVIDENCE_FIELDS: dict[str, tuple[bool, Callable[[Any], Any]]] = {
    "level": (True, _choice(EVIDENCE_LEVELS)),
    "summary": (True, _text),
}
