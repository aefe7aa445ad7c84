"""The forms' own words (issue 24 §1, fact sheet §11): the PEG's three questions and scale ends
and the RMDQ's 24 statements, in the order the journal stores answers, as printed."""

from __future__ import annotations

from sciaticli.journal.forms import PEG_QUESTIONS, RMDQ_INSTRUCTIONS, RMDQ_STATEMENTS
from sciaticli.journal.measures import PEG, RMDQ


def test_the_peg_has_its_three_questions_with_both_ends_of_each_scale() -> None:
    assert len(PEG_QUESTIONS) == PEG.items[1] == 3
    assert [(q.zero, q.ten) for q in PEG_QUESTIONS] == [
        ("No pain", "Pain as bad as you can imagine"),
        ("Does not interfere", "Completely interferes"),
        ("Does not interfere", "Completely interferes"),
    ]
    # Pain on average, then enjoyment of life, then general activity (P, E, G), each about
    # the past week.
    assert [q.text.rsplit(" ", 2)[-2:] for q in PEG_QUESTIONS] == [
        ["past", "week?"],
        ["of", "life?"],
        ["general", "activity?"],
    ]
    assert all("past week" in q.text for q in PEG_QUESTIONS)


def test_the_rmdq_has_its_24_statements_in_the_original_order() -> None:
    assert len(RMDQ_STATEMENTS) == RMDQ.items[1] == 24
    assert len(set(RMDQ_STATEMENTS)) == 24
    assert RMDQ_STATEMENTS[0] == "I stay at home most of the time because of my back."
    assert RMDQ_STATEMENTS[12] == "My back is painful almost all the time."
    assert RMDQ_STATEMENTS[23] == "I stay in bed most of the time because of my back."
    assert all(text.endswith(".") and "back" in text for text in RMDQ_STATEMENTS)
    assert RMDQ_INSTRUCTIONS.startswith("When your back hurts")
    assert RMDQ_INSTRUCTIONS.endswith(
        "only tick the sentence if you are sure it describes you today."
    )


def test_each_instrument_is_attributed() -> None:
    assert "Krebs" in PEG.attribution and "2009" in PEG.attribution
    assert "Roland & Morris" in RMDQ.attribution and "1983" in RMDQ.attribution
