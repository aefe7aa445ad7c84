"""What bench/startup.py and bench/history.py share: one timed run of a command with its peak
memory, and an earlier revision of sciaticli to run beside this one (--baseline)."""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent

# As a user runs them: with compiled bytecode (some shells and CI set PYTHONDONTWRITEBYTECODE,
# which would make every run recompile sciaticli's modules and tldr's alike).
ENVIRONMENT = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}

# What pip writes as the `sciaticli` console script, for a revision run from its source folder.
LAUNCHER = """\
import re
import sys
from sciaticli.__main__ import main
if __name__ == "__main__":
    sys.argv[0] = re.sub(r"(-script\\.pyw|\\.exe)?$", "", sys.argv[0])
    sys.exit(main())
"""


def run_once(command: list[str], env: dict[str, str]) -> tuple[float, int, int]:
    """Wall time, bytes of output (piped to a file), and the child's peak resident memory in
    bytes (its maximum resident set, from os.wait4). Exits with the command's error if it fails."""
    with tempfile.TemporaryFile() as output, tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=output, stderr=errors, env=env)
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            errors.seek(0)
            sys.exit(f"{' '.join(command)} failed:\n{errors.read().decode()}")
        size = output.tell()
    # ru_maxrss is in KiB on Linux.
    return elapsed, size, usage.ru_maxrss * 1024


def export_revision(revision: str, folder: Path) -> tuple[list[str], dict[str, str]]:
    """sciaticli at `revision` (git archive into `folder`), as a command and the environment
    entries that run it the way its console script would, with this interpreter."""
    archive = subprocess.run(
        ["git", "-C", str(REPOSITORY), "archive", "--format=tar", revision],
        capture_output=True,
        check=True,
    ).stdout
    target = folder / "baseline"
    target.mkdir()
    with tempfile.TemporaryFile() as file:
        file.write(archive)
        file.seek(0)
        with tarfile.open(fileobj=file) as tar:
            tar.extractall(target, filter="data")
    launcher = target / "sciaticli-launcher"
    launcher.write_text(LAUNCHER, encoding="utf-8")
    return [sys.executable, str(launcher)], {"PYTHONPATH": str(target / "src")}


def mebibytes(value: int) -> str:
    return f"{value / 2**20:5.1f} MiB"
