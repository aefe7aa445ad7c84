"""Real processes, where the terminal and the pipe matter (CliRunner cannot show these)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.terminal import on_pty

ANSI = re.compile(r"\x1b\[")
COMMAND = [sys.executable, "-m", "sciaticli"]


def environment(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE", "CLICOLOR", "SCIATICLI_KB"}
    }
    env.update({"SCIATICLI_HOME": str(tmp_path / "home"), "TERM": "xterm-256color"})
    env.update(extra)
    return env


def run(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [*COMMAND, *args], capture_output=True, env=environment(tmp_path, **env), timeout=60
    )


def run_in_terminal(tmp_path: Path, *args: str, columns: int = 80, **env: str) -> str:
    """Run with stdout on a pseudo-terminal, as a person at a terminal would."""
    settings = environment(tmp_path, **env)
    settings.pop("COLUMNS", None)
    done = on_pty(list(args), settings, columns=columns, rows=50, stdout_only=True)
    assert done.status == 0
    assert done.errors == ""
    return done.shown


def test_piped_output_is_plain(tmp_path: Path) -> None:
    result = run(tmp_path, "techniques")
    assert result.returncode == 0
    assert result.stderr == b""
    assert not ANSI.search(result.stdout.decode())
    assert result.stdout.decode().splitlines()[0].startswith("Technique\tId\tFamily")


def test_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    process = subprocess.Popen(
        [*COMMAND, "techniques", "swedish", "-f", "markdown"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environment(tmp_path),
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the reader is gone before anything is written
    error = process.stderr.read().decode()
    assert process.wait(timeout=60) == 0
    assert error == ""


def test_head_closing_the_pipe_prints_no_traceback(tmp_path: Path) -> None:
    shell = f"{' '.join(COMMAND)} techniques | head -n 1"
    result = subprocess.run(
        ["sh", "-c", shell], capture_output=True, env=environment(tmp_path), timeout=60
    )
    assert result.stdout.decode() == "Technique\tId\tFamily\tPerformed by\tPressure\tTargets\n"
    assert result.stderr == b""


def test_terminal_gets_rich_colour(tmp_path: Path) -> None:
    out = run_in_terminal(tmp_path, "techniques", "shiatsu")
    assert ANSI.search(out)
    assert "╭─ Cautions" in re.sub(r"\x1b\[[0-9;]*m", "", out)


def test_no_color_on_a_terminal(tmp_path: Path) -> None:
    out = run_in_terminal(tmp_path, "techniques", "shiatsu", NO_COLOR="1")
    assert not ANSI.search(out)
    assert "╭─ Cautions" in out


def test_term_dumb_has_no_colour(tmp_path: Path) -> None:
    out = run_in_terminal(tmp_path, "techniques", "shiatsu", TERM="dumb")
    assert not ANSI.search(out)
    assert "Shiatsu" in out


@pytest.mark.parametrize("variable", ["FORCE_COLOR", "CLICOLOR_FORCE"])
def test_forced_colour_in_a_pipe(tmp_path: Path, variable: str) -> None:
    forced = run(tmp_path, "techniques", "shiatsu", **{variable: "1"})
    assert ANSI.search(forced.stdout.decode())
    both = run(tmp_path, "techniques", "shiatsu", NO_COLOR="1", **{variable: "1"})
    assert not ANSI.search(both.stdout.decode())


def test_color_always_keeps_styles_for_less(tmp_path: Path) -> None:
    result = run(tmp_path, "techniques", "shiatsu", "--color", "always")
    assert ANSI.search(result.stdout.decode())


def test_narrow_terminal_wraps_at_no_less_than_40_columns(tmp_path: Path) -> None:
    wide = run_in_terminal(tmp_path, "techniques", "deep-tissue-massage", columns=60)
    narrow = run_in_terminal(tmp_path, "techniques", "deep-tissue-massage", columns=20)
    visible = [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in narrow.splitlines()]
    assert max(len(line) for line in visible) == 40
    assert max(len(re.sub(r"\x1b\[[0-9;]*m", "", line)) for line in wide.splitlines()) == 60


@pytest.mark.parametrize("fmt", ["plain", "rich", "markdown", "json"])
def test_ascii_only_locale(tmp_path: Path, fmt: str) -> None:
    result = run(
        tmp_path,
        "techniques",
        "tennis-ball-pressure",
        "-f",
        fmt,
        LC_ALL="C",
        PYTHONIOENCODING="ascii",
    )
    assert result.returncode == 0, result.stderr.decode()
    assert result.stderr == b""
    text = result.stdout.decode("ascii")
    assert "1-2 minutes" in " ".join(text.split()) or fmt == "json"


def test_errors_go_to_stderr_as_one_line(tmp_path: Path) -> None:
    result = run(tmp_path, "techniques", "massage-that-does-not-exist")
    assert result.returncode == 1
    assert result.stdout == b""
    assert len(result.stderr.decode().splitlines()) == 1


def test_python_dash_m_and_version(tmp_path: Path) -> None:
    result = run(tmp_path, "--version")
    assert result.stdout.decode().startswith("sciaticli ")
