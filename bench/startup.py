"""Start-up benchmark: `sciaticli techniques` (piped) against `python -c pass` and the tldr client.

In one run the three commands are alternated, so machine noise hits them alike; the medians and
their ratios are printed. The tldr client (PyPI `tldr`, `pip install -e '.[bench]'`) renders a local
page about as long as the techniques list. Usage: python bench/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def tldr_page(lines: int) -> str:
    """A tldr page with about as many lines of output as `sciaticli techniques`."""
    examples = []
    for number in range(max(1, (lines - 4) // 4)):
        examples.append(
            f"- Example {number}: do one thing with a file:\n\n`tool --flag {{{{file}}}}`\n"
        )
    header = "# tool\n\n> A stand-in page for the benchmark.\n> More information: <https://example.org>.\n\n"
    return header + "\n".join(examples)


# As a user runs them: with compiled bytecode (some shells and CI set PYTHONDONTWRITEBYTECODE,
# which would make every run recompile sciaticli's modules and tldr's alike).
ENVIRONMENT = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def time_once(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=True, env=ENVIRONMENT
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    runs = parser.parse_args().runs

    sciaticli = shutil.which("sciaticli")
    tldr = shutil.which("tldr")
    if sciaticli is None or tldr is None:
        sys.exit("needs `sciaticli` and `tldr` on PATH: pip install -e '.[bench]'")
    output = subprocess.run([sciaticli, "techniques"], capture_output=True, text=True, check=True)
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "page.md"
        page.write_text(tldr_page(len(output.stdout.splitlines()) * 2), encoding="utf-8")
        commands = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "sciaticli techniques | (pipe)": [sciaticli, "techniques"],
            "tldr --render page.md": [tldr, "--render", str(page)],
        }
        for command in commands.values():  # warm disk caches, bytecode and the parse cache
            time_once(command)
            time_once(command)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(runs):
            for name, command in commands.items():
                times[name].append(time_once(command))

    medians = {name: statistics.median(values) * 1000 for name, values in times.items()}
    baseline = medians["python -c pass"]
    ours = medians["sciaticli techniques | (pipe)"]
    print(f"{runs} alternating runs, median wall time")
    for name, median in medians.items():
        print(f"  {name:32} {median:7.1f} ms   x{median / baseline:4.2f} of python -c pass")
    ratio = ours / medians["tldr --render page.md"]
    verdict = "at or below" if ratio <= 1 else "ABOVE"
    print(f"sciaticli / tldr = {ratio:.2f} ({verdict} the tldr client)")


if __name__ == "__main__":
    main()
