"""Saved self-check answers (issue 24 §1): journal version 5 adds them in one transaction, as
version 4 did the measures; `check --save` and the question at the end of an interactive check
keep them, dated, with the verdict; the store reads them back (`Journal.check_answers`)."""

from __future__ import annotations

import os
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sciaticli import journal
from sciaticli.cli.main import app
from sciaticli.errors import JournalError
from sciaticli.journal import CheckAnswer, Migration
from sciaticli.knowledge import load_knowledge_base
from sciaticli.safety import questions

KB = load_knowledge_base()
ASKED = [question.id for question in questions(KB)]


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "home" / journal.FILENAME


def version_4_journal(path: Path) -> None:
    with journal.open_journal(path, migrations=journal.MIGRATIONS[:4]) as opened:
        # As a version-4 sciaticli wrote it (today's Journal.add writes the newer columns too).
        opened.connection.execute(
            "INSERT INTO entries (logged_at, pain_before, pain_after, note) VALUES (?, ?, ?, ?)",
            ("2024-01-02T08:00:00", 7, 5, "first"),
        )
        opened.set_setting("episode_start", "2023-12-20", "2024-01-02T08:00:00")


def test_a_version_4_journal_gains_the_check_tables_and_keeps_everything(path: Path) -> None:
    version_4_journal(path)
    with journal.open_journal(path) as opened:
        assert [v for v, _ in opened.applied_migrations()] == [1, 2, 3, 4, 5, 6]
        assert [(e.id, e.pain_before, e.note) for e in opened.entries()] == [(1, 7, "first")]
        assert opened.setting("episode_start") == "2023-12-20"
        assert opened.check_answers() == []


def test_a_failed_version_5_migration_leaves_the_journal_as_it_was(path: Path) -> None:
    version_4_journal(path)
    before = path.read_bytes()
    fifth = journal.MIGRATIONS[4]
    broken = Migration(5, fifth.name, (*fifth.statements, "SELECT no_such_function()"))
    with (
        pytest.raises(JournalError),
        journal.open_journal(path, migrations=(*journal.MIGRATIONS[:4], broken)),
    ):
        pass
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA user_version").fetchone() == (4,)
        names = {n for (n,) in connection.execute("SELECT name FROM sqlite_master")}
    finally:
        connection.close()
    assert "checks" not in names and "check_answers" not in names
    assert path.read_bytes() == before


def test_a_version_5_journal_is_refused_by_a_sciaticli_that_knows_version_4(path: Path) -> None:
    with journal.open_journal(path, migrations=journal.MIGRATIONS[:5]) as opened:
        opened.add_check("2024-01-04T09:00:00", "none-reported", [CheckAnswer("fever", "no", "?")])
    before = path.read_bytes()
    with (
        pytest.raises(
            JournalError, match="newer sciaticli \\(journal version 5; this one knows up to 4"
        ),
        journal.existing_journal(path, migrations=journal.MIGRATIONS[:4]),
    ):
        pass
    assert path.read_bytes() == before


def test_saved_checks_are_read_back_in_order_from_a_day(path: Path) -> None:
    first = [CheckAnswer("fever", "no", "Fever?"), CheckAnswer("cancer", "not sure", "Cancer?")]
    second = [CheckAnswer("fever", "yes", "Fever?")]
    with journal.open_journal(path) as opened:
        opened.add_check("2024-01-04T09:00:00", "doctor-first", first)
        opened.add_check("2024-01-10T18:30:00", "doctor-today", second)
        every = opened.check_answers()
        later = opened.check_answers("2024-01-05")
    assert [(c.when, c.verdict, c.answers) for c in every] == [
        ("2024-01-04T09:00:00", "doctor-first", tuple(first)),
        ("2024-01-10T18:30:00", "doctor-today", tuple(second)),
    ]
    assert [c.when for c in later] == ["2024-01-10T18:30:00"]
    assert every[0].reported() == (first[1],)  # not sure counts as yes


