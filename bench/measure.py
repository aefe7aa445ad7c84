"""What bench/startup.py and bench/history.py share: one timed run of a command with its peak
memory, and an earlier revision of sciaticli to run beside this one (--baseline)."""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
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


# The processor time (user and system) of the last run_once or run_on_terminal: on a busy
# machine it says more than the wall time, which waits for a processor.
last_cpu = 0.0


def run_once(command: list[str], env: dict[str, str]) -> tuple[float, int, int]:
    """Wall time, bytes of output (piped to a file), and the child's peak resident memory in
    bytes (its maximum resident set, from os.wait4). Exits with the command's error if it fails."""
    global last_cpu
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
    last_cpu = usage.ru_utime + usage.ru_stime
    # ru_maxrss is in KiB on Linux.
    return elapsed, size, usage.ru_maxrss * 1024


def run_on_terminal(command: list[str], env: dict[str, str]) -> tuple[float, int, int]:
    """As run_once, with standard input, output and error on a new pseudo-terminal of 100 x 50
    (what a person sees: rich output, no pager when SCIATICLI_PAGER is empty)."""
    global last_cpu
    import fcntl
    import pty
    import struct
    import termios

    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 100, 0, 0))
    size = 0
    try:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdin=follower, stdout=follower, stderr=follower, env=env)
        os.close(follower)
        follower = -1
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: the child has closed the terminal
                break
            if not chunk:
                break
            size += len(chunk)
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - start
    finally:
        os.close(leader)
        if follower >= 0:
            os.close(follower)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(command)} failed on a terminal")
    last_cpu = usage.ru_utime + usage.ru_stime
    return elapsed, size, usage.ru_maxrss * 1024


def build_wheel(source: Path, folder: Path) -> Path:
    """sciaticli built as a wheel from the source tree `source` and unpacked into `folder`
    (what `pip install` puts in site-packages): the folder to put on PYTHONPATH."""
    wheels = folder / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "--no-build-isolation",
         "--quiet", "-w", str(wheels)],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    (wheel,) = wheels.glob("sciaticli-*.whl")
    site = folder / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    return site


def installed(site: Path, folder: Path) -> tuple[list[str], dict[str, str]]:
    """The command and environment entries that run sciaticli installed in `site` the way its
    console script would, with this interpreter."""
    launcher = folder / "sciaticli-launcher"
    launcher.write_text(LAUNCHER, encoding="utf-8")
    return [sys.executable, str(launcher)], {"PYTHONPATH": str(site)}


def export_source(revision: str, folder: Path) -> Path:
    """The source tree of `revision` (git archive), unpacked into `folder`."""
    archive = subprocess.run(
        ["git", "-C", str(REPOSITORY), "archive", "--format=tar", revision],
        capture_output=True,
        check=True,
    ).stdout
    folder.mkdir(parents=True)
    with tempfile.TemporaryFile() as file:
        file.write(archive)
        file.seek(0)
        with tarfile.open(fileobj=file) as tar:
            tar.extractall(folder, filter="data")
    return folder


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
