"""The output cache (outputcache, cachefiles): cached output is byte for byte the output of an
uncached run, for every cacheable command, format and environment variable that changes it; a
changed knowledge base, a damaged or foreign entry and a hostile cache folder are misses."""

from __future__ import annotations

import gc
import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from sciaticli import __main__ as entry_point
from sciaticli import cachefiles, outputcache
from tests.conftest import USER_KB

COMMAND = [sys.executable, "-m", "sciaticli"]
# -X importtime lists every module imported on stderr: a hit imports neither Typer nor the
# knowledge base. (It is not part of the key: sys.flags does not show it.)
TRACED = [sys.executable, "-X", "importtime", "-m", "sciaticli"]

FORMATS = ("plain", "markdown", "json", "html")
# Every cacheable command, with the arguments that pick what it shows.
PAGES: tuple[tuple[str, ...], ...] = (
    ("techniques",),
    ("techniques", "shiatsu"),
    ("techniques", "--family", "western", "--self-care"),
    ("techniques", "--target", "piriformis", "--pressure", "deep"),
    ("home-routine",),
    ("home-routine", "--list"),
    ("home-routine", "lying-back", "--side", "left", "--hold", "30"),
    ("safety",),
    ("safety", "--region", "us"),
    ("about",),
    ("therapist",),
    ("myths",),
    ("sources",),
    ("sources", "nhs-sciatica"),
    ("search", "tennis", "ball"),
    ("search", "piriformis", "-n", "2"),
)
# The environment variables that change a page, each on the pages it changes.
VARIABLES: tuple[tuple[tuple[str, ...], dict[str, str]], ...] = (
    (("safety",), {"SCIATICLI_REGION": "eu"}),
    (("safety", "-f", "json"), {"SCIATICLI_REGION": "us"}),
    (("techniques",), {"PYTHONIOENCODING": "ascii"}),  # ASCII spelling of the typography
    (("home-routine",), {"PYTHONIOENCODING": "latin-1"}),
    (("about",), {"COLUMNS": "50"}),
    (("techniques", "shiatsu"), {"NO_COLOR": "1"}),
    (("techniques", "shiatsu", "--color", "never"), {"TERM": "dumb"}),
    (("myths",), {"LC_ALL": "C"}),
    (("safety",), {"LANG": "en_AU.UTF-8"}),  # the region from the locale
    (("home-routine", "-f", "markdown"), {"LC_MESSAGES": "en_US.UTF-8"}),
)
INVOCATIONS: tuple[tuple[tuple[str, ...], dict[str, str]], ...] = (
    *((page, {}) for page in PAGES),  # auto: plain in a pipe
    *(((*page, "-f", fmt), {}) for page in PAGES for fmt in FORMATS),
    *VARIABLES,
)


def environment(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE", "CLICOLOR", "SCIATICLI_KB"}
        and not key.startswith("SCIATICLI_")
        and key != "PYTHONDONTWRITEBYTECODE"
    }
    env.update({"SCIATICLI_HOME": str(tmp_path / "home"), "TERM": "xterm-256color"})
    env.update({"COLUMNS": "80"})
    env.update(extra)
    return env


def run(tmp_path: Path, *args: str, **extra: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [*COMMAND, *args], capture_output=True, env=environment(tmp_path, **extra), timeout=60
    )


def run_traced(tmp_path: Path, *args: str, **extra: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [*TRACED, *args], capture_output=True, env=environment(tmp_path, **extra), timeout=60
    )


def pages_folder(tmp_path: Path) -> Path:
    return tmp_path / "home" / "cache" / outputcache.FOLDER


def entries(tmp_path: Path) -> list[Path]:
    folder = pages_folder(tmp_path)
    return sorted(folder.iterdir()) if folder.exists() else []


def was_hit(result: subprocess.CompletedProcess[bytes]) -> bool:
    """A traced run imported neither Typer nor the knowledge base: its page came from the cache."""
    imported = result.stderr.decode()
    assert "sciaticli.outputcache" in imported
    return "typer" not in imported and "sciaticli.knowledge" not in imported


