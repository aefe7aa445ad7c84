"""Printing `appointment -f html` in headless Chromium, as the other printed pages are
(test_print.py): at most two sheets on Letter and on A4, blank or filled in from a journal, with
the emergency signs on the first sheet."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from sciaticli import journal
from sciaticli.journal import NewEntry
from sciaticli.journal.measures import NewMeasure
from sciaticli.knowledge import load_knowledge_base
from sciaticli.safety import red_flags_by_urgency
from tests.render.test_print import NOTES, PAPERS, page_text, pages, print_pdf, run

pytestmark = pytest.mark.browser


def a_full_journal() -> None:
    """Two weeks of ratings with the leg and back apart, long notes, every measure."""
    today = date.today()
    entries = [
        NewEntry(f"{(today - timedelta(days=day)).isoformat()}T09:00:00", 6, 4,
                 note=NOTES[day % 4], leg_pain=7, back_pain=3)
        for day in range(14)
    ]  # fmt: skip
    with journal.open_journal(journal.journal_path()) as opened:
        opened.add_many(entries)
        opened.set_setting("episode_start", (today - timedelta(days=40)).isoformat(), "now")
        when = f"{today.isoformat()}T10:00:00"
        opened.add_measure(NewMeasure(when, "peg", [6, 5, 7]))
        opened.add_measure(NewMeasure(when, "rmdq", [True] * 10 + [False] * 14))
        opened.add_measure(NewMeasure(when, "psfs", [3, 4, 5, 6, 2], ["a", "b", "c", "d", "e"]))


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("filled", [False, True], ids=["blank", "from-the-journal"])
def test_the_appointment_page_prints_on_at_most_two_sheets(
    paper: str, filled: bool, tmp_path: Path
) -> None:
    if filled:
        a_full_journal()
    args = ["appointment", "-f", "html", "--name", "Sam Example"]
    pdf = print_pdf(run(*args), paper, tmp_path)
    assert pages(pdf) <= 2
    first = page_text(pdf, 1)
    assert "For your appointment about sciatica" in first and "Sam Example" in first
    assert "Get emergency help now if" in first
    for flag in red_flags_by_urgency(load_knowledge_base())["emergency"]:
        assert " ".join(flag.short.split()[:4]) in first, flag.id
    assert "When it started" in first
    assert ("From your journal: It began on" in first) is filled
    everything = " ".join(page_text(pdf, number) for number in range(1, pages(pdf) + 1))
    assert "What you want to ask" in everything and "knowledge base" in everything
