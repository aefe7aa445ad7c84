"""The movement routines' printed card (issue 23 §1): headless Chromium prints `exercises NAME
-f html` on A4 and Letter in at most two pages, the emergency signs, the stop rules and every
exercise with its dose, what it should feel like and what means stop on page 1, who should not
do it and the sources after. Marked `browser`, as the ball routines' card test."""

from __future__ import annotations

from pathlib import Path

import pytest

from sciaticli.knowledge import load_knowledge_base
from sciaticli.routines import of_kind, plan
from tests.render.test_print import PAPERS, page_text, pages, print_pdf, run

pytestmark = pytest.mark.browser
KB = load_knowledge_base()


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("routine", [r.id for r in of_kind(KB, "movement")])
def test_the_exercise_card_prints_on_at_most_two_pages(
    routine: str, paper: str, tmp_path: Path
) -> None:
    region = "us" if paper == "letter" else "uk"
    pdf = print_pdf(run("exercises", routine, "-f", "html", "--region", region), paper, tmp_path)
    count = pages(pdf)
    assert 1 <= count <= 2
    first = page_text(pdf, 1, raw=True)
    assert "Stop and get emergency help if" in first and "Stop rules" in first
    for key in ("leg-symptoms", "glide-stop"):
        assert " ".join(KB.safety.stop_rules[key].rule.split()) in first, key
    # Each exercise once, in order, on page 1: a glide once, done on each side.
    once = {id(step.step): step for step in plan(KB.routines[routine], "both")}
    for number, step in enumerate(once.values(), 1):
        each = " each side" if step.step.side == "both" else ""
        assert f"{number}. ({step.dose}{each}) {step.step.name}." in first, number
        assert " ".join((step.step.stop or "").split()) in first, number
    assert page_text(pdf, 2).startswith("Do not do this routine if any of these apply")
    everything = " ".join(page_text(pdf, number) for number in range(1, count + 1))
    assert "Do not do this routine if any of these apply" in everything
    assert "basson-2017" in everything and "nhs-inform-back-exercises" in everything
