"""The bundled knowledge base covers the seeds' techniques and does not repeat their myths."""

from __future__ import annotations

import re

import pytest

from sciaticli.catalogue import find_technique
from sciaticli.knowledge import load_knowledge_base
from sciaticli.model import Technique

# Every technique the five seed articles name, as they name it (misspellings included).
SEED_NAMES = {
    "Swedish massage": "swedish-massage",
    "deep tissue massage": "deep-tissue-massage",
    "trigger point therapy": "trigger-point-therapy",
    "myotherapy": "trigger-point-therapy",
    "myofascial release": "myofascial-release",
    "MFR": "myofascial-release",
    "neuromuscular massage": "neuromuscular-therapy",
    "hot stone massage": "hot-stone-massage",
    "acupressure": "acupressure",
    "shiatsu": "shiatsu",
    "Alexander technique": "alexander-technique",
    "ischemic compression": "ischemic-compression",
    "static compression": "ischemic-compression",
    "constant pressure": "ischemic-compression",
    "cross fiber friction": "cross-fibre-friction",
    "longitudinal strapping": "longitudinal-stripping",
    "vibration": "vibration",
    "kneading": "petrissage",
    "long and short strokes": "effleurage",
    "tennis ball massage": "tennis-ball-pressure",
    "ball rolling": "tennis-ball-rolling",
    "nerve massage": "hamstring-massage",
    "hand pressure massage": "energy-based-touch",
}

# Claims from the seeds that clinical-facts.md section 7 corrects. A sentence may name one only
# to deny it.
MYTHS = [
    r"as effective as",
    # The myth is that raising blood pressure helps. "Massage does not raise it" is wrong
    # too: firm massage raised it briefly in one study.
    r"blood pressure.*\bhelps?\b|\bhelps?\b.*blood pressure",
    r"toxin",
    r"cervical",
    r"gain weight",
    r"by a third",
    r"ends? at the knee",
    r"\bcures?\b",
    r"bed rest|rest in bed",
]
NEGATION = re.compile(r"\b(no|not|never|nothing|none|neither|nor|without|cannot)\b|n't\b", re.I)


def texts(technique: Technique) -> list[str]:
    return [
        technique.summary,
        technique.why_it_may_help,
        technique.evidence.summary,
        *technique.steps,
        *technique.cautions,
    ]


@pytest.mark.parametrize(("seed_name", "technique_id"), SEED_NAMES.items())
def test_every_seed_technique_is_covered(seed_name: str, technique_id: str) -> None:
    assert find_technique(load_knowledge_base(), seed_name).id == technique_id


def test_myths_appear_only_to_be_corrected() -> None:
    for technique in load_knowledge_base().techniques.values():
        for text in texts(technique):
            for sentence in re.split(r"(?<=[.;!?])\s+", text):
                for myth in MYTHS:
                    if re.search(myth, sentence, re.I):
                        assert NEGATION.search(sentence), (technique.id, sentence)


def test_evidence_is_never_overstated() -> None:
    for technique in load_knowledge_base().techniques.values():
        assert technique.evidence.level in ("low", "very-low", "insufficient"), technique.id
        assert not re.search(r"\bproven\b", technique.evidence.summary, re.I) or NEGATION.search(
            technique.evidence.summary
        )


def test_deep_pressure_techniques_warn_about_blood_thinners() -> None:
    for technique in load_knowledge_base().techniques.values():
        if "deep" in technique.pressure:
            assert any("blood thinner" in caution for caution in technique.cautions), technique.id


def test_self_care_is_never_deep_and_names_the_stop_rules() -> None:
    for technique in load_knowledge_base().techniques.values():
        if technique.is_self_care:
            assert "deep" not in technique.pressure
            joined = " ".join(technique.cautions).lower()
            assert "down the leg" in joined
            assert "numbness" in joined


def test_every_technique_refers_to_its_contraindications() -> None:
    kb = load_knowledge_base()
    for technique in kb.techniques.values():
        assert technique.contraindications, technique.id
        if "deep" in technique.pressure:
            assert {"anticoagulants", "bleeding-disorder"} <= set(technique.contraindications)


def test_emergency_red_flags_cover_cauda_equina_signs() -> None:
    flags = load_knowledge_base().safety.red_flags
    emergency = " ".join(f.sign.lower() for f in flags.values() if f.urgency == "emergency")
    for sign in ("both legs", "genitals", "anus", "pee", "bowel", "accident", "chest pain"):
        assert sign in emergency, sign


