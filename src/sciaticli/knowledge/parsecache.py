"""Parse a knowledge-base file through the parse cache (`parsed/` in the cache folder).

Parsing is the slow part of loading a file (importing yaml alone costs about as much as the rest of
the CLI), so the result of a parse is cached with marshal, keyed on the file's path, size,
modification time and BLAKE2b digest; the cache keeps the newest MAX_CACHE_ENTRIES entries, at most
MAX_CACHE_BYTES together. Validation is not cached: it runs on every load, over the parsed data.

A cache file is checked before it is trusted: its BLAKE2b digest must match its content (a damaged
file is a miss and never reaches marshal), its key must match the file being read (including the
digest of the source bytes) and its payload must have the types a parse gives.
"""

from __future__ import annotations

import marshal
import os
from pathlib import Path
from typing import Any

try:  # hashlib's own BLAKE2b, without the 3 ms that importing hashlib (OpenSSL) costs
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import blake2b

from sciaticli import __version__, cachefiles
from sciaticli.knowledge.yamlfile import ParsedFile, parse_bytes, read_file

_CACHE_FORMAT = 3
_CACHE_MAGIC = b"sciaticli parse cache\x00"
_DIGEST_SIZE = 32


def parse_file(path: Path) -> ParsedFile:
    """Parse `path`; raise SciaticliError if it cannot be read, KnowledgeBaseError if not YAML."""
    shown = str(path)
    raw, stat = read_file(path, shown)
    key = (
        _CACHE_FORMAT,
        __version__,
        os.fsencode(path.resolve()),  # any path that exists, UTF-8 or not
        len(raw),
        stat.st_mtime_ns,
        blake2b(raw, digest_size=_DIGEST_SIZE).digest(),
    )
    cached = _read_cache(key)
    if cached is not None:
        data, lines, duplicates = cached
        return ParsedFile(shown, data, lines, duplicates)
    parsed = parse_bytes(raw, shown)
    _write_cache(key, (parsed.data, parsed.lines, parsed.duplicate_keys))
    return parsed


CACHE_FOLDER = "parsed"
# The parse cache keeps the newest entries only: at most this many, this many bytes together (a
# 4 MB file parses to an entry of about 3 MB; the bundled file's is about 0.2 MB).
MAX_CACHE_ENTRIES = 8
MAX_CACHE_BYTES = 16 * 1024 * 1024


def cache_dir() -> Path:
    """Where parse results are kept: the `parsed` folder of the cache (cachefiles.cache_dir)."""
    return Path(cachefiles.cache_dir()) / CACHE_FOLDER


def _cache_name(key: tuple[Any, ...]) -> str:
    return f"parsed-{blake2b(key[2], digest_size=8).hexdigest()}.marshal"


def _read_cache(key: tuple[Any, ...]) -> Any:
    """The cached parse for `key`, or None for a miss: no file, a damaged one (its digest does
    not match, cachefiles.read), another key, or a payload of the wrong shape."""
    body = cachefiles.read(CACHE_FOLDER, _cache_name(key), _CACHE_MAGIC)
    if body is None:
        return None
    try:
        stored_key, payload = marshal.loads(body)
    except (ValueError, EOFError, TypeError):
        return None
    if stored_key != key or not _is_payload(payload):
        return None
    return payload


_SCALAR_TYPES = frozenset((str, int, float, bool, type(None), bytes))
_KEY_TYPES = _SCALAR_TYPES


def _is_payload(payload: Any) -> bool:
    """Whether `payload` is (data, lines, duplicates) with only the types a YAML parse gives.
    (Set operations over map(type, ...) keep this check to about a millisecond.)"""
    if not (isinstance(payload, tuple) and len(payload) == 3):
        return False
    data, lines, duplicates = payload
    if type(lines) is not dict or type(duplicates) is not tuple:
        return False
    if not set(map(type, lines)) <= {tuple} or not set(map(type, lines.values())) <= {int}:
        return False
    if not all(
        type(entry) is tuple and len(entry) == 2 and type(entry[0]) is tuple
        and type(entry[1]) is int
        for entry in duplicates
    ):  # fmt: skip
        return False
    pending = [data]
    while pending:
        value = pending.pop()
        kind = type(value)
        if kind is dict:
            if not set(map(type, value)) <= _KEY_TYPES:
                return False
            pending += value.values()
        elif kind is list or kind is set:
            pending += value
        elif kind not in _SCALAR_TYPES:
            return False
    return True


def _write_cache(key: tuple[Any, ...], payload: Any) -> None:
    """Best effort: a cache that cannot be written (read-only home, odd values) is skipped."""
    try:
        body = marshal.dumps((key, payload))
    except ValueError:
        return
    name = _cache_name(key)
    if cachefiles.write(CACHE_FOLDER, name, _CACHE_MAGIC, body):
        cachefiles.prune(
            CACHE_FOLDER, max_entries=MAX_CACHE_ENTRIES, max_bytes=MAX_CACHE_BYTES, keep=name
        )
