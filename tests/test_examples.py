"""The docs' examples (issue 25: real output), written by scripts/gen_examples.py from the
commands themselves: the terminal ones at 80 and 40 columns in tmux, the piped ones
(scripts/doc_runs.py) in a shell without tmux; a test fails when they are out of date."""

from __future__ import annotations

import importlib.util
import json
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


def check(root: Path = ROOT, only: str = "terminal") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--check", "--root", str(root), "--only", only],
        capture_output=True, text=True, check=False,
    )  # fmt: skip


def runs() -> ModuleType:
    sys.path.insert(0, str(SCRIPT.parent))
    import doc_runs

    return doc_runs


def test_the_guide_and_readme_show_the_terminals_real_output() -> None:
    assert shutil.which("tmux"), "tmux is needed (.ci/run installs it)"
    done = check()
    # On failure the message names the files and the command that brings them up to date.
    assert done.returncode == 0, done.stderr


def test_the_guide_and_readme_show_the_piped_commands_real_output() -> None:
    done = check(only="run")
    assert done.returncode == 0, done.stderr


def without_generated(text: str) -> str:
    return re.sub(r"<!-- generated: .*?<!-- /generated -->", "", text, flags=re.S)


@pytest.mark.parametrize("name", script().FILES)
def test_every_example_of_output_has_a_generator(name: str) -> None:
    """A console or text block outside the markers would be output copied by hand."""
    text = without_generated((ROOT / name).read_text(encoding="utf-8"))
    copied = [
        line for line in text.split("```")[1::2] if line.split("\n", 1)[0] in ("console", "text")
    ]
    assert not copied, (
        f"{name}: output copied by hand; give it a marker, such as "
        "<!-- generated: run sciaticli COMMAND --> (scripts/doc_runs.py), then run "
        f"python scripts/gen_examples.py:\n{copied[0][:300]}"
    )


def test_a_stale_piped_example_is_named(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    marker = "<!-- generated: run search tennis wall --format plain --limit 1 -->\n"
    (tmp_path / "docs" / "guide.md").write_text(
        f"{marker}```console\nold\n```\n<!-- /generated -->\n"
    )
    done = check(tmp_path, only="run")
    assert done.returncode == 1
    assert done.stderr.startswith("docs/guide.md out of date with the commands' output")


def test_a_piped_example_shows_stderr_the_status_and_the_journal_so_far() -> None:
    text = (
        "<!-- generated: run\n"
        "sciaticli techniques shiatzu\n"
        "echo $?\n"
        "log 6 4 -r standing-wall --when 2026-12-06 journal=fresh\n"
        "history --format plain journal=fresh lines=3\n"
        "-->\n<!-- /generated -->\n"
    )
    shown = runs().fill_runs(text, SCRIPT)
    assert shown.startswith(text.split("<!-- /generated")[0])  # the marker stays as it was
    block = shown.split("-->\n", 1)[1]
    assert block.startswith(
        "```console\n$ sciaticli techniques shiatzu\n"
        "Error: no technique called 'shiatzu'; did you mean Shiatsu (shiatsu)?"
    )
    assert "\n$ echo $?\n1\n$ sciaticli log 6 4 -r standing-wall --when 2026-12-06\n" in block
    assert "Logged entry 1 for 2026-12-06: pain 6 → 4" in block
    assert block.endswith(
        "$ sciaticli history --format plain\nPAIN JOURNAL\n\n"
        "Pain is rated 0 (no pain) to 10 (the worst imaginable), before and after each session."
        " Change is after minus before: below 0, the pain fell.\n...\n```\n<!-- /generated -->\n"
    )


def test_the_docs_journal_has_six_weeks_to_the_fixed_day() -> None:
    text = "<!-- generated: run report --format json -->\n<!-- /generated -->\n"
    shown = runs().fill_runs(text, SCRIPT)
    output = shown.split("$ sciaticli report --format json\n")[1].split("```\n<!-- /gen")[0]
    report = json.loads(output)
    assert (report["start"], report["end"]) == ("2026-10-26", "2026-12-07")
    assert report["episode_start"] == "2026-10-12"
    assert {"peg", "rmdq", "psfs"} <= {measure["measure"] for measure in report["measures"]}
    assert report["checks"] and report["sessions_stopped_early"] == 1


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (" search wall ", [("sciaticli search wall", None, "docs")]),
        (" sciaticli log 5 journal=fresh lines=2 ", [("sciaticli log 5", 2, "fresh")]),
        ("\nCOLUMNS=40 sciaticli safety | head -n 2\necho $?\n",
         [("COLUMNS=40 sciaticli safety | head -n 2", None, "docs"), ("echo $?", None, "docs")]),
    ],
)  # fmt: skip
def test_a_run_marker_names_its_lines_and_their_options(
    body: str, expected: list[tuple[str, int | None, str]]
) -> None:
    assert runs().parse(body) == expected


def test_an_unknown_journal_is_one_clear_error() -> None:
    text = "<!-- generated: run history journal=nothing -->\n<!-- /generated -->\n"
    message = "no journal 'nothing': the journals are docs, fresh, not-a-journal"
    with pytest.raises(SystemExit, match=message):
        runs().fill_runs(text, SCRIPT)


def test_check_names_a_file_whose_example_is_stale(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    # The README's first terminal example alone, one figure in it changed (the whole README is
    # checked by the test above).
    (example,) = re.findall(r"<!-- generated: brief 80 -->.*?<!-- /generated -->\n", readme, re.S)
    assert "Steps: 3 min" in example
    (tmp_path / "README.md").write_text(example.replace("Steps: 3 min", "Steps: 4 min", 1))
    done = check(tmp_path)
    assert done.returncode == 1
    assert done.stderr == (
        "README.md out of date with the commands' output: run `python scripts/gen_examples.py`\n"
    )


def test_every_first_five_minutes_example_is_in_the_guide_at_both_widths() -> None:
    guide = (ROOT / "docs" / "guide.md").read_text(encoding="utf-8")
    asked = set(re.findall(r"<!-- generated: ([a-z-]+) (\d+)", guide))
    first_five = {(name, width) for name in script().FIRST_FIVE for width in ("80", "40")}
    assert first_five <= asked
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


def test_an_indented_marker_gets_a_block_indented_as_much() -> None:
    """A marker in a list item: its block stays in the item."""
    text = "- An item.\n  <!-- generated: run echo hi journal=fresh -->\n  <!-- /generated -->\n"
    assert runs().fill_runs(text, SCRIPT) == (
        "- An item.\n  <!-- generated: run echo hi journal=fresh -->\n"
        "  ```console\n  $ echo hi\n  hi\n  ```\n  <!-- /generated -->\n"
    )


def test_the_journal_file_is_in_its_default_place_and_can_be_made_not_a_journal() -> None:
    text = "<!-- generated: run\nhistory journal=not-a-journal\necho $?\n-->\n<!-- /generated -->\n"
    block = runs().fill_runs(text, SCRIPT).split("-->\n", 1)[1]
    assert block.startswith(
        "```console\n$ sciaticli history\nError: /home/you/.local/share/sciaticli/journal.sqlite3"
        " is not a sciaticli journal (it is not an SQLite database)."
    )
    assert block.endswith("$ echo $?\n1\n```\n<!-- /generated -->\n")
