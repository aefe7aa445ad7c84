"""Layouts that hold at 40 columns (stacked records, ids and dates never split), the techniques
list at 80 columns, Markdown headings on every page, and the routine page."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sciaticli.cli.main import app
from sciaticli.knowledge import load_knowledge_base
from sciaticli.routines import plan
from tests.terminal import environment, run_on_pty

KB = load_knowledge_base()
BALL = [routine for routine in KB.routines.values() if routine.kind == "ball"]
GENTLEST = min(BALL, key=lambda routine: routine.level)


def rich(runner: CliRunner, columns: int, *args: str) -> str:
    result = runner.invoke(app, [*args, "-f", "rich"], env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.output
    return result.stdout


def test_techniques_at_40_columns_are_stacked_records(runner: CliRunner) -> None:
    text = rich(runner, 40, "techniques")
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 40
    for technique in KB.techniques.values():
        assert f"Id: {technique.id}" in lines  # one field a line, never split
    assert "Family: Western" in lines
    assert "Tennis ball pressure (self-massage)" in text


def test_routine_list_at_40_columns_keeps_words_and_ids_whole(runner: CliRunner) -> None:
    text = rich(runner, 40, "home-routine", "--list")
    lines = text.splitlines()
    for routine in BALL:
        assert f"Id: {routine.id}" in lines
        assert f"Level: {routine.level}" in lines
    assert "Tenni" not in [line.strip() for line in lines]
    assert all(len(line) <= 40 for line in lines)


def test_fields_at_40_columns_wrap_under_their_label(runner: CliRunner) -> None:
    text = rich(runner, 40, "techniques", "shiatsu")
    assert "Performed by: therapist" in text.splitlines()


def test_history_at_40_columns_keeps_every_value_and_date(
    runner: CliRunner, tmp_path: Path
) -> None:
    for before, after, when in (("7", "4", "2026-11-01 08:00"), ("6", "3", "2026-11-02 09:30")):
        result = runner.invoke(app, ["log", before, after, "-r", "standing-wall", "--when", when])
        assert result.exit_code == 0, result.output
    text = rich(runner, 40, "history")
    lines = text.splitlines()
    assert all(len(line) <= 40 for line in lines)
    assert "Average pain: 6.5 before, 3.5 after" in lines
    assert "When: 2026-11-01 08:00" in lines
    assert "When: 2026-11-02 09:30" in lines
    assert "Pain: 7 → 4 (-3)" in lines
    # No date or id cut at the end of a line.
    assert not [line for line in lines if re.search(r"\d{4}-\d?$|\d{4}-\d\d-\d?$", line)]


def test_techniques_at_80_columns_take_one_or_two_lines_each(runner: CliRunner) -> None:
    text = rich(runner, 80, "techniques")
    lines = text.splitlines()
    rule = next(index for index, line in enumerate(lines) if line.startswith("─"))
    body = lines[rule + 1 : lines.index("")]
    # Each row starts on the line that shows its id (the id is never wrapped).
    starts = [
        next(index for index, line in enumerate(body) if f" {t.id} " in line)
        for t in KB.techniques.values()
    ]
    assert starts == sorted(starts)
    assert starts[0] == 0
    heights = [b - a for a, b in zip(starts, [*starts[1:], len(body)], strict=True)]
    assert max(heights) <= 2
    assert len(body) < 2 * len(KB.techniques) + 1
    for technique in KB.techniques.values():
        assert re.search(rf" {re.escape(technique.id)} ", text), technique.id
    assert any(re.match(r" Technique +Id ", line) for line in lines[:rule])


def test_wide_terminal_keeps_more_columns(runner: CliRunner) -> None:
    assert "Family" in rich(runner, 120, "techniques").splitlines()[0]
    assert "Position" in rich(runner, 200, "home-routine", "--list").splitlines()[0]


def test_plain_list_has_the_id_second(runner: CliRunner) -> None:
    result = runner.invoke(app, ["techniques", "-f", "plain"])
    rows = [line.split("\t") for line in result.stdout.splitlines()[1 : 1 + len(KB.techniques)]]
    assert [row[1] for row in rows] == list(KB.techniques)


PAGES = [
    ["techniques"],
    ["techniques", "shiatsu"],
    ["techniques", "--family", "oriental"],
    ["home-routine"],
    ["home-routine", "--list"],
    ["safety"],
    ["check", "--no-others"],
    ["check", "--yes", "both-legs"],
    ["about"],
    ["therapist"],
    ["myths"],
    ["sources"],
    ["sources", "10"],
    ["search", "tennis"],
    ["history"],
]


@pytest.mark.parametrize("args", PAGES, ids=" ".join)
def test_every_markdown_page_starts_with_a_heading(runner: CliRunner, args: list[str]) -> None:
    from markdown_it import MarkdownIt

    result = runner.invoke(app, [*args, "-f", "markdown"])
    assert result.stdout.startswith("# "), result.stdout[:200]
    tokens = MarkdownIt("commonmark").parse(result.stdout)
    assert (tokens[0].type, tokens[0].tag) == ("heading_open", "h1")


def plain_routine(runner: CliRunner, *args: str) -> list[str]:
    result = runner.invoke(app, ["home-routine", *args, "-f", "plain"])
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


def test_routine_instruction_and_cue_are_on_distinct_lines(runner: CliRunner) -> None:
    lines = plain_routine(runner)
    first = GENTLEST.steps[0]
    step = next(index for index, line in enumerate(lines) if line.startswith("[ ] Step 1 of"))
    assert lines[step].endswith(first.instruction)
    assert "Cue:" not in lines[step]
    assert lines[step + 1] == f"    Cue: {first.cue}"
    markdown = runner.invoke(app, ["home-routine", "-f", "markdown"]).stdout
    assert f"{first.instruction}\\\n  Cue: " in markdown
    text = rich(runner, 80, "home-routine")
    cue_line = next(line for line in text.splitlines() if "Cue:" in line)
    assert cue_line.strip().startswith("Cue:")


def test_both_sides_print_the_left_once_and_say_repeat(runner: CliRunner) -> None:
    count = len(GENTLEST.steps)
    for fmt in ("plain", "markdown", "rich"):
        text = runner.invoke(app, ["home-routine", "-f", fmt]).stdout
        assert f"Repeat steps 1–{count} on the right side." in text
        assert "right side (" not in text
    data = json.loads(runner.invoke(app, ["home-routine", "-f", "json"]).stdout)
    assert [step["side"] for step in data["steps"]] == ["left"] * count + ["right"] * count
    assert len(plan(GENTLEST, "both")) == 2 * count  # --guided walks through both sides


def test_one_side_has_no_repeat_line(runner: CliRunner) -> None:
    lines = plain_routine(runner, "--side", "right")
    assert not [line for line in lines if "Repeat steps" in line]
    assert sum(line.startswith("[ ] Step ") for line in lines) == len(GENTLEST.steps)


def test_contraindications_come_before_the_steps_as_a_compact_list(runner: CliRunner) -> None:
    lines = plain_routine(runner)
    start = lines.index("DO NOT DO THIS ROUTINE IF ANY OF THESE APPLY:")
    steps = lines.index("Steps")
    listed = [line for line in lines[start:steps] if line.startswith("- ")]
    shorts = [KB.safety.contraindications[key].short for key in GENTLEST.not_for]
    assert listed[: len(shorts)] == [f"- {short}" for short in shorts]
    assert all(len(line) <= 70 for line in listed[: len(shorts)])
    assert start < steps


def test_every_contraindication_has_a_short_form() -> None:
    for item in KB.safety.contraindications.values():
        assert item.short
        assert len(item.short) < len(item.condition) or len(item.condition) < 30


@pytest.mark.parametrize("columns", [40, 80])
def test_on_a_real_terminal_ids_are_never_split(tmp_path: Path, columns: int) -> None:
    status, text = run_on_pty(
        ["techniques"],
        environment(tmp_path),
        columns=columns,
        rows=500,
    )
    assert status == 0
    for technique in KB.techniques.values():
        assert technique.id in text, technique.id
    assert all(len(line) <= columns for line in text.splitlines())


def test_html_keeps_each_cue_and_the_list_title(runner: CliRunner) -> None:
    page = runner.invoke(app, ["home-routine", "-f", "html"]).stdout
    assert f"Cue: {GENTLEST.steps[0].cue}" in page.replace("&#x27;", "'")
    listing = runner.invoke(app, ["techniques", "-f", "html"]).stdout
    assert "<title>Massage techniques for sciatica</title>" in listing


def test_compact_list_takes_two_columns_only_when_nothing_wraps(runner: CliRunner) -> None:
    shorts = [KB.safety.contraindications[key].short or "" for key in GENTLEST.not_for]
    half = (len(shorts) + 1) // 2
    wide = rich(runner, 140, "home-routine")
    assert re.search(rf"• {re.escape(shorts[0])} +• {re.escape(shorts[half])}", wide)
    narrow = rich(runner, 80, "home-routine")
    assert f"  • {shorts[0]}" in narrow.replace("│", "")
    assert not re.search(rf"• {re.escape(shorts[0])} +•", narrow)
