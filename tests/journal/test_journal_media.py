"""The journal's file on hostile media (issue 21, sections 2 and 5): a backup that never deletes
or overwrites what it did not make, a full disk at the backup's target, a journal on a
read-only filesystem, `journal check` in flat memory, and a report period that is bounded.

The disk and the read-only filesystem are real: each test mounts a small tmpfs or a read-only
bind mount in a mount namespace of its own (`unshare -m`, as root), which goes with the process.
"""

from __future__ import annotations

import os
import shlex
import sqlite3
import subprocess
import sys
import tracemalloc
from pathlib import Path

from typer.testing import CliRunner

from sciaticli import journal
from sciaticli.cli.main import app
from sciaticli.journal import NewEntry


def journal_file() -> Path:
    return Path(os.environ["SCIATICLI_HOME"]) / journal.FILENAME


def invoke(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def make_journal(count: int, note: str = "") -> None:
    with journal.open_journal(journal_file()) as opened:
        opened.add_many([NewEntry("2024-03-01T08:00:00", 6, 4, note=note or None)] * count)


def listing(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in folder.iterdir()}


def in_namespace(mounts: str, *commands: list[str]) -> list[subprocess.CompletedProcess[str]]:
    """Run sciaticli `commands` one after another in a mount namespace of their own, after the
    shell lines `mounts`; each command's exit status, output and errors."""
    marker = "@@END@@"
    script = [mounts, "set +e"]  # the mounts must work; the commands may fail
    for args in commands:
        line = shlex.join([sys.executable, "-m", "sciaticli", *args])
        script.append(f'{line}; echo "{marker}$?" >&2; echo "{marker}"')
    result = subprocess.run(
        ["unshare", "-m", "sh", "-ec", "\n".join(script)],
        capture_output=True, text=True, env=dict(os.environ), timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr  # the mounts worked, every command ran
    outs = result.stdout.split(f"{marker}\n")[:-1]
    errs = result.stderr.split(marker)[:-1]
    codes = [int(part.split("\n", 1)[0]) for part in result.stderr.split(marker)[1:]]
    errs = [err if index == 0 else err.split("\n", 1)[1] for index, err in enumerate(errs)]
    assert len(outs) == len(codes) == len(commands), result
    return [
        subprocess.CompletedProcess(args, code, out, err)
        for args, code, out, err in zip(commands, codes, outs, errs, strict=True)
    ]


# --- journal backup: never deletes, never overwrites (section 2) ---------------------------------


def test_a_backup_beside_old_journal_and_wal_files_refuses_and_leaves_them(
    runner: CliRunner, tmp_path: Path
) -> None:
    make_journal(3)
    folder = tmp_path / "bk"
    folder.mkdir()
    target = folder / "x.sqlite3"
    for suffix, content in (("-journal", b"old rollback journal"), ("-wal", b"old wal")):
        Path(f"{target}{suffix}").write_bytes(content)
    before = listing(folder)
    code, out, err = invoke(runner, "journal", "backup", str(target))
    assert (code, out) == (1, "")
    assert err.startswith(f"Error: {target}-journal already exists; SQLite would take it as")
    assert listing(folder) == before  # nothing deleted, nothing added, nothing changed
    Path(f"{target}-journal").unlink()
    code, _, err = invoke(runner, "journal", "backup", str(target))
    assert code == 1 and err.startswith(f"Error: {target}-wal already exists")
    assert listing(folder) == {"x.sqlite3-wal": b"old wal"}


def test_a_backup_is_linked_into_place_and_leaves_nothing_else(
    runner: CliRunner, tmp_path: Path
) -> None:
    make_journal(5)
    folder = tmp_path / "bk"
    folder.mkdir()
    (folder / "other.txt").write_text("someone else's")
    target = folder / "x.sqlite3"
    code, out, _ = invoke(runner, "journal", "backup", str(target))
    assert (code, out) == (0, f"Backed up 5 entries to {target} (readable by you only).\n")
    assert sorted(listing(folder)) == ["other.txt", "x.sqlite3"]  # no temporary file left
    assert target.stat().st_nlink == 1
    with sqlite3.connect(target) as copy:
        assert copy.execute("PRAGMA journal_mode").fetchone() == ("delete",)


FILL = "dd if=/dev/zero of={disk}/filler bs=4096 count=8 2>/dev/null\n"


def test_a_full_disk_at_the_target_names_the_file_and_the_disk(tmp_path: Path) -> None:
    make_journal(3000, note="a note of some length " * 3)
    disk = tmp_path / "disk"
    disk.mkdir()
    target = disk / "b.sqlite3"
    journal_before = journal_file().read_bytes()
    (result,) = in_namespace(
        f"mount -t tmpfs -o size=64k tmpfs {disk}\n" + FILL.format(disk=disk),
        ["journal", "backup", str(target)],
    )
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.startswith(
        f"Error: cannot make the backup {target}: the disk it is on is full (the filesystem "
        f"mounted at {disk}, "
    )
    assert result.stderr.endswith(
        f"The journal {journal_file()} was not changed, and nothing was left at {target}.\n"
    )
    assert "could not be used" not in result.stderr
    assert journal_file().read_bytes() == journal_before


def test_the_clean_up_after_a_full_disk_removes_only_its_own_files(tmp_path: Path) -> None:
    make_journal(3000, note="a note of some length " * 3)
    disk = tmp_path / "disk"
    disk.mkdir()
    target = disk / "b.sqlite3"
    # Others' files whose names are near the ones SQLite makes beside the backup.
    others = ["b.sqlite3.journal", ".b.sqlite3.backup", "b.sqlite3-journal.txt", "b.sqlite"]
    backup = shlex.join([sys.executable, "-m", "sciaticli", "journal", "backup", str(target)])
    script = (
        f"mount -t tmpfs -o size=64k tmpfs {disk}\n"
        + "".join(f"printf other > {disk}/{name}\n" for name in others)
        + FILL.format(disk=disk)
        + f"if {backup} 2>/dev/null; then echo MADE; fi\nls -A {disk}"
    )
    shown = subprocess.run(
        ["unshare", "-m", "sh", "-ec", script], capture_output=True, text=True, check=True
    )
    assert sorted(shown.stdout.split()) == sorted([*others, "filler"])


# --- a journal on a read-only filesystem (section 5) ---------------------------------------------


def read_only(folder: Path) -> str:
    return f"mount -o bind,ro {folder} {folder}\n"


def test_reading_commands_work_on_a_read_only_filesystem(tmp_path: Path) -> None:
    make_journal(4, note="read me")
    home = journal_file().parent
    assert not Path(f"{journal_file()}-shm").exists()  # closed cleanly: SQLite removed it
    before = listing(home)
    target = tmp_path / "copy.sqlite3"
    history, report, check, backup = in_namespace(
        read_only(home),
        ["history", "-f", "plain"],
        ["report", "--since", "2024-02-01", "-f", "json"],
        ["journal", "check"],
        ["journal", "backup", str(target)],
    )
    for result in (history, report, check, backup):
        assert (result.returncode, result.stderr) == (0, ""), result
    assert history.stdout.count("read me") == 4
    assert '"entries": 4' in report.stdout
    assert check.stdout.startswith(f"{journal_file()}: ok (4 entries, journal version 6;")
    assert backup.stdout == f"Backed up 4 entries to {target} (readable by you only).\n"
    assert listing(home) == before  # no -shm, no -wal: nothing written there
    with journal.existing_journal(target) as copy:
        assert copy is not None and len(copy.entries()) == 4


def test_writing_commands_say_the_filesystem_is_read_only(tmp_path: Path) -> None:
    make_journal(2)
    home = journal_file().parent
    before = listing(home)
    logged, edited, deleted = in_namespace(
        read_only(home),
        ["log", "--pain-before", "5", "--pain-after", "3"],
        ["history", "--edit", "1", "--pain-before", "3"],
        ["history", "--delete", "1", "--yes"],
    )
    for result in (logged, edited, deleted):
        assert (result.returncode, result.stdout) == (1, "")
        assert result.stderr.startswith(
            f"Error: the journal {journal_file()} is on a read-only filesystem, so sciaticli "
            "cannot write to it. Nothing was changed."
        ), result
    assert listing(home) == before


def test_no_journal_in_a_read_only_folder_is_said_so(tmp_path: Path) -> None:
    home = journal_file().parent
    home.mkdir(parents=True)
    logged, history = in_namespace(
        read_only(home), ["log", "--pain-before", "5", "--pain-after", "3"], ["history"]
    )
    assert logged.returncode == 1
    assert logged.stderr.startswith(
        f"Error: cannot make the journal {journal_file()}: its folder is on a read-only filesystem."
    )
    assert history.returncode == 0 and not journal_file().exists()


def test_a_wal_that_cannot_be_read_on_read_only_media_is_not_ignored(tmp_path: Path) -> None:
    make_journal(1)
    keeper = sqlite3.connect(journal_file())  # a writer whose WAL is not yet in the file
    keeper.execute("PRAGMA wal_autocheckpoint = 0")
    keeper.execute("INSERT INTO entries (logged_at, pain_before, pain_after) "
                   "VALUES ('2024-03-02', 4, 2)")  # fmt: skip
    keeper.commit()
    home = journal_file().parent
    snapshot = tmp_path / "snapshot"
    snapshot.mkdir()
    for name in (journal.FILENAME, f"{journal.FILENAME}-wal"):  # a copy without its -shm
        (snapshot / name).write_bytes((home / name).read_bytes())
    keeper.close()
    os.environ["SCIATICLI_HOME"] = str(snapshot)  # restored by the autouse fixture
    (result,) = in_namespace(read_only(snapshot), ["history"])
    assert (result.returncode, result.stdout) == (1, "")
    assert "-wal file beside it that holds its latest changes" in result.stderr


# --- journal check at scale (section 5) -----------------------------------------------------------


def test_journal_check_reads_a_big_journal_in_flat_memory() -> None:
    make_journal(30_000, note="a typical note about the session")
    tracemalloc.start()
    try:
        health = journal.check_health(journal_file())
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert health is not None and health.entries == 30_000
    # A list of every entry takes over 10 MB here; a chunk at a time well under 3.
    assert peak < 3_000_000, peak


def test_journal_check_lists_the_first_rows_edited_by_hand_and_counts_the_rest(
    runner: CliRunner,
) -> None:
    make_journal(1)
    connection = sqlite3.connect(journal_file())
    connection.execute("PRAGMA ignore_check_constraints = ON")
    connection.executemany(
        "INSERT INTO entries (logged_at, pain_before, pain_after) VALUES (?, 5, 3)",
        [(f"bad day {number}",) for number in range(journal.HEALTH_LISTED + 7)],
    )
    connection.commit()
    connection.close()
    code, out, _ = invoke(runner, "journal", "check")
    assert code == 0
    assert f"{journal.HEALTH_LISTED + 7} entries were edited into values" in out
    assert out.count("Warning: journal entry") == journal.HEALTH_LISTED
    assert out.endswith("... and 7 more (history lists every one).\n")


# --- a report over a period that is too long (section 5) -----------------------------------------


def test_a_report_since_year_one_is_refused_with_a_clear_message(runner: CliRunner) -> None:
    with journal.open_journal(journal_file()) as opened:
        opened.add_many([NewEntry("0001-01-01", 6, 4), NewEntry("2024-03-01", 5, 3)])
    code, out, err = invoke(runner, "report", "--since", "0001-01-01", "-f", "json")
    assert (code, out) == (2, "")
    assert "0001-01-01 is more than 520 weeks (10 years) ago; a report covers at most" in err
    assert len(err) < 1000
    code, out, _ = invoke(runner, "report", "--weeks", "520", "-f", "json")
    assert code == 0 and out.count('"start"') <= 530
