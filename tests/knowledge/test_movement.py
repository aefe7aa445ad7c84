"""The movement routines' content (issue 23 §1): each exercise has a name, what it should feel
like, what means stop, a stop rule and sources, and its routine a review date; the nerve glide
is a gentle slider with its evidence stated honestly and its own stop rule; the hip-replacement
and pregnancy cautions where they bear; a bad flare-up on every do-not list; plain language.
And the schema: `kind` is checked, a movement routine's exercise must have its fields, and only
an exercise may be done once (side `none`)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sciaticli.errors import KnowledgeBaseError
from sciaticli.knowledge import load_knowledge_base
from sciaticli.routines import of_kind
from tests import readability
from tests.conftest import WriteFile

KB = load_knowledge_base()
MOVEMENT = of_kind(KB, "movement")
EXERCISE_PAGES = {"nhs-inform-back-exercises", "nhs-back-exercises"}


def test_two_movement_routines_of_four_to_six_exercises_each() -> None:
    assert [routine.id for routine in MOVEMENT] == ["gentle-movement", "settling-movement"]
    assert [routine.level for routine in MOVEMENT] == [1, 2]
    for routine in MOVEMENT:
        assert 4 <= len(routine.steps) <= 6, routine.id
        assert routine.reviewed == "2026-12-07"
    gentle = " ".join(step.instruction for step in MOVEMENT[0].steps)
    assert "Lie on your back" in gentle and "Sit" in gentle  # lying and sitting


def test_every_exercise_has_its_fields_a_stop_rule_and_sources() -> None:
    for routine in MOVEMENT:
        for step in routine.steps:
            assert step.name and step.feel and step.stop, step
            assert step.stop.startswith(("Stop", "Sit down and rest")), step.stop
            assert step.stop_rules and set(step.stop_rules) <= set(KB.safety.stop_rules)
            assert step.sources and set(step.sources) <= set(KB.sources)
            assert step.repetitions >= 1 and step.seconds
            # Each exercise comes from an NHS page on back exercises, or is the glide.
            assert EXERCISE_PAGES & set(step.sources) or "basson-2017" in step.sources


def test_no_exercise_is_pushed_into_leg_symptoms() -> None:
    rule = KB.safety.stop_rules["leg-symptoms"]
    assert "leg pain, tingling or numbness" in rule.rule and "stop" in rule.rule
    for routine in MOVEMENT:
        assert "leg-symptoms" in routine.stop_rules
        assert all("leg-symptoms" in step.stop_rules for step in routine.steps)


def test_the_nerve_glide_is_a_gentle_slider_of_its_own_with_its_evidence_and_stop_rule() -> None:
    for routine in MOVEMENT:
        glides = [step for step in routine.steps if "glide" in (step.name or "").lower()]
        assert len(glides) == 1, routine.id
        glide = glides[0]
        assert "slider" in (glide.name or "")
        assert glide.stop_rules[0] == "glide-stop" and glide.sources == ("basson-2017",)
        words = f"{glide.instruction} {glide.cue} {glide.feel} {glide.stop}".lower()
        assert "floss" not in words and "stretch into" not in words
        assert "never push into the nerve" in words and "not a stretch" in words
        # The evidence stated honestly: a review, low back pain with or without leg pain, weak.
        assert "review of studies" in routine.purpose
        # "slider" explained where it is first used, in plain words.
        assert '"slider": a small, smooth movement' in routine.purpose
        assert "never a stretch" in routine.purpose
        assert "with or without leg pain" in routine.purpose
        assert "evidence is weak" in routine.purpose and "not certain" in routine.purpose
        assert "basson-2017" in routine.sources
    for text in (rule.rule for rule in KB.safety.stop_rules.values()):
        assert "floss" not in text.lower()
    assert "never a stretch" in KB.safety.stop_rules["glide-stop"].rule
    # Its short form is a sentence that keeps the rule's signs: tingling, numbness, leg pain.
    brief = KB.safety.stop_rules["glide-stop"].brief or ""
    assert brief.startswith("Stop the glide if ") and brief.endswith("starts or stays.")
    assert all(word in brief for word in ("tingling", "numbness", "leg pain"))


def test_a_hip_replacement_caution_where_the_hip_twists_bends_deep_or_crosses() -> None:
    hip = KB.safety.contraindications["hip-replacement"]
    assert hip.sources == ("leeds-hip-precautions",)
    assert "right angle" in hip.why and "cross their legs" in hip.why and "surgical team" in hip.why
    for routine in MOVEMENT:
        for step in routine.steps:
            risky = step.name in ("Knee rolls", "Bottom to heels")
            assert ("hip-replacement" in step.cautions) == risky, (routine.id, step.name)
    crossed = [step for step in KB.routines["lying-back"].steps if "cross the ankle" in step.text()]
    assert len(crossed) == 1 and crossed[0].cautions == ("hip-replacement",)


def test_pregnancy_caution_on_every_exercise_lying_on_the_back() -> None:
    caution = KB.safety.contraindications["pregnancy-lying-back"]
    assert "16 weeks" in caution.condition and "nhs-pregnancy-exercise" in caution.sources
    assert "flat on your back for long" in caution.why
    for routine in MOVEMENT:
        assert "pregnancy-lying-back" in routine.not_for
        for step in routine.steps:
            lying = step.instruction.startswith("Lie on your back")
            assert ("pregnancy-lying-back" in step.cautions) == lying, step.name


def test_a_bad_flare_up_is_on_every_do_not_list() -> None:
    for routine in MOVEMENT:
        assert routine.not_for[0] == "severe-flare"
        assert "below 8 out of 10" in (routine.before or "")


def _texts() -> list[str]:
    texts = []
    for routine in MOVEMENT:
        for step in routine.steps:
            texts += [step.instruction, step.cue, step.feel or "", step.stop or ""]
    for key in ("hip-replacement", "pregnancy-lying-back"):
        item = KB.safety.contraindications[key]
        texts += [item.condition, item.why]
    texts += [KB.safety.stop_rules[key].rule for key in ("leg-symptoms", "worse-symptoms")]
    texts.append(KB.safety.stop_rules["glide-stop"].rule)
    return texts


def test_steps_cues_and_cautions_are_plain() -> None:
    assert readability.grade(_texts()) <= 6
    for text in _texts():
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            assert len(readability.words(sentence)) <= 25, sentence
        assert not re.search(r"\b(safe|safely|cured?)\b", text, re.I), text


MINE = """\
routines:
  - id: my-moves
    kind: {kind}
    name: My moves
    reviewed: 2026-12-07
    level: 4
    position: lying
    purpose: tests
    equipment: [a mat]
    not_for: [severe-flare]
    steps:
      - instruction: Roll your knees.
        seconds: 8
        repetitions: 5
        side: {side}
        cue: Slowly.
{extra}    frequency: daily
    should_feel: easy
    stop_rules: [leg-symptoms]
    aftercare: walk
    sources: [nhs-inform-back-exercises]
