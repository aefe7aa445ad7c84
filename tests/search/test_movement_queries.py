"""Everyday words for the movement routines (issue 23 §1 and §4): stretch, exercise, sitting,
nerve floss. In the style of test_queries.py, kept apart from its measured list: each query
must find a movement routine near the top, and "nerve floss" finds the glides by the words
people use (a synonym in the knowledge base), though the routines never say "floss"."""

from __future__ import annotations

import pytest

from sciaticli.knowledge import load_knowledge_base
from sciaticli.search import search_with_synonyms
from tests.search.test_queries import ranked

MOVEMENT = {"routine:gentle-movement", "routine:settling-movement"}
KB = load_knowledge_base()


@pytest.mark.parametrize(
    ("query", "within"),
    [
        ("stretch", 5),
        ("stretches", 3),
        ("exercise", 3),
        ("exercises for my back", 3),
        ("sitting", 5),
        ("walking", 5),
        ("nerve floss", 5),
        ("nerve flossing", 5),
        ("nerve slider", 5),
        ("knee rolls", 5),
    ],
)
def test_a_movement_routine_is_near_the_top(query: str, within: int) -> None:
    top = ranked(KB, query)[:within]
    assert MOVEMENT & set(top), (query, top)


def test_nerve_floss_is_read_as_the_glide_the_routines_describe() -> None:
    result = search_with_synonyms(KB, "nerve floss")
    assert result.hits
    for routine in KB.routines.values():
        words = " ".join(
            f"{step.instruction} {step.cue} {step.name or ''}" for step in routine.steps
        )
        assert "floss" not in words.lower(), routine.id


def test_a_hip_replacement_finds_its_caution() -> None:
    assert ranked(KB, "hip replacement")[0] == "contraindication:hip-replacement"
