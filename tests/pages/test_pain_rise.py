"""Pain that rose by 2 or more after a session: the one decision and wording
(pages/pain_rise.py), shown by `log` and the guided routine's ending, and counted by `report`."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from sciaticli.cli.main import app
from sciaticli.knowledge import load_knowledge_base
from sciaticli.pages.pain_rise import pain_rise_advice, pain_rose
from tests.guided.fake import guided

KB = load_knowledge_base(None)
RULES = KB.safety.stop_rules
PAIN_BUILDS = RULES["pain-builds"].rule
NEXT_DAY = " ".join(RULES["next-day"].rule.split())
RED_FLAG = " ".join(RULES["red-flag"].rule.split())


@pytest.mark.parametrize(
    ("before", "after", "rose"),
    [(4, 6, True), (4, 8, True), (0, 2, True), (4, 5, False), (4, 4, False), (6, 3, False),
     (4, None, False), (None, 8, False), (5.5, 7, False), (5, 7.0, True)],
)  # fmt: skip
def test_the_decision_is_two_points_or_more(
    before: float | None, after: float | None, rose: bool
) -> None:
    assert pain_rose(before, after) is rose
    assert bool(pain_rise_advice(KB, before, after)) is rose


def test_the_advice_quotes_the_matching_stop_rules_and_the_red_flags() -> None:
    lines = pain_rise_advice(KB, 4, 8)
    assert lines[0] == "Your pain rose by 4 points, from 4 to 8, straight after this session."
    assert lines[1].startswith(f"The stop rules say: {PAIN_BUILDS} {NEXT_DAY}")
    assert lines[1].endswith("[mayo-massage, cochrane-2015, amta-2025]")  # each key once
    assert lines[2].startswith(f"Red flags (signs of a serious problem): {RED_FLAG}")
    for key in RULES["red-flag"].sources:
        assert key in lines[2]
    assert len(lines) == 3


def log(*args: str) -> str:
    result = CliRunner().invoke(app, ["log", *args])
    assert result.exit_code == 0, result.output
    # Nothing on stderr but the day a --when in words resolved to.
    assert [line for line in result.stderr.splitlines() if not line.startswith("--when")] == []
    return result.stdout


def test_log_shows_the_advice_when_pain_rose() -> None:
    out = log("4", "8")
    lines = out.splitlines()
    assert lines[0].startswith("Logged entry 1 for ") and lines[0].endswith("pain 4 → 8.")
    assert lines[1:] == pain_rise_advice(KB, 4, 8)
    partial = log("3", "5", "--session", "partial", "-r", "standing")
    assert partial.splitlines()[1:] == pain_rise_advice(KB, 3, 5)


@pytest.mark.parametrize("args", [("4", "5"), ("6", "2"), ("4", "--session", "partial")])
def test_log_says_nothing_more_when_pain_did_not_rise_by_two(args: tuple[str, ...]) -> None:
    out = log(*args)
    assert len(out.splitlines()) == 1 and "stop rules" not in out


def test_report_says_in_how_many_sessions_pain_rose() -> None:
    log("4", "8", "--when", "yesterday")
    log("5", "7", "--when", "3h ago")
    log("5", "6", "--when", "2h ago")  # 1 point: not counted
    log("5", "3", "--when", "1h ago")
    result = CliRunner().invoke(app, ["report", "-f", "json"])
    data = json.loads(result.stdout)
    assert data["sessions_pain_rose"] == 2 and len(data["days_pain_rose"]) == 2
    text = CliRunner().invoke(app, ["report", "-f", "plain"]).stdout
    line = next(line for line in text.splitlines() if line.startswith("Pain rose by 2"))
    assert line.startswith("Pain rose by 2 or more in a session: 2 sessions (")


def test_guided_ending_shows_the_advice_even_when_not_logged(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    status, shown = guided(monkeypatch, [(0, "\r")], "4\n7\nn\n")
    end = " ".join(shown.split())
    assert status == 0
    assert "Logged entry" not in end
    advice = [" ".join(line.split()) for line in pain_rise_advice(KB, 4, 7)]
    assert end.endswith("Not logged. " + " ".join(advice))
