"""`sciaticli self-care`: the content rules of its page (sourced, dated, plain, NICE on medicines
as NICE's position), the emergency signs first in every format, and on a real terminal: the
first screen at 80x24 holds every emergency sign, and nothing is cut at 40 columns."""

from __future__ import annotations

import json
import re
import shlex
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sciaticli.cli.main import app
from sciaticli.knowledge import load_knowledge_base
from sciaticli.model_topics import (
    Topic,
)
from sciaticli.safety import red_flags_by_urgency
from tests import readability
from tests.terminal import Tmux, environment, on_pty

KB = load_knowledge_base()
EMERGENCY = [flag.short for flag in red_flags_by_urgency(KB)["emergency"]]
SAME_DAY = [flag.short for flag in red_flags_by_urgency(KB)["urgent"]]


def topic() -> Topic:
    return KB.topics["self-care"]


def texts(page: Topic) -> list[str]:
    found = [page.summary]
    for section in page.sections:
        found += [section.heading, section.text, *(item.line() for item in section.items)]
    return found


def section(heading_start: str) -> str:
    """The text of the section whose heading starts with `heading_start`, items included."""
    for part in topic().sections:
        if part.heading.startswith(heading_start):
            return " ".join([part.heading, part.text, *(item.line() for item in part.items)])
    raise AssertionError(f"no section '{heading_start}'")


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def test_every_section_cites_sources_the_knowledge_base_has_and_is_reviewed() -> None:
    page = topic()
    assert page.reviewed == "2026-12-07"
    for part in page.sections:
        assert part.sources, part.heading
        assert set(part.sources) <= set(KB.sources), part.heading
    assert {"nhs-sciatica", "nice-ng59", "nhs-physiotherapy"} <= set(page.sources)


def test_plain_words_grade_6_and_no_sentence_over_25_words() -> None:
    assert readability.grade(texts(topic())) <= 6
    for text in texts(topic()):
        for sentence in readability.sentences(text):
            assert len(readability.words(sentence)) <= 25, sentence


def test_never_safe_or_cured() -> None:
    for text in texts(topic()):
        assert not re.search(r"\b(safe|safely|safety|cure|cured|cures)\b", text, re.I), text


@pytest.mark.parametrize(
    ("heading", "needed"),
    [
        ("Keep moving", ["normal", "lie down", "sit", "walks"]),
        ("Ways to lie", ["between your knees", "pillows under your knees"]),
        ("Heat", ["numb", "hot-water bottle"]),
        ("Sleep and worry", ["sleep", "worry", "doctor"]),
        ("What to expect", ["4 to 6 weeks", "20 to 30 in 100", "55 in 100"]),
        ("If it does not settle", ["refer yourself", "scan", "epidural", "operation"]),
    ],
)
def test_each_part_of_the_advice_is_there(heading: str, needed: list[str]) -> None:
    text = section(heading)
    for phrase in needed:
        assert phrase.lower() in text.lower(), (heading, phrase)


def test_medicines_are_what_nice_says_without_doses_and_with_who_to_ask() -> None:
    text = section("What NICE says about medicines")
    for phrase in ("gabapentin", "pregabalin", "steroid tablets", "benzodiazepines", "opioid"):
        assert phrase in text.lower(), phrase
    assert "Ask a pharmacist or your doctor" in text
    assert "NICE" in text and "no doses" in text
    assert "Do not just stop" in text
    # No dose of any kind: no amounts, units or times a day.
    assert not re.search(r"\d+\s*(mg|g|ml|micrograms?)\b|times a day|a day\b", text, re.I)


def test_the_course_figures_are_those_the_about_page_already_cites() -> None:
    expected = next(s for s in KB.topics["about"].sections if s.heading == "How it usually goes")
    mine = next(s for s in topic().sections if s.heading == "What to expect")
    assert set(mine.sources) == set(expected.sources)


@pytest.mark.parametrize("fmt", ["plain", "markdown", "html", "rich"])
def test_the_emergency_signs_come_before_the_advice(runner: CliRunner, fmt: str) -> None:
    result = runner.invoke(app, ["self-care", "-f", fmt])
    assert result.exit_code == 0, result.output
    shown = result.stdout
    advice = shown.index("Keep moving")
    for sign in EMERGENCY:
        first_words = sign.split(":")[0][:30]
        assert -1 < shown.index(first_words) < advice, sign
    lower = shown.lower()
    assert "get emergency help now if" in lower
    assert lower.index("urgent: see a doctor today") > lower.index("what nice says about medicines")


def test_plain_text_in_full(runner: CliRunner) -> None:
    shown = runner.invoke(app, ["self-care", "-f", "plain"]).stdout
    lines = shown.splitlines()
    assert lines[0] == "LOOKING AFTER YOURSELF WITH SCIATICA"
    assert "The number is 999 in the United Kingdom." in shown  # the locale's region first
    for text in texts(topic()):
        assert text in shown or text.upper() in shown, text
    assert "Checked against its sources on" in lines[-1]