def test_every_invocation_is_byte_identical_cached_and_uncached(tmp_path: Path) -> None:
    for count, (arguments, variables) in enumerate(INVOCATIONS, start=1):
        uncached = run(tmp_path, *arguments, SCIATICLI_NO_CACHE="1", **variables)
        assert uncached.returncode == 0, (arguments, uncached.stderr)
        assert uncached.stdout
        first = run(tmp_path, *arguments, **variables)  # a miss: rendered, and kept
        assert len(entries(tmp_path)) == count, arguments
        hit = run_traced(tmp_path, *arguments, **variables)
        assert was_hit(hit), arguments
        assert first.returncode == hit.returncode == 0
        assert first.stderr == b""
        assert first.stdout == uncached.stdout, arguments
        assert hit.stdout == uncached.stdout, arguments


def test_the_environment_and_arguments_are_part_of_the_key(tmp_path: Path) -> None:
    plain = run(tmp_path, "safety")
    other_region = run(tmp_path, "safety", SCIATICLI_REGION="us")
    assert plain.stdout != other_region.stdout
    again = run_traced(tmp_path, "safety")
    assert was_hit(again)
    assert again.stdout == plain.stdout
    assert len(entries(tmp_path)) == 2


def test_a_knowledge_base_changed_within_the_same_second_is_a_miss(tmp_path: Path) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text(USER_KB, encoding="utf-8")
    before = run(tmp_path, "techniques", "test-press", "--kb", str(mine))
    assert b"Press gently." in before.stdout
    times = mine.stat()
    # Same size, same modification time: only the content tells.
    mine.write_text(USER_KB.replace("Press gently.", "Press softly."), encoding="utf-8")
    os.utime(mine, ns=(times.st_atime_ns, times.st_mtime_ns))
    assert mine.stat().st_size == times.st_size
    after = run_traced(tmp_path, "techniques", "test-press", "--kb", str(mine))
    assert not was_hit(after)
    assert b"Press softly." in after.stdout
    uncached = run(tmp_path, "techniques", "test-press", "--kb", str(mine), SCIATICLI_NO_CACHE="1")
    assert after.stdout == uncached.stdout


def test_a_relative_knowledge_base_path_is_read_from_the_working_folder(tmp_path: Path) -> None:
    for name, text in (("one", "Press gently."), ("two", "Press firmly.")):
        (tmp_path / name).mkdir()
        (tmp_path / name / "mine.yaml").write_text(
            USER_KB.replace("Press gently.", text), encoding="utf-8"
        )
    env = environment(tmp_path, SCIATICLI_KB="mine.yaml")
    outputs = [
        subprocess.run(
            [*COMMAND, "techniques", "test-press"],
            capture_output=True,
            env=env,
            cwd=tmp_path / name,
            timeout=60,
        ).stdout
        for name in ("one", "two")
    ]
    assert b"Press gently." in outputs[0]
    assert b"Press firmly." in outputs[1]


def test_a_damaged_entry_is_a_miss(tmp_path: Path) -> None:
    first = run(tmp_path, "about")
    (entry,) = entries(tmp_path)
    blob = bytearray(entry.read_bytes())
    for offset in range(len(blob) - 100, len(blob), 5):
        blob[offset] ^= 0x20
    entry.write_bytes(bytes(blob))
    again = run_traced(tmp_path, "about")
    assert not was_hit(again)
    assert again.stdout == first.stdout


def test_an_entry_of_another_key_is_a_miss(tmp_path: Path) -> None:
    """A well-formed entry (right magic and digest) moved under another key's name."""
    about = run(tmp_path, "about")
    myths = run(tmp_path, "myths")
    by_time = sorted(entries(tmp_path), key=lambda path: path.stat().st_mtime_ns)
    about_entry, myths_entry = by_time
    about_entry.write_bytes(myths_entry.read_bytes())
    again = run_traced(tmp_path, "about")
    assert not was_hit(again)
    assert again.stdout == about.stdout != myths.stdout


