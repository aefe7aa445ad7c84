"""The bundled knowledge base's snapshot: its parsed and checked form, built into the wheel.

Building the wheel (hatch_build.py) parses data/techniques.yaml, checks it and writes
`techniques.snapshot` beside it. A run reads the YAML file's bytes and uses the snapshot only if
it is whole (the BLAKE2b digest in its header matches its content) and was made from exactly
these bytes (their digest is in its key), by this version of sciaticli, for typed objects of
this shape. Then the knowledge base is rebuilt from it without importing yaml or the validator.

Anything else is None, and the caller parses and checks the YAML as for any other file: no
snapshot (a source checkout or an editable install never has one), a damaged or edited one,
one built from other bytes (the YAML was changed after the build) or by other code.
The parse cache in the user's folder never holds a snapshot: what skips the checks comes only
from the build, installed beside the code it belongs to.
"""

from __future__ import annotations

import marshal
import os
from pathlib import Path
from typing import Any, NamedTuple

try:  # hashlib's own BLAKE2b, without the 3 ms that importing hashlib (OpenSSL) costs
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import blake2b

from sciaticli import __version__, model, model_topics
from sciaticli.model import KnowledgeBase

TYPE_CHECKING = False
if TYPE_CHECKING:
    from sciaticli.knowledge.yamlfile import ParsedFile

NAME = "techniques.snapshot"
MAGIC = b"sciaticli knowledge snapshot\x00"
FORMAT = 1
DIGEST_SIZE = 32
MAX_BYTES = 16 * 1024 * 1024
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


# How a field of a typed object holds other typed objects (a snapshot's plan, _plan):
ONE, EACH, VALUES = 0, 1, 2  # the object itself (or None), a tuple of them, a dict of them
Plan = dict[str, tuple[tuple[int, int, str], ...]]


class Snapshot(NamedTuple):
    """A snapshot that matched its YAML file; its parts are decoded only when asked."""

    path: str  # the YAML file, as its entries name it
    plan: Plan  # for each kind of typed object, which fields hold others
    knowledge: bytes  # the checked knowledge base, encoded (_encode)
    parsed: bytes  # the parse: (data, lines, duplicate keys), for a check with a --kb file
    parsed_digest: bytes


def path_for(yaml_path: Path) -> Path:
    """Where the snapshot of `yaml_path` is: beside it."""
    return yaml_path.with_name(NAME)


def read(yaml_path: Path) -> Snapshot | None:
    """The snapshot of `yaml_path` if it is whole and was built from the file's current bytes
    by this code; None otherwise (the caller then parses the YAML)."""
    raw = _read_file(yaml_path)
    blob = _read_file(path_for(yaml_path))
    if raw is None or blob is None:
        return None
    header = len(MAGIC) + DIGEST_SIZE
    if len(blob) < header or not blob.startswith(MAGIC):
        return None
    try:
        head, parsed, parsed_digest = marshal.loads(memoryview(blob)[header:])
        if type(head) is not bytes or _digest(raw, head) != blob[len(MAGIC) : header]:
            return None
        key, plan, knowledge = marshal.loads(head)
    except (ValueError, EOFError, TypeError):
        return None
    if key != _key() or type(knowledge) is not bytes or type(parsed) is not bytes:
        return None
    return Snapshot(str(yaml_path), plan, knowledge, parsed, parsed_digest)


def knowledge_base(snapshot: Snapshot) -> KnowledgeBase | None:
    """The checked knowledge base in `snapshot`, its entries naming the YAML file; None if
    it does not decode to one."""
    try:
        decoder = _Decoder(snapshot.plan, snapshot.path)
        decoded = decoder.decode(marshal.loads(snapshot.knowledge), "KnowledgeBase")
    except (ValueError, EOFError, TypeError, IndexError, KeyError, AttributeError):
        return None
    if type(decoded) is not KnowledgeBase:
        return None
    return decoded._replace(files=(snapshot.path,))


def parsed_file(snapshot: Snapshot) -> ParsedFile | None:
    """The parse of the YAML file in `snapshot`, as the YAML reader gives it; None if damaged."""
    from sciaticli.knowledge.yamlfile import ParsedFile

    if _digest(snapshot.parsed) != snapshot.parsed_digest:
        return None
    try:
        data, lines, duplicates = marshal.loads(snapshot.parsed)
    except (ValueError, EOFError, TypeError):
        return None
    return ParsedFile(snapshot.path, data, lines, duplicates)


def build(yaml_path: Path) -> bytes:
    """The snapshot of `yaml_path` (for the wheel). Raises KnowledgeBaseError if the file has
    problems, ValueError if the snapshot would not read back as the same knowledge base."""
    from sciaticli.knowledge.validate import load_parsed
    from sciaticli.knowledge.yamlfile import parse_bytes

    raw = yaml_path.read_bytes()
    shown = str(yaml_path)
    parsed = parse_bytes(raw, shown)
    checked = load_parsed([parsed])
    plan: dict[str, dict[int, tuple[int, str]]] = {}
    encoded = _encode(checked._replace(files=()), shown, plan)
    fixed = {
        name: tuple((at, *how) for at, how in sorted(fields.items()))
        for name, fields in plan.items()
    }
    knowledge = marshal.dumps(encoded)
    parse = marshal.dumps((parsed.data, parsed.lines, parsed.duplicate_keys))
    head = marshal.dumps((_key(), fixed, knowledge))
    snapshot = Snapshot(shown, fixed, knowledge, parse, _digest(parse))
    if knowledge_base(snapshot) != checked:
        raise ValueError(f"the snapshot of {shown} does not read back as its knowledge base")
    return MAGIC + _digest(raw, head) + marshal.dumps((head, parse, _digest(parse)))


