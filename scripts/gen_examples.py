"""Write the terminal examples in the docs: the real output of the first five minutes (check,
home-routine --brief, --guided, log, report) as an 80x24 and a 40x15 terminal show it.

Run it after changing what those commands show: `python scripts/gen_examples.py`. With --check
it writes nothing and exits 1, naming each file that is out of date (tests/test_docs.py runs
that). --root DIR writes or checks the files under DIR instead of the repository.

A file asks for an example with a pair of markers; what is between them is replaced:

    <!-- generated: brief 80 -->
    <!-- /generated -->

`brief` names an example below, 80 (or 40) the terminal's width; `lines=N` after the width keeps
the first N lines and a `...` line, `last=N` the command, `...` and the last N lines. Each
command runs in a tmux window of that size (tmux draws what a terminal shows: wrapped at its
width, without colours), through this script's --run, which fixes the date at 2026-12-07
09:00 so that the report and the journal's dates do not change. Each width has a journal of its
own, in a temporary folder; the region is the UK; no pager. `--guided` shows the screen once
the pain is typed, before the routine starts.
"""

from __future__ import annotations

import argparse
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
COMMAND = "python scripts/gen_examples.py"
FILES = ("docs/guide.md", "README.md")
SIZES = {80: 24, 40: 15}  # width: height, the terminals of issue 25
DONE = "EXAMPLE-DONE"
MARKER = re.compile(
    r"(<!-- generated: (?P<name>[a-z-]+) (?P<width>\d+)"
    r"(?: (?P<end>lines|last)=(?P<lines>\d+))? -->\n)"
    r".*?(?=<!-- /generated -->)",
    re.S,
)


NOTE = "Left side tight, better after"


class Example(NamedTuple):
    """Commands run in turn in one window (each shown after `$ `); `answer` (prompt, keys) is
    typed once the prompt shows, and then the screen is taken when `screen_at` shows."""

    commands: tuple[tuple[str, ...], ...]
    answer: tuple[str, str] | None = None
    screen_at: str | None = None


EXAMPLES = {
    "check": Example((("check", "--no-others"),)),
    "brief": Example((("home-routine", "--brief"),)),
    "guided": Example(
        (("home-routine", "--guided"),),
        answer=("Pain now, 0-10 (Enter to skip):", "6"),
        screen_at="Press Enter or space to start",
    ),
    "log": Example(
        (
            # Told first, so the first log on a terminal does not ask when this spell began.
            ("measure", "--episode-start", "2026-11-10"),
            ("log", "7", "4", "-r", "standing-wall", "--when", "2026-11-24 08:00"),
            ("log", "6", "3", "-r", "standing-wall", "--when", "2026-11-27 19:30", "-n", NOTE),
            ("log", "5", "3", "-t", "tennis-ball-pressure", "--when", "2026-12-03 08:15"),
        )
    ),
    "report": Example((("report",),)),
}
# The order the examples run in, so that the report has the logged entries.
ORDER = ("check", "brief", "guided", "log", "report")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["--run"]:  # one command, inside the tmux window
        return run_fixed(args[1:])
    parser = argparse.ArgumentParser(description="Write the docs' terminal examples.")
    parser.add_argument("--check", action="store_true", help="only say what is out of date")
    parser.add_argument("--root", type=Path, default=ROOT, help="the repository's folder")
    options = parser.parse_args(args)
    if not shutil.which("tmux"):
        print("tmux is needed to draw the examples", file=sys.stderr)
        return 1
    shown = {width: all_examples(width) for width in SIZES}
    stale = []
    for name in FILES:
        path = options.root / name
        if not path.exists():
            continue
        old = path.read_text(encoding="utf-8")
        new = fill_markers(old, shown)
        if new == old:
            continue
        stale.append(name)
        if not options.check:
            path.write_text(new, encoding="utf-8")
            print(f"wrote {name}")
    if options.check and stale:
        print(
            f"{', '.join(stale)} out of date with the commands' output: run `{COMMAND}`",
            file=sys.stderr,
        )
        return 1
    return 0


