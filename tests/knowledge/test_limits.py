"""Knowledge-base files that used to crash or hang sciaticli, and the parse cache (issue 11,
section 5). Each attack runs in a real process with a time limit and a memory limit, so a
regression fails the test instead of taking the machine down."""

from __future__ import annotations

import hashlib
import marshal
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from sciaticli.knowledge import bundled_path, parsecache, yamlfile
from sciaticli.knowledge.parsecache import cache_dir, parse_file
from tests.conftest import USER_KB

MEMORY_LIMIT = 1024 * 1024 * 1024  # the attacks took 800 MB and more


def limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def sciaticli(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    settings = {**os.environ, "SCIATICLI_HOME": str(tmp_path / "home"), **env}
    settings.pop("SCIATICLI_KB", None) if "SCIATICLI_KB" not in env else None
    return subprocess.run(
        [sys.executable, "-m", "sciaticli", *args],
        capture_output=True,
        text=True,
        errors="replace",
        env=settings,
        timeout=60,
        preexec_fn=limited,
    )


def merge_key_bomb() -> str:
    """697 bytes: nine levels, each merging the one below ten times."""
    lines = ["a0: &a0 {k: v}"]
    lines += [f"a{n}: &a{n} {{<<: [{', '.join([f'*a{n - 1}'] * 10)}]}}" for n in range(1, 10)]
    return "\n".join(lines) + "\n"


def billion_laughs() -> str:
    lines = ["techniques:", '  - &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"  - &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]" for n in range(1, 10)]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    "text",
    [merge_key_bomb(), billion_laughs()],
    ids=["merge-key-bomb", "billion-laughs"],
)
def test_alias_and_merge_bombs_are_refused(tmp_path: Path, text: str) -> None:
    kb = tmp_path / "bomb.yaml"
    kb.write_text(text, encoding="utf-8")
    result = sciaticli(tmp_path, "techniques", "--kb", str(kb))
    assert result.returncode == 1, result.stderr[-2000:]
    assert "once its aliases (*name) and merge keys (<<) are expanded" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_merge_key_bomb_is_as_small_as_reported() -> None:
    assert len(merge_key_bomb().encode()) < 700


def test_small_anchors_and_merges_still_work(write_file: object) -> None:
    assert callable(write_file)
    kb = write_file("anchors.yaml", USER_KB.replace("aliases: [Testing touch]", "aliases: &a [T]"))
    assert parse_file(kb).data["techniques"][0]["aliases"] == ["T"]
    merged = write_file("merge.yaml", "base: &b {x: 1}\nmore: {<<: *b, y: 2}\n")
    assert parse_file(merged).data["more"] == {"x": 1, "y": 2}


@pytest.mark.parametrize(
    "text",
    ["[" * 30000, "{a: " * 30000, "- " * 30000 + "x\n", "a: [[[[" + "[" * 30000 + "\n"],
    ids=["brackets", "braces", "block-sequence", "nested-value"],
)
def test_deep_nesting_is_an_error_not_a_crash(tmp_path: Path, text: str) -> None:
    kb = tmp_path / "deep.yaml"
    kb.write_text(text, encoding="utf-8")
    result = sciaticli(tmp_path, "safety", "-f", "plain", SCIATICLI_KB=str(kb))
    assert result.returncode == 1, (result.returncode, result.stderr[-2000:])
    assert f"invalid knowledge base {kb}" in result.stderr
    assert "Traceback" not in result.stderr


def test_brackets_inside_strings_are_not_mistaken_for_nesting(write_file: object) -> None:
    assert callable(write_file)
    note = "[" * 300
    kb = write_file("brackets.yaml", USER_KB.replace("Press gently.", f"'Press {note} gently.'"))
    assert note in parse_file(kb).data["techniques"][0]["steps"][0]


def test_a_fifo_is_refused_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "kb.fifo"
    os.mkfifo(fifo)
    result = sciaticli(tmp_path, "techniques", "--kb", str(fifo))
    assert result.returncode == 1
    assert result.stderr == (
        f"Error: knowledge base path is not a regular file (a pipe, device or socket): {fifo}\n"
    )


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_is_refused(tmp_path: Path, device: str) -> None:
    result = sciaticli(tmp_path, "techniques", "--kb", device)
    assert result.returncode == 1
    assert "is not a regular file" in result.stderr


def test_a_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    kb = tmp_path / "big.yaml"
    kb.write_bytes(b"# " + b"x" * 4 * 1024 * 1024 + b"\n")
    result = sciaticli(tmp_path, "techniques", "--kb", str(kb))
    assert result.returncode == 1
    assert result.stderr == f"Error: knowledge base file {kb} is larger than 4 MB\n"


def test_a_path_that_is_not_utf8_works(tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path) + b"/caf\xe9"
    os.mkdir(folder)
    kb = folder + b"/mine\xff.yaml"
    with open(kb, "wb") as file:
        file.write(USER_KB.encode())
    result = subprocess.run(
        [sys.executable, "-m", "sciaticli", "techniques", "test-press", "--kb", kb, "-f", "plain"],
        capture_output=True,
        env={**os.environ, "SCIATICLI_HOME": str(tmp_path / "home")},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert b"TEST PRESS" in result.stdout
    assert "From your file:" in result.stdout.decode()


# --- the parse cache ---------------------------------------------------------------------------


def cache_of(path: Path) -> Path:
    parse_file(path)
    (cached,) = (
        file for file in cache_dir().glob("parsed-*.marshal") if file.stat().st_size > 0
    )  # one file parsed, one cache entry
    return cached


def test_a_damaged_cache_entry_is_a_miss(write_file: object) -> None:
    assert callable(write_file)
    path = write_file("kb.yaml", USER_KB)
    expected = parse_file(path)
    cached = cache_of(path)
    blob = bytearray(cached.read_bytes())
    for offset in range(len(blob) - 200, len(blob), 7):  # scribble over the payload
        blob[offset] ^= 0x5A
    cached.write_bytes(bytes(blob))
    assert parse_file(path) == expected


def test_a_substituted_cache_entry_is_a_miss(write_file: object) -> None:
    """The old format (a bare marshal of key and payload), rewritten by hand, was trusted."""
    assert callable(write_file)
    path = write_file("kb.yaml", USER_KB)
    expected = parse_file(path)
    cached = cache_of(path)
    body = cached.read_bytes()[len(parsecache._CACHE_MAGIC) + 32 :]
    key, (data, lines, duplicates) = marshal.loads(body)
    data["techniques"][0]["name"] = "Forged name"
    cached.write_bytes(marshal.dumps((key, (data, lines, duplicates))))  # no digest
    assert parse_file(path) == expected
    # a checksummed entry for other source bytes is a miss too
    other_key = (*key[:-1], b"\x00" * 32)
    body = marshal.dumps((other_key, (data, lines, duplicates)))
    digest = hashlib.blake2b(body, digest_size=32).digest()
    cached.write_bytes(parsecache._CACHE_MAGIC + digest + body)
    assert parse_file(path) == expected


def test_a_cache_payload_of_the_wrong_types_is_a_miss(write_file: object) -> None:
    assert callable(write_file)
    path = write_file("kb.yaml", USER_KB)
    expected = parse_file(path)
    cached = cache_of(path)
    body = cached.read_bytes()[len(parsecache._CACHE_MAGIC) + 32 :]
    key, (data, lines, duplicates) = marshal.loads(body)
    data["techniques"][0]["name"] = (lambda: None).__code__  # a code object
    body = marshal.dumps((key, (data, lines, duplicates)))
    digest = hashlib.blake2b(body, digest_size=32).digest()
    cached.write_bytes(parsecache._CACHE_MAGIC + digest + body)
    assert parse_file(path) == expected


def test_rewriting_the_bundled_cache_cannot_change_the_safety_page(tmp_path: Path) -> None:
    env = {"SCIATICLI_CACHE_DIR": str(tmp_path / "cache")}
    first = sciaticli(tmp_path, "safety", "-f", "plain", **env)
    assert first.returncode == 0
    (cached,) = (tmp_path / "cache" / "parsed").glob("parsed-*.marshal")
    blob = cached.read_bytes()
    needle = b"EMERGENCY"
    assert needle in blob or b"emergency" in blob
    cached.write_bytes(blob.replace(b"emergency", b"harmless!"))
    again = sciaticli(tmp_path, "safety", "-f", "plain", **env)
    assert again.stdout == first.stdout


def test_the_bundled_file_uses_the_fast_parser() -> None:
    assert not yamlfile._looks_deep(bundled_path().read_bytes())


def test_validate_runs_on_many_files_keep_a_bounded_parse_cache(tmp_path: Path) -> None:
    """Issue 21 §6: ten `validate` runs on ten temporary files left eleven entries forever."""
    env = {"SCIATICLI_CACHE_DIR": str(tmp_path / "cache")}
    names = []
    for number in range(parsecache.MAX_CACHE_ENTRIES + 3):
        path = tmp_path / f"kb-{number}.yaml"
        path.write_text(USER_KB, encoding="utf-8")
        result = sciaticli(tmp_path, "validate", str(path), **env)
        assert result.returncode == 0, result.stderr
        names.append(entry_name(path))
    kept = {file.name for file in (tmp_path / "cache" / "parsed").iterdir()}
    assert len(kept) == parsecache.MAX_CACHE_ENTRIES
    assert names[-1] in kept  # the newest stay, the oldest went
    assert names[0] not in kept


def entry_name(path: Path) -> str:
    return parsecache._cache_name((None, None, os.fsencode(path.resolve())))


def test_the_parse_cache_stays_within_its_size_oldest_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = cache_dir()
    path = tmp_path / "kb-0.yaml"
    path.write_text(USER_KB, encoding="utf-8")
    parse_file(path)
    size = (folder / entry_name(path)).stat().st_size
    os.utime(folder / entry_name(path), ns=(2, 2))
    monkeypatch.setattr(parsecache, "MAX_CACHE_BYTES", size * 3 + size // 2)
    leftover = folder / ".parsed-dead.marshal.1.tmp"  # a writer that died half-way
    leftover.write_bytes(b"x" * size)
    os.utime(leftover, ns=(1, 1))
    names = []
    for number in range(1, 7):
        path = tmp_path / f"kb-{number}.yaml"
        path.write_text(USER_KB, encoding="utf-8")
        parse_file(path)
        names.append(entry_name(path))
        os.utime(folder / names[-1], ns=(number * 10**9, number * 10**9))  # a clear order
    kept = sorted(file.name for file in folder.iterdir())
    assert kept == sorted(names[-3:])
    assert sum(file.stat().st_size for file in folder.iterdir()) <= parsecache.MAX_CACHE_BYTES


def test_an_entry_bigger_than_the_whole_budget_is_kept_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    for path in (first, second):
        path.write_text(USER_KB, encoding="utf-8")
    parse_file(first)
    monkeypatch.setattr(parsecache, "MAX_CACHE_BYTES", 10)
    assert parse_file(second) == parse_file(second)  # written, then read back
    assert [file.name for file in cache_dir().iterdir()] == [entry_name(second)]
