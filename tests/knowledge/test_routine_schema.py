"""Routine steps: holds within the fact sheet's dose and {hold} in their text, optional and
repeat fields, a routine's watch_for, a red flag's short summary."""

from __future__ import annotations

from pathlib import Path

import pytest

from sciaticli.errors import KnowledgeBaseError
from sciaticli.knowledge import load_knowledge_base
from sciaticli.model import HOLD_MAX_SECONDS, HOLD_MIN_SECONDS, SUMMARY_MAX_CHARS
from sciaticli.routines import of_kind
from tests.conftest import WriteFile

KB = load_knowledge_base()

STEP = """\
routines:
  - id: my-routine
    name: My routine
    level: 4
    position: kneeling
    purpose: tests
    equipment: [a ball]
    not_for: [anticoagulants]
    steps:
      - instruction: {instruction}
        seconds: {seconds}
{extra}        side: both
        cue: Breathe.
        brief: Hold and breathe.
    frequency: daily
    should_feel: dull
    stop_rules: [nerve-spot]
    aftercare: heat
    aftercare_brief: heat
    watch_for: Stop if it shoots down the leg.
    sources: [nhs-sciatica]
"""


def problems(path: Path) -> str:
    with pytest.raises(KnowledgeBaseError) as error:
        load_knowledge_base(path)
    return str(error.value)


@pytest.mark.parametrize(
    ("instruction", "seconds", "extra", "message"),
    [
        ("Hold for {hold}.", 45, "        hold: true\n", "needs 'seconds' from 20 to 30"),
        ("Hold for {hold}.", 10, "        hold: true\n", "needs 'seconds' from 20 to 30"),
        ("Hold still.", 20, "        hold: true\n", "its instruction says how long with {hold}"),
        ("Hold for {hold}.", 20, "", "uses {hold} but is not a hold"),
        ("Hold for {seconds}.", 20, "        hold: true\n", "has a '{' that is not {hold}"),
        ("Hold for {hold}.", 20, "        hold: yes please\n", "'hold' must be true or false"),
        ("Hold for {hold}.", 20, "        hold: true\n        optional: 1\n", "must be true or"),
    ],
)
def test_a_hold_step_is_checked(
    write_file: WriteFile, instruction: str, seconds: int, extra: str, message: str
) -> None:
    path = write_file(
        "mine.yaml", STEP.format(instruction=instruction, seconds=seconds, extra=extra)
    )
    assert message in problems(path)


def test_a_valid_hold_step_with_repeat_and_optional_loads(write_file: WriteFile) -> None:
    extra = "        hold: true\n        optional: true\n        repetitions: 2\n"
    extra += "        repeat: move the ball a little.\n"
    path = write_file(
        "mine.yaml", STEP.format(instruction="Hold for {hold}.", seconds=25, extra=extra)
    )
    routine = load_knowledge_base(path).routines["my-routine"]
    (step,) = routine.steps
    assert (step.hold, step.optional, step.repeat) == (True, True, "move the ball a little.")
    assert routine.watch_for == "Stop if it shoots down the leg."


def test_a_red_flag_summary_is_one_short_line(write_file: WriteFile) -> None:
    long = "x" * (SUMMARY_MAX_CHARS + 1)
    path = write_file(
        "mine.yaml",
        f"""\
safety:
  red_flags:
    - id: my-flag
      urgency: emergency
      summary: {long}
      sign: A sign.
      question: A question?
      sources: [nhs-sciatica]
""",
    )
    assert f"must be at most {SUMMARY_MAX_CHARS} characters, not {SUMMARY_MAX_CHARS + 1}" in (
        problems(path)
    )


def test_the_bundled_routines_hold_within_the_dose_and_say_so() -> None:
    holds = [step for routine in KB.routines.values() for step in routine.steps if step.hold]
    assert len(holds) >= 3
    for step in holds:
        assert step.seconds is not None
        assert HOLD_MIN_SECONDS <= step.seconds <= HOLD_MAX_SECONDS
        assert "{hold}" in step.instruction
        assert "20 to 30" not in step.instruction and "never more than" not in step.instruction
    repeated = [s for r in of_kind(KB, "ball") for s in r.steps if s.repetitions > 1]
    assert repeated and all(step.repeat for step in repeated)
    assert any(step.optional for step in KB.routines["lying-back"].steps)
    assert all(routine.watch_for for routine in KB.routines.values())


def test_every_emergency_sign_has_a_short_summary() -> None:
    emergency = [f for f in KB.safety.red_flags.values() if f.urgency == "emergency"]
    assert emergency
    for flag in emergency:
        assert flag.summary and len(flag.summary) <= SUMMARY_MAX_CHARS, flag.id
    saddle = KB.safety.red_flags["saddle-numbness"].summary or ""
    assert all(word in saddle for word in ("buttocks", "genitals", "inner thighs", "anus"))


@pytest.mark.parametrize("fmt", ["plain", "markdown"])
def test_the_printed_card_lists_the_emergency_signs_in_short(fmt: str) -> None:
    from typer.testing import CliRunner

    from sciaticli.cli.main import app

    out = CliRunner().invoke(app, ["home-routine", "lying-back", "-f", fmt, "--region", "uk"])
    assert out.exit_code == 0
    text = out.stdout
    first_step = text.index("Step 1 of")
    for flag in KB.safety.red_flags.values():
        if flag.urgency == "emergency":
            assert flag.short in text[:first_step], flag.id
    assert "999" in text[:first_step]
    assert "Only if: Only once routines 1 and 2" in text[:first_step]
