"""The short views (issue 25 §6), one screen at 80x24 for someone who has read the full page
before. `home-routine NAME --brief`: the title, the emergency signs with the region's number, the
stop rules, each step in a line with its time (numbered as on the printed card), and the
aftercare. `techniques NAME --brief`: what it is, the pressure, the cautions in short and the
emergency line."""

from __future__ import annotations

import json
import shlex
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sciaticli.cli.main import app
from sciaticli.knowledge import load_knowledge_base
from sciaticli.model import Routine
from sciaticli.pages.brief import routine_brief
from sciaticli.render.text import plain
from tests.conftest import USER_KB, WriteFile
from tests.terminal import Tmux

KB = load_knowledge_base()
BALL_ROUTINES = [r.id for r in KB.routines.values() if r.kind == "ball"]
EMERGENCY = [flag for flag in KB.safety.red_flags.values() if flag.urgency == "emergency"]
# A screen of 24 lines holds the page with a line to spare for the shell's next prompt, and
# below 24 lines the page is never handed to the pager (render.pager.wanted).
MOST_LINES = 23


def shown_brief(command: str, name: str, *args: str, columns: int = 80) -> str:
    """What `sciaticli COMMAND NAME --brief --region uk` shows a terminal COLUMNS wide."""
    shown = ["-f", "rich", "--color", "never", "--region", "uk"]
    result = CliRunner().invoke(
        app, [command, name, "--brief", *shown, *args], env={"COLUMNS": str(columns)}
    )
    assert result.exit_code == 0, result.output
    return result.stdout


def brief(routine: str, *args: str, columns: int = 80) -> str:
    return shown_brief("home-routine", routine, *args, columns=columns)


def routine_total(routine: Routine, side: str) -> str:
    from sciaticli.routines import duration, plan, total_seconds

    return duration(total_seconds(plan(routine, side)))


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("side", ["both", "left", "right"])
@pytest.mark.parametrize("name", BALL_ROUTINES)
def test_each_ball_routine_is_one_screen_at_80_columns(name: str, side: str) -> None:
    routine = KB.routines[name]
    shown = brief(name, "--side", side)
    lines = shown.splitlines()
    assert len(lines) <= MOST_LINES, shown
    assert max(len(line) for line in lines) <= 80
    assert lines[0] == routine.name
    assert lines[-1].startswith("Checked against its sources on")
    text = words(shown)
    # The emergency line: every emergency sign in short, with the UK's number.
    assert "Emergency, call 999 now: " in text
    for flag in EMERGENCY:
        assert flag.brief and flag.brief in text
    # The stop rules, each in short, in the routine's order.
    briefs = [KB.safety.stop_rules[key].brief or "" for key in routine.stop_rules]
    assert " ".join(briefs) in text
    # Each step once, on one line of its own, numbered as on the card, with its time.
    for number, step in enumerate(routine.steps, 1):
        dose = f"{step.dose}, optional" if step.optional else step.dose
        assert f" {number}. ({dose}) {step.brief}" in lines, (number, shown)
    assert not any(line.startswith(f" {len(routine.steps) + 1}. ") for line in lines)
    sides = "left side, then right side" if side == "both" else f"{side} side only"
    assert f"Steps: {routine_total(routine, side)} ({sides})" in text
    assert f"Afterwards: {routine.aftercare_brief}" in lines
    # None of the long parts of the full page.
    assert "Do not do this routine" not in text and "Sources" not in text


@pytest.mark.parametrize("name", BALL_ROUTINES)
def test_at_40_columns_every_word_is_kept_and_none_is_cut(name: str) -> None:
    wide, narrow = brief(name, columns=80), brief(name, columns=40)
    assert max(len(line) for line in narrow.splitlines()) <= 40
    assert words(narrow) == words(wide)  # the same words in order: wrapped, nothing cut


def test_the_hold_in_force_is_the_time_shown() -> None:
    shown = brief("standing-wall", "--hold", "25")
    assert "(25 s x 2) " in shown and "(20 s x 2)" not in shown


