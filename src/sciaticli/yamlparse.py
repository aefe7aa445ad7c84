"""Read a YAML file into plain data plus the line of every key and list item.

The line map lets validation name the line of each problem. Parsing is the slow part of start-up
(importing yaml alone costs about as much as the rest of the CLI), so the result of a parse is
cached with marshal, keyed on the file's path, size, modification time and checksum.
Validation is not cached: it runs on every load, over the parsed data.
"""

from __future__ import annotations

import marshal
import os
import zlib
from pathlib import Path
from typing import Any, NamedTuple

from sciaticli import __version__
from sciaticli.errors import KnowledgeBaseError, Problem, SciaticliError

# A location inside the document: mapping keys and list indexes from the root.
Location = tuple[str | int, ...]

_CACHE_FORMAT = 2


class ParsedFile(NamedTuple):
    path: str
    data: Any
    lines: dict[Location, int]
    duplicate_keys: tuple[tuple[Location, int], ...] = ()

    def line_of(self, location: Location) -> int | None:
        """The line of `location`, or of its nearest enclosing key or item that has one."""
        for end in range(len(location), -1, -1):
            line = self.lines.get(location[:end])
            if line is not None:
                return line
        return None


def parse_file(path: Path) -> ParsedFile:
    """Parse `path`; raise SciaticliError if it cannot be read, KnowledgeBaseError if not YAML."""
    shown = str(path)
    try:
        raw = path.read_bytes()
        stat = path.stat()
    except FileNotFoundError:
        raise SciaticliError(f"knowledge base file not found: {shown}") from None
    except IsADirectoryError:
        raise SciaticliError(f"knowledge base path is a directory, not a file: {shown}") from None
    except OSError as error:
        raise SciaticliError(f"cannot read knowledge base file {shown}: {error.strerror}") from None

    key = (
        _CACHE_FORMAT,
        __version__,
        str(path.resolve()),
        len(raw),
        stat.st_mtime_ns,
        zlib.crc32(raw),
    )
    cached = _read_cache(key)
    if cached is not None:
        data, lines, duplicates = cached
        return ParsedFile(shown, data, lines, duplicates)
    parsed = _parse_bytes(raw, shown)
    _write_cache(key, (parsed.data, parsed.lines, parsed.duplicate_keys))
    return parsed


def _parse_bytes(raw: bytes, shown: str) -> ParsedFile:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        bad_line = raw[: error.start].count(b"\n") + 1
        raise KnowledgeBaseError([Problem(shown, bad_line, None, "not UTF-8 text")]) from None
    import yaml

    loader = _loader_class()(text)
    try:
        node = loader.get_single_node()
        lines: dict[Location, int] = {}
        duplicates: list[tuple[Location, int]] = []
        if node is not None:
            lines[()] = node.start_mark.line + 1
            _record_lines(node, (), lines, duplicates, set())
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else None
        detail = " ".join(part for part in (error.context, error.problem) if part)
        raise KnowledgeBaseError(
            [Problem(shown, line, None, f"not valid YAML: {detail}")]
        ) from None
    except yaml.YAMLError as error:
        detail = " ".join(str(error).split())
        raise KnowledgeBaseError(
            [Problem(shown, None, None, f"not valid YAML: {detail}")]
        ) from None
    except RecursionError:
        raise KnowledgeBaseError([Problem(shown, None, None, "nested too deeply")]) from None
    except (ValueError, TypeError, OverflowError) as error:
        # The safe constructor raises these for values such as an impossible date.
        detail = " ".join(str(error).split())
        raise KnowledgeBaseError(
            [Problem(shown, None, None, f"bad YAML value: {detail}")]
        ) from None
    finally:
        loader.dispose()
    return ParsedFile(shown, data, lines, tuple(duplicates))


_LOADER: Any = None
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


def _loader_class() -> Any:
    """The safe loader, fast C version where built, with dates left as text: a review date
    stays `2026-11-22` (validation checks it), and the parse result stays cacheable."""
    global _LOADER
    if _LOADER is None:
        import yaml

        base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        _LOADER = type("KnowledgeBaseLoader", (base,), {})
        _LOADER.yaml_implicit_resolvers = {
            first: [(tag, pattern) for tag, pattern in resolvers if tag != _TIMESTAMP]
            for first, resolvers in base.yaml_implicit_resolvers.items()
        }
    return _LOADER


def _record_lines(
    node: Any,
    location: Location,
    lines: dict[Location, int],
    duplicates: list[tuple[Location, int]],
    seen: set[int],
) -> None:
    """Walk the composed node tree once; aliases are visited once (no exponential blow-up)."""
    if id(node) in seen:
        return
    seen.add(id(node))
    if node.id == "mapping":
        keys: set[str] = set()
        for key_node, value_node in node.value:
            if not isinstance(key_node.value, str):
                continue
            child = (*location, key_node.value)
            line = key_node.start_mark.line + 1
            if key_node.value in keys and key_node.value != "<<":
                duplicates.append((child, line))
            keys.add(key_node.value)
            lines.setdefault(child, line)
            _record_lines(value_node, child, lines, duplicates, seen)
    elif node.id == "sequence":
        for index, item in enumerate(node.value):
            child = (*location, index)
            lines.setdefault(child, item.start_mark.line + 1)
            _record_lines(item, child, lines, duplicates, seen)


def cache_dir() -> Path:
    """Where parse results are kept: SCIATICLI_CACHE_DIR, SCIATICLI_HOME/cache, or the XDG cache."""
    explicit = os.environ.get("SCIATICLI_CACHE_DIR")
    if explicit:
        return Path(explicit)
    home = os.environ.get("SCIATICLI_HOME")
    if home:
        return Path(home) / "cache"
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base / "sciaticli"


def _cache_file(key: tuple[Any, ...]) -> Path:
    return cache_dir() / f"parsed-{zlib.crc32(key[2].encode()):08x}.marshal"


def _read_cache(key: tuple[Any, ...]) -> Any:
    try:
        stored_key, payload = marshal.loads(_cache_file(key).read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None
    return payload if stored_key == key else None


def _write_cache(key: tuple[Any, ...], payload: Any) -> None:
    """Best effort: a cache that cannot be written (read-only home, odd values) is skipped."""
    try:
        blob = marshal.dumps((key, payload))
    except ValueError:
        return
    target = _cache_file(key)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(blob)
        os.replace(temporary, target)
    except OSError:
        return
