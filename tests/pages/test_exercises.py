"""`sciaticli exercises` (issue 23 §1): the movement routines through the same machinery as the
ball routines: the list, one routine with its warnings before the steps in every format, each
exercise with its dose, what it should feel like and what means stop, the cautions with the
steps they bear on, the short view, and 80 and 40 columns. `home-routine` keeps to the ball."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from sciaticli.cli.main import app
from sciaticli.knowledge import load_knowledge_base
from sciaticli.routines import of_kind

KB = load_knowledge_base()
MOVEMENT = [routine.id for routine in of_kind(KB, "movement")]
BALL = [routine.id for routine in of_kind(KB, "ball")]


def run(runner: CliRunner, *args: str, columns: int = 80) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": str(columns)})
    return result.exit_code, result.stdout, result.stderr


def flat(text: str) -> str:
    return " ".join(re.sub(r"[│╭╮╰╯─•*\\]", " ", text).split())


def test_the_list_is_the_movement_routines_and_home_routine_keeps_the_ball(
    runner: CliRunner,
) -> None:
    code, out, _ = run(runner, "exercises", "--list", "-f", "plain")
    rows = [line.split("\t") for line in out.splitlines()]
    assert code == 0
    assert rows[0] == ["Routine", "Id", "Level", "Time", "Position"]
    assert [row[1] for row in rows[1:-2]] == MOVEMENT
    listed = json.loads(run(runner, "home-routine", "--list", "-f", "json")[1])
    assert [row["id"] for row in listed] == BALL


def test_the_default_is_the_gentlest_and_a_ball_routine_is_not_an_exercise(
    runner: CliRunner,
) -> None:
    assert json.loads(run(runner, "exercises", "-f", "json")[1])["id"] == "gentle-movement"
    code, out, err = run(runner, "exercises", "standing-wall")
    assert (code, out) == (1, "") and "no exercise routine called 'standing-wall'" in err
    code, _, err = run(runner, "home-routine", "gentle-movement")
    assert code == 1 and "no routine called 'gentle-movement'" in err


@pytest.mark.parametrize("name", MOVEMENT)
@pytest.mark.parametrize("fmt", ["plain", "markdown", "rich", "html"])
def test_warnings_come_before_the_exercises_in_every_format(
    runner: CliRunner, name: str, fmt: str
) -> None:
    code, out, err = run(runner, "exercises", name, "-f", fmt, "--color", "never")
    assert (code, err) == (0, "")
    text = flat(re.sub(r"<[^>]+>", " ", out)).lower()
    first = text.index("knee rolls")
    # The printed card keeps who should not do it for page 2, which its front points to.
    do_not = ["(page 2)"] if fmt == "html" else ["do not do this routine if", "a bad flare-up"]
    for said in (
        "emergency",
        *do_not,
        flat(KB.safety.stop_rules["leg-symptoms"].rule).lower(),
        flat(KB.safety.stop_rules["glide-stop"].rule).lower(),
    ):
        assert text.index(said) < first, said


@pytest.mark.parametrize("name", MOVEMENT)
def test_each_exercise_says_its_dose_its_feel_its_stop_and_its_cautions(
    runner: CliRunner, name: str
) -> None:
    out = run(runner, "exercises", name, "-f", "plain")[1]
    assert "Step 1 of " in out and "(5 times): Knee rolls. Lie on your back" in out
    assert ", left side (5 times): Nerve glide (a gentle slider)." in out
    assert ", right side (5 times): Nerve glide (a gentle slider)." in out
    assert "Should feel: A gentle turn in your lower back." in out
    assert "Take care with a hip replacement with hip precautions" in out
    assert "over 16 weeks pregnant (not long on your back)" in out
    assert "basson-2017: Basson A" in out and "nhs-inform-back-exercises:" in out
    assert "floss" not in out.lower()


def test_the_json_has_the_kind_and_each_exercises_fields(runner: CliRunner) -> None:
    data = json.loads(run(runner, "exercises", "settling-movement", "-f", "json")[1])
    assert data["kind"] == "movement" and "placement" not in data
    assert list(data).index("stop_rules") < list(data).index("steps")
    glide = [step for step in data["steps"] if step["name"].startswith("Nerve glide")]
    assert [step["side"] for step in glide] == ["left", "right"]
    assert glide[0]["stop_rules"][0] == "glide-stop" and glide[0]["sources"] == ["basson-2017"]
    heels = next(step for step in data["steps"] if step["name"] == "Bottom to heels")
    assert heels["cautions"] == ["hip-replacement"] and heels["repetitions"] == 8
    assert data["total_seconds"] == sum(s["seconds_each"] * s["repetitions"] for s in data["steps"])


def test_the_ball_routines_crossed_ankle_step_carries_the_hip_caution(runner: CliRunner) -> None:
    out = flat(run(runner, "home-routine", "lying-back", "-f", "plain", "--side", "left")[1])
    at = out.index("cross the ankle of that side over the opposite knee")
    assert "Take care with a hip replacement with hip precautions" in out[at : at + 500]


@pytest.mark.parametrize("name", MOVEMENT)
@pytest.mark.parametrize("columns", [40, 80])
def test_at_80_and_40_columns_no_line_is_wider_and_no_word_is_lost(
    runner: CliRunner, name: str, columns: int
) -> None:
    code, out, _ = run(runner, "exercises", name, "-f", "rich", "--color", "never", columns=columns)
    assert code == 0
    assert max(len(line) for line in out.splitlines()) <= columns
    plain = run(runner, "exercises", name, "-f", "plain")[1]
    for word in ("slider", "Bottom", "16", "Knee", "glide-stop"[:5]):
        assert (word in plain) == (word in out), word


@pytest.mark.parametrize("name", MOVEMENT)
def test_the_short_view_is_one_screen(runner: CliRunner, name: str) -> None:
    code, out, _ = run(runner, "exercises", name, "--brief", "-f", "rich", "--color", "never")
    lines = out.splitlines()
    assert code == 0 and len(lines) <= 22 and max(len(line) for line in lines) <= 80
    assert "(5 times each side) Knee straight as you look up" in out


def test_the_all_clear_check_lists_the_ball_routines_stop_rules_only(runner: CliRunner) -> None:
    out = flat(run(runner, "check", "--no-others", "-f", "plain")[1])
    assert flat(KB.safety.stop_rules["nerve-spot"].rule) in out
    for key in ("leg-symptoms", "worse-symptoms", "glide-stop"):
        assert flat(KB.safety.stop_rules[key].rule) not in out, key
