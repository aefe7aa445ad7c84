"""Messages (render.output.write_lines: what `log`, `measure` and `journal` say) on a narrow
terminal wrap between words instead of being cut mid-word by the terminal; piped, each stays one
line (issue 25: real output at 40 columns)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.terminal import environment, run_on_pty

LOG = ["log", "7", "4", "-r", "standing-wall", "--when", "2026-11-30 08:00"]
SAID = (
    "Logged entry 1 for 2026-11-30 08:00: pain 7 → 4 after Tennis ball against a wall (standing)."
)


@pytest.mark.parametrize(
    ("columns", "expected"),
    [
        (
            40,
            [
                "Logged entry 1 for 2026-11-30 08:00:",
                "pain 7 → 4 after Tennis ball against a",
                "wall (standing).",
            ],
        ),
        (
            80,
            [
                "Logged entry 1 for 2026-11-30 08:00: pain 7 → 4 after Tennis ball against a",
                "wall (standing).",
            ],
        ),
    ],
)
def test_a_message_wraps_between_words_on_a_terminal(
    tmp_path: Path, columns: int, expected: list[str]
) -> None:
    env = environment(tmp_path)
    # The journal knows when this spell began, so the first log on a terminal asks nothing.
    known = [sys.executable, "-m", "sciaticli", "measure", "--episode-start", "2026-11-01"]
    assert subprocess.run(known, env=env, capture_output=True).returncode == 0
    status, shown = run_on_pty(LOG, env, columns=columns, rows=15)
    assert status == 0, shown
    assert [line.rstrip() for line in shown.splitlines() if line.strip()] == expected


def test_a_message_stays_one_line_in_a_pipe(tmp_path: Path) -> None:
    env = environment(tmp_path, COLUMNS="40")
    piped = subprocess.run(
        [sys.executable, "-m", "sciaticli", *LOG], env=env, capture_output=True, text=True
    )
    assert piped.returncode == 0 and piped.stdout == SAID + "\n"
