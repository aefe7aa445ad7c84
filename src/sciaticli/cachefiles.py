"""The user's cache folder, where the parse cache keeps a `--kb` file's parsed form (`parsed/`).

Everything in it is untrusted (another program, or another user on a shared machine, may have
put something there), so:

- the cache folder and its subfolders are opened without following a link, must be folders
  owned by this user that no one else may write to, and are made with mode 700;
- an entry is opened without following a link, must be a regular file owned by this user that
  no one else may write to, at most MAX_ENTRY_BYTES, and starts with its kind's magic and the
  BLAKE2b digest of the rest: anything else is a miss, never an error;
- an entry is written to a new temporary file (mode 600, O_EXCL) and renamed over the old one,
  so a reader sees the old entry or the new one, never half of one.

Only `os` and the BLAKE2b module are used, so reading an entry costs no other import.
"""

from __future__ import annotations

import os

try:  # hashlib's own BLAKE2b, without the 3 ms that importing hashlib (OpenSSL) costs
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import blake2b

DIGEST_SIZE = 32
MAX_ENTRY_BYTES = 64 * 1024 * 1024
_FOLDER_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
_READ_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
_WRITE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
_OTHERS_WRITE = 0o022


def cache_dir() -> str:
    """The cache folder: SCIATICLI_CACHE_DIR, SCIATICLI_HOME/cache, or the XDG cache."""
    explicit = os.environ.get("SCIATICLI_CACHE_DIR")
    if explicit:
        return explicit
    home = os.environ.get("SCIATICLI_HOME")
    if home:
        return os.path.join(home, "cache")
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = xdg if xdg else os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "sciaticli")


def digest(data: bytes) -> bytes:
    return blake2b(data, digest_size=DIGEST_SIZE).digest()


def _ours(stat: os.stat_result) -> bool:
    """Owned by this user, and no one else may write to it."""
    return stat.st_uid == os.geteuid() and not stat.st_mode & _OTHERS_WRITE


def _open_folder(name: str, parent: int | None = None, *, narrow: bool = False) -> int:
    """A descriptor for our folder `name` (inside `parent`); OSError unless it is a real folder
    of ours. `narrow`: a folder of ours that others may read or write (made by an older
    sciaticli with the default mode) is first set to mode 700."""
    descriptor = os.open(name, _FOLDER_FLAGS, dir_fd=parent)
    try:
        stat = os.fstat(descriptor)
        if narrow and stat.st_uid == os.geteuid() and stat.st_mode & 0o077:
            os.fchmod(descriptor, 0o700)
            stat = os.fstat(descriptor)
    except OSError:
        os.close(descriptor)
        raise
    if not _ours(stat):
        os.close(descriptor)
        raise PermissionError(f"not a private folder: {name}")
    return descriptor


def read(folder: str, name: str, magic: bytes) -> bytes | None:
    """The body of the entry `name` in the cache's `folder`, or None for a miss (no entry, or
    one that is not ours, not a regular file, too big, of another kind or damaged)."""
    import stat as stat_module

    try:
        base = _open_folder(cache_dir())
    except (OSError, ValueError):
        return None
    try:
        inner = _open_folder(folder, base)
        try:
            descriptor = os.open(name, _READ_FLAGS, dir_fd=inner)
        finally:
            os.close(inner)
        try:
            stat = os.fstat(descriptor)
            if not (stat_module.S_ISREG(stat.st_mode) and _ours(stat)):
                return None
            if stat.st_size > MAX_ENTRY_BYTES:
                return None
            blob = _read_all(descriptor, stat.st_size)
        finally:
            os.close(descriptor)
    except OSError:
        return None
    finally:
        os.close(base)
    header = len(magic) + DIGEST_SIZE
    if len(blob) < header or not blob.startswith(magic):
        return None
    body = blob[header:]
    if digest(body) != blob[len(magic) : header]:
        return None
    return body


