"""Held-out everyday queries and what a person typing them wants to see in the top three.

Each query lists the entries that are a right answer for it (more than three where several are
equally right). Precision at 3 is the share of the top three hits that are right answers (out of
three, or out of the number of right answers where a query has fewer than three). The
list was written from what a person in pain, or a student, would want, before the ranking was
tuned, and is kept apart from the unit tests of the ranking rules in test_search.py.
"""

from __future__ import annotations

from sciaticli.knowledge import load_knowledge_base
from sciaticli.model import KnowledgeBase
from sciaticli.search import search_with_synonyms

ROUTINES = {"routine:standing-wall", "routine:seated-chair", "routine:lying-back"}
BALL = {"technique:tennis-ball-pressure", "technique:tennis-ball-rolling"}
MOVEMENT = {"routine:gentle-movement", "routine:settling-movement"}
BLEEDING = {"contraindication:anticoagulants", "contraindication:bleeding-disorder"}

# query -> the right answers, as "kind:id".
EXPECTED: dict[str, set[str]] = {
    "bum": ROUTINES | BALL,
    "buttock": ROUTINES | BALL,
    "bum hurts": ROUTINES | BALL,
    "sore bottom": ROUTINES | BALL,
    "numb": {
        "red flag:saddle-numbness",
        "red flag:worsening-leg",
        "red flag:both-legs",
        "contraindication:worsening-numbness",
        "contraindication:reduced-sensation",
        "stop rule:spreading-numbness",
        "stop rule:numb-skin-heat",
    },
    "warfarin": BLEEDING | ROUTINES,
    "blood thinners": BLEEDING | ROUTINES,
    "bruise easily": BLEEDING | {"contraindication:very-low-platelets"},
    "pregnant": {"contraindication:pregnancy", "contraindication:pregnancy-lying-back"}
    | {"routine:lying-back"}
    | ROUTINES
    | MOVEMENT,
    "tennis ball": BALL | ROUTINES,
    "ball against the wall": {"routine:standing-wall"} | BALL,
    "sitting on a chair": {"routine:seated-chair"} | BALL | MOVEMENT,
    "lying on my back": {"routine:lying-back", "contraindication:pregnancy-lying-back"}
    | BALL
    | MOVEMENT,
    "can't pee": {"red flag:bladder-changes", "red flag:saddle-numbness"},
    "trouble peeing": {"red flag:bladder-changes"},
    "both legs": {"red flag:both-legs", "contraindication:worsening-numbness"},
    "chest pain": {"red flag:chest-pain", "red flag:clot-breathless"},
    "swollen calf": {"red flag:clot-signs", "contraindication:dvt", "red flag:clot-breathless"},
    "fever": {"red flag:fever", "contraindication:acute-illness", "red flag:infection-risk"},
    "cancer": {
        "red flag:cancer-leg-symptoms",
        "red flag:cancer-new-back-pain",
        "contraindication:cancer",
    },
    "osteoporosis": {
        "red flag:osteoporosis",
        "contraindication:severe-osteoporosis",
        "contraindication:fracture",
    },
    "tingling": {
        "red flag:saddle-numbness",
        "red flag:both-legs",
        "stop rule:spreading-numbness",
        "stop rule:nerve-spot",
        "stop rule:sharp-pain",
    },
    "electric feeling down my leg": {"stop rule:nerve-spot", "stop rule:sharp-pain"},
    "hot stones": {"technique:hot-stone-massage", "stop rule:numb-skin-heat"},
    "kneading": {"technique:petrissage", "technique:swedish-massage"},
    "deep tissue": {"technique:deep-tissue-massage", "topic:myths"},
    "foam roller": BALL | ROUTINES,
    "slipped disc": {"topic:about", "topic:myths"},
    "bed rest": {"topic:myths", "topic:about"},
    "night pain": {"red flag:night-pain"},
}


def ranked(kb: KnowledgeBase, query: str) -> list[str]:
    hits = search_with_synonyms(kb, query).hits
    return [f"{hit.document.kind}:{hit.document.id}" for hit in hits]


def precision_at_3(kb: KnowledgeBase) -> dict[str, float]:
    result = {}
    for query, right in EXPECTED.items():
        top = ranked(kb, query)[:3]
        result[query] = sum(hit in right for hit in top) / min(3, len(right))
    return result


def test_the_list_has_thirty_queries() -> None:
    assert len(EXPECTED) == 30


def test_the_first_hit_is_a_right_answer_for_most_queries() -> None:
    kb = load_knowledge_base()
    wrong = {
        query: top[:3]
        for query, right in EXPECTED.items()
        if not (top := ranked(kb, query)) or top[0] not in right
    }
    # 2026-12-07: 25 of 30. The misses: bum and buttock put the saddle-numbness red flag
    # first (safety first, then the three routines); "electric feeling down my leg" puts the
    # routines that repeat the rule before the nerve-spot stop rule; "slipped disc" puts two
    # techniques' evidence text before the about and myths pages; "bed rest" puts the clot
    # sign first, which now names bed rest among a clot's risks.
    assert len(wrong) <= 5, wrong


def test_precision_at_3_is_at_least_0_75() -> None:
    precision = precision_at_3(load_knowledge_base())
    mean = sum(precision.values()) / len(precision)
    low = {query: value for query, value in precision.items() if value < 2 / 3}
    # 2026-12-07: 0.78 (0.49 before everyday words, whole-word matching and kinds were ranked).
    assert mean >= 0.75, (mean, low)