def topic_texts(topic_id: str) -> list[str]:
    """Every sentence-bearing text of a topic except its `claim`s, which state myths on
    purpose."""
    topic = load_knowledge_base().topics[topic_id]
    found = [topic.title, topic.summary]
    for section in topic.sections:
        found += [section.heading, section.text, *(item.line() for item in section.items)]
    return found


@pytest.mark.parametrize("topic_id", ["about", "therapist", "myths"])
def test_topics_state_myths_only_to_correct_them(topic_id: str) -> None:
    for text in topic_texts(topic_id):
        for sentence in re.split(r"(?<=[.;!?])\s+", text):
            for myth in MYTHS:
                if re.search(myth, sentence, re.I):
                    assert NEGATION.search(sentence), (topic_id, sentence)


@pytest.mark.parametrize("topic_id", ["about", "therapist", "myths"])
def test_every_topic_section_names_its_sources(topic_id: str) -> None:
    for section in load_knowledge_base().topics[topic_id].sections:
        assert section.sources, (topic_id, section.heading)


def test_about_marks_the_common_cause_and_the_disputed_one() -> None:
    causes = {
        item.term: item.tag
        for section in load_knowledge_base().topics["about"].sections
        for item in section.items
        if item.term
    }
    assert causes["Disc herniation"] == "common"
    assert causes["Piriformis syndrome"] in ("disputed", "rare")
    for term in ("Spinal stenosis", "Spondylolisthesis", "Degenerative disc disease"):
        assert causes[term] not in (None, "common"), term
    assert any("sacroiliac" in term.lower() and "facet" in term.lower() for term in causes)
    assert [term for term, tag in causes.items() if tag == "common"] == ["Disc herniation"]


def test_about_has_the_nerve_dividing_and_reaching_the_foot() -> None:
    text = " ".join(topic_texts("about"))
    assert "divides" in text and "foot" in text
    for source in ("cochrane-2015", "nice-ng59", "majchrzycki-2014"):
        assert source in load_knowledge_base().topics["about"].sections[-1].sources


def test_the_2014_trial_is_described_correctly() -> None:
    text = " ".join(topic_texts("about"))
    assert "no painkiller-only group" in text
    assert "not a sciatica trial" in text


def test_every_myth_from_the_fact_sheet_is_corrected() -> None:
    myths = load_knowledge_base().topics["myths"]
    claims = " ".join(section.claim or "" for section in myths.sections)
    # clinical-facts.md section 7, one pattern per claim.
    section_7 = [
        # The myth is that raising blood pressure helps. "Massage does not raise it" is wrong
        # too: firm massage raised it briefly in one study.
        r"blood pressure.*\bhelps?\b|\bhelps?\b.*blood pressure",
        r"toxins",
        r"passes through the\s+piriformis",
        r"one of the symptoms of sciatica",
        r"prevents sciatica",
        r"ends? at the (back of the )?knee",
        r"cervical",
        r"as effective as",
        r"NICE.*recommends",
        r"Cochrane.*lasting",
        r"usually caused by .*piriformis",
        r"rest in bed|bed rest",
        r"gain weight",
    ]
    for myth in section_7:
        assert re.search(myth, claims, re.I), myth
    for section in myths.sections:
        assert section.claim and section.sources, section.heading


def test_therapist_topic_covers_the_pressure_scale_and_speaking_up() -> None:
    text = " ".join(topic_texts("therapist"))
    for phrase in (
        "0 (nothing) to 10",
        "travels down your leg",
        "tingling",
        "licensed",
        "registered",
        "refer",
        "experience with back pain and sciatica",
        "several sessions",
        "piriformis",
        "exercise",
    ):
        assert phrase in text, phrase


def test_blood_pressure_is_stated_as_found() -> None:
    kb = load_knowledge_base()
    texts = [t.why_it_may_help for t in kb.techniques.values()]
    texts += [section.text for topic in kb.topics.values() for section in topic.sections]
    joined = " ".join(" ".join(texts).split())
    assert "does not raise blood pressure" not in joined
    assert "may lower blood pressure a little" in joined
    assert "raised it briefly" in joined or "raised the top (systolic) number" in joined
