"""Where the ball goes: the buttock seen from behind, drawn as shapes (render.figure draws them).

Reviewed against clinical-facts.md section 6 (2026-12-03): the ball on the fleshy upper-outer
buttock (gluteus medius and minimus: the quarter used for injections because it is away from the
sciatic nerve); the nerve runs through the middle and lower buttock, between the sitting bone and
the bony point at the side of the hip (greater trochanter), so the ball stays out of that zone;
off bony points (tailbone and sacrum, sitting bone, the crest of the pelvis, the side of the hip).
Section 5: the nerve leaves the pelvis at the lower edge of the piriformis, deep in the middle of
the buttock. Positions are drawn to show the idea, not measured: bodies differ.

Coordinates are in a 100 by 100 box: the right buttock seen from behind, the middle of the body
(spine) at x = 0, the outer hip at x = 100, the crest of the pelvis at the top.
"""

from __future__ import annotations

import math
from typing import Any

from sciaticli.render.document import Figure, Shape

REVIEWED = "2026-12-03"


def _ellipse(
    cx: float, cy: float, rx: float, ry: float, steps: int = 24
) -> tuple[tuple[float, float], ...]:
    return tuple(
        (
            round(cx + rx * math.cos(2 * math.pi * i / steps), 1),
            round(cy + ry * math.sin(2 * math.pi * i / steps), 1),
        )
        for i in range(steps)
    )


BODY = Shape("body", _ellipse(50, 55, 47, 44), "")
TARGET = Shape(
    "target",
    ((54, 17), (66, 14.5), (79, 19), (89, 27), (95, 37), (96.5, 48), (54, 48)),
    "the fleshy upper-outer quarter of the buttock (the gluteus medius and minimus muscles), "
    "the part away from the sciatic nerve",
    sources=("ramtahal-2006",),
)  # The muscles' names: fact sheet section 6, which cites no source for them (see note-15).
KEEP_OUT = Shape(
    "keep-out",
    ((16, 51), (84, 51), (80, 74), (70, 99), (34, 99), (18, 82)),
    "the middle and lower buttock, where the sciatic nerve runs down between the sitting bone "
    "and the side of the hip",
    sources=("hanna-2015", "stedmans"),
)
NERVE = Shape(
    "nerve",
    ((33, 46), (40, 62), (47, 80), (52, 100)),
    "the sciatic nerve, from under the piriformis muscle down into the thigh",
    sources=("hanna-2015", "stedmans"),
)
CREST = Shape(
    "bone",
    (
        (8, 12), (30, 3), (55, 0.5), (80, 3), (98, 12),
        (96, 18), (79, 11), (55, 8.5), (31, 11), (10, 19),
    ),
    "the crest of the pelvis (the top edge of the hip bone)",
    mark="C",
    sources=("ramtahal-2006",),
)  # fmt: skip
SACRUM = Shape(
    "bone",
    ((0, 12), (11, 14), (11, 50), (8, 74), (3, 86), (0, 88)),
    "the tailbone and sacrum (the flat bone at the base of the spine)",
    mark="T",
)  # no source: keeping off bone is the fact sheet's own cautious advice (section 6)
SITTING_BONE = Shape(
    "bone",
    _ellipse(29, 87, 10, 7),
    "the sitting bone (ischial tuberosity)",
    mark="S",
    sources=("hanna-2015",),
)
HIP = Shape(
    "bone",
    _ellipse(94, 62, 7, 10),
    "the side of the hip (the greater trochanter of the thigh bone)",
    mark="H",
    sources=("hanna-2015", "ramtahal-2006"),
)

SHAPES = (BODY, TARGET, KEEP_OUT, NERVE, CREST, SACRUM, SITTING_BONE, HIP)

PLACEMENT = Figure(
    "Where the ball goes: right buttock, seen from behind (the left is its mirror image)",
    "Put the ball on the fleshy upper-outer quarter of the buttock. Keep it out of the middle "
    "and lower buttock, where the sciatic nerve runs, and off bone: the tailbone, the sitting "
    "bone, the crest of the pelvis and the side of the hip.",
    SHAPES,
    left="spine",
    right="outer hip",
)


def placement_sources() -> tuple[str, ...]:
    """Every source key the figure cites, in order of first use."""
    keys: list[str] = []
    for shape in SHAPES:
        keys += [key for key in shape.sources if key not in keys]
    return tuple(keys)


def placement_json() -> dict[str, Any]:
    """The picture's parts for JSON: what each is, its label and its sources."""
    return {
        "title": PLACEMENT.title,
        "description": PLACEMENT.description,
        "parts": [
            {"kind": shape.kind, "label": shape.label, "sources": list(shape.sources)}
            for shape in SHAPES
            if shape.label
        ],
    }