@pytest.mark.parametrize("kind", ["truncated", "empty", "other magic", "not marshal", "big"])
def test_a_malformed_entry_is_a_miss(tmp_path: Path, kind: str) -> None:
    first = run(tmp_path, "therapist")
    (entry,) = entries(tmp_path)
    blob = entry.read_bytes()
    header = len(outputcache.MAGIC) + cachefiles.DIGEST_SIZE
    if kind == "truncated":
        entry.write_bytes(blob[: header + 10])
    elif kind == "empty":
        entry.write_bytes(b"")
    elif kind == "other magic":
        entry.write_bytes(b"sciaticli parse cache\x00" + blob[len(outputcache.MAGIC) :])
    elif kind == "not marshal":
        body = b"\xff" * 100
        entry.write_bytes(outputcache.MAGIC + cachefiles.digest(body) + body)
    else:  # an entry past the size limit is not read at all
        with entry.open("ab") as grown:
            grown.truncate(cachefiles.MAX_ENTRY_BYTES + 1)
    again = run_traced(tmp_path, "therapist")
    assert not was_hit(again)
    assert again.stdout == first.stdout


def test_an_entry_of_the_wrong_shape_is_a_miss(tmp_path: Path) -> None:
    import marshal

    first = run(tmp_path, "therapist")
    (entry,) = entries(tmp_path)
    header = len(outputcache.MAGIC) + cachefiles.DIGEST_SIZE
    key, files, output = marshal.loads(entry.read_bytes()[header:])
    for forged in ((key, files, "text"), (key, [files], output), (key, files), (key, 1, output)):
        body = marshal.dumps(forged)
        entry.write_bytes(outputcache.MAGIC + cachefiles.digest(body) + body)
        again = run_traced(tmp_path, "therapist")
        assert not was_hit(again)
        assert again.stdout == first.stdout


