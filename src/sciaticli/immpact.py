"""IMMPACT's words for a change in pain, by percentage with a floor of 1 point.

clinical-facts.md section 8 (Dworkin 2008, Farrar 2001): a fall of 50% or more is a large
improvement, 30% or more a worthwhile, moderate one, 20% or more a small change; less, or under
1 point, is no clear change (IMMPACT calls 10-20% minimal: the words take its upper end, so as
not to overstate). A first week that averages under 3 is too low to measure a change from.
"""

from __future__ import annotations

LOW_START = 3.0  # a first week averaging under this: pain was low, no change to measure
FLOOR_POINTS = 1.0  # a change of less than this is no clear change, whatever its percentage
SMALL_PERCENT = 20.0
MODERATE_PERCENT = 30.0
LARGE_PERCENT = 50.0

NO_CLEAR = "no clear change"
SMALL = "a small change"
MODERATE = "a worthwhile, moderate improvement"
LARGE = "a large improvement"
LOW = "pain was low throughout; no meaningful change to measure"


def wording(points: float, percent: float | None, start: float) -> str:
    """IMMPACT's words for a change of `points` (below 0, pain fell) from a first week that
    averaged `start`: LOW when pain stayed under LOW_START; for a fall, NO_CLEAR, SMALL,
    MODERATE or LARGE; NO_CLEAR for a rise under FLOOR_POINTS; "" for a larger rise.

    Compared as shown (points to one decimal, percent whole), so the words match the figures.
    """
    if start < LOW_START and start + points < LOW_START:
        return LOW
    change = round(points, 1)
    if abs(change) < FLOOR_POINTS:
        return NO_CLEAR
    if change > 0:
        return ""
    fall = round(-percent) if percent is not None else 0
    if fall >= LARGE_PERCENT:
        return LARGE
    if fall >= MODERATE_PERCENT:
        return MODERATE
    return SMALL if fall >= SMALL_PERCENT else NO_CLEAR
