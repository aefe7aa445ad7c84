"""Printing in a real browser: headless Chromium prints `report -f html` and `home-routine -f html`
to PDF, on Letter and on A4, and poppler's pdfinfo and pdftotext read the result.

These tests need chromium and poppler-utils (Debian packages; .ci/run installs them), so they
are marked `browser` and run by `pytest -m browser` (CI does); a plain `pytest` leaves them out.
"""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sciaticli import journal
from sciaticli.cli.main import app
from sciaticli.journal import NewEntry
from sciaticli.knowledge import load_knowledge_base
from sciaticli.render import html

pytestmark = pytest.mark.browser

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-pdf-header-footer",
)
PAPERS = ("letter", "A4")
NOTES = (
    "Left side tight after a long drive; the ball helped a little but the ache came back by "
    "the evening.",
    "Slept badly. Pain worse in the morning, easier after walking for twenty minutes.",
    "Physio appointment: new exercises for the hip, three times a day.",
    "Sat at the desk all day; sharp pain when standing up, so I kept the routine short.",
)


def tool(*names: str) -> str:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    raise AssertionError(
        f"{names[0]} is needed for the print tests: apt-get install chromium poppler-utils "
        "(.ci/run installs them)"
    )


def with_paper(page: str, paper: str) -> str:
    """The page with its @page rule set to `paper`, and the style sheet's hash in the
    Content-Security-Policy updated to match (or the browser would ignore the styles)."""
    css = html.CSS.replace("@page{", f"@page{{size:{paper};", 1)
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    assert html.CSS in page
    return page.replace(html.CSS, css).replace(html.CSS_HASH, digest)


