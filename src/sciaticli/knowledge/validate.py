"""Check parsed knowledge-base files and build the typed knowledge base from them.

Validation is strict and complete: every problem in a file is collected (unknown keys, missing
or mistyped fields, bad enum values, duplicate ids, unknown source keys) and reported together,
each with the file, the line and the entry it belongs to. Each file is read by reader.py (its
fields: fields.py), then the files are checked together (checks.py) and merged, a user's file
over the bundled one. docs/knowledge-base.md documents the format.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sciaticli.errors import KnowledgeBaseError
from sciaticli.knowledge import checks
from sciaticli.knowledge.parsecache import parse_file
from sciaticli.knowledge.reader import Layer
from sciaticli.knowledge.yamlfile import ParsedFile
from sciaticli.model import KnowledgeBase, Safety


def load_files(paths: list[Path]) -> KnowledgeBase:
    """Parse and check `paths` (the bundled file first) into one knowledge base."""
    return load_parsed([parse_file(path) for path in paths])


def load_parsed(files: list[ParsedFile]) -> KnowledgeBase:
    """Check parsed files (the bundled one first) and build one knowledge base from them;
    KnowledgeBaseError lists every problem in every file."""
    layers = [Layer(parsed, is_base=index == 0) for index, parsed in enumerate(files)]
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
    problems += checks.territories(layers)
    problems += checks.synonyms(layers)
    for layer in layers[1:]:
        problems += checks.safety_not_weakened(layer, layers[0])
    for layer in layers:
        problems += checks.references(layer, known)
        problems += checks.question_ids(layer, merged)
        problems += checks.question_links(layer, merged)
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
