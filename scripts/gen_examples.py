"""Write the examples in the docs: the real output of the first five minutes (check,
home-routine --brief, --guided, log, report) as an 80x24 and a 40x15 terminal show it, a few
more pages as an 80x24 terminal shows them, and every piped example.

Run it after changing what the commands show: `python scripts/gen_examples.py`. With --check
it writes nothing and exits 1, naming each file that is out of date (tests/test_examples.py
runs that). --root DIR writes or checks the files under DIR instead of the repository.

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

`<!-- generated: screen standing-wall 43s 40x15 -->` is the guided routine's live view that many
seconds after its first step began, drawn by its own view function on a clock of its own (a
real one would make the countdown differ by a second from run to run).

The other examples are piped output (`-f plain`, `markdown`, `json`, plain stdout): a marker
names their command line (`<!-- generated: run sciaticli search wall --format plain -->`), and
scripts/doc_runs.py runs it, without tmux. `--only run` (or `--only terminal`) does one kind.
"""

from __future__ import annotations

import argparse
import json
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent))
import doc_runs  # beside this script

ROOT = Path(__file__).resolve().parent.parent
COMMAND = "python scripts/gen_examples.py"
FILES = ("docs/guide.md", "README.md", "docs/journal.md", "docs/json.md")
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
    typed once the prompt shows, then Enter; `press` (prompt, tmux key names) are pressed once
    the prompt shows; and then the screen is taken when `screen_at` shows."""

    commands: tuple[tuple[str, ...], ...]
    answer: tuple[str, str] | None = None
    screen_at: str | None = None
    press: tuple[str, tuple[str, ...]] | None = None
    widths: tuple[int, ...] = tuple(SIZES)


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
    # Further down the guide: pages as a terminal draws them (80 columns only).
    "shiatsu": Example((("techniques", "shiatsu"),), widths=(80,)),
    "history": Example((("history",),), widths=(80,)),
    # Started, the lead-in and 9 of the 10 steps skipped with n, the last (10 s) run to its
    # end: the offer of another (a routine of which every step was skipped gets none).
    "another": Example(
        (("home-routine", "--guided", "--no-log"),),
        press=("Press Enter or space to start", ("Enter", *("n",) * 10)),
        screen_at="to start it now, or Enter to finish",
        widths=(80,),
    ),
}
# The first five minutes, at both widths (tests/test_examples.py checks the guide has them).
FIRST_FIVE = ("check", "brief", "guided", "log", "report")
# The order the examples run in, so that the report and history have the logged entries.
ORDER = (*FIRST_FIVE, "shiatsu", "history", "another")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["--run"]:  # one command, inside the tmux window or a doc_runs shell
        fix_date()
        return run_sciaticli(args[1:])
    if args[:1] == ["--run-all"]:  # the commands (JSON on stdin) that make a docs journal
        fix_date()
        for command in json.load(sys.stdin):
            if run_sciaticli(command) in (1, 2):  # a check's verdict (3 to 5) is no failure
                print(f"sciaticli {shlex.join(command)} failed", file=sys.stderr)
                return 1
        return 0
    if args[:1] == ["--screen"]:  # one moment of the guided routine's view
        return draw_screen(args[1], int(args[2]), int(args[3]), int(args[4]))
    parser = argparse.ArgumentParser(description="Write the docs' terminal examples.")
    parser.add_argument("--check", action="store_true", help="only say what is out of date")
    parser.add_argument("--root", type=Path, default=ROOT, help="the repository's folder")
    parser.add_argument("--only", choices=("terminal", "run"), help="one kind of example")
    options = parser.parse_args(args)
    terminal = options.only != "run"
    if terminal and not shutil.which("tmux"):
        print("tmux is needed to draw the examples", file=sys.stderr)
        return 1
    shown = {width: all_examples(width) for width in SIZES} if terminal else {}
    stale = []
    for name in FILES:
        path = options.root / name
        if not path.exists():
            continue
        old = path.read_text(encoding="utf-8")
        new = fill_screens(fill_markers(old, shown)) if terminal else old
        if options.only != "terminal":
            new = doc_runs.fill_runs(new, Path(__file__).resolve())
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


def fix_date() -> None:
    """Today fixed at 2026-12-07 and the time at 09:00 (before sciaticli is imported, so that
    every `from datetime import date` in it gets the fixed one)."""
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


def run_sciaticli(args: list[str]) -> int:
    """`sciaticli ARGS` in this process; its exit status."""
    from sciaticli.__main__ import main as sciaticli

    sys.argv = ["sciaticli", *args]
    try:
        sciaticli()
    except SystemExit as done:
        if isinstance(done.code, str):
            print(done.code, file=sys.stderr)
        return done.code if isinstance(done.code, int) else int(done.code is not None)
    return 0


def draw_screen(routine_id: str, seconds: int, width: int, height: int) -> int:
    """The live view of `home-routine ROUTINE --guided` (both sides), `seconds` after the first
    step began, in a window of width x height, drawn by the routine's own view (a clock of its
    own: a real one would make the countdown differ by a second from run to run)."""
    sys.path.insert(0, str(ROOT / "src"))
    from rich.console import Console

    from sciaticli.guided.screen import view
    from sciaticli.guided.timer import GuidedRun
    from sciaticli.knowledge import load_knowledge_base
    from sciaticli.routines import plan

    routine = load_knowledge_base().routines[routine_id]
    now = [0.0]
    run = GuidedRun(plan(routine), lambda: now[0])
    now[0] = float(seconds)
    run.update()
    console = Console(file=sys.stdout, width=width, color_system=None, legacy_windows=False)
    console.print(view(run, width, height, routine.watch_for or ""))
    return 0


SCREEN = re.compile(
    r"(<!-- generated: screen (?P<routine>[a-z-]+) (?P<seconds>\d+)s "
    r"(?P<width>\d+)x(?P<height>\d+) -->\n).*?(?=<!-- /generated -->)",
    re.S,
)


def fill_screens(text: str) -> str:
    """Each `screen ROUTINE Ns WxH` marker's block: the guided view N seconds in."""

    def block(match: re.Match[str]) -> str:
        args = [match[name] for name in ("routine", "seconds", "width", "height")]
        done = subprocess.run(
            [sys.executable, __file__, "--screen", *args],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        return f"{match[1]}```text\n{tidy(done.stdout)}```\n"

    return SCREEN.sub(block, text)


def all_examples(width: int) -> dict[str, str]:
    """Each example's text at `width` columns, run in ORDER with one journal."""
    with tempfile.TemporaryDirectory() as folder:
        return {
            name: example_text(EXAMPLES[name], width, Path(folder))
            for name in ORDER
            if width in EXAMPLES[name].widths
        }


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
        if example.press is not None:
            prompt, names = example.press
            wait_for(tmux, prompt)
            subprocess.run([*tmux, "send-keys", *names], check=True)
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
