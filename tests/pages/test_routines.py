"""`sciaticli home-routine`: warnings before steps in every format, sides, holds, the list."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from sciaticli.cli.main import app
from sciaticli.knowledge import load_knowledge_base
from sciaticli.routines import duration, plan, total_seconds

KB = load_knowledge_base()
BALL = {key: routine for key, routine in KB.routines.items() if routine.kind == "ball"}
GENTLEST = min(BALL.values(), key=lambda routine: routine.level)


def invoke(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["home-routine", *args])
    return result.exit_code, result.stdout, result.stderr


def flat(text: str) -> str:
    """Text without rich's boxes and wrapping, to find sentences in any format."""
    return " ".join(re.sub(r"[│╭╮╰╯─•*\\]", " ", text).split())


def test_at_least_three_routines_gentlest_first() -> None:
    levels = [routine.level for routine in BALL.values()]
    assert len(levels) >= 3
    assert levels == sorted(levels)
    positions = " ".join(routine.position.lower() for routine in BALL.values())
    assert all(word in positions for word in ("wall", "chair", "lying"))


def test_every_routine_has_the_key_stop_rules_and_conservative_holds() -> None:
    for routine in BALL.values():
        assert {"nerve-spot", "spreading-numbness", "sharp-pain"} <= set(routine.stop_rules)
        assert {"anticoagulants", "dvt", "worsening-numbness"} <= set(routine.not_for)
        for step in routine.steps:
            assert step.seconds_each <= 30, (routine.id, step.instruction)
        per_side = total_seconds(plan(routine, "left"))
        assert 60 <= per_side <= 150, routine.id  # 1-2 minutes a side at first


@pytest.mark.parametrize("fmt", ["plain", "markdown", "rich", "json"])
@pytest.mark.parametrize("side", ["left", "right", "both"])
def test_warnings_always_come_before_the_steps(runner: CliRunner, fmt: str, side: str) -> None:
    code, out, err = invoke(runner, "--format", fmt, "--side", side, "--color", "never")
    assert (code, err) == (0, "")
    if fmt == "json":
        data = json.loads(out)
        assert list(data).index("not_for") < list(data).index("steps")
        assert {rule["id"] for rule in data["stop_rules"]} >= {"nerve-spot", "spreading-numbness"}
        return
    text = flat(out).lower()
    never_press = flat(KB.safety.stop_rules["nerve-spot"].rule).lower()
    spreads = flat(KB.safety.stop_rules["spreading-numbness"].rule).lower()
    first_step = text.index("step 1 of")
    assert text.index("do not do this routine if") < first_step
    assert text.index(never_press) < first_step
    assert text.index(spreads) < first_step
    assert text.index("sciaticli safety") < first_step


def test_default_is_the_gentlest_and_names_match(runner: CliRunner) -> None:
    default = json.loads(invoke(runner, "-f", "json")[1])
    assert default["id"] == GENTLEST.id
    for routine in BALL.values():
        by_name = json.loads(invoke(runner, routine.name.upper(), "-f", "json")[1])
        by_prefix = json.loads(invoke(runner, routine.id[:5], "-f", "json")[1])
        assert by_name["id"] == by_prefix["id"] == routine.id


def test_unknown_routine_suggests(runner: CliRunner) -> None:
    code, out, err = invoke(runner, "standing-wal1")
    assert (code, out) == (1, "")
    assert "did you mean" in err and GENTLEST.id in err


@pytest.mark.parametrize("side", ["left", "right", "both"])
def test_side_lays_out_steps_and_total_time(runner: CliRunner, side: str) -> None:
    code, out, _ = invoke(runner, "--side", side, "-f", "plain")
    steps = plan(GENTLEST, side)
    lines = [line for line in out.splitlines() if line.startswith("[ ] Step ")]
    assert code == 0
    # Both sides repeat the same steps: the left side in full, then one line for the right.
    shown = len(steps) // 2 if side == "both" else len(steps)
    assert len(lines) == shown
    assert {line.split(",")[1].split()[0] for line in lines} == {
        "right" if side == "right" else "left"
    }
    assert lines[0].startswith(f"[ ] Step 1 of {shown}, ")
    repeat = f"[ ] Repeat steps 1\u2013{shown} on the right side."
    assert (repeat in out.splitlines()) == (side == "both")
    assert f"Total time: {duration(total_seconds(steps))}" in out


