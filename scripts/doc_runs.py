"""The docs' piped examples (issue 25: real output), for scripts/gen_examples.py: each command
line a marker names is run in bash, its output piped (so pages are plain text unless the line
asks for another format), with today fixed at 2026-12-07 09:00 and a journal built for the
docs. No tmux: they take seconds.

    <!-- generated: run sciaticli search tennis wall --format plain --limit 2 -->
    <!-- /generated -->

A marker holds one command line, or several, one a line, after `run`; each is shown after `$ `
with its output, stderr too (as a person sees it on the terminal). A line without `sciaticli`
in it (and not `echo`) is a sciaticli command: `run search wall` runs `sciaticli search wall`.
A line may end with options: `lines=N` keeps the first N lines of its output and a `...` line;
`journal=NAME` picks the journal it runs with (default `docs`, below). Pipes, `VAR=value`
prefixes and `echo $?` (the status of the line before) work as in a shell.

Each file's markers run in the file's order, so a `log` line is in the journals of the lines
below it. A journal is a folder of its own: HOME (shown as /home/you) and the current folder,
which holds FILES; the journal file is in its default place there,
/home/you/.local/share/sciaticli/journal.sqlite3 (no SCIATICLI_HOME). `docs` starts as six
weeks of sessions (docs_journal), `fresh` empty, and `not-a-journal` has a text file where the
journal would be (SETUP). The locale is a UK one (LANG=en_GB.UTF-8) and no region is set,
so `LANG=C.UTF-8 sciaticli safety` shows the panel of a locale with no territory.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

# A marker may be indented (in a list item): its block is indented as much.
RUN = re.compile(
    r"^(?P<indent> *)(?P<marker><!-- generated: run(?P<body>.*?)-->\n).*?(?=<!-- /generated -->)",
    re.S | re.M,
)
OPTION = re.compile(r" (lines|journal)=([a-z0-9-]+)$")
TODAY = date(2026, 12, 7)
HOME = "/home/you"  # what a journal's folder is called in the output

# Files in each journal's folder, for the examples that read one.
FILES = {
    "notes.yaml": """\
techniques:
  - id: my-stretch
    name: My stretch
    famly: western
    pressure: [light]
    targets: [piriformis]
    summary: A stretch I was shown.
    steps: [Lie down., Pull the knee up.]
    why_it_may_help: It eases the buttock.
    evidence: {level: moderate, summary: It helped me.}
    cautions: []
    sources: [my-physio]
