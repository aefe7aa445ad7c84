"""The docs' terminal examples (issue 25: real output at 80 and 40 columns), written by
scripts/gen_examples.py from the commands themselves, run in tmux; a test fails when they are
out of date."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "gen_examples.py"


def script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_examples", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def check(root: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--check", "--root", str(root)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip


def test_the_guide_and_readme_show_the_commands_real_output() -> None:
    assert shutil.which("tmux"), "tmux is needed (.ci/run installs it)"
    done = check()
    # On failure the message names the files and the command that brings them up to date.
    assert done.returncode == 0, done.stderr


def test_check_names_a_file_whose_example_is_stale(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "<!-- generated: brief 80 -->" in readme
    (tmp_path / "README.md").write_text(readme.replace("Steps: 3 min", "Steps: 4 min", 1))
    done = check(tmp_path)
    assert done.returncode == 1
    assert done.stderr == (
        "README.md out of date with the commands' output: run `python scripts/gen_examples.py`\n"
    )


def test_every_first_five_minutes_example_is_in_the_guide_at_both_widths() -> None:
    guide = (ROOT / "docs" / "guide.md").read_text(encoding="utf-8")
    asked = set(re.findall(r"<!-- generated: ([a-z-]+) (\d+)", guide))
    assert asked == {(name, width) for name in script().EXAMPLES for width in ("80", "40")}
    section = guide.split("## The first five minutes", 1)[1].split("\n## ", 1)[0]
    for command in ("check", "home-routine --brief", "home-routine --guided", "log", "report"):
        assert f"$ sciaticli {command}" in section, command


@pytest.mark.parametrize(
    ("marker", "expected"),
    [
        ("<!-- generated: report 80 -->", "$ sciaticli report\none\ntwo\nthree\nfour\n"),
        ("<!-- generated: report 80 lines=2 -->", "$ sciaticli report\none\n...\n"),
        ("<!-- generated: report 80 last=2 -->", "$ sciaticli report\n...\nthree\nfour\n"),
        ("<!-- generated: report 80 lines=4 -->", "$ sciaticli report\none\ntwo\nthree\nfour\n"),
    ],
)
def test_an_example_is_cut_as_its_marker_asks(marker: str, expected: str) -> None:
    shown = {80: {"report": "$ sciaticli report\none\ntwo\nthree\nfour\n"}}
    text = f"Before.\n\n{marker}\nold\n<!-- /generated -->\nAfter.\n"
    assert script().fill_markers(text, shown) == (
        f"Before.\n\n{marker}\n```console\n{expected}```\n<!-- /generated -->\nAfter.\n"
    )


def test_an_unknown_example_is_one_clear_error() -> None:
    text = "<!-- generated: nothing 80 -->\n<!-- /generated -->\n"
    with pytest.raises(SystemExit, match="no example 'nothing' at 80 columns: the examples are"):
        script().fill_markers(text, {80: {}, 40: {}})
