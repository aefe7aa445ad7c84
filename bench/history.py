"""`sciaticli history` on a journal of 100,000 entries, in each output format.

The journal is made once, in a temporary SCIATICLI_HOME, with sciaticli.journal itself (one
executemany per 100,000 entries, in a process of its own): one entry every two hours (100,000 is
about 23 years), a routine or a technique or nothing, some with notes. Then each command is
run as a user would (a new process, output piped), the commands alternated so machine noise
hits them alike; the median and the fastest run, their ratio to the CSV floor and each
command's peak memory (the child's maximum resident set, from os.wait4) are printed.

The CSV floor is the least a Python program can do for `history -f csv`: sqlite3's cursor
feeding csv.writer directly, with no checks, names or summary. Usage:
python bench/history.py [--runs N] [--entries N] [--baseline REV]
(--entries 1000000 for the scale test; --baseline REV also runs that revision's history)
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from measure import ENVIRONMENT, export_revision, mebibytes, run_once

FILENAME = "journal.sqlite3"

COMMANDS = {
    "--version (start-up, for scale)": ["--version"],
    "history -f plain": ["history", "-f", "plain"],
    "history -f csv": ["history", "-f", "csv"],
    "history -f json": ["history", "-f", "json"],
    "history -f markdown": ["history", "-f", "markdown"],
    "history -f rich (newest 50 rows)": ["history", "-f", "rich", "--color", "never"],
    "history --last 20": ["history", "--last", "20"],
    # The report over the longest period it takes (520 weeks; the default 6 weeks are empty:
    # the journal ends years ago).
    "report --weeks 520 -f plain": ["report", "--weeks", "520", "-f", "plain"],
    "report --weeks 520 -f html": ["report", "--weeks", "520", "-f", "html"],
    "journal check": ["journal", "check"],
    "history -f html": ["history", "-f", "html"],
}
# The floor for `history -f csv`: the same columns (but no names), straight from the cursor.
CSV_FLOOR = """
import csv, sqlite3, sys
connection = sqlite3.connect(sys.argv[1])
writer = csv.writer(sys.stdout, lineterminator="\\n")
writer.writerow(["id", "when", "routine", "technique", "name", "pain_before", "pain_after",
                 "change", "origin", "session", "edited", "note"])
writer.writerows(connection.execute(
    "SELECT id, logged_at, routine, technique, NULL, pain_before, pain_after,"
    " pain_after - pain_before, origin, session, edited_at, note FROM entries"
    " ORDER BY logged_at, id"))
"""
FLOOR = "csv floor (sqlite3 -> csv.writer)"


MAKE_JOURNAL = """
import sys
from datetime import datetime, timedelta
from pathlib import Path
from sciaticli import journal
NOTES = (
    None, "felt looser afterwards", 'sore "spot" on the left, 2 cm', "Ischias: besser", None
)
start = datetime(2000, 1, 1, 7, 0)
count = int(sys.argv[2])
with journal.open_journal(Path(sys.argv[1])) as opened:
    for first in range(0, count, 100_000):  # in batches: the maker's memory stays small too
        opened.add_many([
            journal.NewEntry(
                when=(start + timedelta(hours=2 * number)).isoformat(timespec="seconds"),
                pain_before=number % 11,
                pain_after=(number * 7) % 11,
                routine="standing-wall" if number % 3 == 0 else None,
                technique="shiatsu" if number % 3 == 1 else None,
                note=NOTES[number % len(NOTES)],
                origin="guided" if number % 4 == 0 else "log",
            )
            for number in range(first, min(count, first + 100_000))
        ])
"""


def make_journal(path: Path, count: int) -> None:
    """In a process of its own: the child's peak memory (os.wait4) counts the memory of this
    process at fork, so this one stays small."""
    subprocess.run([sys.executable, "-c", MAKE_JOURNAL, str(path), str(count)], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument(
        "--baseline", metavar="REV", help="also run the history formats of this git revision"
    )
    options = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        started = time.perf_counter()
        make_journal(home / FILENAME, options.entries)
        made = time.perf_counter() - started
        size = (home / FILENAME).stat().st_size
        print(f"journal: {options.entries:,} entries, {size / 1e6:.1f} MB, made in {made:.2f} s")
        env = {**ENVIRONMENT, "SCIATICLI_HOME": str(home), "COLUMNS": "100"}
        env.pop("NO_COLOR", None)
        base = [sys.executable, "-m", "sciaticli"]
        # name -> (command, environment)
        commands = {name: ([*base, *arguments], env) for name, arguments in COMMANDS.items()}
        if options.baseline:
            launcher, extra = export_revision(options.baseline, home)
            for name, arguments in COMMANDS.items():
                if arguments[0] == "history":
                    label = f"{name} @ {options.baseline}"
                    commands[label] = ([*launcher, *arguments], {**env, **extra})
        floor_command = [sys.executable, "-c", CSV_FLOOR, str(home / FILENAME)]
        commands[FLOOR] = (floor_command, env)
        for command, environment in commands.values():  # bytecode, the parse cache, the disk
            run_once(command, environment)
        times: dict[str, list[float]] = {name: [] for name in commands}
        sizes: dict[str, int] = {}
        peaks: dict[str, int] = {}
        for _ in range(options.runs):
            for name, (command, environment) in commands.items():
                elapsed, sizes[name], peak = run_once(command, environment)
                times[name].append(elapsed)
                peaks[name] = max(peaks.get(name, 0), peak)

    floor = statistics.median(times[FLOOR])
    print(f"{options.runs} alternating runs, wall time per run (output piped)")
    print(f"  {'command':44} {'median':>9} {'fastest':>9} {'/floor':>7} {'output':>10} {'peak':>9}")
    for name, values in times.items():
        median, fastest = statistics.median(values), min(values)
        print(
            f"  {name:44} {median * 1000:6.0f} ms {fastest * 1000:6.0f} ms"
            f" {median / floor:6.2f}x {sizes[name] / 1e6:7.2f} MB {mebibytes(peaks[name])}"
        )


if __name__ == "__main__":
    main()
