"""A cache of rendered pages, for output that goes to a pipe or a file.

Most of a run's time is spent importing Typer, the knowledge base and the renderers. A page such
as `sciaticli techniques | less` depends only on what is in the key below, so its bytes are kept
in the cache folder (cachefiles, subfolder `pages/`) and the next identical run writes them back
without importing any of that. `__main__` asks here first.

The key is everything the output can depend on:
- the arguments, and the working folder when a knowledge-base path may be relative;
- the whole environment (but PWD, OLDPWD, SHLVL and `_`, which change and mean nothing here);
- today's date (the review line and the like);
- the interpreter, its flags, standard output's encoding and error handler;
- sciaticli's version, and the identity (size, modification time, inode) of each module file,
  and of the folders the other packages are installed in (an upgrade of rich or typer);
- each knowledge-base file read, by the BLAKE2b digest of its content (checked on every hit, so
  a file changed within the same second is still a miss).

Never cached: a terminal (rich output, a pager, colours), rich output in a pipe (FORCE_COLOR),
a run that wrote to stderr or did not end with status 0, a shell-completion request, the
commands that ask questions or write (check, log, journal, history, validate, --guided),
`--help`, and any run with SCIATICLI_NO_CACHE set to a non-empty value. A stale, damaged or
foreign entry is a miss (cachefiles).

This module imports only `os`, `sys`, `time`, `marshal` and `cachefiles`: on a hit nothing else
of sciaticli, and neither Typer nor rich nor yaml, is imported.
"""

from __future__ import annotations

import os
import sys

from sciaticli import __version__, cachefiles

FOLDER = "pages"
MAGIC = b"sciaticli page cache 1\x00"
# Entries kept: older ones (by modification time) are removed when a new one is written.
MAX_ENTRIES = 200
# Commands whose output depends only on the key: no questions, no journal, no files written.
CACHEABLE_COMMANDS = frozenset(
    ("techniques", "home-routine", "safety", "about", "therapist", "myths", "sources", "search")
)
# An argument that makes a run interactive, or writes, or shows help: such a run is not cached.
SKIPPED_ARGUMENTS = frozenset(("--guided", "--help", "-h", "--output", "-o"))
IGNORED_VARIABLES = frozenset(("PWD", "OLDPWD", "SHLVL", "_"))
# The environment variable a shell's completion script sets (click's convention).
COMPLETION_VARIABLE = "_SCIATICLI_COMPLETE"

TYPE_CHECKING = False  # typing is not imported on a hit
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

# What this run has read (yamlparse notes each knowledge-base file) and whether its output may be
# kept (render.output refuses for rich output).
_files_read: list[tuple[str, bytes]] = []
_refused = False


def note_file(path: Any, content_digest: bytes) -> None:
    """Record a knowledge-base file this run read, with the digest of its content."""
    _files_read.append((os.path.abspath(path), content_digest))


def refuse() -> None:
    """This run's output must not be kept (rich output, for instance)."""
    global _refused
    _refused = True


def disabled() -> bool:
    return bool(os.environ.get("SCIATICLI_NO_CACHE"))


def request_key(arguments: list[str]) -> str | None:
    """The cache key for a run with these arguments, or None if such a run is never cached."""
    if not arguments or arguments[0] not in CACHEABLE_COMMANDS or disabled():
        return None
    if COMPLETION_VARIABLE in os.environ or sys.stdout is None or sys.stderr is None:
        return None
    for argument in arguments:
        if argument in SKIPPED_ARGUMENTS or argument.split("=", 1)[0] in SKIPPED_ARGUMENTS:
            return None
    try:
        if os.isatty(1):
            return None
        os.fstat(1)
    except OSError:
        return None
    import time

    environment = sorted(
        (name, value) for name, value in os.environ.items() if name not in IGNORED_VARIABLES
    )
    may_be_relative = "SCIATICLI_KB" in os.environ or any(a.startswith("--kb") for a in arguments)
    try:
        folder = os.getcwd() if may_be_relative else ""
    except OSError:
        return None
    parts = (
        __version__,
        arguments,
        folder,
        environment,
        time.strftime("%Y-%m-%d"),
        sys.executable,
        sys.version,
        repr(sys.flags),
        sys.stdout.encoding,
        sys.stdout.errors,
        sys.getfilesystemencoding(),
        _code_identity(),
    )
    return ascii(parts)


def _code_identity() -> list[tuple[str, int, int, int]]:
    """Size, modification time and inode of each of sciaticli's files (but the cache's own
    bytecode) and of each site-packages folder (installing or removing a package changes it)."""
    package = os.path.dirname(os.path.abspath(__file__))
    found = []
    pending = [package]
    while pending:
        folder = pending.pop()
        try:
            listing = os.scandir(folder)
        except OSError:
            continue
        with listing:
            for entry in listing:
                if entry.name == "__pycache__":
                    continue
                try:
                    if entry.is_dir(follow_symlinks=False):
                        pending.append(entry.path)
                        continue
                    stat = entry.stat()
                except OSError:
                    continue
                found.append((entry.path, stat.st_size, stat.st_mtime_ns, stat.st_ino))
    for entry_path in sys.path:
        if os.path.basename(entry_path) in ("site-packages", "dist-packages"):
            try:
                stat = os.stat(entry_path)
            except OSError:
                continue
            found.append((entry_path, stat.st_size, stat.st_mtime_ns, stat.st_ino))
    found.sort()
    return found


