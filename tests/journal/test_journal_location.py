"""Where the journal lives (issue 22 section 1): the user's data folder, and a journal at the old
place (the configuration folder) moved there whole, never lost, orphaned or split."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from sciaticli import journal
from sciaticli.cli.main import app
from sciaticli.journal import NewEntry, location

LOG = ["log", "--pain-before", "6", "--pain-after", "4"]


@pytest.fixture
def places(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> tuple[Path, Path]:
    """No SCIATICLI_HOME; the XDG folders in tmp_path: the old place and the new one."""
    monkeypatch.delenv("SCIATICLI_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    old = tmp_path / "config" / "sciaticli" / journal.FILENAME
    new = tmp_path / "data" / "sciaticli" / journal.FILENAME
    return old, new


def make_old(old: Path, count: int = 3) -> bytes:
    with journal.open_journal(old) as opened:
        opened.add_many([NewEntry("2024-03-01", 5, 3)] * count)
    assert not Path(f"{old}-wal").exists()  # closed: SQLite folded its WAL into the file
    return old.read_bytes()


def entries(path: Path) -> int:
    connection = sqlite3.connect(path)
    try:
        return int(connection.execute("SELECT count(*) FROM entries").fetchone()[0])
    finally:
        connection.close()


def test_the_journal_lives_in_the_users_data_folder(
    runner: CliRunner, places: tuple[Path, Path]
) -> None:
    old, new = places
    assert journal.journal_path() == new
    assert runner.invoke(app, LOG).exit_code == 0
    assert entries(new) == 1 and not old.parent.exists()


def test_the_old_place_is_where_typer_put_it(places: tuple[Path, Path]) -> None:
    old, _ = places
    assert location.old_journal_path() == old
    assert old == Path(typer.get_app_dir("sciaticli")) / journal.FILENAME


def test_a_journal_at_the_old_place_is_moved_whole(
    runner: CliRunner, places: tuple[Path, Path]
) -> None:
    old, new = places
    content = make_old(old)
    inode = old.stat().st_ino
    assert journal.journal_path() == new
    assert not old.exists() and new.read_bytes() == content
    assert new.stat().st_ino == inode and new.stat().st_nlink == 1  # moved, not copied
    assert stat.S_IMODE(new.stat().st_mode) == 0o600
    result = runner.invoke(app, LOG)
    assert result.exit_code == 0, result.stderr
    assert entries(new) == 4
    assert sorted(p.name for p in old.parent.iterdir()) == []  # nothing left behind


def test_a_journal_in_use_at_the_old_place_stays_there(
    runner: CliRunner, places: tuple[Path, Path]
) -> None:
    old, new = places
    make_old(old)
    keeper = sqlite3.connect(old)  # another process has it open: its -wal and -shm are there
    keeper.execute("INSERT INTO entries (logged_at, pain_before, pain_after) "
                   "VALUES ('2024-03-02', 4, 2)")  # fmt: skip
    keeper.commit()
    try:
        assert Path(f"{old}-wal").exists()
        assert journal.journal_path() == old
        assert runner.invoke(app, LOG).exit_code == 0
        assert not new.parent.exists()  # nothing made at the new place: never split
    finally:
        keeper.close()
    assert entries(old) == 5
    assert journal.journal_path() == new  # closed now: moved on the next run
    assert entries(new) == 5 and not old.exists()


def test_with_a_journal_at_both_places_the_new_one_is_used_and_the_old_left(
    places: tuple[Path, Path],
) -> None:
    old, new = places
    content = make_old(old)
    make_old(new, count=1)
    assert journal.journal_path() == new
    assert old.read_bytes() == content and entries(new) == 1


def test_a_file_at_the_old_place_that_is_not_a_journal_is_not_moved(
    runner: CliRunner, places: tuple[Path, Path]
) -> None:
    old, new = places
    old.parent.mkdir(parents=True)
    old.write_bytes(b"not a journal")
    result = runner.invoke(app, ["history"])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {old} is not a sciaticli journal")
    assert old.read_bytes() == b"not a journal" and not new.parent.exists()


def test_a_journal_that_cannot_be_linked_stays_at_the_old_place(
    monkeypatch: pytest.MonkeyPatch, places: tuple[Path, Path]
) -> None:
    old, new = places
    content = make_old(old)

    def cross_device(*args: object, **options: object) -> None:
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(os, "link", cross_device)
    assert journal.journal_path() == old
    assert old.read_bytes() == content and not new.exists()


def test_a_move_whose_old_name_cannot_be_removed_is_taken_back(
    monkeypatch: pytest.MonkeyPatch, places: tuple[Path, Path]
) -> None:
    old, new = places
    content = make_old(old)

    real_unlink = os.unlink

    def refuse(path: str | os.PathLike[str], **options: int | None) -> None:
        if Path(path) == old:
            raise PermissionError(13, "Permission denied")
        real_unlink(path, **options)

    monkeypatch.setattr(os, "unlink", refuse)
    assert journal.journal_path() == old
    assert old.read_bytes() == content and not new.exists()
    assert old.stat().st_nlink == 1  # one name: never two -wal files for one journal


def test_many_processes_at_once_move_it_once_and_lose_nothing(
    places: tuple[Path, Path], tmp_path: Path
) -> None:
    old, new = places
    make_old(old)
    env = {key: value for key, value in os.environ.items() if key != "SCIATICLI_HOME"}
    command = [sys.executable, "-m", "sciaticli", *LOG]
    children = [
        subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(6)
    ]
    for child in children:
        _, err = child.communicate(timeout=120)
        assert child.returncode == 0, err
    assert not old.exists() and sorted(p.name for p in old.parent.iterdir()) == []
    assert entries(new) == 3 + 6


def test_sciaticli_home_still_wins(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    make_old(tmp_path / "config" / "sciaticli" / journal.FILENAME)
    assert journal.journal_path() == Path(os.environ["SCIATICLI_HOME"]) / journal.FILENAME
    assert (tmp_path / "config" / "sciaticli" / journal.FILENAME).exists()  # not moved
