"""The safety grading follows the sources (fact sheet section 2, corrected 2026-11-22), and the
knowledge base meets the provenance and plain-language rules. These fail if a sign is moved back."""

from __future__ import annotations

import re
from typing import Any

import pytest

from sciaticli.knowledge import load_knowledge_base
from sciaticli.model import KnowledgeBase
from sciaticli.routines import of_kind
from sciaticli.safety import NO, UNSURE, YES, covered, questions, verdict
from tests import readability

KB = load_knowledge_base()
FLAGS = KB.safety.red_flags
ITEMS = KB.safety.contraindications


def grade(**answers: str) -> str:
    """The verdict for these answers, every other question answered no."""
    asked = questions(KB)
    given = {key.replace("_", "-"): value for key, value in answers.items()}
    return verdict(asked, {**dict.fromkeys((q.id for q in asked), NO), **given}).key


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({"saddle_numbness": YES}, "emergency"),
        ({"both_legs": YES}, "emergency"),
        ({"cancer": YES, "cancer_leg_symptoms": YES}, "emergency"),
        ({"cancer": YES, "cancer_new_back_pain": YES}, "doctor-today"),
        ({"clot_signs": YES}, "doctor-today"),
        ({"clot_signs": YES, "clot_breathless": YES}, "emergency"),
        ({"possible_fracture": YES}, "doctor-today"),
        ({"worsening_leg": YES}, "doctor-today"),
        ({"infection_risk": YES}, "doctor-today"),
        ({"cough_pain": YES}, "doctor-today"),
        ({"osteoporosis": YES}, "doctor-first"),
        ({"clot_signs": UNSURE}, "doctor-today"),
        ({"saddle_numbness": UNSURE}, "emergency"),
    ],
)
def test_each_sign_is_graded_as_the_sources_grade_it(
    answers: dict[str, str], expected: str
) -> None:
    assert grade(**answers) == expected


def test_saddle_signs_use_the_nhs_wording() -> None:
    sign = FLAGS["saddle-numbness"].sign.lower()
    for words in ("numbness or tingling", "genitals", "buttocks", "inner thighs", "anus", "wipe"):
        assert words in sign
    assert FLAGS["saddle-numbness"].urgency == "emergency"
    assert "new numbness of a buttock" in sign


def test_a_suspected_clot_lists_its_signs_and_stops_massage_of_that_leg() -> None:
    sign = FLAGS["clot-signs"].sign.lower()
    for words in ("calf or thigh", "swollen", "warm", "red", "darker", "veins", "hard or sore"):
        assert words in sign
    assert "do not massage that leg" in sign
    assert [item.id for item in covered(KB, {"clot-signs": YES})] == ["dvt"]
    assert FLAGS["clot-breathless"].asked_if == "clot-signs"


def test_cancer_follows_nice_ng234() -> None:
    assert FLAGS["cancer-new-back-pain"].urgency == "urgent"
    assert "within 24 hours" in FLAGS["cancer-new-back-pain"].sign
    assert "acute oncology" in FLAGS["cancer-new-back-pain"].sign
    assert FLAGS["cancer-leg-symptoms"].urgency == "emergency"
    assert "nice-ng234" in FLAGS["cancer-leg-symptoms"].sources
    assert {FLAGS[i].asked_if for i in ("cancer-new-back-pain", "cancer-leg-symptoms")} == {
        "cancer"
    }


def test_worsening_numbness_is_same_day_in_one_leg_and_an_emergency_in_both() -> None:
    assert FLAGS["worsening-leg"].urgency == "urgent"
    assert "In both legs, it is an emergency." in FLAGS["worsening-leg"].sign
    assert ITEMS["worsening-numbness"].asked_by == "worsening-leg"


def test_cough_and_sneeze_say_both_readings() -> None:
    sign = FLAGS["cough-pain"].sign
    assert "no doctor has checked it yet" in sign
    assert "If a doctor has found sciatica and it has not changed" in sign


def test_spinal_infection_says_fever_may_be_absent() -> None:
    assert FLAGS["infection-risk"].urgency == "urgent"
    assert "even without a fever" in FLAGS["infection-risk"].sign


def test_routines_lead_new_buttock_numbness_to_the_emergency_advice() -> None:
    for routine in KB.routines.values():
        assert "red-flag" in routine.stop_rules
    rule = KB.safety.stop_rules["red-flag"].rule
    assert "New numbness of a buttock" in rule and "emergency" in rule


def every_text(kb: KnowledgeBase) -> list[str]:
    texts: list[str] = [*kb.safety.advice.values()]
    for flag in kb.safety.red_flags.values():
        texts += [flag.sign, flag.question]
    for item in kb.safety.contraindications.values():
        texts += [item.condition, item.why, item.question or ""]
    texts += [rule.rule for rule in kb.safety.stop_rules.values()]
    for technique in kb.techniques.values():
        texts += [technique.summary, technique.why_it_may_help, technique.evidence.summary]
        texts += [*technique.steps, *technique.cautions]
    for routine in kb.routines.values():
        texts += [routine.purpose, routine.position, routine.before or "", routine.frequency]
        texts += [routine.aftercare, routine.should_feel]
        texts += [part for step in routine.steps for part in (step.instruction, step.cue)]
    for topic in kb.topics.values():
        texts.append(topic.summary)
        for section in topic.sections:
            texts += [section.text, *(item.line() for item in section.items)]
    return texts


def test_a_and_e_never_stands_alone() -> None:
    for text in every_text(KB):
        for match in re.finditer(r"A&E", text):
            assert (
                text[max(0, match.start() - 25) : match.end() + 10].endswith(
                    "department (A&E in the UK"
                )
                or "(A&E in the UK)" in text
            ), text