""",
}

NOTES = {
    2: "Stiff after the drive home",
    9: "Slept badly",
    16: "Left side tight, better after",
    23: "A short walk eased it",
    30: "Physio: new hip exercises",
    37: "Best week so far",
}
ROUTINES = (("-r", "standing-wall"), ("-r", "seated-chair"), ("-t", "tennis-ball-pressure"))


def docs_journal() -> list[list[str]]:
    """Six weeks to 2026-12-07: sessions four days a week (the pain easing from 7 to 4, leg and
    back pain apart), notes, a session stopped early and marked, one after which pain rose, a
    rating of 9 alone, an edited entry, the PEG weekly, three Roland-Morris forms (one with an
    item left out), two PSFS and a saved self-check."""
    start = TODAY - timedelta(weeks=6)
    commands = [["measure", "--episode-start", "2026-10-12"]]
    for day in range(42):
        if day % 7 not in (0, 2, 4, 5):
            continue
        when = f"{start + timedelta(days=day)} {'08:00' if day % 2 else '19:30'}"
        before = 7 - day // 12
        line = ["log", str(before), str(before - 2), *ROUTINES[day % 3], "--when", when]
        line += ["--leg", str(before), "--back", str(before - 3)]
        if day in NOTES:
            line += ["-n", NOTES[day]]
        commands.append(line)
    commands += [
        ["log", "8", "--session", "partial", "-r", "standing-wall", "--when", "2026-11-05 18:00",
         "-n", "Stopped: tingling in foot on right side", "--mark", "--leg", "8", "--back", "4"],
        ["log", "9", "--session", "none", "--when", "2026-11-07 22:00",
         "-n", "Bad flare in the evening", "--leg", "9"],
        ["log", "6", "8", "-r", "seated-chair", "--when", "2026-11-12 18:00",
         "-n", "Sharp after the seated routine"],
        ["history", "--edit", "3", "--pain-after", "4", "-n", "typo: 4, not 5"],
        ["measure", "peg", "-a", "4,4,3", "--when", "2026-12-07 08:30"],
        ["measure", "rmdq", "-a", "y" * 14 + "n" * 10, "--when", "2026-10-28 10:00"],
        ["measure", "rmdq", "-a", "y" * 11 + "n" * 12 + "-", "--when", "2026-11-18 10:00"],
        ["measure", "rmdq", "-a", "y" * 8 + "n" * 16, "--when", "2026-12-06 10:00"],
        ["measure", "psfs", "--activity", "sitting for 30 minutes", "--activity",
         "putting on socks", "--activity", "walking to the shops", "-a", "3,4,5",
         "--when", "2026-10-29 10:00"],
        ["measure", "psfs", "-a", "6,6,7", "--when", "2026-12-05 10:00"],
        ["check", "--not-sure", "fever", "--yes", "anticoagulants", "--no-others", "--save"],
    ]  # fmt: skip
    for week in range(6):
        peg = [str(7 - week // 2), str(7 - week // 2), str(6 - week // 2)]
        when = f"{start + timedelta(weeks=week)} 08:30"
        commands.append(["measure", "peg", "-a", ",".join(peg), "--when", when])
    return commands


JOURNALS = {"docs": docs_journal, "fresh": list, "not-a-journal": list}
JOURNAL = ".local/share/sciaticli/journal.sqlite3"  # its default place, under HOME
# Files made in a journal's folder before its commands run.
SETUP = {"not-a-journal": {JOURNAL: "My pain notes, kept by hand.\n"}}


class Runner:
    """Runs the lines of one file's markers, each journal built when first used."""

    def __init__(self, folder: Path, script: Path) -> None:
        self.folder, self.script = folder, script
        self.made: dict[str, Path] = {}
        self.status = 0
        bin_dir = folder / "bin"
        bin_dir.mkdir()
        shim = bin_dir / "sciaticli"
        shim.write_text(
            f'#!/bin/sh\nexec {shlex.quote(sys.executable)} {shlex.quote(str(script))} --run "$@"\n'
        )
        shim.chmod(0o755)
        self.env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("SCIATICLI_", "LC_", "XDG_", "COLUMNS", "LINES"))
            and key not in {"NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE", "CLICOLOR", "PAGER"}
        }
        self.env.update(
            PATH=f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
            LANG="en_GB.UTF-8",
            TERM="xterm-256color",
            COLUMNS="80",
            SCIATICLI_PAGER="",
        )

    def journal(self, name: str) -> Path:
        if name not in JOURNALS:
            raise SystemExit(f"no journal '{name}': the journals are {', '.join(JOURNALS)}")
        if name not in self.made:
            place = self.folder / name
            place.mkdir()
            for file, text in {**FILES, **SETUP.get(name, {})}.items():
                (place / file).parent.mkdir(parents=True, exist_ok=True)
                (place / file).write_text(text, encoding="utf-8")
            commands = JOURNALS[name]()
            if commands:
                done = subprocess.run(
                    [sys.executable, str(self.script), "--run-all"],
                    input=json.dumps(commands), env=self.settings(place),
                    cwd=place, capture_output=True, text=True, check=False,
                )  # fmt: skip
                if done.returncode:
                    raise SystemExit(f"journal '{name}' not made:\n{done.stdout}{done.stderr}")
            self.made[name] = place
        return self.made[name]

    def settings(self, place: Path) -> dict[str, str]:
        return {**self.env, "HOME": str(place)}

    def run(self, line: str, journal: str) -> str:
        place = self.journal(journal)
        done = subprocess.run(
            ["bash", "-c", f"(exit {self.status}); {line}"], env=self.settings(place), cwd=place,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False,
        )  # fmt: skip
        self.status = done.returncode
        if "Traceback" in done.stdout:
            raise SystemExit(f"`{line}` failed:\n{done.stdout}")
        return tidy(done.stdout.replace(str(place), HOME))


def tidy(text: str) -> str:
    """Lines without their trailing spaces, and no blank lines at the end."""
    lines = [line.rstrip() for line in text.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    return "".join(f"{line}\n" for line in lines)


def parse(body: str) -> list[tuple[str, int | None, str]]:
    """A marker's lines: (command line, lines to keep or None, journal)."""
    found = []
    for raw in body.strip().splitlines():
        line, keep, journal = raw.strip(), None, "docs"
        while option := OPTION.search(line):
            if option[1] == "lines":
                keep = int(option[2])
            else:
                journal = option[2]
            line = line[: option.start()].rstrip()
        if line:
            bare = "sciaticli" not in line and not line.startswith("echo ")
            found.append((f"sciaticli {line}" if bare else line, keep, journal))
    if not found:
        raise SystemExit("a `run` marker names no command")
    return found


def cut(output: str, keep: int | None) -> str:
    lines = output.splitlines()
    if keep is None or len(lines) <= keep + 1:
        return output
    return "".join(f"{line}\n" for line in [*lines[:keep], "..."])


def fill_runs(text: str, script: Path) -> str:
    """`text` with each `run` marker's block made anew from its commands' output."""
    if not RUN.search(text):
        return text
    with tempfile.TemporaryDirectory() as folder:
        runner = Runner(Path(folder), script)

        def block(match: re.Match[str]) -> str:
            parts = []
            for line, keep, journal in parse(match["body"]):
                parts.append(f"$ {line}\n{cut(runner.run(line, journal), keep)}")
            shown = f"```console\n{''.join(parts)}```\n".splitlines(keepends=True)
            indent = match["indent"]
            block = "".join(f"{indent}{line}" if line.strip() else line for line in shown)
            return f"{indent}{match['marker']}{block}{indent}"

        return RUN.sub(block, text)