def test_json(runner: CliRunner) -> None:
    data = json.loads(runner.invoke(app, ["self-care", "-f", "json"]).stdout)
    assert data["id"] == "self-care"
    assert data["emergency"]["signs"] == EMERGENCY
    assert data["same_day"]["signs"] == SAME_DAY
    assert "999" in data["emergency"]["call"]
    assert [s["heading"] for s in data["sections"]] == [s.heading for s in topic().sections]
    keys = {source["key"] for source in data["sources"]}
    assert {"nhs-sciatica", "nice-ng59", "nhs-back-pain-urgent"} <= keys  # the signs' too
    assert data["kb_version"] == load_knowledge_base().version


def test_region_puts_its_number_first(runner: CliRunner) -> None:
    shown = runner.invoke(app, ["self-care", "--region", "nz", "-f", "plain"]).stdout
    assert "The number is 111 in New Zealand." in shown
    assert "NHS 111" not in shown  # the UK's advice line is never shown to New Zealand


def test_an_unknown_region_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(app, ["self-care", "--region", "mars"])
    assert result.exit_code == 2
    assert "unknown region 'mars'" in result.stderr
    assert "Traceback" not in result.output


def test_a_knowledge_base_without_the_page_is_one_clear_error(
    runner: CliRunner, tmp_path: Path
) -> None:
    # A user's file cannot take a bundled topic away, so the message is only for a broken
    # install; a user's self-care topic replaces the bundled one, marked as theirs.
    mine = tmp_path / "mine.yaml"
    mine.write_text(
        "topics:\n  - id: self-care\n    title: My own page\n    summary: Mine.\n"
        "    sections:\n      - heading: Walks\n        text: Walk a bit.\n"
        "    sources: [nhs-sciatica]\n",
        encoding="utf-8",
    )
    shown = runner.invoke(app, ["self-care", "--kb", str(mine), "-f", "plain"]).stdout
    assert shown.startswith("MY OWN PAGE")
    assert f"From your file: {mine}" in shown
    assert shown.index("GET EMERGENCY HELP NOW IF") < shown.index("Walk a bit.")


def test_a_bad_entry_is_refused_by_validate(runner: CliRunner, tmp_path: Path) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text(
        "topics:\n  - id: self-care\n    title: Mine\n    summary: Mine.\n    dose: 2 a day\n"
        "    sections:\n      - heading: Walks\n        text: Walk.\n        sources: [no-such]\n"
        "    sources: [nhs-sciatica]\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["validate", str(mine)])
    assert result.exit_code == 1
    assert f"{mine}:5: topic 'self-care': unknown key 'dose'" in result.stdout
    assert f"{mine}:9: topic 'self-care' section 1: unknown source 'no-such'" in result.stdout


def test_search_opens_the_page_with_its_command(runner: CliRunner) -> None:
    data = json.loads(runner.invoke(app, ["search", "pillow", "-f", "json"]).stdout)
    assert data["hits"][0]["id"] == "self-care"
    assert data["hits"][0]["command"] == "sciaticli self-care"


def test_help_lists_it(runner: CliRunner) -> None:
    shown = runner.invoke(app, ["--help"]).stdout
    assert re.search(r"self-care\s+Looking after yourself", shown)


def _box_text(screen: str) -> str:
    """The screen's words without the panel's borders and bullets, on one line."""
    return " ".join(re.sub(r"[│╭╮╰╯─•]", " ", screen).split())


def test_the_first_screen_at_80x24_holds_every_emergency_sign(tmp_path: Path) -> None:
    # Real less, as a person at a terminal gets it: the page is taller than the screen.
    env = environment(tmp_path)
    del env["SCIATICLI_PAGER"]
    kept = ("SCIATICLI_HOME", "TERM", "LC_MESSAGES", "PATH", "HOME", "LANG")
    variables = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items() if k in kept)
    program = f"{shlex.quote(sys.executable)} -m sciaticli self-care"
    with Tmux(tmp_path, f"env -i {variables} {program}; echo EXIT=$?; sleep 30") as tmux:
        # less has drawn its first screen when its prompt is on the last line.
        first = tmux.wait_until(
            lambda screen: screen.rstrip().splitlines()[-1:] == [":"], "less's prompt"
        )
        assert first.splitlines()[0] == "Looking after yourself with sciatica"
        flat = _box_text(first)
        assert "Get emergency help now if" in flat
        assert "The number is 999 in the United Kingdom." in flat
        for sign in EMERGENCY:
            assert sign in flat, sign
        tmux.send("q")
        assert "EXIT=0" in tmux.wait_for("EXIT=", timeout=10)


def test_nothing_is_cut_at_40_columns(tmp_path: Path) -> None:
    done = on_pty(["self-care"], environment(tmp_path), columns=40, rows=400)
    assert done.status == 0
    lines = done.text.splitlines()
    assert all(len(line) <= 40 for line in lines), max(lines, key=len)
    shown = words(done.text)
    for text in [*texts(topic()), *EMERGENCY]:
        expected = words(text)
        # Every word, in order: wrapped, never cut or dropped.
        position = 0
        for word in expected:
            position = shown.index(word, position) + 1
