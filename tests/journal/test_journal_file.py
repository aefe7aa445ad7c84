"""The journal file (issue 11, section 4): links, other programs' tables, advice that names the
-wal and -shm files, `journal backup` and `journal check`, temporary files left behind, rows
edited by hand, and output that cannot be written."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sciaticli import journal
from sciaticli.cli.main import app
from sciaticli.journal import NewEntry

LOG = ["log", "--pain-before", "6", "--pain-after", "4"]


def journal_file() -> Path:
    return Path(os.environ["SCIATICLI_HOME"]) / journal.FILENAME


def invoke(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


# --- links and other programs' files -------------------------------------------------------------


@pytest.mark.parametrize("target_exists", [False, True], ids=["dangling", "to-a-journal"])
def test_a_symlink_at_the_journal_path_is_refused(
    runner: CliRunner, tmp_path: Path, target_exists: bool
) -> None:
    target = tmp_path / "elsewhere" / "target.sqlite3"
    target.parent.mkdir()
    if target_exists:
        with journal.open_journal(target) as opened:
            opened.add(NewEntry("2024-03-01", 5, 3))
    before = target.read_bytes() if target_exists else None
    journal_file().parent.mkdir(parents=True)
    journal_file().symlink_to(target)
    for command in (
        LOG, ["history"], ["history", "--delete", "1", "--yes"], ["journal", "check"], ["report"]
    ):  # fmt: skip
        code, out, err = invoke(runner, *command)
        assert (code, out) == (1, ""), command
        assert err.startswith(f"Error: {journal_file()} is a symbolic link;")
    assert (target.read_bytes() if target.exists() else None) == before  # never written through
    assert sorted(p.name for p in target.parent.iterdir()) == (
        ["target.sqlite3"] if target_exists else []
    )


def foreign_tables(path: Path) -> None:
    """Another program's database that carries sciaticli's application id."""
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA application_id = {journal.APPLICATION_ID}")
    connection.execute("CREATE TABLE users (name TEXT)")
    connection.execute("INSERT INTO users VALUES ('alice')")
    connection.commit()
    connection.close()


def foreign_tables_with_version(path: Path) -> None:
    foreign_tables(path)
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA user_version = 1")
    connection.close()


@pytest.mark.parametrize("make", [foreign_tables, foreign_tables_with_version])
@pytest.mark.parametrize(
    "command",
    [
        LOG,
        ["history", "-f", "plain"],
        ["history", "--delete", "1", "--yes"],
        ["report", "-f", "html"],
    ],
)
def test_our_application_id_on_someone_elses_tables_is_refused_untouched(
    runner: CliRunner, make: object, command: list[str]
) -> None:
    path = journal_file()
    path.parent.mkdir(parents=True)
    assert callable(make)
    make(path)
    content = path.read_bytes()
    code, out, err = invoke(runner, *command)
    assert (code, out) == (1, "")
    assert err.startswith(f"Error: {path} is not a sciaticli journal (it has sciaticli's mark")
    assert path.read_bytes() == content
    assert sorted(p.name for p in path.parent.iterdir() if p.name != "cache") == [path.name]


def test_the_advice_for_a_damaged_journal_names_its_wal_and_shm(runner: CliRunner) -> None:
    path = journal_file()
    with journal.open_journal(path) as opened:
        opened.add_many([NewEntry("2024-03-01", 5, 3, note="x" * 200)] * 50)
    data = bytearray(path.read_bytes())
    data[4096:] = bytes(len(data) - 4096)  # every page but the first wiped
    path.write_bytes(bytes(data))
    for command in (["history"], ["report"]):
        code, _, err = invoke(runner, *command)
        assert code == 1
        assert "journal.sqlite3-wal and journal.sqlite3-shm" in err
    assert "the three files are one journal" in err
    code, _, err = invoke(runner, "journal", "check")
    assert code == 1 and "is a damaged sciaticli journal" in err


# --- backup and check ------------------------------------------------------------------------


def test_backup_copies_every_entry_to_a_new_private_file(runner: CliRunner, tmp_path: Path) -> None:
    with journal.open_journal(journal_file()) as opened:
        opened.add_many([NewEntry("2024-03-01", 5, 3)] * 3)
        # a writer still has entries in the WAL only: the backup has them too
        keeper = sqlite3.connect(journal_file())
        keeper.execute("PRAGMA wal_autocheckpoint = 0")
        keeper.execute("INSERT INTO entries (logged_at, pain_before, pain_after) "
                       "VALUES ('2024-03-02', 4, 2)")  # fmt: skip
        keeper.commit()
        target = tmp_path / "backup.sqlite3"
        code, out, err = invoke(runner, "journal", "backup", str(target))
        keeper.close()
    assert (code, err) == (0, "")
    assert out == f"Backed up 4 entries to {target} (readable by you only).\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    with journal.existing_journal(target) as copy:
        assert copy is not None and len(copy.entries()) == 4
    assert not Path(f"{target}-wal").exists()  # one self-contained file


def test_backup_never_replaces_a_file(runner: CliRunner, tmp_path: Path) -> None:
    invoke(runner, *LOG)
    target = tmp_path / "precious.txt"
    target.write_text("keep me")
    link = tmp_path / "link.sqlite3"
    link.symlink_to(tmp_path / "nowhere")
    for path in (target, link):
        code, out, err = invoke(runner, "journal", "backup", str(path))
        assert (code, out) == (1, "")
        assert err == f"Error: {path} already exists; a backup never replaces a file\n"
    assert target.read_text() == "keep me"
    assert not (tmp_path / "nowhere").exists()


def test_backup_and_check_without_a_journal(runner: CliRunner, tmp_path: Path) -> None:
    code, _, err = invoke(runner, "journal", "backup", str(tmp_path / "b.sqlite3"))
    assert code == 1 and "there is no journal" in err
    assert not (tmp_path / "b.sqlite3").exists()
    code, out, _ = invoke(runner, "journal", "check")
    assert code == 0 and out.startswith("No journal yet at")
    assert not journal_file().exists()


def test_check_reports_a_healthy_journal(runner: CliRunner) -> None:
    invoke(runner, *LOG)
    code, out, err = invoke(runner, "journal", "check")
    assert (code, err) == (0, "")
    assert out == (
        f"{journal_file()}: ok (1 entries, journal version 6; SQLite's integrity check found "
        "nothing wrong).\n"
    )


# --- temporary files left behind -----------------------------------------------------------------


def test_temporary_journals_left_by_an_interrupted_creation_are_removed(
    runner: CliRunner,
) -> None:
    folder = journal_file().parent
    folder.mkdir(parents=True)
    old = [folder / f".{journal.FILENAME}.x1y2.new{suffix}" for suffix in ("", "-wal", "-shm")]
    fresh = folder / f".{journal.FILENAME}.z9.new"  # another process may be making it now
    for path in [*old, fresh]:
        path.write_bytes(b"half made")
    long_ago = time.time() - 2 * journal.file.ORPHAN_SECONDS
    for path in old:
        os.utime(path, (long_ago, long_ago))
    assert invoke(runner, *LOG)[0] == 0
    assert sorted(p.name for p in folder.iterdir() if p.name != "cache") == sorted(
        [journal.FILENAME, fresh.name, *(f"{journal.FILENAME}-{s}" for s in ("wal", "shm"))]
        if Path(f"{journal_file()}-wal").exists()
        else [journal.FILENAME, fresh.name]
    )


# --- rows edited by hand ---------------------------------------------------------------------


def edited_by_hand() -> None:
    with journal.open_journal(journal_file()) as opened:
        opened.add_many([NewEntry("2024-03-01T08:00:00", 6, 4, note="fine")])
    connection = sqlite3.connect(journal_file())
    connection.execute("PRAGMA ignore_check_constraints = ON")
    rows = [
        ("yesterday", 5, 3, "a date that is not one"),
        (b"\x00\x01blob", 5, 3, None),
        ("2024-02-30", 5, 3, None),
        ("2024-03-02", 5, 3, b"\xffnote as a blob"),
        ("2024-03-03", "seven", 3, None),
        ("2024-03-04", 5.5, 3, None),
    ]
    connection.executemany(
        "INSERT INTO entries (logged_at, pain_before, pain_after, note) VALUES (?, ?, ?, ?)", rows
    )
    connection.commit()
    connection.close()


@pytest.mark.parametrize("fmt", ["plain", "markdown", "json", "csv", "rich"])
def test_rows_edited_by_hand_are_shown_raw_with_a_warning(runner: CliRunner, fmt: str) -> None:
    edited_by_hand()
    code, out, err = invoke(runner, "history", "-f", fmt, "--color", "never")
    assert code == 0
    assert "Warning: journal entry 2: its date is not a date ('yesterday')" in err
    assert "Warning: journal entry 3: its date is not a date (\"x'0001626c6f62'\")" in err
    assert "Warning: journal entry 4: its date is not a date ('2024-02-30')" in err
    assert "Warning: journal entry 5: its note is not text (\"x'ff6e6f7465" in err
    (fifth,) = [line for line in err.splitlines() if "entry 5:" in line]
    assert "left out of the chart" not in fifth  # its date and pain count
    assert "Warning: journal entry 6: its pain before is not a number ('seven')" in err
    assert "entry 7" not in err  # 5.5 is a number: shown as it is
    assert "yesterday" in out
    if fmt == "json":
        data = json.loads(out)
        assert {"2024-03-01T08:00:00", "2024-03-02", "yesterday", "x'0001626c6f62'"} <= {
            entry["when"] for entry in data["entries"]
        }
        assert data["summary"]["sessions"] == 3  # the entries with real dates and pain
    if fmt == "csv":
        assert "x'0001626c6f62'" in out


def test_deleting_a_row_edited_by_hand_works(runner: CliRunner) -> None:
    edited_by_hand()
    code, out, _ = invoke(runner, "history", "--delete", "3", "--yes")
    assert (code, out) == (0, "Deleted entry 3.\n")


def test_check_lists_rows_edited_by_hand(runner: CliRunner) -> None:
    edited_by_hand()
    code, out, _ = invoke(runner, "journal", "check")
    assert code == 0
    assert "5 entries were edited into values that are not entries" in out
    assert "Warning: journal entry 2: its date is not a date ('yesterday')" in out


# --- output that cannot be written: real processes ------------------------------------------------


def command_lines(tmp_path: Path) -> list[list[str]]:
    backup = str(tmp_path / "backup-{n}.sqlite3")
    return [
        ["techniques"], ["techniques", "shiatsu"], ["home-routine"], ["home-routine", "--list"],
        ["safety"], ["check", "--no", "anticoagulants", "--no-others"], ["about"],
        ["therapist"], ["myths"], ["sources"], ["search", "tennis"], [*LOG], ["history"],
        ["history", "-f", "csv"], ["history", "-f", "html"], ["report"], ["report", "-f", "html"],
        ["home-routine", "-f", "html"], ["journal", "check"], ["journal", "backup", backup],
        ["validate", str(Path(__file__).parent.parent.parent / "data" / "techniques.yaml")],
        ["--version"], ["--help"], ["log", "--help"],
    ]  # fmt: skip


@pytest.mark.parametrize("mode", ["closed", "full", "head"])
def test_no_command_gives_a_traceback_when_output_cannot_be_written(
    tmp_path: Path, mode: str
) -> None:
    env = {**os.environ, "SCIATICLI_HOME": str(tmp_path / "home"), "SCIATICLI_KB": ""}
    env.pop("SCIATICLI_KB")
    subprocess.run([sys.executable, "-m", "sciaticli", *LOG], env=env, check=True,
                   capture_output=True)  # fmt: skip
    redirect = {"closed": ">&-", "full": "> /dev/full", "head": "| head -n 1"}[mode]
    logged = 1
    for number, args in enumerate(command_lines(tmp_path)):
        args = [arg.replace("{n}", str(number)) for arg in args]
        quoted = " ".join(f"'{arg}'" for arg in args)
        shell = f"'{sys.executable}' -m sciaticli {quoted} {redirect}; echo \"EXIT=$?\" >&2"
        if mode == "head":
            shell = f"set -o pipefail; '{sys.executable}' -m sciaticli {quoted} {redirect}"
            shell += '; echo "EXIT=$?" >&2'
        result = subprocess.run(["bash", "-c", shell], capture_output=True, env=env, timeout=60)
        err = result.stderr.decode()
        assert "Traceback" not in err and "Exception ignored" not in err, (args, err)
        code = int(err.rsplit("EXIT=", 1)[1])
        messages = err.rsplit("EXIT=", 1)[0]
        if args[0] == "log" and args[1] != "--help":
            logged += 1
            assert code == 0, (mode, err)
            if mode != "head":
                assert f"Logged entry {logged} for " in messages and "(Saved;" in messages
        elif mode == "head":
            assert code in (0, 141) or args[0] == "check", (args, err)
        else:
            assert code == 1, (args, mode, err)
            reason = "it is closed" if mode == "closed" else "No space left on device"
            assert messages == f"Error: cannot write to standard output: {reason}\n", args
    with journal.existing_journal(tmp_path / "home" / journal.FILENAME) as opened:
        assert opened is not None
        assert len(opened.entries()) == logged  # no entry lost, none twice