def on_80x24(tmp_path: Path, *args: str) -> tuple[list[str], int]:
    """`sciaticli ARGS --region uk` in tmux at 80x24 with the pager a person gets (less -FRX),
    then the exit status where the shell's prompt would go: the screen's rows once it has
    ended, and the row of the exit status. A page too tall would stay in the pager."""
    command = shlex.join([sys.executable, "-m", "sciaticli", *args, "--region", "uk"])
    home = shlex.quote(str(tmp_path))
    line = (
        f"env -u COLUMNS -u LINES SCIATICLI_HOME={home} SCIATICLI_PAGER='less -FRX' {command}; "
        "printf 'EXIT=%s' $?; sleep 600"
    )
    with Tmux(tmp_path, line, columns=80, rows=24) as tmux:
        screen = tmux.wait_for("EXIT=")
    rows = screen.splitlines()
    end = next(index for index, row in enumerate(rows) if row.startswith("EXIT="))
    assert rows[end] == "EXIT=0", screen
    assert rows[end - 1].startswith("Checked against its sources on"), screen
    return rows, end


@pytest.mark.parametrize("name", BALL_ROUTINES)
def test_the_whole_page_is_on_an_80x24_terminal(tmp_path: Path, name: str) -> None:
    """Printed, not paged; once it has ended its first and last lines are on the screen."""
    rows, _ = on_80x24(tmp_path, "home-routine", name, "--brief")
    assert rows[0] == KB.routines[name].name, rows
    assert any(row.startswith(" 1. (10 s) ") for row in rows)


def test_formats_share_the_page_and_json_is_a_subset() -> None:
    routine = KB.routines["lying-back"]
    runner = CliRunner()
    base = ["home-routine", "lying-back", "--brief", "--region", "uk", "-f"]
    data = json.loads(runner.invoke(app, [*base, "json"]).stdout)
    assert set(data) == {
        "id", "name", "level", "emergency", "stop_rules", "side", "total_seconds",
        "optional_seconds", "steps", "aftercare", "reviewed", "file", "kb_version",
    }  # fmt: skip
    assert [sign["id"] for sign in data["emergency"]["signs"]] == [flag.id for flag in EMERGENCY]
    assert data["emergency"]["line"].startswith("Emergency, call 999 now: ")
    assert [rule["id"] for rule in data["stop_rules"]] == list(routine.stop_rules)
    # JSON keeps every step of both sides, as the full page's JSON does.
    assert len(data["steps"]) == 2 * len(routine.steps)
    assert data["steps"][0] == {
        "number": 1,
        "side": "left",
        "brief": routine.steps[0].brief,
        "dose": "10 s",
        "seconds_each": 10,
        "repetitions": 1,
        "optional": False,
    }
    assert data["aftercare"] == routine.aftercare_brief
    markdown = runner.invoke(app, [*base, "markdown"]).stdout
    assert markdown.startswith(f"# {routine.name}\n\n- Emergency, call 999 now: ")
    assert f"\n1. (10 s) {routine.steps[0].brief}\n" in markdown
    html = runner.invoke(app, [*base, "html"]).stdout
    assert "<ol>" in html and "Emergency, call 999 now: " in html
    plain_text = runner.invoke(app, [*base, "plain"]).stdout
    assert plain_text.startswith(f"{routine.name.upper()}\n\n- Emergency, call 999 now: ")


def test_with_no_region_every_number_is_given() -> None:
    page = routine_brief(KB.routines["standing-wall"], KB, "both", None, None)
    first = plain(page).splitlines()[2]
    assert first.startswith("- Emergency, call the emergency number now (Australia 000 · ")


def test_a_routine_whose_steps_have_no_brief_shows_them_in_full() -> None:
    """Briefs are optional where the schema does not ask for them (a routine of another kind):
    the step's instruction, the stop rule and the aftercare in full stand in; nothing is lost."""
    routine: Routine = KB.routines["standing-wall"]
    bare = routine._replace(
        steps=tuple(step._replace(brief=None) for step in routine.steps), aftercare_brief=None
    )
    safety = KB.safety._replace(
        stop_rules={key: rule._replace(brief=None) for key, rule in KB.safety.stop_rules.items()}
    )
    kb = KB._replace(safety=safety)
    text = words(plain(routine_brief(bare, kb, "left", None, "uk")))
    assert f"1. (10 s) {words(routine.steps[0].text())}" in text
    assert words(KB.safety.stop_rules["nerve-spot"].rule) in text
    assert f"Afterwards: {words(routine.aftercare)}" in text


# `techniques NAME --brief`: what it is, the pressure, the cautions in short, the emergency line.
TECHNIQUES = list(KB.techniques)


def technique_brief_shown(name: str, *args: str, columns: int = 80) -> str:
    return shown_brief("techniques", name, *args, columns=columns)