def write(yaml_path: Path, target: Path) -> None:
    """Build the snapshot of `yaml_path` into the file `target` (hatch_build.py calls this)."""
    target.write_bytes(build(yaml_path))


def _read_file(path: Path) -> bytes | None:
    """The bytes of a regular file of at most MAX_BYTES, or None; never blocks on a FIFO."""
    import stat as stat_module

    try:
        descriptor = os.open(path, _READ_FLAGS)
    except (OSError, ValueError):
        return None
    try:
        stat = os.fstat(descriptor)
        if not stat_module.S_ISREG(stat.st_mode) or stat.st_size > MAX_BYTES:
            return None
        with os.fdopen(os.dup(descriptor), "rb") as file:
            data = file.read(MAX_BYTES + 1)
        return data if len(data) <= MAX_BYTES else None
    except OSError:
        return None
    finally:
        os.close(descriptor)


def _digest(*parts: bytes) -> bytes:
    hasher = blake2b(digest_size=DIGEST_SIZE)
    for part in parts:
        hasher.update(part)
    return hasher.digest()


def _classes() -> dict[str, Any]:
    """The typed objects of the knowledge base (the NamedTuples of model and model_topics),
    by name."""
    return {
        name: value
        for module in (model, model_topics)
        for name, value in vars(module).items()
        if isinstance(value, type) and issubclass(value, tuple) and hasattr(value, "_fields")
    }


def _key() -> tuple[Any, ...]:
    """What a snapshot must have been made by: this format, this version, these shapes."""
    shapes = tuple((name, kind._fields) for name, kind in sorted(_classes().items()))
    return (FORMAT, __version__, shapes)


def _typed(value: Any) -> bool:
    return isinstance(value, tuple) and hasattr(value, "_fields")


def _encode(value: Any, origin: str, plan: dict[str, dict[int, tuple[int, str]]]) -> Any:
    """The typed object `value` as a plain tuple of its fields, its `origin` left empty; `plan`
    records which fields hold other typed objects, and how (ONE, EACH, VALUES)."""
    name = type(value).__name__
    if _classes().get(name) is not type(value):
        raise ValueError(f"not a knowledge-base type: {name}")
    fields = plan.setdefault(name, {})
    encoded = []
    for at, (field, item) in enumerate(zip(value._fields, value, strict=True)):
        how: tuple[int, str] | None = None
        if field == "origin":
            if item != origin:
                raise ValueError(f"an entry from another file: {item}")
            item = ""
        elif _typed(item):
            how, item = (ONE, type(item).__name__), _encode(item, origin, plan)
        elif type(item) is tuple and item and all(map(_typed, item)):
            how = (EACH, type(item[0]).__name__)
            item = tuple(_encode(each, origin, plan) for each in item)
        elif type(item) is dict and item and all(map(_typed, item.values())):
            how = (VALUES, type(next(iter(item.values()))).__name__)
            item = {key: _encode(each, origin, plan) for key, each in item.items()}
        else:
            _check_plain(item)
        if how is not None and fields.setdefault(at, how) != how:
            raise ValueError(f"{name}.{field} holds typed objects of more than one kind")
        encoded.append(item)
    return tuple(encoded)


def _check_plain(value: Any) -> None:
    """`value` holds no typed object and only what marshal keeps as it is."""
    if type(value) in (tuple, list):
        for item in value:
            _check_plain(item)
    elif type(value) is dict:
        for item in value.values():
            _check_plain(item)
    elif not (value is None or type(value) in (str, int, float, bool)):
        raise ValueError(f"cannot keep a {type(value).__name__} in a snapshot")


class _Decoder:
    """Rebuilds typed objects from their encoded fields by the plan, the file as their origin."""

    def __init__(self, plan: Plan, origin: str) -> None:
        classes = _classes()
        self.origin = origin
        self.kinds = {}
        for name, kind in classes.items():
            where = kind._fields.index("origin") if "origin" in kind._fields else None
            self.kinds[name] = (kind._make, where, plan.get(name, ()))

    def decode(self, fields: Any, name: str) -> Any:
        make, origin_at, nested = self.kinds[name]
        if not nested and origin_at is None:
            return make(fields)
        values = list(fields)
        for at, how, inner in nested:
            value = values[at]
            if how == ONE:
                if value is not None:
                    values[at] = self.decode(value, inner)
            elif how == EACH:
                values[at] = tuple([self.decode(each, inner) for each in value])
            else:
                values[at] = {key: self.decode(each, inner) for key, each in value.items()}
        if origin_at is not None:
            values[origin_at] = self.origin
        return make(values)
