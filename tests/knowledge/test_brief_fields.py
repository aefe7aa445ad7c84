"""The `brief` fields behind the short views: a ball routine's steps and aftercare must have
one; every brief is one line of plain words; a step's brief fits one line at 80 columns with its
time; red flags and stop rules may have one. And the bundled briefs keep the full text's
safety cautions."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sciaticli.errors import KnowledgeBaseError
from sciaticli.knowledge import load_knowledge_base
from sciaticli.model import BRIEF_LINE_CHARS, BRIEF_MAX_CHARS, Step
from sciaticli.routines import of_kind
from tests.conftest import WriteFile

KB = load_knowledge_base()

ROUTINE = """\
routines:
  - id: my-routine
    name: My routine
    level: 4
    position: kneeling
    purpose: tests
    equipment: [a ball]
    not_for: [anticoagulants]
    steps:
      - instruction: Hold still for {{hold}}.
        seconds: 20
        hold: true
        repetitions: 2
        side: both
        cue: Breathe. If pain runs down the leg, move off.
{step_brief}    frequency: daily
    should_feel: dull
    stop_rules: [nerve-spot]
    aftercare: Heat, never on numb skin.
{aftercare_brief}    sources: [nhs-sciatica]
"""
GOOD_STEP = "        brief: Hold still. Pain down the leg? Move off.\n"
GOOD_AFTERCARE = "    aftercare_brief: Heat, never on numb skin.\n"


def problems(path: Path) -> str:
    with pytest.raises(KnowledgeBaseError) as error:
        load_knowledge_base(path)
    return str(error.value)


def routine(step_brief: str = GOOD_STEP, aftercare_brief: str = GOOD_AFTERCARE) -> str:
    return ROUTINE.format(step_brief=step_brief, aftercare_brief=aftercare_brief)


def test_a_routine_with_its_briefs_loads(write_file: WriteFile) -> None:
    kb = load_knowledge_base(write_file("mine.yaml", routine()))
    mine = kb.routines["my-routine"]
    assert mine.steps[0].brief == "Hold still. Pain down the leg? Move off."
    assert mine.aftercare_brief == "Heat, never on numb skin."


def test_a_ball_routine_step_needs_a_brief(write_file: WriteFile) -> None:
    path = write_file("mine.yaml", routine(step_brief=""))
    assert (
        f"{path}:10: routine 'my-routine' step 1: missing required field 'brief' "
        "(a ball routine's short view needs it)" in problems(path)
    )


def test_a_ball_routine_needs_its_aftercare_in_brief(write_file: WriteFile) -> None:
    path = write_file("mine.yaml", routine(aftercare_brief=""))
    assert (
        f"{path}:2: routine 'my-routine': missing required field 'aftercare_brief' "
        "(a ball routine's short view needs it)" in problems(path)
    )


def test_a_brief_is_at_most_one_line_long(write_file: WriteFile) -> None:
    long = "word " * 14  # 69 characters without the last space
    path = write_file("mine.yaml", routine(step_brief=f"        brief: {long}\n"))
    assert (
        f"'brief' must be at most {BRIEF_MAX_CHARS} characters, not {len(long.strip())}"
        in problems(path)
    )


def test_a_step_brief_with_its_time_fits_80_columns(write_file: WriteFile) -> None:
    text = "x" * 60 + " words"  # 66 characters: allowed alone, not after "(20 s x 2) "
    path = write_file("mine.yaml", routine(step_brief=f"        brief: {text}\n"))
    shown = problems(path)
    assert (
        f"routine 'my-routine' step 1: 'brief' with its time, '(20 s x 2) {text}', must be at "
        f"most {BRIEF_LINE_CHARS} characters (one line at 80 columns), not 77: shorten it by 1"
    ) in shown
    assert f"{path}:16:" in shown  # the brief's own line


@pytest.mark.parametrize(
    ("text", "odd"),
    [
        ("Hold for {hold}.", "'{' '}'"),
        ("Hold *firmly*.", "'*'"),
        ("Run `sciaticli safety`.", "'`'"),
        ("Hold [here](x).", "'[' ']'"),
        ("Hold_still.", "'_'"),
        ("Hold <b>still</b>.", "'<' '>'"),
    ],
)
def test_a_brief_is_plain_words(write_file: WriteFile, text: str, odd: str) -> None:
    path = write_file("mine.yaml", routine(step_brief=f"        brief: '{text}'\n"))
    assert f"'brief' must be plain words and punctuation, not {odd}" in problems(path)


def test_briefs_on_red_flags_and_stop_rules_are_optional_and_checked(
    write_file: WriteFile,
) -> None:
    added = """\
