"""Read a YAML file into plain data plus the line of every key and list item.

The line map lets validation name the line of each problem. A knowledge-base file cannot crash or
hang sciaticli:

- only a regular file is read, opened without blocking (a FIFO or a device is refused) and at
  most MAX_FILE_BYTES of it;
- text nested deeper than the C parser can take (it overflows the C stack at some tens of
  thousands of levels) goes to the pure-Python parser, which stops cleanly;
- aliases and merge keys (`<<`) may not expand the document past MAX_NODES nodes, which bounds
  "billion laughs" and merge-key bombs before anything is built.

yaml itself is imported only when a file is parsed (parsecache.py keeps parses).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, NamedTuple

from sciaticli.errors import KnowledgeBaseError, Problem, SciaticliError

# A location inside the document: mapping keys and list indexes from the root.
Location = tuple[str | int, ...]

# Limits on a knowledge-base file: far above what a real one needs (the bundled file is 120 kB,
# about 10,000 nodes, nested 8 deep).
MAX_FILE_BYTES = 4 * 1024 * 1024
MAX_NODES = 200_000
# Past these, the text may be deeply nested: the pure-Python parser reads it instead of the C one.
MAX_FLOW_DEPTH = 100
MAX_LINE_INDENT = 200
_FLOW = re.compile(rb"[\[\]{}]")
_DEEP_LINE_START = re.compile(rb"(?m)^[ \t?:-]{%d}" % MAX_LINE_INDENT)


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


def read_file(path: Path, shown: str) -> tuple[bytes, os.stat_result]:
    """The bytes of a regular file, at most MAX_FILE_BYTES; never blocks on a FIFO or device."""
    import stat as stat_module

    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(path, flags)
    except FileNotFoundError:
        raise SciaticliError(f"knowledge base file not found: {shown}") from None
    except IsADirectoryError:
        raise SciaticliError(f"knowledge base path is a directory, not a file: {shown}") from None
    except OSError as error:
        raise SciaticliError(f"cannot read knowledge base file {shown}: {error.strerror}") from None
    except ValueError:  # a NUL in the path
        raise SciaticliError(f"knowledge base file not found: {shown}") from None
    try:
        stat = os.fstat(descriptor)
        if stat_module.S_ISDIR(stat.st_mode):
            raise SciaticliError(f"knowledge base path is a directory, not a file: {shown}")
        if not stat_module.S_ISREG(stat.st_mode):
            raise SciaticliError(
                f"knowledge base path is not a regular file (a pipe, device or socket): {shown}"
            )
        if stat.st_size > MAX_FILE_BYTES:
            raise SciaticliError(_too_big(shown))
        chunks, size = [], 0
        while size <= MAX_FILE_BYTES:  # the file may grow while it is read
            chunk = os.read(descriptor, MAX_FILE_BYTES + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > MAX_FILE_BYTES:
            raise SciaticliError(_too_big(shown))
        return b"".join(chunks), stat
    except OSError as error:
        raise SciaticliError(f"cannot read knowledge base file {shown}: {error.strerror}") from None
    finally:
        os.close(descriptor)


def _too_big(shown: str) -> str:
    return f"knowledge base file {shown} is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB"


def _looks_deep(raw: bytes) -> bool:
    """Whether `raw` may be nested past what the C parser's stack can take (a cheap scan that
    may say yes to brackets inside strings: those files are then read by the Python parser)."""
    if _DEEP_LINE_START.search(raw):
        return True
    if raw.count(b"[") + raw.count(b"{") <= MAX_FLOW_DEPTH:
        return False
    depth = 0
    for match in _FLOW.finditer(raw):
        depth += 1 if match.group() in (b"[", b"{") else -1
        if depth > MAX_FLOW_DEPTH:
            return True
    return False


def parse_bytes(raw: bytes, shown: str) -> ParsedFile:
    """Parse the bytes of the file `shown` (no cache); KnowledgeBaseError if not YAML."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        bad_line = raw[: error.start].count(b"\n") + 1
        raise KnowledgeBaseError([Problem(shown, bad_line, None, "not UTF-8 text")]) from None
    import yaml

    loader = _loader_class(pure=_looks_deep(raw))(text)
    try:
        node = loader.get_single_node()
        lines: dict[Location, int] = {}
        duplicates: list[tuple[Location, int]] = []
        if node is not None:
            lines[()] = node.start_mark.line + 1
            _record_lines(node, (), lines, duplicates, set())
            if _expanded_size(node, {}) > MAX_NODES:
                raise KnowledgeBaseError([Problem(shown, None, None, _too_many_nodes())]) from None
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


_LOADERS: dict[bool, Any] = {}
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


def _loader_class(*, pure: bool) -> Any:
    """The safe loader (the fast C one where built, or the pure-Python one for text that may be
    nested too deeply for C) with dates left as text: a review date stays `2026-11-22`
    (validation checks it), and the parse result stays cacheable."""
    if pure not in _LOADERS:
        import yaml

        base = yaml.SafeLoader if pure else getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        loader: Any = type("KnowledgeBaseLoader", (base,), {})
        loader.yaml_implicit_resolvers = {
            first: [(tag, pattern) for tag, pattern in resolvers if tag != _TIMESTAMP]
            for first, resolvers in base.yaml_implicit_resolvers.items()
        }
        _LOADERS[pure] = loader
    return _LOADERS[pure]


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


def _expanded_size(node: Any, sizes: dict[int, int]) -> int:
    """How many nodes the document has once every alias and merge key is expanded: what
    building it costs. Each node is counted once (`sizes`), so the count itself is cheap."""
    known = sizes.get(id(node))
    if known is not None:
        return known
    sizes[id(node)] = 1  # a node inside itself (a recursive alias) counts once
    total = 1
    if node.id == "mapping":
        for key_node, value_node in node.value:
            total += _expanded_size(key_node, sizes) + _expanded_size(value_node, sizes)
    elif node.id == "sequence":
        for item in node.value:
            total += _expanded_size(item, sizes)
    sizes[id(node)] = total
    return total


def _too_many_nodes() -> str:
    return (
        f"more than {MAX_NODES:,} values once its aliases (*name) and merge keys (<<) are "
        "expanded; a knowledge-base file needs far fewer"
    )