def test_a_check_is_saved_whole_or_not_at_all(path: Path) -> None:
    with journal.open_journal(path) as opened:
        with pytest.raises(sqlite3.IntegrityError):  # "maybe" is not an answer
            opened.add_check(
                "2024-01-04",
                "none-reported",
                [CheckAnswer("fever", "no", "Fever?")] * 1
                + [CheckAnswer("cancer", "maybe", "Cancer?")],
            )
        assert opened.check_answers() == []


def test_a_backup_includes_the_saved_checks(runner: CliRunner, tmp_path: Path) -> None:
    home = Path(os.environ["SCIATICLI_HOME"])
    with journal.open_journal(home / journal.FILENAME) as opened:
        opened.add_check("2024-01-04T09:00:00", "doctor-first", [CheckAnswer("x", "yes", "X?")])
    target = tmp_path / "backup.sqlite3"
    result = runner.invoke(app, ["journal", "backup", str(target)])
    assert result.exit_code == 0, result.stderr
    with journal.existing_journal(target) as copy:
        assert copy is not None
        assert [(c.verdict, c.answers) for c in copy.check_answers()] == [
            ("doctor-first", (CheckAnswer("x", "yes", "X?"),))
        ]


# --- sciaticli check --save ----------------------------------------------------------------------


def saved() -> list[journal.SavedCheck]:
    with journal.existing_journal(Path(os.environ["SCIATICLI_HOME"]) / journal.FILENAME) as j:
        return [] if j is None else j.check_answers()


def test_check_save_keeps_every_answer_dated_with_the_verdict(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["check", "--not-sure", "fever", "--no-others", "--save", "-f", "plain"]
    )
    assert result.exit_code == 4, result.stderr  # see a doctor today
    today = date.today().isoformat()
    assert f"the verdict to your journal ({today})." in " ".join(result.stderr.split())
    (check,) = saved()
    assert check.when.startswith(today) and check.verdict == "doctor-today"
    assert [a.question for a in check.answers] == ASKED
    answers = {a.question: a.answer for a in check.answers}
    assert answers.pop("fever") == "not sure" and set(answers.values()) == {"no"}
    fever = next(q for q in questions(KB) if q.id == "fever")
    assert next(a.asked for a in check.answers if a.question == "fever") == fever.text


def test_check_without_save_keeps_nothing_and_makes_no_journal(runner: CliRunner) -> None:
    result = runner.invoke(app, ["check", "--no-others", "-f", "json"])
    assert result.exit_code == 0
    assert "journal" not in result.stderr
    assert not (Path(os.environ["SCIATICLI_HOME"]) / journal.FILENAME).exists()


def test_an_interactive_check_asks_and_enter_saves_nothing(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sciaticli.cli.safety.stdin_is_terminal", lambda: True)
    # No to each group's list, then Enter (the default, no) to "Save these answers?".
    result = runner.invoke(app, ["check", "-f", "plain"], input="n\n" * 4 + "\n")
    assert result.exit_code == 0
    assert "Save these answers to your journal? [y/N]" in " ".join(result.stderr.split())
    assert result.stderr.rstrip().endswith("Not saved.")
    assert saved() == []


def test_an_interactive_check_saves_after_a_yes(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sciaticli.cli.safety.stdin_is_terminal", lambda: True)
    result = runner.invoke(app, ["check", "-f", "plain"], input="n\n" * 4 + "maybe\ny\n")
    assert result.exit_code == 0
    assert "Please answer y (yes) or n (no)." in result.stderr
    (check,) = saved()
    assert check.verdict == "none-reported" and len(check.answers) > 0


def test_a_failed_save_keeps_the_verdicts_exit_status(runner: CliRunner) -> None:
    home = Path(os.environ["SCIATICLI_HOME"])
    home.mkdir(parents=True, exist_ok=True)
    (home / journal.FILENAME).write_bytes(b"not a journal at all" * 100)
    result = runner.invoke(app, ["check", "--yes", "fever", "--no-others", "--save"])
    assert result.exit_code == 4
    assert "Error: the answers were not saved:" in result.stderr
    result = runner.invoke(app, ["check", "--no-others", "--save"])
    assert result.exit_code == 1
