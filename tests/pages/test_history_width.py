"""The history table at 80 columns on a real terminal (issue 25 §3): with one long note the
table uses the width, and no id, date or pain figure is split across lines."""

from __future__ import annotations

import re
from pathlib import Path

from tests.terminal import environment, run_on_pty

NOTE = (
    "Did the wall routine after work; the ache in the left buttock eased a lot but the leg "
    "felt tight when I sat down again in the evening, so I walked around the block twice"
)


def test_one_long_note_uses_the_width_and_splits_no_id_date_or_number(tmp_path: Path) -> None:
    env = environment(tmp_path)
    logs = [
        ["log", "7", "--when", "2026-11-30"],
        ["log", "6", "4", "-r", "standing-wall", "--when", "2026-12-01 08:00", "-n", NOTE],
        ["log", "5", "3", "-t", "tennis-ball-pressure", "--when", "2026-12-02 19:30"],
    ]
    for args in logs:
        # The first log on a terminal asks when this spell began, once: Enter skips it.
        assert run_on_pty(args, env, answer=(b"Enter to skip)", b"\n"))[0] == 0
    status, shown = run_on_pty(["history", "--color", "never"], env, columns=80, rows=24)
    assert status == 0
    table = shown[shown.rindex("\nEntries\n") :].splitlines()
    header = next(line for line in table if line.split()[:2] == ["ID", "When"])
    assert header.split() == ["ID", "When", "What", "Pain", "Note"]
    rows = table[table.index(header) + 2 :]  # after the rule under the header
    assert max(len(line.rstrip()) for line in rows) >= 76  # the width is used, not ~50 columns
    # Each entry's id, date and time, and its pain, on its first line: nothing split.
    firsts = [line for line in rows if re.match(r"^ \d ", line)]
    assert [line.split()[0] for line in firsts] == ["1", "2", "3"]
    assert "2026-11-30" in firsts[0] and "7 before" in firsts[0]
    assert "2026-12-01 08:00" in firsts[1] and "6 → 4 (-2)" in firsts[1]
    assert "2026-12-02 19:30" in firsts[2] and "5 → 3 (-2)" in firsts[2]
    # The note in full, in order, in the fewer lines the width allows (24 when squeezed).
    note_lines = rows[rows.index(firsts[1]) : rows.index(firsts[2])]
    assert len(note_lines) <= 10
    words = " ".join(line[header.index("Note") :].strip() for line in note_lines)
    assert " ".join(words.split()) == NOTE