safety:
  red_flags:
    - id: my-flag
      urgency: emergency
      sign: A sign my doctor told me to watch.
      question: Do you have the sign your doctor told you to watch?
      reason: My doctor said it is serious.
      sources: [nhs-sciatica]
  stop_rules:
    - id: my-rule
      rule: Stop if it hurts more.
      sources: [nhs-sciatica]
      brief: {brief}
"""
    kb = load_knowledge_base(write_file("ok.yaml", added.format(brief="Stop if it hurts more.")))
    assert kb.safety.red_flags["my-flag"].brief is None
    assert kb.safety.stop_rules["my-rule"].brief == "Stop if it hurts more."
    path = write_file("bad.yaml", added.format(brief="'Stop # now'"))
    assert "'brief' must be plain words and punctuation, not '#'" in problems(path)


# The bundled briefs: the same facts as the full text, and never a safety caution dropped.
STEPS = [(r.id, step) for r in of_kind(KB, "ball") for step in r.steps]
# A caution in a step's instruction or cue, and the words its brief must keep.
CAUTIONS = [
    (r"down (?:your|the) leg", ("down the leg",)),
    (r"pain or tingling", ("pain or tingling",)),
    (r"builds", ("builds",)),
    (r"upper-outer quarter|high and to the outside|high and outer", ("high and outer",)),
    (r"sitting bone|\bbone\b", ("sitting bone", "off bone")),
    (r"take weight off|lighten the pressure", ("ease", "hands on chair", "feet flat")),
    (r"Uncross", ("Uncross",)),
]


@pytest.mark.parametrize(("routine_id", "step"), STEPS, ids=lambda value: str(value)[:20])
def test_each_step_brief_keeps_the_steps_safety_cautions(routine_id: str, step: Step) -> None:
    full = f"{step.instruction} {step.cue}"
    brief = step.brief or ""
    assert brief, routine_id
    for caution, kept in CAUTIONS:
        if re.search(caution, full, re.I):
            assert any(words.lower() in brief.lower() for words in kept), (caution, brief)


def test_every_bundled_short_form_is_there_and_careful() -> None:
    emergency = [flag for flag in KB.safety.red_flags.values() if flag.urgency == "emergency"]
    briefs = [flag.brief for flag in emergency]
    briefs += [rule.brief for rule in KB.safety.stop_rules.values()]
    briefs += [r.aftercare_brief for r in of_kind(KB, "ball")]
    briefs += [step.brief for _, step in STEPS]
    assert all(briefs)
    for text in briefs:
        assert not re.search(r"\b(safe|safely|cured?)\b", text or "", re.I), text
    for r in of_kind(KB, "ball"):
        assert "numb skin" in (r.aftercare_brief or "")  # never heat on numb skin
    # Where the full sign says not to drive, the brief says so too.
    for flag in emergency:
        if "drive" in flag.sign + (flag.reason or ""):
            assert "do not drive" in (flag.brief or ""), flag.id


def test_a_techniques_short_forms_are_optional_and_checked(write_file: WriteFile) -> None:
    from tests.conftest import USER_KB

    mine = USER_KB.replace(
        "    sources: [test-handbook, nhs-sciatica]\n",
        "    sources: [test-handbook, nhs-sciatica]\n"
        "    brief: A made-up press.\n"
        "    cautions_brief: [Stop if pain travels down the leg., {second}]\n",
    )
    kb = load_knowledge_base(write_file("ok.yaml", mine.format(second="Go gently.")))
    technique = kb.techniques["test-press"]
    assert technique.brief == "A made-up press."
    assert technique.cautions_brief == ("Stop if pain travels down the leg.", "Go gently.")
    assert (
        load_knowledge_base(write_file("none.yaml", USER_KB))
        .techniques["test-press"]
        .cautions_brief
        == ()
    )
    path = write_file("bad.yaml", mine.format(second="'" + "Go gently. " * 7 + "'"))
    assert f"'cautions_brief' item 2 must be at most {BRIEF_MAX_CHARS} characters" in problems(path)


# A caution in a technique's cautions, and the words its cautions in short (or its do-not
# list) must keep.
TECHNIQUE_CAUTIONS = [
    (r"sciatic nerve", ("nerve",)),
    (r"down the leg", ("down the leg",)),
    (r"tingling", ("tingling",)),
    (r"weakness appears|weakness starts", ("weakness",)),
    (r"builds", ("builds",)),
    (r"bruised or worse", ("bruised",)),
    (r"16 weeks", ("16 weeks", "not flat on your back")),
    (r"tumour", ("tumour",)),
    (r"\bburns?\b", ("burn",)),
    (r"numb patches|No heat on numb skin", ("numb",)),
    (r"bony points|bone", ("bone",)),
    (r"partner should use light pressure", ("light pressure only",)),
    (r"Not for self-care", ("not for self-care",)),
    (r"aortic aneurysm", ("aneurysm",)),
    (r"delay a medical check", ("delay a medical check",)),
    (r"replace a medical check", ("replace a medical check",)),
]


@pytest.mark.parametrize("technique_id", list(KB.techniques))
def test_each_techniques_cautions_in_short_keep_its_safety_cautions(technique_id: str) -> None:
    technique = KB.techniques[technique_id]
    assert technique.brief and technique.cautions_brief
    # The emergency line says what an `Emergency:` caution says; the do-not list is there too.
    full = " ".join(text for text in technique.cautions if not text.startswith("Emergency:"))
    do_not = [KB.safety.contraindications[key].brief or "" for key in technique.contraindications]
    short = " ".join((*technique.cautions_brief, *do_not)).lower()
    for caution, kept in TECHNIQUE_CAUTIONS:
        if re.search(caution, full, re.I):
            assert any(words.lower() in short for words in kept), (caution, short)
    for text in (technique.brief, *technique.cautions_brief):
        assert not re.search(r"\b(safe|safely|cured?)\b", text, re.I), text


def test_every_contraindication_has_a_brief() -> None:
    for item in KB.safety.contraindications.values():
        assert item.brief, item.id


def _bundled_briefs() -> list[str]:
    safety = KB.safety
    briefs = [flag.brief or "" for flag in safety.red_flags.values()]
    briefs += [item.brief or "" for item in safety.contraindications.values()]
    briefs += [rule.brief or "" for rule in safety.stop_rules.values()]
    for technique in KB.techniques.values():
        briefs += [technique.brief or "", *technique.cautions_brief]
    for r in KB.routines.values():
        briefs += [r.aftercare_brief or "", *(step.brief or "" for step in r.steps)]
    return [text for text in briefs if text]


def _bundled_steps() -> list[str]:
    steps = [text for technique in KB.techniques.values() for text in technique.steps]
    for r in KB.routines.values():
        for step in r.steps:
            steps += [step.instruction, step.cue, step.feel or "", step.stop or ""]
    return [text for text in steps if text]


# A hyphen or dash used as a dash ("Glide - stop if ..."), and "etc.": a short view says it in
# sentences. An en dash between numbers ("1 to 2 days" written with one) is a range, not a dash.
DASH = re.compile(r"\s[-\u2013\u2014]|[-\u2013\u2014]\s|\u2014|\betc\b", re.I)


def test_bundled_briefs_and_steps_are_sentences_not_dashes() -> None:
    texts = _bundled_briefs() + _bundled_steps()
    assert len(texts) > 200
    assert [text for text in texts if DASH.search(text)] == []


def test_bundled_briefs_use_everyday_words_for_the_body() -> None:
    # A short view has no room to explain a term, so it says what the full text explains.
    jargon = re.compile(r"\b(sacrum|piriformis|fascia|meridians?)\b", re.I)
    assert [text for text in _bundled_briefs() if jargon.search(text)] == []