def run_fixed(args: list[str]) -> int:
    """`sciaticli ARGS` with today fixed at 2026-12-07 and the time at 09:00 (before sciaticli
    is imported, so that every `from datetime import date` in it gets the fixed one)."""
    import datetime

    class FixedDate(datetime.date):
        @classmethod
        def today(cls) -> FixedDate:
            return cls(2026, 12, 7)

    class FixedDateTime(datetime.datetime):
        @classmethod
        def now(cls, tz: datetime.tzinfo | None = None) -> FixedDateTime:
            return cls(2026, 12, 7, 9, 0, tzinfo=tz)

        @classmethod
        def today(cls) -> FixedDateTime:
            return cls(2026, 12, 7, 9, 0)

    datetime.date = FixedDate  # type: ignore[misc]
    datetime.datetime = FixedDateTime  # type: ignore[misc]
    sys.path.insert(0, str(ROOT / "src"))
    sys.argv = ["sciaticli", *args]
    from sciaticli.__main__ import main as sciaticli

    sciaticli()
    return 0


def all_examples(width: int) -> dict[str, str]:
    """Each example's text at `width` columns, run in ORDER with one journal."""
    with tempfile.TemporaryDirectory() as folder:
        return {name: example_text(EXAMPLES[name], width, Path(folder)) for name in ORDER}


def example_text(example: Example, width: int, folder: Path) -> str:
    """The commands and what the terminal showed, as in a console session."""
    parts = []
    for command in example.commands:
        shown = on_terminal(command, example, width, folder)
        parts.append(f"$ sciaticli {shlex.join(command)}\n{shown}")
    return "".join(parts)


def on_terminal(command: tuple[str, ...], example: Example, width: int, folder: Path) -> str:
    # A server of its own each time: one just killed may still hold its socket.
    socket = tempfile.mktemp(prefix="tmux-", dir=folder)
    settings = {
        "SCIATICLI_HOME": str(folder / "home"),
        "SCIATICLI_REGION": "uk",
        "SCIATICLI_PAGER": "",
        "LANG": "C.UTF-8",
        "TERM": "xterm-256color",
    }
    line = (
        f"env -u COLUMNS -u LINES -u NO_COLOR -u SCIATICLI_KB -u LC_ALL "
        f"{' '.join(f'{key}={shlex.quote(value)}' for key, value in settings.items())} "
        f"{shlex.quote(sys.executable)} {shlex.quote(__file__)} --run {shlex.join(command)}; "
        f"printf '\\n{DONE}'; sleep 600"
    )
    tmux = ["tmux", "-S", socket]
    size = ["-x", str(width), "-y", str(SIZES[width])]
    subprocess.run([*tmux, "new-session", "-d", *size, "-c", str(folder), line], check=True)
    try:
        if example.answer is not None:
            prompt, keys = example.answer
            wait_for(tmux, prompt)
            subprocess.run([*tmux, "send-keys", "-l", keys], check=True)
            subprocess.run([*tmux, "send-keys", "Enter"], check=True)
        if example.screen_at is not None:
            wait_for(tmux, example.screen_at)
            return tidy(capture(tmux))
        wait_for(tmux, DONE, everything=True)
        return tidy(capture(tmux, everything=True).split(DONE)[0])
    finally:
        subprocess.run([*tmux, "kill-server"], check=False, capture_output=True)


def capture(tmux: list[str], *, everything: bool = False) -> str:
    start = ["-S", "-"] if everything else []
    return subprocess.run(
        [*tmux, "capture-pane", "-p", *start], capture_output=True, text=True, check=True
    ).stdout


def wait_for(tmux: list[str], text: str, *, everything: bool = False, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while text not in capture(tmux, everything=everything):
        if time.monotonic() > deadline:
            raise SystemExit(f"{text!r} did not appear; the screen:\n{capture(tmux)}")
        time.sleep(0.05)


def tidy(text: str) -> str:
    """Lines without their trailing spaces, and no blank lines at the end."""
    lines = [line.rstrip() for line in text.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    return "".join(f"{line}\n" for line in lines)


def fill_markers(text: str, shown: dict[int, dict[str, str]]) -> str:
    def block(match: re.Match[str]) -> str:
        width, name = int(match["width"]), match["name"]
        if width not in shown or name not in shown[width]:
            raise SystemExit(
                f"no example '{name}' at {width} columns: the examples are "
                f"{', '.join(EXAMPLES)}, at {' or '.join(map(str, SIZES))} columns"
            )
        body = shown[width][name]
        lines = body.splitlines()
        keep = int(match["lines"] or len(lines))
        if len(lines) > keep + 1 and match["end"] == "lines":
            body = "".join(f"{line}\n" for line in [*lines[:keep], "..."])
        elif len(lines) > keep + 1:  # the last lines, under the command
            body = "".join(f"{line}\n" for line in [lines[0], "...", *lines[-keep:]])
        return f"{match[1]}```console\n{body}```\n"

    return MARKER.sub(block, text)


if __name__ == "__main__":
    sys.exit(main())
