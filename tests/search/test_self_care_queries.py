"""Held-out everyday queries for the self-care and appointment pages (issue 23 §4), in the style
of test_queries.py: each lists the entries a person typing it wants to see, written before the
pages' headings and synonyms were tuned. Kept apart from test_queries.py, whose list and figures
stand as they were measured."""

from __future__ import annotations

import pytest

from sciaticli.knowledge import load_knowledge_base
from sciaticli.model import KnowledgeBase
from tests.search.test_queries import ranked

SELF_CARE = "topic:self-care"
APPOINTMENT = "topic:appointment"

# query -> the right answers, as "kind:id"; the first is the page the query must find.
EXPECTED: dict[str, set[str]] = {
    "sleep": {SELF_CARE},
    "pillow": {SELF_CARE},
    "painkillers": {SELF_CARE, "topic:about"},
    "gabapentin": {SELF_CARE},
    "pregabalin": {SELF_CARE},
    "walking": {SELF_CARE, "red flag:worsening-leg"},
    "sitting": {SELF_CARE, "routine:seated-chair", "topic:about"},
    "appointment": {APPOINTMENT},
    "doctor": {APPOINTMENT, SELF_CARE, "red flag:not-improving"},
    "physio": {SELF_CARE, APPOINTMENT, "topic:therapist"},
    "what to tell the doctor": {APPOINTMENT, "topic:therapist"},
    "heat pack": {SELF_CARE, "stop rule:numb-skin-heat", "topic:about"},
    "worried": {SELF_CARE},
    "mri": {SELF_CARE},
    "x-ray": {SELF_CARE},
    "ibuprofen": {SELF_CARE, "topic:myths", "topic:about"},
    "codeine": {SELF_CARE},
    "lyrica": {SELF_CARE},
    "gp appointment": {APPOINTMENT},
}
# Each query's own page: found in the top five whatever else ranks with it.
MUST_FIND = {query: APPOINTMENT if APPOINTMENT in right else SELF_CARE
             for query, right in EXPECTED.items()}  # fmt: skip


def entries(kb: KnowledgeBase, query: str) -> list[str]:
    """The hits as entries, each once: a topic's sections are found one by one, and a page
    found twice is one right answer."""
    return list(dict.fromkeys(ranked(kb, query)))


@pytest.mark.parametrize("query", list(EXPECTED))
def test_the_page_is_in_the_top_five(query: str) -> None:
    top = entries(load_knowledge_base(), query)[:5]
    assert MUST_FIND[query] in top, top


def test_precision_at_3() -> None:
    kb = load_knowledge_base()
    precision = {
        query: sum(hit in right for hit in entries(kb, query)[:3]) / min(3, len(right))
        for query, right in EXPECTED.items()
    }
    mean = sum(precision.values()) / len(precision)
    # 2026-12-07: 0.85. The misses: "doctor" and "painkillers" put the safety entries that
    # name a doctor or medicines first (safety first on equal scores); "heat pack" puts the
    # ball routines' aftercare after the page; "sitting" the ball techniques.
    assert mean >= 0.8, (mean, {q: p for q, p in precision.items() if p < 1})
