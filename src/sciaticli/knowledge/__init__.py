"""The knowledge base: where the bundled file is, and loading it, alone or under a user's file.

The bundled file comes from its snapshot (snapshot.py) when an installed wheel has a verified one:
then neither yaml nor the validator is imported. Otherwise, and for a user's `--kb` file, the
YAML is parsed (yamlfile.py, through the parse cache: parsecache.py) and checked (validate.py).
"""

from __future__ import annotations

from pathlib import Path

from sciaticli.knowledge import snapshot
from sciaticli.model import KnowledgeBase


def bundled_path() -> Path:
    """The knowledge base shipped with sciaticli (in the wheel, or in a source checkout)."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "data" / "techniques.yaml"
    if installed.is_file():
        return installed
    return package.parent.parent / "data" / "techniques.yaml"


def load_knowledge_base(extra: Path | None = None) -> KnowledgeBase:
    """The bundled knowledge base, extended by the user's file `extra` when given."""
    base = bundled_path()
    found = snapshot.read(base)
    if extra is None and found is not None:
        verified = snapshot.knowledge_base(found)
        if verified is not None:
            return verified
    return _check(base, found, extra)


def validate_file(path: Path) -> KnowledgeBase:
    """Check `path` the way `--kb` would use it: on top of the bundled knowledge base."""
    base = bundled_path()
    return _check(base, snapshot.read(base), path)


def _check(base: Path, found: snapshot.Snapshot | None, extra: Path | None) -> KnowledgeBase:
    """Parse and check the bundled file (its parse from the snapshot when there is one) and
    `extra` on top of it."""
    from sciaticli.knowledge.parsecache import parse_file
    from sciaticli.knowledge.validate import load_parsed

    parsed = snapshot.parsed_file(found) if found is not None else None
    files = [parsed if parsed is not None else parse_file(base)]
    if extra is not None:
        files.append(parse_file(extra))
    return load_parsed(files)