def _read_all(descriptor: int, size: int) -> bytes:
    chunks, total = [], 0
    while total <= size:  # one byte past the size seen: a file that grows is read to its end
        chunk = os.read(descriptor, size + 1 - total)
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def write(folder: str, name: str, magic: bytes, body: bytes) -> bool:
    """Store `body` as the entry `name` in the cache's `folder`, atomically. Best effort: a
    cache that cannot be written (read-only, not ours, a link) is skipped; False then."""
    blob = magic + digest(body) + body
    if len(blob) > MAX_ENTRY_BYTES:
        return False
    try:
        base = _make_folder(cache_dir(), None)
    except (OSError, ValueError):
        return False
    try:
        inner = _make_folder(folder, base)
    except OSError:
        os.close(base)
        return False
    temporary = f".{name}.{os.getpid()}.{os.urandom(4).hex()}.tmp"
    try:
        descriptor = os.open(temporary, _WRITE_FLAGS, 0o600, dir_fd=inner)
        try:
            view = memoryview(blob)
            while view:
                view = view[os.write(descriptor, view) :]
        finally:
            os.close(descriptor)
        os.replace(temporary, name, src_dir_fd=inner, dst_dir_fd=inner)
        return True
    except OSError:
        try:  # noqa: SIM105 (contextlib is not imported on this path)
            os.unlink(temporary, dir_fd=inner)
        except OSError:
            pass
        return False
    finally:
        os.close(inner)
        os.close(base)


def _make_folder(name: str, parent: int | None) -> int:
    """Open our folder `name`, making it (mode 700) if it is missing; an older sciaticli's
    folder of ours made with the default mode is narrowed to 700."""
    try:
        if parent is None:
            os.makedirs(name, mode=0o700, exist_ok=True)
        else:
            os.mkdir(name, mode=0o700, dir_fd=parent)
    except FileExistsError:
        pass
    return _open_folder(name, parent, narrow=True)


def entries(folder: str) -> list[tuple[int, int, str]]:
    """(modification time, size, name) of each entry in the cache's `folder`; [] if none or
    not ours."""
    try:
        base = _open_folder(cache_dir())
    except (OSError, ValueError):
        return []
    try:
        inner = _open_folder(folder, base)
    except OSError:
        os.close(base)
        return []
    found = []
    try:
        for name in os.listdir(inner):
            try:
                stat = os.stat(name, dir_fd=inner, follow_symlinks=False)
            except OSError:
                continue
            found.append((stat.st_mtime_ns, stat.st_size, name))
    finally:
        os.close(inner)
        os.close(base)
    return found


def remove(folder: str, names: list[str]) -> None:
    """Delete entries from the cache's `folder` (best effort)."""
    try:
        base = _open_folder(cache_dir())
    except (OSError, ValueError):
        return
    try:
        inner = _open_folder(folder, base)
    except OSError:
        os.close(base)
        return
    try:
        for name in names:
            try:  # noqa: SIM105 (contextlib is not imported on this path)
                os.unlink(name, dir_fd=inner)
            except OSError:
                pass
    finally:
        os.close(inner)
        os.close(base)


def prune(folder: str, *, max_entries: int, max_bytes: int, keep: str) -> None:
    """Remove the oldest entries of the cache's `folder` (by modification time; anything in it
    counts, a leftover temporary file too) until at most `max_entries` remain and they take at
    most `max_bytes` together. The entry `keep` (the one just written) stays."""
    found = entries(folder)
    mine = [size for _, size, name in found if name == keep]
    count, total = len(mine), sum(mine)
    doomed: list[str] = []
    for _, size, name in sorted(found, reverse=True):  # newest first
        if name == keep:
            continue
        if doomed or count >= max_entries or total + size > max_bytes:
            doomed.append(name)  # this one and every older one
            continue
        count += 1
        total += size
    if doomed:
        remove(folder, doomed)
