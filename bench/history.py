"""`sciaticli history` on a journal of 100,000 entries, in each output format.

The journal is made once, in a temporary SCIATICLI_HOME, with sciaticli.journal itself (one
executemany): about 27 years of entries, one every two hours, a routine or a technique or
nothing, some with notes. Then each command is run as a user would (a new process, output
piped), the commands alternated so machine noise hits them alike; the median and the fastest
run are printed. Usage: python bench/history.py [--runs N] [--entries N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from sciaticli import journal

COMMANDS = {
    "--version (start-up, for scale)": ["--version"],
    "history -f plain": ["history", "-f", "plain"],
    "history -f csv": ["history", "-f", "csv"],
    "history -f json": ["history", "-f", "json"],
    "history -f markdown": ["history", "-f", "markdown"],
    "history -f rich (newest 50 rows)": ["history", "-f", "rich", "--color", "never"],
    "history --last 20": ["history", "--last", "20"],
}
NOTES = (None, "felt looser afterwards", 'sore "spot" on the left, 2 cm', "Ischias: besser", None)


def make_journal(home: Path, count: int) -> None:
    start = datetime(2000, 1, 1, 7, 0)
    entries = [
        journal.NewEntry(
            when=(start + timedelta(hours=2 * number)).isoformat(timespec="seconds"),
            pain_before=number % 11,
            pain_after=(number * 7) % 11,
            routine="standing-wall" if number % 3 == 0 else None,
            technique="shiatsu" if number % 3 == 1 else None,
            note=NOTES[number % len(NOTES)],
            origin="guided" if number % 4 == 0 else "log",
        )
        for number in range(count)
    ]
    with journal.open_journal(home / journal.FILENAME) as opened:
        opened.add_many(entries)


def time_once(command: list[str], env: dict[str, str]) -> tuple[float, int]:
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, env=env)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{result.stderr.decode()}")
    return elapsed, len(result.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--entries", type=int, default=100_000)
    options = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        started = time.perf_counter()
        make_journal(home, options.entries)
        made = time.perf_counter() - started
        size = (home / journal.FILENAME).stat().st_size
        print(f"journal: {options.entries:,} entries, {size / 1e6:.1f} MB, made in {made:.2f} s")
        # As a user runs it: with compiled bytecode (see bench/startup.py).
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env.update({"SCIATICLI_HOME": str(home), "COLUMNS": "100"})
        env.pop("NO_COLOR", None)
        base = [sys.executable, "-m", "sciaticli"]
        for arguments in COMMANDS.values():  # warm bytecode, the parse cache and the disk
            time_once([*base, *arguments], env)
        times: dict[str, list[float]] = {name: [] for name in COMMANDS}
        sizes: dict[str, int] = {}
        for _ in range(options.runs):
            for name, arguments in COMMANDS.items():
                elapsed, sizes[name] = time_once([*base, *arguments], env)
                times[name].append(elapsed)

    print(f"{options.runs} alternating runs, wall time per run (output piped)")
    print(f"  {'command':36} {'median':>9} {'fastest':>9} {'output':>10}")
    for name, values in times.items():
        median, fastest = statistics.median(values) * 1000, min(values) * 1000
        print(f"  {name:36} {median:6.0f} ms {fastest:6.0f} ms {sizes[name] / 1e6:7.2f} MB")


if __name__ == "__main__":
    main()