def test_cache_folders_and_entries_are_private(tmp_path: Path) -> None:
    run(tmp_path, "about")
    cache = tmp_path / "home" / "cache"
    for folder in (cache, cache / "pages", cache / "parsed"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for entry in [*(cache / "pages").iterdir(), *(cache / "parsed").iterdir()]:
        assert stat.S_IMODE(entry.stat().st_mode) == 0o600
    assert not [path for path in cache.rglob("*") if path.name.endswith(".tmp")]


def test_an_older_cache_folder_is_made_private(tmp_path: Path) -> None:
    cache = tmp_path / "home" / "cache"
    cache.mkdir(parents=True)
    cache.chmod(0o775)
    run(tmp_path, "about")
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700
    assert entries(tmp_path)


def test_a_linked_entry_is_a_miss_and_never_written_through(tmp_path: Path) -> None:
    first = run(tmp_path, "myths")
    (entry,) = entries(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.write_bytes(entry.read_bytes())
    entry.unlink()
    entry.symlink_to(elsewhere)
    again = run_traced(tmp_path, "myths")
    assert not was_hit(again)
    assert again.stdout == first.stdout
    # The new entry replaced the link; the file it pointed to is untouched.
    assert not entry.is_symlink()
    assert elsewhere.read_bytes() != b""


def test_a_linked_cache_folder_is_not_used(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir(mode=0o700)
    cache = tmp_path / "home" / "cache"
    cache.parent.mkdir()
    cache.symlink_to(real, target_is_directory=True)
    first = run(tmp_path, "about")
    assert first.returncode == 0
    assert list(real.iterdir()) == []  # nothing written through the link
    again = run_traced(tmp_path, "about")
    assert not was_hit(again)
    assert again.stdout == first.stdout


@pytest.mark.parametrize("where", ["entry", "folder"])
def test_a_cache_others_may_write_is_a_miss(tmp_path: Path, where: str) -> None:
    first = run(tmp_path, "sources")
    (entry,) = entries(tmp_path)
    target = entry if where == "entry" else entry.parent
    target.chmod(0o666 if where == "entry" else 0o777)
    again = run_traced(tmp_path, "sources")
    if where == "entry":
        assert not was_hit(again)
    assert again.stdout == first.stdout


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")
def test_an_entry_owned_by_another_user_is_a_miss(tmp_path: Path) -> None:
    first = run(tmp_path, "sources")
    (entry,) = entries(tmp_path)
    os.chown(entry, 65534, 65534)
    again = run_traced(tmp_path, "sources")
    assert not was_hit(again)
    assert again.stdout == first.stdout


def test_rich_output_in_a_pipe_is_never_kept(tmp_path: Path) -> None:
    forced = run(tmp_path, "techniques", FORCE_COLOR="1")
    assert b"\x1b[" in forced.stdout
    rich = run(tmp_path, "techniques", "-f", "rich")
    assert rich.returncode == 0
    assert entries(tmp_path) == []


def test_no_cache_variable_turns_it_off(tmp_path: Path) -> None:
    run(tmp_path, "about", SCIATICLI_NO_CACHE="1")
    assert entries(tmp_path) == []
    run(tmp_path, "about")
    again = run_traced(tmp_path, "about", SCIATICLI_NO_CACHE="1")
    assert not was_hit(again)


def test_errors_are_not_kept(tmp_path: Path) -> None:
    for _ in range(2):
        missing = run(tmp_path, "techniques", "no-such-thing")
        assert missing.returncode == 1
        assert b"Error:" in missing.stderr
        usage = run(tmp_path, "techniques", "-f", "nonsense")
        assert usage.returncode == 2
    assert entries(tmp_path) == []


def test_a_reader_that_has_gone_and_a_full_disk_end_as_uncached(tmp_path: Path) -> None:
    env = environment(tmp_path)
    shell = f"{' '.join(COMMAND)} techniques | head -c 10 > /dev/null; echo ${{PIPESTATUS[0]}}"
    results = []
    for _ in range(3):  # uncached (a miss), then hits
        done = subprocess.run(["bash", "-c", shell], capture_output=True, env=env, timeout=60)
        results.append((done.stdout, done.stderr))
    assert results[0] == results[1] == results[2] == (b"0\n", b"")
    full = []
    for extra in ({"SCIATICLI_NO_CACHE": "1"}, {}):
        with open("/dev/full", "wb") as device:
            done = subprocess.run(
                [*COMMAND, "techniques"], stdout=device, stderr=subprocess.PIPE,
                env={**env, **extra}, timeout=60,
            )  # fmt: skip
        full.append((done.returncode, done.stderr))
    assert full[0] == full[1]
    assert full[0][0] == 1
    assert full[0][1] == b"Error: cannot write to standard output: No space left on device\n"


# --- which runs may use the cache (in-process) -------------------------------------------------


@pytest.fixture
def piped_stdout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "isatty", lambda descriptor: False)


@pytest.mark.usefixtures("piped_stdout")
@pytest.mark.parametrize(
    "arguments",
    [
        ["check"],
        ["check", "--yes", "saddle"],
        ["log", "5"],
        ["history"],
        ["report"],  # reads the journal, which the key does not cover
        ["report", "-f", "html"],
        ["journal", "check"],
        ["validate", "x.yaml"],
        ["home-routine", "--guided"],
        ["techniques", "--help"],
        ["safety", "-h"],
        ["--version"],
        [],
    ],
)
def test_interactive_writing_and_help_runs_are_never_cached(arguments: list[str]) -> None:
    assert outputcache.request_key(arguments) is None


@pytest.mark.usefixtures("piped_stdout")
@pytest.mark.parametrize("fmt", ["html", "markdown", "plain", "json"])
def test_every_piped_format_of_a_content_command_may_be_cached(fmt: str) -> None:
    assert outputcache.request_key(["home-routine", "-f", fmt]) is not None


@pytest.mark.usefixtures("piped_stdout")
def test_completion_requests_and_no_cache_are_never_cached(monkeypatch: pytest.MonkeyPatch) -> None:
    assert outputcache.request_key(["techniques"]) is not None
    monkeypatch.setenv(outputcache.COMPLETION_VARIABLE, "bash_complete")
    assert outputcache.request_key(["techniques"]) is None
    monkeypatch.delenv(outputcache.COMPLETION_VARIABLE)
    monkeypatch.setenv("SCIATICLI_NO_CACHE", "1")
    assert outputcache.request_key(["techniques"]) is None


def test_a_terminal_is_never_cached(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "isatty", lambda descriptor: descriptor == 1)
    assert outputcache.request_key(["techniques"]) is None


@pytest.mark.usefixtures("piped_stdout")
def test_the_key_holds_the_date_the_code_and_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import time

    key = outputcache.request_key(["techniques"])
    assert key is not None
    for name in ("PWD", "OLDPWD", "SHLVL", "_"):
        monkeypatch.setenv(name, "changes")
    assert outputcache.request_key(["techniques"]) == key
    monkeypatch.setenv("SOMETHING_NEW", "1")
    assert outputcache.request_key(["techniques"]) != key
    monkeypatch.delenv("SOMETHING_NEW")
    assert outputcache.request_key(["techniques", "-f", "json"]) != key
    with monkeypatch.context() as patched:
        patched.setattr(time, "strftime", lambda fmt: "2099-01-01")
        assert outputcache.request_key(["techniques"]) != key
    # a changed module file: here a copy of the package, with one file touched
    import shutil

    copy = tmp_path / "sciaticli"
    shutil.copytree(Path(outputcache.__file__).parent, copy)
    monkeypatch.setattr(outputcache, "__file__", str(copy / "outputcache.py"))
    copied = outputcache.request_key(["techniques"])
    (copy / "model.py").write_text("# edited\n", encoding="utf-8")
    assert outputcache.request_key(["techniques"]) != copied


def test_old_entries_are_pruned(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(outputcache, "MAX_ENTRIES", 3)
    outputcache._files_read[:] = [("/nowhere", b"x")]
    folder = Path(cachefiles.cache_dir()) / outputcache.FOLDER
    for number in range(6):
        outputcache._store(f"key {number}", b"page")
        written = folder / outputcache._entry_name(f"key {number}")
        os.utime(written, (1_000_000 + number, 1_000_000 + number))  # clearly in order
    found = cachefiles.entries(outputcache.FOLDER)
    assert len(found) == 3
    kept = {name for *_, name in found}
    assert outputcache._entry_name("key 5") in kept
    assert outputcache._entry_name("key 0") not in kept


# --- the garbage collector ----------------------------------------------------------------------


@pytest.fixture
def restore_gc() -> Any:
    yield
    gc.unfreeze()
    gc.enable()


@pytest.mark.usefixtures("restore_gc", "piped_stdout")
@pytest.mark.parametrize(
    ("arguments", "collecting"),
    [(["techniques"], False), (["history"], True), (["about"], False), (["check"], True)],
)
def test_gc_is_off_only_for_runs_that_render_one_page(
    monkeypatch: pytest.MonkeyPatch, arguments: list[str], collecting: bool
) -> None:
    """Long runs (the journal, questions, a guided routine) collect garbage as usual; the
    one-page runs need not, and skip the collection at exit (gc.freeze)."""
    import sciaticli.cli

    seen: list[bool] = []

    def fake_app(prog_name: str) -> None:
        seen.append(gc.isenabled())
        sys.stdout.write("page\n")
        raise SystemExit(0)

    monkeypatch.setattr(sciaticli.cli, "app", fake_app)
    monkeypatch.setattr(sys, "argv", ["sciaticli", *arguments])
    monkeypatch.setenv("SCIATICLI_NO_CACHE", "")
    frozen_before = gc.get_freeze_count()
    with pytest.raises(SystemExit) as ended:
        entry_point.main()
    assert ended.value.code in (0, None)
    assert seen == [collecting]
    if not collecting:
        assert gc.get_freeze_count() > frozen_before