def print_pdf(page: str, paper: str, folder: Path) -> Path:
    source = folder / f"page-{paper}.html"
    source.write_text(with_paper(page, paper), encoding="utf-8")
    target = folder / f"page-{paper}.pdf"
    subprocess.run(
        [
            tool("chromium", "chromium-browser", "google-chrome"),
            *FLAGS,
            f"--user-data-dir={folder / 'profile'}",
            f"--print-to-pdf={target}",
            source.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return target


def pdf_info(pdf: Path, field: str) -> str:
    """A field of poppler's pdfinfo: `Pages`, `Page size`."""
    info = subprocess.run(
        [tool("pdfinfo"), str(pdf)], check=True, capture_output=True, text=True, timeout=60
    ).stdout
    match = re.search(rf"^{field}:\s+(.*)$", info, re.M)
    assert match, info
    return match.group(1)


def pages(pdf: Path) -> int:
    return int(pdf_info(pdf, "Pages"))


def page_text(pdf: Path, number: int, *, raw: bool = False) -> str:
    """The words on page `number`, one space between each (lines wrap differently on A4).
    `raw`: in the order they were drawn, so that text set in columns reads column by column."""
    return " ".join(
        subprocess.run(
            [
                tool("pdftotext"),
                *(["-raw"] if raw else []),
                "-f",
                str(number),
                "-l",
                str(number),
                str(pdf),
                "-",
            ],
            check=True,
            capture_output=True,
            text=True,
            timeout=60,
        ).stdout.split()
    )


def run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.stderr
    return result.stdout


def six_weeks_of_entries() -> None:
    """A full six weeks: about five sessions a week, four routines and techniques, notes."""
    today = date.today()
    what = (("standing-wall", None), ("seated-chair", None), (None, "shiatsu"), (None, None))
    entries = []
    for index in range(30):
        day = today - timedelta(days=41 - index * 41 // 29)
        before = 7 - index // 10
        routine, technique = what[index % 4]
        note = NOTES[index % 4] if index % 2 else None
        entries.append(
            NewEntry(f"{day.isoformat()}T09:00:00", before, max(0, before - 2), routine,
                     technique, note)
        )  # fmt: skip
    with journal.open_journal(journal.journal_path()) as opened:
        opened.add_many(entries)


def six_weeks_with_measures() -> None:
    """six_weeks_of_entries, with leg and back pain, a session stopped early and one after which
    pain rose (each with its note), a rating of 9 alone, the PEG weekly, two RMDQ and two PSFS
    forms, and the episode start."""
    from sciaticli.journal import CheckAnswer
    from sciaticli.journal.measures import NewMeasure
    from sciaticli.safety import questions

    six_weeks_of_entries()
    today = date.today()
    with journal.open_journal(journal.journal_path()) as opened:
        opened.add_many(
            [
                NewEntry(f"{today - timedelta(days=33)}T18:00:00", 7, 8, "standing-wall", None,
                         "Stopped: tingling in foot on right side", session="partial",
                         leg_pain=7, back_pain=4),
                NewEntry(f"{today - timedelta(days=26)}T18:00:00", 6, 8, "seated-chair", None,
                         "Sharp after sitting on the ball", leg_pain=6, back_pain=3),
                NewEntry(f"{today - timedelta(days=20)}T22:00:00", 9, None, None, None,
                         "Bad night, could not sleep", session="none", leg_pain=9),
                *(
                    NewEntry(f"{today - timedelta(days=ago)}T20:00:00", 6 - ago // 14, None,
                             session="none", leg_pain=6 - ago // 14, back_pain=3 - ago // 21)
                    for ago in range(40, 0, -3)
                ),
            ]
        )  # fmt: skip
        for weeks_ago in range(6, -1, -1):
            peg = (7 - (6 - weeks_ago) // 2,) * 3
            opened.add_measure(
                NewMeasure(f"{today - timedelta(weeks=weeks_ago)}T10:00", "peg", peg)
            )
        for ago, yes in ((40, 14), (12, 9), (1, 8)):
            answers = (True,) * yes + (False,) * (24 - yes)
            opened.add_measure(NewMeasure(f"{today - timedelta(days=ago)}T10:05", "rmdq", answers))
        activities = ("sitting for 30 minutes", "putting on socks", "walking to the shops")
        for ago, ratings in ((39, (3, 4, 5)), (2, (6, 6, 7))):
            opened.add_measure(
                NewMeasure(f"{today - timedelta(days=ago)}T10:10", "psfs", ratings, activities)
            )
        opened.set_setting("episode_start", (today - timedelta(days=60)).isoformat(), "x")
        asked = [(q.id, q.text) for q in questions(load_knowledge_base())]
        for ago, unsure in ((41, None), (10, "fever")):
            opened.add_check(
                f"{today - timedelta(days=ago)}T08:00:00",
                "doctor-today" if unsure else "none-reported",
                [CheckAnswer(q, "not sure" if q == unsure else "no", words) for q, words in asked],
            )


# What a clinician reads in a minute, all on page 1 (the chart's legend and caption too).
KB_VERSION = load_knowledge_base().version
PAGE_ONE = (
    "Pain journal report",
    "Sam Example",
    "Episode began",
    "Pain: first week against last",
    "Worst day",
    "Best day",
    "What was used",
    "Week by week",
    "pain straight after each session",  # the chart's legend
    "Average pain per week",  # the chart's caption: the chart whole on page 1
)
MEASURES_ON_PAGE_ONE = (
    "Self-checks saved",
    "no to all",
    "Function, leg and back pain: first against last",
    "PEG 0-10",
    "RMDQ 0-24",
    "PSFS 0-10",
    "Leg pain 0-10",
    "Back pain 0-10",
)


@pytest.mark.parametrize("measures", [True, False], ids=["with-measures", "pain-only"])
@pytest.mark.parametrize("paper", PAPERS)
def test_report_for_six_weeks_reads_on_page_one(paper: str, measures: bool, tmp_path: Path) -> None:
    """Everything a clinician reads in a minute is on page 1: the episode start, the pain first
    week against last, PEG, RMDQ, PSFS, leg and back pain, the days, what was used, the weeks
    and their chart. Only the notes and the references may go on to page 2."""
    if measures:
        six_weeks_with_measures()
    else:
        six_weeks_of_entries()
    pdf = print_pdf(run("report", "-f", "html", "--name", "Sam Example"), paper, tmp_path)
    count = pages(pdf)
    assert count == 2 if measures else count <= 2
    first = page_text(pdf, 1)
    for part in PAGE_ONE + (MEASURES_ON_PAGE_ONE if measures else ()):
        assert part in first, part
    if measures:
        assert "That is no clear change." in first  # 6.1 to 5.0: 19%
    else:
        assert "That is a small change." in first  # 7.0 to 5.0: 29%
    rest = page_text(pdf, 2) if count == 2 else ""
    for part in ("Week by week", "Average pain per week", "What was used", "Worst day"):
        assert part not in rest, part
    every = f"{first} {rest}"
    assert ("Notes that matter" in every) == measures
    if measures:
        assert "stopped early" in every and "Stopped: tingling in foot on right side" in every
        assert every.index("Notes that matter") < every.index("Stopped: tingling in foot")
    assert "References" in every and "dworkin-2008" in every
    assert every.rstrip().endswith(f"knowledge base {KB_VERSION}.")  # the last line
    expected = r"612 x 792" if paper == "letter" else r"59[45](\.\d+)? x 841(\.\d+)?"
    assert re.match(expected, pdf_info(pdf, "Page size")), pdf_info(pdf, "Page size")


def test_report_for_half_a_year_prints_on_one_page(tmp_path: Path) -> None:
    six_weeks_of_entries()
    pdf = print_pdf(run("report", "-f", "html", "--weeks", "26"), "A4", tmp_path)
    assert pages(pdf) == 1
    assert "3 weeks at a time" in page_text(pdf, 1)


def word_heights(pdf: Path, number: int, word: str) -> list[float]:
    """The height in points of each `word` on page `number` (poppler's word boxes): a font's
    box is about 1.1 times its size, so 12 pt type gives boxes of 13 pt or more."""
    boxes = subprocess.run(
        [tool("pdftotext"), "-bbox", "-f", str(number), "-l", str(number), str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    pattern = rf'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">{re.escape(word)}</word>'
    return [float(bottom) - float(top) for top, bottom in re.findall(pattern, boxes)]


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("routine", ["standing-wall", "seated-chair", "lying-back"])
def test_routine_card_for_the_wall_is_one_page(routine: str, paper: str, tmp_path: Path) -> None:
    """Page 1 alone is the card for the wall: the emergency signs and numbers, the picture with
    its key, the stop rules and every step in 12 pt type; the rest follows on page 2."""
    from sciaticli.knowledge import load_knowledge_base
    from sciaticli.routines import plan
    from sciaticli.safety import numbers_for, red_flags_by_urgency

    kb = load_knowledge_base()
    region = "us" if paper == "letter" else "uk"
    pdf = print_pdf(run("home-routine", routine, "-f", "html", "--region", region), paper, tmp_path)
    assert pages(pdf) == 2
    first = page_text(pdf, 1, raw=True)
    assert "Stop and get emergency help if" in first
    numbers = numbers_for(kb, region)
    assert f"The number is {numbers[0].emergency} in {numbers[0].name}" in first
    for number in numbers[1:]:  # every other region's number too
        assert f"{number.emergency} ({number.name})" in first, number.name
    for flag in red_flags_by_urgency(kb)["emergency"]:
        assert " ".join(flag.short.split()) in first, flag.id  # each sign, in short
    for part in ("Where the ball goes", "Ball here:", "Keep the ball out:", "Keep off bone:"):
        assert part in first  # the picture's key
    assert "Stop rules" in first
    for key in kb.routines[routine].stop_rules:
        assert " ".join(kb.safety.stop_rules[key].rule.split()) in first, key
    steps = {id(step.step): step for step in plan(kb.routines[routine], "both", None)}
    for index, step in enumerate(steps.values(), 1):
        # Each step whole, with its cue (the words, whatever the line breaks).
        assert f"{index}. " in first
        assert " ".join(step.instruction.split()) in first, index
        assert " ".join(step.step.cue.split()) in first, index
    heights = word_heights(pdf, 1, "Cue:")
    assert len(heights) == len(steps) and min(heights) >= 13, heights  # 12 pt or more
    second = page_text(pdf, 2)
    assert "Do not do this routine if any of these apply" in second
    assert "Sources" in second
    assert "https://www.nice.org.uk/guidance/ng59" in second.replace(" ", "")