def test_markdown_is_a_task_list_for_notes(runner: CliRunner) -> None:
    from markdown_it import MarkdownIt

    code, out, _ = invoke(runner, "-f", "markdown", "--side", "left")
    tasks = [line for line in out.splitlines() if line.startswith("- [ ] ")]
    assert code == 0
    assert out.splitlines()[0] == f"# {GENTLEST.name}"
    assert len(tasks) == len(plan(GENTLEST, "left"))
    assert tasks[0].startswith("- [ ] Step 1 of ")
    assert re.search(r"\((\d+ s|\d+ slow passes)( x \d+)?\)", tasks[0])
    tokens = MarkdownIt("commonmark").parse(out)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings.index("Do not do this routine if any of these apply") < headings.index("Steps")


@pytest.mark.parametrize("name", list(BALL))
def test_hold_sets_the_hold_steps_only_and_the_text_matches(runner: CliRunner, name: str) -> None:
    plain = json.loads(invoke(runner, name, "--side", "left", "-f", "json")[1])
    data = json.loads(invoke(runner, name, "--hold", "25", "--side", "left", "-f", "json")[1])
    for before, after in zip(plain["steps"], data["steps"], strict=True):
        if after["hold"]:
            assert after["seconds_each"] == 25
            assert "25 seconds" in after["instruction"] and "{hold}" not in after["instruction"]
            assert after["dose"].startswith("25 s")
        else:
            assert after["seconds_each"] == before["seconds_each"]  # setup, passes, the walk
    assert any(step["hold"] for step in data["steps"])
    expected = sum(s["seconds_each"] * s["repetitions"] for s in data["steps"] if not s["optional"])
    assert data["total_seconds"] == expected
    assert (
        plain["total_seconds"]
        + 5 * sum(s["repetitions"] for s in data["steps"] if s["hold"] and not s["optional"])
        == expected
    )


def test_the_printed_text_says_the_hold_the_timer_counts(runner: CliRunner) -> None:
    out = invoke(runner, "standing-wall", "-f", "plain", "--side", "left")[1]
    assert "(20 s x 2): Lean gently into the tender spot and hold still for 20 seconds." in out
    assert "20 to 30 seconds" not in out and "{hold}" not in out
    lying = invoke(runner, "lying-back", "-f", "plain", "--side", "left", "--hold", "30")[1]
    assert "(30 s, optional): Only once the rest is comfortable" in lying
    assert "Hold still for 30 seconds." in lying
    assert "Total time: 1 min 50 s (left side only); 30 s more with the optional steps" in lying


def test_list(runner: CliRunner) -> None:
    code, out, _ = invoke(runner, "--list")
    rows = [line.split("\t") for line in out.splitlines()]
    assert code == 0
    assert rows[0] == ["Routine", "Id", "Level", "Time (both sides)", "Position"]
    assert [row[1] for row in rows[1:-2]] == list(BALL)  # ball routines only
    assert rows[-1][0].startswith("Checked against its sources on ")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--side", "middle"), "'middle' is not one of"),
        (("--hold", "0"), "0 s is outside the dose this routine uses: hold one spot 20 to 30"),
        (("--hold", "600"), "600 s is outside the dose this routine uses: hold one spot 20 to 30"),
        (("--hold", "19"), "hold one spot 20 to 30 seconds, never longer than about 30"),
        (("--hold", "ten"), "'ten' is not a valid int"),
    ],
)
def test_bad_values_are_usage_errors(
    runner: CliRunner, args: tuple[str, ...], message: str
) -> None:
    code, out, err = invoke(runner, *args)
    assert (code, out) == (2, "")
    assert message in err


def test_guided_refuses_without_a_terminal(runner: CliRunner) -> None:
    code, out, err = invoke(runner, "--guided")
    assert (code, out) == (2, "")
    assert "--guided needs a terminal" in err


def test_the_default_routine_ends_by_naming_the_others(runner: CliRunner) -> None:
    shown = runner.invoke(app, ["home-routine", "-f", "rich", "--color", "never", "--no-pager"])
    assert shown.exit_code == 0, shown.output
    # The gentlest (standing-wall) is shown; the last lines name the other two.
    tail = " ".join(shown.stdout.split()[-40:])
    assert "Other routines: seated-chair, lying-back." in tail, tail
    assert "sciaticli home-routine --list" in tail
    named = runner.invoke(
        app, ["home-routine", "seated-chair", "-f", "rich", "--color", "never", "--no-pager"]
    )
    assert named.exit_code == 0 and "Other routines" not in named.stdout


def test_brief_does_not_go_with_guided() -> None:
    result = CliRunner().invoke(app, ["home-routine", "standing-wall", "--brief", "--guided"])
    assert result.exit_code == 2
    assert "--brief does not go with --guided" in result.stderr