"""
FULL = (
    "        name: Knee rolls\n        feel: Easy.\n        stop: Stop if it hurts.\n"
    "        stop_rules: [leg-symptoms]\n        sources: [nhs-inform-back-exercises]\n"
)


def _problems(path: Path) -> str:
    with pytest.raises(KnowledgeBaseError) as error:
        load_knowledge_base(path)
    return str(error.value)


def test_a_movement_routine_of_ones_own_loads(write_file: WriteFile) -> None:
    kb = load_knowledge_base(
        write_file("moves.yaml", MINE.format(kind="movement", side="none", extra=FULL))
    )
    assert kb.routines["my-moves"].kind == "movement"
    assert kb.routines["my-moves"].steps[0].name == "Knee rolls"


@pytest.mark.parametrize(
    ("kind", "side", "extra", "message"),
    [
        ("swimming", "none", FULL, "'kind' must be one of ball, movement"),
        ("movement", "none", "", "missing required field 'name' (a movement routine)"),
        ("movement", "none", FULL.replace("        stop: Stop if it hurts.\n", ""), "'stop'"),
        (
            "movement",
            "none",
            FULL.replace("stop_rules: [leg-symptoms]", "stop_rules: [nope]"),
            "unknown stop rule 'nope'",
        ),
        ("movement", "none", FULL + "        cautions: [hip]\n", "unknown contraindication 'hip'"),
        ("ball", "none", FULL, "side 'none' is only for a movement routine's steps"),
    ],
)
def test_the_schema_is_checked(
    write_file: WriteFile, kind: str, side: str, extra: str, message: str
) -> None:
    path = write_file("moves.yaml", MINE.format(kind=kind, side=side, extra=extra))
    assert message in _problems(path)


def test_a_movement_routine_needs_a_review_date(write_file: WriteFile) -> None:
    text = MINE.format(kind="movement", side="none", extra=FULL).replace(
        "    reviewed: 2026-12-07\n", ""
    )
    assert "missing required field 'reviewed' (a movement routine)" in _problems(
        write_file("moves.yaml", text)
    )
