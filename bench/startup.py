"""Start-up benchmark: `sciaticli techniques` and `sciaticli home-routine` (piped) against the
Python tldr client rendering a local page of about the same length.

Each command is timed three ways: a hit of the output cache (the page was rendered before), a
first run (the cache's `pages` folder is removed before each such run; the parse cache stays),
and with SCIATICLI_NO_CACHE=1. With --baseline REV the same commands from an earlier revision
(git archive, run as its console script would be) are timed too, so that a before/after table
comes from one run. All commands are alternated round by round, so machine noise hits them
alike; the median of the rounds, the ratio to tldr, and the peak memory (the child's maximum
resident set, from os.wait4) are printed. Nothing is fetched: the tldr client (PyPI `tldr`,
`pip install -e '.[bench]'`) renders a page written here.

Usage: python bench/startup.py [--runs N] [--baseline REV]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from measure import ENVIRONMENT, export_revision, mebibytes, run_once

COMMANDS = {"techniques": ["techniques"], "home-routine": ["home-routine"]}
TLDR = "tldr --render page.md"
PYTHON = "python -c pass"


def tldr_page(lines: int) -> str:
    """A tldr page with about as many lines of output as `sciaticli techniques`."""
    examples = []
    for number in range(max(1, (lines - 4) // 4)):
        examples.append(
            f"- Example {number}: do one thing with a file:\n\n`tool --flag {{{{file}}}}`\n"
        )
    header = "# tool\n\n> A stand-in page for the benchmark.\n> More information: <https://example.org>.\n\n"
    return header + "\n".join(examples)


def find_tldr() -> str:
    """The tldr client on PATH or beside this interpreter."""
    found = shutil.which("tldr") or shutil.which("tldr", path=str(Path(sys.executable).parent))
    if found is None:
        sys.exit("needs the Python tldr client: pip install -e '.[bench]'")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30, help="rounds (at least 30 for a verdict)")
    parser.add_argument("--baseline", metavar="REV", help="also time this git revision")
    options = parser.parse_args()

    sciaticli = shutil.which("sciaticli") or shutil.which(
        "sciaticli", path=str(Path(sys.executable).parent)
    )
    if sciaticli is None:
        sys.exit("needs `sciaticli` installed: pip install -e '.[bench]'")
    tldr = find_tldr()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        cache = folder / "cache"
        env = {**ENVIRONMENT, "SCIATICLI_CACHE_DIR": str(cache), "SCIATICLI_HOME": name}
        for variable in ("SCIATICLI_NO_CACHE", "SCIATICLI_KB", "FORCE_COLOR", "CLICOLOR_FORCE"):
            env.pop(variable, None)
        uncached = {**env, "SCIATICLI_NO_CACHE": "1"}
        output = subprocess.run(
            [sciaticli, "techniques"], capture_output=True, text=True, check=True, env=uncached
        )
        page = folder / "page.md"
        page.write_text(tldr_page(len(output.stdout.splitlines()) * 2), encoding="utf-8")

        # name -> (command, environment, whether the page cache is emptied before each run)
        runs: dict[str, tuple[list[str], dict[str, str], bool]] = {
            PYTHON: ([sys.executable, "-c", "pass"], env, False),
            TLDR: ([tldr, "--render", str(page)], env, False),
        }
        if options.baseline:
            launcher, extra = export_revision(options.baseline, folder)
            for label, arguments in COMMANDS.items():
                runs[f"{label} @ {options.baseline}"] = (
                    [*launcher, *arguments],
                    {**env, **extra},
                    False,
                )
        for label, arguments in COMMANDS.items():
            command = [sciaticli, *arguments]
            # A cache folder of its own: emptying it for a first run leaves the others' pages.
            own = {**env, "SCIATICLI_CACHE_DIR": str(cache / label)}
            runs[f"{label} (cache hit)"] = (command, own, False)
            runs[f"{label} (first run)"] = (command, own, True)
            runs[f"{label} (no cache)"] = (command, uncached, False)

        for command, environment, _ in runs.values():  # bytecode, the parse cache, the disk
            run_once(command, environment)
            run_once(command, environment)
        times: dict[str, list[float]] = {label: [] for label in runs}
        peaks: dict[str, int] = {}
        for _ in range(options.runs):
            for label, (command, environment, fresh) in runs.items():
                if fresh:
                    shutil.rmtree(Path(environment["SCIATICLI_CACHE_DIR"], "pages"))
                elapsed, _, peak = run_once(command, environment)
                times[label].append(elapsed)
                peaks[label] = max(peaks.get(label, 0), peak)

    medians = {label: statistics.median(values) * 1000 for label, values in times.items()}
    reference = medians[TLDR]
    print(f"{options.runs} alternating rounds, median wall time, output piped")
    print(f"  {'command':40} {'median':>9} {'x tldr':>7} {'peak':>10}")
    for label, median in medians.items():
        print(f"  {label:40} {median:6.1f} ms {median / reference:6.2f}x {mebibytes(peaks[label])}")
    for label in COMMANDS:
        ratio = medians[f"{label} (cache hit)"] / reference
        verdict = "meets" if ratio <= 0.70 else "MISSES"
        print(f"{label}: {ratio:.2f}x tldr on a cache hit ({verdict} the 0.70x target)")


if __name__ == "__main__":
    main()