@pytest.mark.parametrize("name", TECHNIQUES)
def test_each_technique_in_brief_is_one_screen_at_80_columns(name: str) -> None:
    technique = KB.techniques[name]
    shown = technique_brief_shown(name)
    lines = shown.splitlines()
    assert len(lines) <= MOST_LINES, shown
    assert max(len(line) for line in lines) <= 80
    assert lines[0] == technique.name
    assert lines[2] == f"What      {technique.brief}"
    assert lines[3].startswith(f"Pressure  {technique.pressure_label}, by ")
    assert lines[-1].startswith("Checked against its sources on")
    text = words(shown)
    for key in technique.contraindications:
        item = KB.safety.contraindications[key]
        assert f"{item.brief}," in text or f"{item.brief}." in text, key
    for caution in technique.cautions_brief:
        assert f" • {caution}" in lines, caution
    assert "Emergency, call 999 now: " in text
    assert all((flag.brief or "-") in text for flag in EMERGENCY)
    assert "Sources" not in text and "How it is done" not in text


@pytest.mark.parametrize("name", ["tennis-ball-pressure", "shiatsu"])
def test_a_technique_in_brief_at_40_columns_keeps_every_word(name: str) -> None:
    wide = technique_brief_shown(name, columns=80)
    narrow = technique_brief_shown(name, columns=40)
    assert max(len(line) for line in narrow.splitlines()) <= 40
    # The same words in order (the label-value pairs stack as `Label: value` when narrow).
    assert words(narrow.replace("What: ", "What ").replace("Pressure: ", "Pressure ")) == words(
        wide
    )


def test_a_technique_in_brief_on_an_80x24_terminal(tmp_path: Path) -> None:
    """The longest technique in brief, printed whole at 80x24 with the usual pager."""
    rows, end = on_80x24(tmp_path, "techniques", "tennis-ball-pressure", "--brief")
    assert rows[0] == KB.techniques["tennis-ball-pressure"].name, rows
    assert any(row.startswith(" • Emergency, call 999 now: ") for row in rows[:end]), rows


def test_a_technique_in_brief_in_every_format() -> None:
    technique = KB.techniques["tennis-ball-pressure"]
    runner = CliRunner()
    base = ["techniques", "tennis-ball-pressure", "--brief", "--region", "uk", "-f"]
    data = json.loads(runner.invoke(app, [*base, "json"]).stdout)
    assert list(data) == [
        "id", "name", "what", "pressure", "performed_by", "contraindications", "cautions",
        "emergency", "reviewed", "file", "kb_version",
    ]  # fmt: skip
    assert data["what"] == technique.brief
    assert data["cautions"] == list(technique.cautions_brief)
    assert [item["id"] for item in data["contraindications"]] == list(technique.contraindications)
    assert data["emergency"]["line"].startswith("Emergency, call 999 now: ")
    markdown = runner.invoke(app, [*base, "markdown"]).stdout
    assert markdown.startswith(f"# {technique.name}\n\n- **What:** {technique.brief}\n")
    assert "\n- Skip it: blood thinners, " in markdown
    plain_text = runner.invoke(app, [*base, "plain"]).stdout
    assert plain_text.startswith(f"{technique.name.upper()}\n\nWhat: {technique.brief}\n")
    html = runner.invoke(app, [*base, "html"]).stdout
    assert "Emergency, call 999 now: " in html and "<ul>" in html


def test_a_technique_without_short_forms_shows_its_summary_and_cautions_in_full(
    write_file: WriteFile,
) -> None:
    """A technique from a user's file with no `brief` or `cautions_brief`: nothing is lost."""
    path = write_file("mine.yaml", USER_KB)
    result = CliRunner().invoke(
        app, ["techniques", "test-press", "--brief", "--kb", str(path), "-f", "plain"]
    )
    assert result.exit_code == 0, result.output
    assert "What: A made-up technique used by the tests." in result.stdout
    assert "- Stop if pain travels down the leg." in result.stdout


def test_brief_needs_a_technique() -> None:
    result = CliRunner().invoke(app, ["techniques", "--brief"])
    assert result.exit_code == 2
    assert "--brief shows one technique: name it" in result.stderr


def test_an_unknown_region_is_a_usage_error_in_brief() -> None:
    result = CliRunner().invoke(app, ["techniques", "shiatsu", "--brief", "--region", "mars"])
    assert result.exit_code == 2
    assert "unknown region 'mars'" in result.stderr and "Traceback" not in result.output
    us = shown_brief("techniques", "shiatsu", "--region", "us")  # the last --region wins
    assert "Emergency, call 911 now: " in words(us)