def _entry_name(key: str) -> str:
    return cachefiles.digest(key.encode("ascii"))[:16].hex()


def serve(key: str) -> bool:
    """Write the cached page for `key` to standard output; False (nothing written) on a miss.
    A reader that has gone ends the run quietly (status 0), a stream that cannot be written
    with one line on stderr (status 1), as the commands themselves do."""
    body = cachefiles.read(FOLDER, _entry_name(key), MAGIC)
    if body is None:
        return False
    import marshal

    try:
        stored = marshal.loads(body)
    except (ValueError, EOFError, TypeError):
        return False
    if not _is_entry(stored) or stored[0] != key:
        return False
    _, files, output = stored
    for path, content_digest in files:
        if _file_digest(path) != content_digest:
            return False
    _write_out(output)
    return True


def _is_entry(stored: Any) -> bool:
    if not (type(stored) is tuple and len(stored) == 3):
        return False
    key, files, output = stored
    return (
        type(key) is str
        and type(output) is bytes
        and type(files) is tuple
        and all(
            type(item) is tuple
            and len(item) == 2
            and type(item[0]) is str
            and type(item[1]) is bytes
            for item in files
        )
    )


def _file_digest(path: str) -> bytes | None:
    """The digest of a knowledge-base file's content as the loader reads it, or None."""
    import stat as stat_module

    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(path, flags)
    except (OSError, ValueError):
        return None
    try:
        stat = os.fstat(descriptor)
        if not stat_module.S_ISREG(stat.st_mode) or stat.st_size > cachefiles.MAX_ENTRY_BYTES:
            return None
        return cachefiles.digest(cachefiles._read_all(descriptor, stat.st_size))
    except OSError:
        return None
    finally:
        os.close(descriptor)


def _write_out(output: bytes) -> None:
    view = memoryview(output)
    try:
        while view:
            view = view[os.write(1, view) :]
    except OSError as error:
        import errno

        if error.errno == errno.EPIPE:
            raise SystemExit(0) from None  # the reader (head, less) has gone
        reason = error.strerror or "it is closed"
        try:
            sys.stderr.write(f"Error: cannot write to standard output: {reason}\n")
            sys.stderr.flush()
        except (AttributeError, OSError, ValueError):
            pass
        raise SystemExit(1) from None


class _Recorder:
    """A binary stream that passes everything to `target` and keeps a copy."""

    def __init__(self, target: Any) -> None:
        self.target = target
        self.parts: list[bytes] = []
        self.failed = False

    def write(self, data: Any) -> int:
        self.parts.append(bytes(data))
        try:
            return int(self.target.write(data))
        except BaseException:
            self.failed = True
            raise

    def flush(self) -> None:
        try:
            self.target.flush()
        except BaseException:
            self.failed = True
            raise

    def close(self) -> None:
        """The stream under it stays open: it is the process's standard output."""

    def __getattr__(self, name: str) -> Any:
        return getattr(self.target, name)


def _recording(stream: Any) -> tuple[Any, _Recorder]:
    import io

    recorder = _Recorder(stream.buffer)
    wrapper = io.TextIOWrapper(
        recorder,
        encoding=stream.encoding,
        errors=stream.errors,
        newline="\n",
        write_through=True,
    )
    return wrapper, recorder


def run_and_store(key: str, run: Callable[[], Any]) -> None:
    """Run the command with standard output and error recorded; keep the output under `key`
    when the run wrote nothing to stderr and ended with status 0. Ends with the run's status."""
    global _refused
    _refused = False
    del _files_read[:]
    streams = sys.stdout, sys.stderr
    try:
        sys.stdout, out = _recording(streams[0])
        sys.stderr, err = _recording(streams[1])
    except (AttributeError, OSError, ValueError):  # a stream without a buffer: no cache
        sys.stdout, sys.stderr = streams
        run()
        return
    status: Any = 0
    try:
        run()
    except SystemExit as exit:
        status = exit.code
    finally:
        for wrapper in (sys.stdout, sys.stderr):
            try:  # noqa: SIM105 (contextlib is not imported on this path)
                wrapper.detach()  # flushes; the process's streams stay open
            except (AttributeError, OSError, ValueError):
                pass
        sys.stdout, sys.stderr = streams
    if status in (0, None) and not (_refused or out.failed or err.failed or err.parts):
        _store(key, b"".join(out.parts))
    raise SystemExit(status)


def _store(key: str, output: bytes) -> None:
    import marshal

    files = tuple(dict.fromkeys(_files_read))
    if not files:  # a page always comes from the knowledge base; anything else is not kept
        return
    if cachefiles.write(FOLDER, _entry_name(key), MAGIC, marshal.dumps((key, files, output))):
        _prune()


def _prune() -> None:
    found = cachefiles.entries(FOLDER)
    if len(found) > MAX_ENTRIES:
        found.sort()
        cachefiles.remove(FOLDER, [name for _, _, name in found[: len(found) - MAX_ENTRIES]])
