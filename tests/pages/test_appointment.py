"""`sciaticli appointment`: a blank form without a journal, filled in from one, the emergency
signs first, every format, the user's own text made safe, the knowledge base's rules for the
page; and the journal's sentences, worked out by hand."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sciaticli import journal
from sciaticli.appointment import (
    MOST_NOTES,
    NO_FACTS,
    JournalFacts,
    Note,
    answers,
    check_sentence,
    episode_sentence,
    latest_measures,
    measure_sentence,
    notes_sentence,
    recent_notes,
    recent_pain,
)
from sciaticli.cli.main import app
from sciaticli.journal import Entry, NewEntry
from sciaticli.journal.checks import CheckAnswer, SavedCheck
from sciaticli.journal.measures import Measure, NewMeasure, measure_from_row
from sciaticli.knowledge import load_knowledge_base
from sciaticli.pages.appointment import BLANK
from sciaticli.safety import red_flags_by_urgency
from tests import readability
from tests.terminal import environment, on_pty

KB = load_knowledge_base()
TOPIC = KB.topics["appointment"]
QUESTIONS = [item for section in TOPIC.sections for item in section.items]
EMERGENCY = [flag.short for flag in red_flags_by_urgency(KB)["emergency"]]
TODAY = date(2026, 12, 7)


def entry(day: str, pain: float | None, *, leg: float | None = None, back: float | None = None,
          note: str | None = None, problems: tuple[str, ...] = ()) -> Entry:  # fmt: skip
    return Entry(1, f"{day}T09:00:00", pain, None, None, None, note, "log",
                 leg_pain=leg, back_pain=back, problems=problems)  # fmt: skip


def measure(when: str, kind: str, answers_given: Sequence[object]) -> Measure:
    return measure_from_row((1, when, kind, json.dumps(list(answers_given)), None))


# --- the sentences, worked out by hand ------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        ("2026-11-02", "It began on 2026-11-02, 5 weeks ago."),  # 35 days
        ("2026-11-24", "It began on 2026-11-24, 13 days ago."),
        ("2026-12-06", "It began on 2026-12-06, 1 day ago."),
        ("2026-12-07", "It began on 2026-12-07, today."),
        ("2026-12-20", "It began on 2026-12-20, which is after today."),
        ("last spring", "The start day kept is 'last spring', which is not a date."),
    ],
)
def test_episode_start(start: str, expected: str) -> None:
    assert episode_sentence(start, TODAY) == expected


def test_recent_pain_keeps_the_last_14_days_and_the_leg_and_back_apart() -> None:
    entries = [
        entry("2026-11-23", 9, leg=9, back=9),  # 15 days ago: out
        entry("2026-11-24", 6, leg=7, back=3),  # the first day in
        entry("2026-12-01", 5),
        entry("2026-12-03", 8, leg=8, back=2),
        entry("2026-12-05", None, leg=5, back=None, problems=("not a number",)),  # edited: out
        entry("2026-12-07", 3, leg=None, back=4),
    ]
    found = recent_pain(entries, TODAY)
    assert found is not None
    assert (found.start, found.end) == ("2026-11-24", "2026-12-07")
    assert found.pain is not None and found.leg is not None and found.back is not None
    assert (found.pain.value, found.pain.ratings, found.highest) == (5.5, 4, 8)
    assert (found.leg.value, found.leg.ratings) == (7.5, 2)
    assert (found.back.value, found.back.ratings) == (3, 3)
    sentence = answers(NO_FACTS._replace(recent=found), TODAY)["pain"]
    assert sentence == (
        "From 2026-11-24 to 2026-12-07: pain 5.5 on average (0-10, 4 ratings), 8 at the "
        "highest. Given apart, on average: leg pain 7.5 (2 ratings); back pain 3 (3 ratings)."
    )


def test_no_recent_ratings_is_nothing_to_say() -> None:
    assert recent_pain([entry("2026-10-01", 6)], TODAY) is None
    only = recent_pain([entry("2026-12-07", 6)], TODAY)
    assert only is not None
    assert answers(NO_FACTS._replace(recent=only), TODAY)["pain"] == (
        "From 2026-11-24 to 2026-12-07: pain 6 on average (0-10, 1 rating), 6 at the highest."
    )


def test_the_newest_notes_of_the_last_two_weeks() -> None:
    entries = [entry("2026-11-01", 5, note="too old")]
    entries += [entry(f"2026-12-0{day}", 5, note=f"note {day}") for day in range(1, 6)]
    notes = recent_notes(entries, TODAY)
    assert len(notes) == MOST_NOTES
    assert [note.text for note in notes] == ["note 3", "note 4", "note 5"]
    assert answers(NO_FACTS._replace(notes=notes), TODAY)["notes"] == (
        "2026-12-03: note 3. 2026-12-04: note 4. 2026-12-05: note 5."
    )


def test_the_latest_of_each_measure_and_an_incomplete_one_is_not_scored() -> None:
    recorded = [
        measure("2026-11-01T10:00:00", "peg", [8, 8, 8]),
        measure("2026-12-01T10:00:00", "peg", [6, 5, 5]),
        measure("2026-12-02T10:00:00", "psfs", [4, None, 6]),
        measure("2026-12-03T10:00:00", "rmdq", [True] * 12 + [False] * 12),
    ]
    latest = latest_measures(recorded)
    assert [m.measure for m in latest] == ["peg", "rmdq", "psfs"]
    assert measure_sentence(latest) == (
        "PEG 5.3 (0-10, lower is better) on 2026-12-01. RMDQ 12 (of 24, lower is better) on "
        "2026-12-03. PSFS on 2026-12-02: 2 of 3 items answered, so not scored."
    )


def test_the_newest_saved_check_in_a_sentence() -> None:
    answers_given = (
        CheckAnswer("both-legs", "no", "Pain in both legs?"),
        CheckAnswer("bladder-changes", "yes", "Trouble peeing?"),
        CheckAnswer("worsening-leg", "not sure", "A leg getting weaker?"),
        CheckAnswer("retired-question", "yes", "A question the knowledge base dropped?"),
    )
    names = {"bladder-changes": "New trouble peeing", "worsening-leg": "A leg getting weaker"}
    saved = SavedCheck(3, "2026-12-05T08:00:00", "emergency", answers_given)
    assert check_sentence(saved, names) == (
        "Self-check on 2026-12-05: EMERGENCY: get help now. Yes: New trouble peeing; "
        "A question the knowledge base dropped? Not sure: A leg getting weaker."
    )
    calm = SavedCheck(4, "2026-12-06T08:00:00", "none-reported", answers_given[:1])
    assert check_sentence(calm, names) == (
        "Self-check on 2026-12-06: None of these reported. Nothing was reported."
    )
    edited = SavedCheck(5, "2026-12-06T08:00:00", "by hand", ())
    assert check_sentence(edited, names).startswith("Self-check on 2026-12-06: by hand.")
    # A verdict or a short form that ends its own sentence is not given a second full stop.
    unwell = SavedCheck(6, "2026-12-06T08:00:00", "You feel very unwell.", answers_given[1:2])
    sentence = check_sentence(unwell, {"bladder-changes": "Trouble peeing."})
    assert sentence == "Self-check on 2026-12-06: You feel very unwell. Yes: Trouble peeing."


def test_notes_are_each_ended_so_they_do_not_run_together() -> None:
    notes = [
        Note("2026-12-01", "Sat all day"),
        Note("2026-12-02", "Better. "),
        Note("2026-12-03", "Why?"),
    ]
    assert notes_sentence(notes) == "2026-12-01: Sat all day. 2026-12-02: Better. 2026-12-03: Why?"


def test_only_what_the_journal_has_is_filled() -> None:
    assert answers(NO_FACTS, TODAY) == {}
    assert NO_FACTS.empty
    facts = JournalFacts("2026-11-02", None, (), (), None)
    assert answers(facts, TODAY) == {"episode-start": "It began on 2026-11-02, 5 weeks ago."}


# --- the knowledge base's page --------------------------------------------------------------


def test_the_page_is_sourced_reviewed_and_plain() -> None:
    assert TOPIC.reviewed == "2026-12-07"
    assert all(section.sources for section in TOPIC.sections)
    texts = [TOPIC.summary, *(s.text for s in TOPIC.sections), *(i.line() for i in QUESTIONS)]
    assert readability.grade(texts) <= 6
    for text in texts:
        assert not re.search(r"\b(safe|safely|cure|cured)\b", text, re.I), text
        for sentence in readability.sentences(text):
            assert len(readability.words(sentence)) <= 25, sentence


def test_it_asks_what_the_fact_sheet_says_to_tell_a_doctor() -> None:
    text = " ".join(item.line() for item in QUESTIONS).lower()
    for needed in ("began", "below the knee", "numbness", "weakness", "getting worse", "bladder",
                   "bowel", "sex", "medicines", "helps", "makes it worse"):  # fmt: skip
        assert needed in text, needed
    fills = {item.from_journal for item in QUESTIONS} - {None}
    assert fills == {"episode-start", "pain", "check", "notes", "measures"}


def test_validate_refuses_an_unknown_journal_fill(runner: CliRunner, tmp_path: Path) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text(
        "topics:\n  - id: appointment\n    title: Mine\n    summary: Mine.\n    sections:\n"
        "      - heading: Ask\n        text: Ask.\n        items:\n"
        "          - term: When\n            text: When it began.\n"
        "            from_journal: episode\n    sources: [nhs-sciatica]\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["validate", str(mine)])
    assert result.exit_code == 1
    assert f"{mine}:11: topic 'appointment' section 1: 'from_journal' must be one of" in (
        result.stdout
    )


# --- the command ----------------------------------------------------------------------------


def invoke(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(app, ["appointment", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def fill_journal() -> None:
    today = date.today()
    with journal.open_journal(journal.journal_path()) as opened:
        opened.add_many(
            [
                NewEntry(f"{(today - timedelta(days=3)).isoformat()}T09:00:00", 7, None,
                         session="none", leg_pain=7, back_pain=3,
                         note="Sat all day \x1b[31m<script>alert(1)</script>"),
                NewEntry(f"{today.isoformat()}T09:00:00", 5, 3),
            ]
        )  # fmt: skip
        opened.set_setting("episode_start", (today - timedelta(days=35)).isoformat(), "now")
        opened.add_measure(NewMeasure(f"{today.isoformat()}T10:00:00", "peg", [6, 5, 7]))


def test_without_a_journal_it_is_a_blank_form(runner: CliRunner) -> None:
    shown = invoke(runner, "-f", "plain")
    assert "From your journal" not in shown
    assert shown.count("page with you") == 1  # said once, not twice
    assert "Write a short answer on the line under each point" in shown
    assert shown.count(BLANK) == len(QUESTIONS) + 1  # and the name
    for number, item in enumerate(QUESTIONS, 1):
        assert f"{number}. {item.term}: {item.text}\n    {BLANK}" in shown
    assert not journal.journal_path().exists()  # reading made no journal


def test_with_a_journal_the_points_it_can_answer_are_filled(runner: CliRunner) -> None:
    fill_journal()
    shown = invoke(runner, "-f", "plain", "--name", "Sam Example")
    assert "Name: Sam Example" in shown
    assert "From your journal: It began on " in shown and ", 5 weeks ago." in shown
    assert "pain 6 on average (0-10, 2 ratings), 7 at the highest." in shown
    assert "leg pain 7 (1 rating); back pain 3 (1 rating)" in shown
    assert "PEG 6 (0-10, lower is better)" in shown
    # The points the journal cannot answer keep their line.
    assert shown.count(BLANK) == 4  # numbness, bladder (no check saved), medicines, ask
    blank = invoke(runner, "-f", "plain", "--blank")
    assert "From your journal" not in blank


def test_the_newest_saved_check_goes_under_bladder_bowel_and_sex(runner: CliRunner) -> None:
    fill_journal()
    with journal.open_journal(journal.journal_path()) as opened:
        opened.add_check(
            "2026-12-01T08:00:00",
            "none-reported",
            [CheckAnswer("bladder-changes", "no", "Trouble peeing?")],
        )
        opened.add_check(
            "2026-12-02T08:00:00",
            "doctor-today",
            [
                CheckAnswer("bladder-changes", "no", "Trouble peeing?"),
                CheckAnswer("worsening-leg", "yes", "A leg getting weaker?"),
            ],
        )
    shown = invoke(runner, "-f", "plain")
    weaker = KB.safety.red_flags["worsening-leg"].short
    expected = (
        "From your journal: Self-check on 2026-12-02: See a doctor today. "
        f"Yes: {weaker.removesuffix('.')}."
    )
    assert expected in shown
    assert expected + "." not in shown  # one full stop, not two
    point = shown.index("4. Bladder, bowel or sex")
    assert point < shown.index(expected) < shown.index("5. Medicines")
    data = json.loads(invoke(runner, "-f", "json"))
    check = next(q for q in data["questions"] if q["from_journal"] == "check")
    assert check["answer"] == expected.removeprefix("From your journal: ")


def test_journal_text_is_made_safe_in_every_format(runner: CliRunner) -> None:
    fill_journal()
    plain = invoke(runner, "-f", "plain")
    assert "\x1b" not in plain and "␛[31m" in plain  # shown, never obeyed
    html = invoke(runner, "-f", "html")
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    markdown = invoke(runner, "-f", "markdown")
    assert "<script>" not in markdown
    data = json.loads(invoke(runner, "-f", "json"))
    notes = next(q for q in data["questions"] if q["from_journal"] == "notes")
    assert "<script>alert(1)</script>" in notes["answer"]  # JSON keeps the text, escaped as JSON


def test_json(runner: CliRunner) -> None:
    data = json.loads(invoke(runner, "-f", "json"))
    assert data["id"] == "appointment"
    assert data["emergency"]["signs"] == EMERGENCY
    assert data["emergency"]["call"].startswith("Do not wait for your appointment.")
    assert [q["question"] for q in data["questions"]] == [item.term for item in QUESTIONS]
    assert all(q["answer"] is None for q in data["questions"])
    assert data["name"] is None and data["made"] == date.today().isoformat()
    assert {"jensen-2019", "nhs-back-pain-urgent"} <= {s["key"] for s in data["sources"]}
    assert data["kb_version"] == load_knowledge_base().version


@pytest.mark.parametrize("fmt", ["plain", "markdown", "html", "rich"])
def test_the_emergency_signs_come_before_the_questions(runner: CliRunner, fmt: str) -> None:
    fill_journal()
    shown = invoke(runner, "-f", fmt)
    first_question = shown.index("When it started")
    for sign in EMERGENCY:
        assert -1 < shown.index(sign.split(":")[0][:30]) < first_question, sign
    assert "Do not wait for your appointment." in shown


def test_a_journal_that_is_not_a_journal_is_one_clear_error(runner: CliRunner) -> None:
    path = journal.journal_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a journal at all, just text" * 10)
    result = runner.invoke(app, ["appointment", "-f", "plain"])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {path} is not a sciaticli journal")
    assert "Traceback" not in result.output and result.stdout == ""
    assert runner.invoke(app, ["appointment", "--blank", "-f", "plain"]).exit_code == 0


def test_an_unknown_region_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(app, ["appointment", "--region", "atlantis"])
    assert result.exit_code == 2 and "unknown region 'atlantis'" in result.stderr


def test_search_finds_it(runner: CliRunner) -> None:
    for query in ("appointment", "what to tell the doctor", "consultation"):
        data = json.loads(runner.invoke(app, ["search", query, "-f", "json"]).stdout)
        ids = [(hit["kind"], hit["id"]) for hit in data["hits"][:3]]
        assert ("topic", "appointment") in ids, (query, ids)


def test_nothing_is_cut_at_40_columns(tmp_path: Path) -> None:
    done = on_pty(["appointment"], environment(tmp_path), columns=40, rows=400)
    assert done.status == 0
    lines = done.text.splitlines()
    assert all(len(line) <= 40 for line in lines), max(lines, key=len)
    shown = re.findall(r"\w+", done.text.lower())
    for text in [*(item.line() for item in QUESTIONS), *EMERGENCY]:
        position = 0
        for word in re.findall(r"\w+", text.lower()):  # every word, in order
            position = shown.index(word, position) + 1


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("sciaticli appo", ["appointment"]),
        ("sciaticli self", ["self-care"]),
        ("sciaticli appointment --region n", ["nz"]),
        ("sciaticli self-care --region u", ["uk", "us"]),
        ("sciaticli search appoi", ["appointment"]),
    ],
)
def test_completion(tmp_path: Path, line: str, expected: list[str]) -> None:
    from tests.cli.test_completion import bash_complete

    assert bash_complete(tmp_path, line) == expected
