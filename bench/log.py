"""`sciaticli log` on a journal of 1,000 and of 1,000,000 entries: the same cost whatever its size.

Each journal is made once, in a temporary SCIATICLI_HOME, as bench/history.py makes its own;
then `log` is run as a user would (a new process), the two journals alternated so machine noise
hits them alike; the median, the fastest run and the ratio of the big journal's median to the
small one's are printed (the target: at most 1.5x). `journal check` is run once on each for its
peak memory (the child's maximum resident set, from os.wait4). Usage:
python bench/log.py [--runs N] [--small N] [--big N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

from history import FILENAME, make_journal
from measure import ENVIRONMENT, mebibytes, run_once


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--small", type=int, default=1_000)
    parser.add_argument("--big", type=int, default=1_000_000)
    options = parser.parse_args()
    log = [sys.executable, "-m", "sciaticli", "log", "--pain-before", "5", "--pain-after", "3"]
    check = [sys.executable, "-m", "sciaticli", "journal", "check"]
    with tempfile.TemporaryDirectory() as folder:
        homes = {}
        for count in (options.small, options.big):
            home = Path(folder) / str(count)
            home.mkdir()
            make_journal(home / FILENAME, count)
            homes[count] = {**ENVIRONMENT, "SCIATICLI_HOME": str(home)}
        for env in homes.values():  # bytecode, the disk
            run_once(log, env)
        times: dict[int, list[float]] = {count: [] for count in homes}
        for _ in range(options.runs):
            for count, env in homes.items():
                times[count].append(run_once(log, env)[0])
        peaks = {count: run_once(check, env)[2] for count, env in homes.items()}
    print(f"{options.runs} alternating runs of `log`, wall time per run")
    for count, values in times.items():
        print(
            f"  {count:>9,} entries: median {statistics.median(values) * 1000:5.0f} ms, "
            f"fastest {min(values) * 1000:5.0f} ms; journal check peak {mebibytes(peaks[count])}"
        )
    ratio = statistics.median(times[options.big]) / statistics.median(times[options.small])
    print(f"  ratio (big / small, medians): {ratio:.2f}x")


if __name__ == "__main__":
    main()
