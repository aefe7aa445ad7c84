"""No control codes reach the terminal: text from a knowledge-base file, a journal note or the
command line is drawn with its controls shown visibly, in every format (issue 11, section 2)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from sciaticli.cli.main import app
from sciaticli.render.safe import visible

BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
SGR = re.compile(r"\x1b\[[0-9;]*m")  # rich's own colours, with --color always
ATTACKS = [
    "\x1b]0;pwned\x07",  # retitle the window
    "\x1b[2J\x1b[H",  # clear the screen
    "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\",  # a hyperlink
    "\r\x1b[2K",  # erase the line
    "\x9b2J",  # CSI as one C1 character
    "\u202eevil",  # right-to-left override
    "\x00\x7f\x08",
]
CONTROL = st.sampled_from([chr(code) for code in (*range(0x20), *range(0x7F, 0xA0))] + sorted(BIDI))
TEXT = st.builds(
    lambda pieces: "x" + "".join(pieces),
    st.lists(st.one_of(st.characters(), CONTROL, st.sampled_from(ATTACKS)), max_size=12),
)


def unsafe(text: str, allowed: str = "\n\t") -> list[str]:
    """The characters of `text` a terminal would act on (but `allowed`), after rich's colours."""
    return [
        char
        for char in SGR.sub("", text)
        if (ord(char) < 0x20 and char not in allowed) or 0x7F <= ord(char) <= 0x9F or char in BIDI
    ]


def test_visible_shows_every_control_but_newline_and_tab() -> None:
    assert visible("a\x1b[2Jb") == "a\u241b[2Jb"
    assert visible("tab\tline\n") == "tab\tline\n"
    assert visible("\r\x7f\x9b\u202e") == "\u240d\u2421\ufffd\ufffd"
    assert visible("[bold]x[/bold]") == "[bold]x[/bold]"  # markup stays literal text


def knowledge_base(fields: list[str]) -> str:
    name, summary, step, caution, target, title, evidence, alias = fields
    return yaml.safe_dump(
        {
            "sources": [{"key": "evil-source", "title": title, "publisher": title}],
            "techniques": [
                {
                    "id": "evil-press",
                    "name": name,
                    "aliases": [alias],
                    "family": "western",
                    "performed_by": ["self"],
                    "pressure": ["light"],
                    "targets": [target],
                    "summary": summary,
                    "steps": [step],
                    "why_it_may_help": summary,
                    "evidence": {"level": "low", "summary": evidence},
                    "cautions": [caution],
                    "sources": ["evil-source"],
                }
            ],
        },
        allow_unicode=True,
    )


COMMANDS = [
    ["techniques"],
    ["techniques", "evil-press"],
    ["sources", "evil-source"],
    ["sources"],
    ["search", "x"],
]
FORMATS = [["-f", "plain"], ["-f", "markdown"], ["-f", "json"], ["-f", "rich", "--color", "never"],
           ["-f", "rich", "--color", "always"]]  # fmt: skip
FUZZ = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                HealthCheck.function_scoped_fixture])  # fmt: skip


@FUZZ
@given(fields=st.lists(TEXT, min_size=8, max_size=8))
def test_knowledge_base_text_is_drawn_without_controls(tmp_path: Path, fields: list[str]) -> None:
    path = tmp_path / "evil.yaml"
    path.write_text(knowledge_base(fields), encoding="utf-8")
    runner = CliRunner()
    for command in COMMANDS:
        for fmt in FORMATS:
            result = runner.invoke(app, [*command, *fmt, "--kb", str(path)])
            assert result.exception is None or isinstance(result.exception, SystemExit)
            assert not unsafe(result.stdout), (command, fmt)
            assert not unsafe(result.stderr), (command, fmt)
            if fmt[1] == "json" and result.exit_code == 0:
                json.loads(result.stdout)  # still JSON, the text kept as \u escapes


@FUZZ
@given(note=TEXT, name=TEXT)
def test_notes_and_arguments_are_drawn_without_controls(
    tmp_path: Path, note: str, name: str
) -> None:
    name = name.replace("\x00", "")  # argv cannot hold NUL
    # nor a lone surrogate: Python reads argv's bytes as UTF-8 with surrogateescape, so a name
    # typed as bytes that are not UTF-8 arrives as \udc80-\udcff (what typer's Path then stats).
    name = os.fsdecode(name.encode("utf-8", "surrogatepass"))
    runner = CliRunner()
    home = {"SCIATICLI_HOME": str(tmp_path / f"home-{abs(hash(note))}")}
    logged = runner.invoke(app, ["log", "--pain-before", "5", "--pain-after", "3", "--note", note],
                           env=home)  # fmt: skip
    assert logged.exit_code == 0, logged.output
    for fmt in [*FORMATS, ["-f", "csv"]]:
        result = runner.invoke(app, ["history", *fmt], env=home)
        assert result.exit_code == 0
        assert not unsafe(result.stdout, "\n\t\r" if fmt[1] == "csv" else "\n\t"), fmt
        if fmt[1] == "json":
            assert json.loads(result.stdout)["entries"][-1]["note"] == note  # JSON keeps it all
    for args in (
        ["techniques", name],
        ["techniques", "--target", name],
        ["home-routine", name],
        ["sources", name],
        ["log", "--pain-before", name, "--pain-after", "1"],
        ["log", "--pain-before", "1", "--pain-after", "1", "--when", name],
        ["history", "--since", name],
        ["techniques", "-f", name],
        ["validate", name],
        [name],
    ):
        result = runner.invoke(app, args, env=home)
        assert result.exception is None or isinstance(result.exception, SystemExit), args
        assert not unsafe(result.stdout) and not unsafe(result.stderr), (args, result.output)


def test_a_deleted_entry_is_shown_without_controls(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    note = "fine\r\x1b[2KEntry 9, 2024-01-01: harmless"  # would erase the line being confirmed
    runner.invoke(app, ["log", "--pain-before", "5", "--pain-after", "3", "--note", note])
    from sciaticli.cli import edit as edit_cli

    monkeypatch.setattr(edit_cli, "stdin_is_terminal", lambda: True)
    result = runner.invoke(app, ["history", "--delete", "1"], input="n\n")
    assert "fine \u241b[2KEntry 9" in result.stderr
    assert not unsafe(result.stderr)


@pytest.mark.parametrize("fmt", ["plain", "rich", "markdown", "json"])
def test_real_process_with_an_escape_in_the_file(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / "evil.yaml"
    fields = ["Evil \x1b]0;pwned\x07 \x1b[2J name", *["x \x9b2J text"] * 7]
    path.write_text(knowledge_base(fields), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "sciaticli", "techniques", "evil", "--kb", str(path), "-f", fmt],
        capture_output=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "SCIATICLI_HOME": str(tmp_path), "FORCE_COLOR": "1"},
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode()
    assert not unsafe(out)
    assert "pwned" in out.lower() and "[2J" in out  # shown, not obeyed
