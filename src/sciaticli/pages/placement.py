"""Where the ball goes: the buttock seen from behind, drawn as shapes (render.figure draws them).

Reviewed against clinical-facts.md section 6 (2026-12-07): the ball on the fleshy upper-outer
buttock (gluteus medius and minimus: the quarter used for injections because it is away from the
sciatic nerve); the nerve runs through the middle and lower buttock, between the sitting bone and
the bony point at the side of the hip (greater trochanter), so the ball stays out of that zone;
off bony points (tailbone and sacrum, sitting bone, the crest of the pelvis, the side of the hip).
Section 5: the nerve leaves the pelvis at the lower edge of the piriformis, in the upper-inner
part of the buttock (the sciatic notch). Issue 20: everything outside the upper-outer quarter is
"keep out" (the two zones share one border, so no part of the buttock is neither); the quarter's
lower edge is the line from the back of the pelvis (PSIS) to the side of the hip, as for
injections; the nerve starts inside the keep-out zone. Positions are drawn to show the idea, not
measured: bodies differ.

Coordinates are in a 100 by 100 box: the right buttock seen from behind, the middle of the body
(spine) at x = 0, the outer hip at x = 100, the crest of the pelvis at the top.
"""

from __future__ import annotations

import math
from typing import Any

from sciaticli.render.document import Figure, Shape

REVIEWED = "2026-12-07"


BODY_CENTRE, BODY_RADII = (50.0, 55.0), (47.0, 44.0)
# The back of the pelvis (the posterior superior iliac spine, PSIS: the bony dimple beside the
# spine) and the side of the hip (the greater trochanter). The line between them is the lower
# edge of the upper-outer quarter: the sciatic nerve lies below and inside it.
PSIS = (14.0, 20.0)
TROCHANTER = (94.0, 62.0)
# The upper-outer quarter's inner edge: the middle of the buttock, straight down from the crest.
MIDDLE_X = 50.0


def _on_line(x: float) -> tuple[float, float]:
    """The point at `x` on the line from PSIS to the side of the hip."""
    (x1, y1), (x2, y2) = PSIS, TROCHANTER
    return x, round(y1 + (y2 - y1) * (x - x1) / (x2 - x1), 1)


def _body_point(degrees: float) -> tuple[float, float]:
    """The point of the body's outline at `degrees` (0: the outer side, 90: the bottom, 270: the
    top; y grows downwards)."""
    (cx, cy), (rx, ry) = BODY_CENTRE, BODY_RADII
    angle = math.radians(degrees)
    return round(cx + rx * math.cos(angle), 1), round(cy + ry * math.sin(angle), 1)


# Where the line ends on the body's outline, at the height of the side of the hip.
_EDGE_DEGREES = math.degrees(math.asin((TROCHANTER[1] - BODY_CENTRE[1]) / BODY_RADII[1]))
# The border the two zones share, so that every part of the buttock is one or the other:
# from the outline at the side of the hip, along the line to the middle, then up to the top.
_BORDER = (_body_point(_EDGE_DEGREES), TROCHANTER, _on_line(MIDDLE_X), _body_point(270))


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


BODY = Shape("body", _ellipse(*BODY_CENTRE, *BODY_RADII), "")
TARGET = Shape(
    "target",
    # The border, then the outline from the top round to the outer side.
    (*_BORDER, *(_body_point(degrees) for degrees in range(285, 361, 15))),
    "the upper-outer quarter (the gluteus medius and minimus muscles), above a line from "
    "the dimple by the spine to the side of the hip",
    sources=("ramtahal-2006",),
)  # The muscles' names: fact sheet section 6, which cites no source for them (see note-15).
KEEP_OUT = Shape(
    "keep-out",
    # The rest of the buttock: the outline from the outer side down, round and up to the top,
    # then the border back.
    (*(_body_point(degrees) for degrees in range(15, 270, 15)), *reversed(_BORDER)),
    "all the rest. The sciatic nerve leaves the pelvis under the upper-inner part. It then runs "
    "down the middle and lower buttock, between the sitting bone and the side of the hip",
    sources=("hanna-2015", "stedmans"),
)
NERVE = Shape(
    "nerve",
    ((20, 42), (32, 56), (43, 70), (50, 84), (53, 100)),
    "the sciatic nerve, from just below the lower edge of the piriformis muscle down into the "
    "thigh",
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
    _ellipse(*TROCHANTER, 7, 10),
    "the side of the hip (the greater trochanter of the thigh bone)",
    mark="H",
    sources=("hanna-2015", "ramtahal-2006"),
)

SHAPES = (BODY, TARGET, KEEP_OUT, NERVE, CREST, SACRUM, SITTING_BONE, HIP)

PLACEMENT = Figure(
    "Where the ball goes: right buttock, seen from behind (the left is its mirror image)",
    "Put the ball on the fleshy upper-outer quarter of the buttock. Its lower edge is a line from "
    "the bony dimple beside the spine to the side of the hip. Keep the ball off the rest of the "
    "buttock, where the sciatic nerve leaves the pelvis and runs down. Keep it off bone too: the "
    "tailbone, the sitting bone, the crest of the pelvis and the side of the hip.",
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