def test_the_stop_rule_says_may_be_the_nerve_not_that_it_is() -> None:
    for text in every_text(KB):
        assert not re.search(r"(that|it) is the nerve", text, re.I), text
    assert "It may be the nerve" in KB.safety.stop_rules["nerve-spot"].rule


def test_doses_stay_within_the_fact_sheet() -> None:
    for text in every_text(KB):
        assert not re.search(r"about 5 minutes|building up to about 5|7.8 out of 10", text), text
    for routine in of_kind(KB, "ball"):
        for step in routine.steps:
            assert step.seconds is None or step.seconds <= 30
        assert "no more than 2" in routine.frequency


def test_ball_placement_is_not_described_as_piriformis_work() -> None:
    for routine in of_kind(KB, "ball"):
        assert "piriformis" not in routine.purpose.lower()
        assert "gluteus medius and minimus" in routine.purpose
    seated = " ".join(s.instruction + " " + s.cue for s in KB.routines["seated-chair"].steps)
    assert "high and outer" in seated


def test_every_source_is_cited_and_every_citation_exists() -> None:
    cited: set[str] = set()
    safety = KB.safety
    groups: list[Any] = [
        *safety.emergency_numbers.values(),
        *safety.red_flags.values(),
        *safety.contraindications.values(),
        *safety.stop_rules.values(),
        *KB.techniques.values(),
        *KB.routines.values(),
        *KB.topics.values(),
    ]
    for entry in groups:
        cited.update(entry.sources)
    for number in safety.emergency_numbers.values():
        cited.update(number.urgent_sources)
    for topic in KB.topics.values():
        for section in topic.sections:
            cited.update(section.sources)
    # Cited by pages drawn in code: the placement picture, the report's IMMPACT wording and
    # the function measures.
    from sciaticli.pages.placement import placement_sources
    from sciaticli.pages.report_function import IMMPACT_SOURCES, INSTRUMENT_SOURCES

    cited.update(placement_sources(), IMMPACT_SOURCES)
    cited.update(key for keys in INSTRUMENT_SOURCES.values() for key in keys)
    assert set(KB.sources) - cited == set()
    assert cited <= set(KB.sources)


def test_every_bundled_entry_has_a_review_date_and_the_base_a_version() -> None:
    assert re.fullmatch(r"\d{4}\.\d{1,2}(?:\.\d+)?", KB.version)  # YEAR.MONTH(.N)
    safety = KB.safety
    for group in (
        safety.emergency_numbers,
        safety.red_flags,
        safety.contraindications,
        safety.stop_rules,
        KB.techniques,
        KB.routines,
        KB.topics,
    ):
        for ident, entry in group.items():
            assert entry.reviewed is not None, ident


def test_longitudinal_strapping_is_a_misspelling_not_a_name() -> None:
    technique = KB.techniques["longitudinal-stripping"]
    assert "longitudinal strapping" not in [a.lower() for a in technique.aliases]
    assert "strapping" not in technique.summary.lower()
    assert technique.misspellings == ("longitudinal strapping",)


def test_every_emergency_region_cites_a_source() -> None:
    regions = KB.safety.emergency_numbers
    assert {"uk", "us", "eu", "ca", "au", "nz", "ie"} <= set(regions)
    assert all(number.sources for number in regions.values())


def _safety_texts() -> list[str]:
    safety = KB.safety
    return [
        *safety.advice.values(),
        *(flag.sign for flag in safety.red_flags.values()),
        *(flag.reason for flag in safety.red_flags.values() if flag.reason),
        *(number.urgent for number in safety.emergency_numbers.values() if number.urgent),
        *(f"{item.condition} {item.why}" for item in safety.contraindications.values()),
        *(rule.rule for rule in safety.stop_rules.values()),
    ]


def _questions() -> list[str]:
    return [question.text for question in questions(KB)]


def _routine_steps() -> list[str]:
    return [
        part
        for routine in KB.routines.values()
        for step in routine.steps
        for part in (step.instruction, step.cue)
    ]


def _topic(topic_id: str) -> list[str]:
    topic = KB.topics[topic_id]
    texts = [topic.summary]
    for section in topic.sections:
        texts += [section.text, *(item.line() for item in section.items)]
    return texts


@pytest.mark.parametrize(
    ("name", "texts", "ceiling"),
    [
        ("safety", _safety_texts(), 6),
        ("check questions", _questions(), 6),
        ("routine steps and cues", _routine_steps(), 6),
        *((f"topic {topic}", _topic(topic), 9) for topic in KB.topics),
    ],
)
def test_reading_level(name: str, texts: list[str], ceiling: float) -> None:
    assert readability.grade(texts) <= ceiling, name


@pytest.mark.parametrize(
    "texts", [_safety_texts(), _questions(), _routine_steps()], ids=["safety", "questions", "steps"]
)
def test_no_safety_or_routine_sentence_runs_over_25_words(texts: list[str]) -> None:
    for text in texts:
        for sentence in readability.sentences(text):
            assert len(readability.words(sentence)) <= 25, sentence


def test_the_readability_formula_on_known_text() -> None:
    # 2 sentences, 11 words, 12 syllables: 0.39 * 11 / 2 + 11.8 * 12 / 11 - 15.59 = -0.57
    assert round(readability.grade(["The cat sat on the mat. A happy dog ran by."]), 2) == -0.57
    counted = [readability.syllables(w) for w in ("cat", "happy", "tingling", "make", "the")]
    assert counted == [1, 2, 2, 1, 1]
