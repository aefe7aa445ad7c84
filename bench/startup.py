"""Start-up benchmark: `sciaticli techniques` and `sciaticli home-routine standing-wall` against
the Python tldr client rendering a local page of about the same length, piped and on a terminal.

sciaticli runs as a user has it: built as a wheel from this tree (with the knowledge base's
snapshot, hatch_build.py) and unpacked as pip installs it. Each command is timed on a first run
(the cache folder is removed before each such run) and on a repeat run (the cache kept), with
its output piped to a file and on a pseudo-terminal (pager off). With --baseline REV the same
commands from an earlier revision, built the same way, are timed too (and, piped, with
SCIATICLI_NO_CACHE=1, which turned its page cache off), so that a before/after table comes from
one run. All commands are alternated round by round, so machine noise hits them alike; the
median of the rounds, the ratio to tldr (piped to tldr piped, terminal to tldr on a terminal)
and the peak memory (the child's maximum resident set, from os.wait4) are printed, then the
verdict on the targets: at most 1.0x tldr piped, 1.5x on a terminal. Nothing is fetched: the
tldr client (PyPI `tldr`, `pip install -e '.[bench]'`) renders a page written here.

Usage: python bench/startup.py [--runs N] [--baseline REV]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import measure
from measure import (
    ENVIRONMENT,
    REPOSITORY,
    build_wheel,
    export_source,
    installed,
    mebibytes,
    run_on_terminal,
    run_once,
)

COMMANDS = {
    "techniques": ["techniques"],
    "home-routine standing-wall": ["home-routine", "standing-wall"],
}
TARGETS = {"piped": 1.0, "terminal": 1.5}
Runner = Callable[[list[str], dict[str, str]], tuple[float, int, int]]
RUNNERS: dict[str, Runner] = {"piped": run_once, "terminal": run_on_terminal}


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


class Run:
    """One thing timed: a command, its environment, how its output goes, and whether its cache
    folder is emptied before each run."""

    def __init__(self, command: list[str], env: dict[str, str], io: str, fresh: bool) -> None:
        self.command, self.env, self.io, self.fresh = command, env, io, fresh
        self.times: list[float] = []
        self.cpu: list[float] = []
        self.peak = 0

    def once(self) -> None:
        if self.fresh:
            shutil.rmtree(self.env["SCIATICLI_CACHE_DIR"], ignore_errors=True)
        elapsed, _, peak = RUNNERS[self.io](self.command, self.env)
        self.times.append(elapsed)
        self.cpu.append(measure.last_cpu)
        self.peak = max(self.peak, peak)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=31, help="rounds (at least 30 for a verdict)")
    parser.add_argument("--baseline", metavar="REV", help="also time this git revision")
    options = parser.parse_args()

    tldr = find_tldr()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        env = {**ENVIRONMENT, "SCIATICLI_HOME": name, "SCIATICLI_PAGER": "", "COLUMNS": "100"}
        env["TERM"] = "xterm-256color"
        for variable in ("SCIATICLI_NO_CACHE", "SCIATICLI_KB", "FORCE_COLOR", "CLICOLOR_FORCE"):
            env.pop(variable, None)
        for variable in ("NO_COLOR", "PYTHONPATH", "LINES"):
            env.pop(variable, None)
        builds = {"": build_wheel(REPOSITORY, folder / "now")}
        if options.baseline:
            source = export_source(options.baseline, folder / "before" / "source")
            builds[f" @ {options.baseline}"] = build_wheel(source, folder / "before")

        sciaticli, extra = installed(builds[""], folder / "now")
        output = subprocess.run(
            [*sciaticli, "techniques"], capture_output=True, text=True, check=True,
            env={**env, **extra, "SCIATICLI_CACHE_DIR": str(folder / "probe")},
        )  # fmt: skip
        page = folder / "page.md"
        page.write_text(tldr_page(len(output.stdout.splitlines()) * 2), encoding="utf-8")

        runs = {"python -c pass": Run([sys.executable, "-c", "pass"], env, "piped", False)}
        for io in RUNNERS:
            runs[f"tldr client, {io}"] = Run([tldr, "--render", str(page)], env, io, False)
        for suffix, site in builds.items():
            launcher, extra = installed(site, site.parent)
            for label, arguments in COMMANDS.items():
                for io in RUNNERS:
                    for mode, fresh in (("first run", True), ("repeat", False)):
                        cache = str(folder / "cache" / f"{label}{suffix} {io} {mode}")
                        own = {**env, **extra, "SCIATICLI_CACHE_DIR": cache}
                        key = f"{label}{suffix}, {io}, {mode}"
                        runs[key] = Run([*launcher, *arguments], own, io, fresh)
                    if suffix and io == "piped":
                        cache = str(folder / "cache" / f"{label}{suffix} no page cache")
                        own = {**env, **extra, "SCIATICLI_CACHE_DIR": cache}
                        own["SCIATICLI_NO_CACHE"] = "1"
                        runs[f"{label}{suffix}, piped, repeat, no page cache"] = Run(
                            [*launcher, *arguments], own, io, False
                        )

        for run in runs.values():  # bytecode, the caches, the disk
            run.once()
            run.once()
            run.times.clear()
            run.cpu.clear()
        for _ in range(options.runs):
            for run in runs.values():
                run.once()

    report(runs, options.runs)


def report(runs: dict[str, Run], rounds: int) -> None:
    """The table (wall and processor time, each with its ratio to tldr the same way), then the
    verdict on each target, by wall time."""
    wall = {label: statistics.median(run.times) * 1000 for label, run in runs.items()}
    cpu = {label: statistics.median(run.cpu) * 1000 for label, run in runs.items()}
    print(f"{rounds} alternating rounds, medians; wall time, and processor time (user + system)")
    print(f"  {'command':62} {'wall':>9} {'x tldr':>7} {'cpu':>9} {'x tldr':>7} {'peak':>10}")
    for label, run in runs.items():
        tldr = f"tldr client, {run.io}"
        print(
            f"  {label:62} {wall[label]:6.1f} ms {wall[label] / wall[tldr]:6.2f}x"
            f" {cpu[label]:6.1f} ms {cpu[label] / cpu[tldr]:6.2f}x {mebibytes(run.peak)}"
        )
    for label in COMMANDS:
        for io, target in TARGETS.items():
            for mode in ("first run", "repeat"):
                key, tldr = f"{label}, {io}, {mode}", f"tldr client, {io}"
                ratio = wall[key] / wall[tldr]
                verdict = "meets" if ratio <= target else "MISSES"
                print(
                    f"{key}: {ratio:.2f}x tldr ({verdict} {target:.1f}x); processor time"
                    f" {cpu[key] / cpu[tldr]:.2f}x"
                )


if __name__ == "__main__":
    main()
