"""The command reference and the man page, generated from the commands' own help, and
`sciaticli help [COMMAND]`."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sciaticli.cli import helpdoc
from sciaticli.cli.main import app

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "gen_docs.py"


def test_the_reference_and_the_man_page_are_up_to_date() -> None:
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True, check=False
    )
    # On failure the message names the files and the command that brings them up to date.
    assert done.returncode == 0, done.stderr


def test_the_script_writes_each_file_and_check_names_a_stale_one(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--root", str(tmp_path)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert done.stdout.splitlines() == ["wrote docs/commands.md", "wrote man/sciaticli.1"]
    for name, text in helpdoc.documents().items():
        assert (tmp_path / name).read_text(encoding="utf-8") == text
    reference = tmp_path / "docs" / "commands.md"
    reference.write_text(reference.read_text(encoding="utf-8").replace("Usage:", "Use:", 1))
    stale = subprocess.run(
        [sys.executable, str(SCRIPT), "--check", "--root", str(tmp_path)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert stale.returncode == 1
    assert stale.stderr == (
        "docs/commands.md out of date with the commands' help: run `python scripts/gen_docs.py`\n"
    )


def test_the_reference_has_every_commands_help_in_order() -> None:
    text = helpdoc.reference()
    titles = [line[3:] for line in text.splitlines() if line.startswith("## ")]
    assert titles[:3] == ["sciaticli", "sciaticli techniques", "sciaticli home-routine"]
    assert titles.index("sciaticli journal") + 1 == titles.index("sciaticli journal check")
    assert "sciaticli journal backup" in titles
    assert "sciaticli help" in titles
    assert "Usage: sciaticli techniques [OPTIONS] [NAME]" in text
    # Written at 80 columns, whatever the terminal that ran the script.
    blocks = text.split("```text\n")[1:]
    assert max(len(line) for block in blocks for line in block.split("```")[0].splitlines()) <= 80


def test_the_man_page_is_valid_roff_and_shows_every_command(tmp_path: Path) -> None:
    assert shutil.which("groff"), "groff is needed for this test (.ci/run installs it)"
    page = tmp_path / "sciaticli.1"
    page.write_text(helpdoc.man_page(), encoding="utf-8")
    warnings = subprocess.run(
        ["groff", "-man", "-Tutf8", "-ww", "-z", str(page)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert warnings.stderr == ""
    shown = subprocess.run(
        ["groff", "-man", "-Tascii", "-rLL=80n", str(page)],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    plain = shown.replace("\b", "")  # bold and underline as overstrikes
    assert "sciaticli - an offline guide to massage" in " ".join(plain.split())
    assert "--install-completion" in plain  # hyphens stay ASCII hyphen-minus
    for title, _ in helpdoc.pages():
        if title != "sciaticli":
            assert title in plain
    assert max(len(line) for line in shown.replace("\b", "").splitlines()) <= 80


def invoke(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "80"}, prog_name="sciaticli")
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    "words",
    [[], ["techniques"], ["check"], ["journal"], ["journal", "backup"], ["help"]],
)
def test_help_shows_what_help_shows(runner: CliRunner, words: list[str]) -> None:
    status, shown, _ = invoke(runner, "help", *words)
    assert status == 0
    assert (0, shown, "") == invoke(runner, *words, "--help")


@pytest.mark.parametrize(
    ("words", "message"),
    [
        (["nope"], "No such command 'nope'. Run 'sciaticli --help' for the list."),
        (["techniqes"], "No such command 'techniqes'. Did you mean 'techniques'?"),
        (["journal", "nope"], "No such command 'journal nope'."),
        (["techniques", "shiatsu"], "No such command 'techniques shiatsu'."),
    ],
)
def test_help_for_no_such_command_is_a_usage_error(
    runner: CliRunner, words: list[str], message: str
) -> None:
    status, shown, errors = invoke(runner, "help", *words)
    assert status == 2
    assert shown == ""
    assert errors.splitlines()[-1] == f"Error: {message}"
