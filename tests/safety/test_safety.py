"""`sciaticli safety` and `sciaticli check`: emergency first in every format, every verdict."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from sciaticli.cli.main import app
from sciaticli.knowledge import load_knowledge_base
from sciaticli.safety import VERDICTS, Question, groups, questions

KB = load_knowledge_base()
EMERGENCY_SIGN = next(f.sign for f in KB.safety.red_flags.values() if f.urgency == "emergency")
URGENT_SIGN = next(f.sign for f in KB.safety.red_flags.values() if f.urgency == "urgent")
FIRST_CONTRAINDICATION = next(iter(KB.safety.contraindications.values()))


def invoke(runner: CliRunner, *args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("fmt", ["plain", "markdown", "rich"])
def test_safety_puts_emergency_first(runner: CliRunner, fmt: str) -> None:
    code, out, err = invoke(runner, "safety", "-f", fmt, "--color", "never")
    out = " ".join(re.sub(r"[│╭╮╰╯─•]", " ", out).split())  # undo rich's wrapping and boxes
    assert (code, err) == (0, "")
    assert "EMERGENCY" in out
    order = [
        out.index("EMERGENCY"),
        out.index(EMERGENCY_SIGN),
        out.index(URGENT_SIGN),
        out.index(FIRST_CONTRAINDICATION.condition),
        out.index(next(iter(KB.safety.stop_rules.values())).rule),
    ]
    assert order == sorted(order)
    assert out.index("999") < out.index("911") < out.index("112")


def test_safety_json_has_emergency_first(runner: CliRunner) -> None:
    code, out, _ = invoke(runner, "safety", "-f", "json")
    data = json.loads(out)
    assert code == 0
    assert list(data)[:2] == ["emergency_numbers", "red_flags"]
    assert list(data["red_flags"]) == ["emergency", "urgent", "soon"]
    assert data["red_flags"]["emergency"][0]["sign"] == EMERGENCY_SIGN
    assert list(data["contraindications"]) == ["no-massage", "no-deep-pressure", "ask-doctor"]


def test_emergency_panel_is_red_on_a_terminal(runner: CliRunner) -> None:
    code, out, _ = invoke(runner, "safety", "--color", "always")
    first_line = out.splitlines()[0]
    assert code == 0
    assert "\x1b[" in first_line and "31" in first_line  # red
    assert "EMERGENCY" in re.sub(r"\x1b\[[0-9;]*m", "", first_line)


@pytest.mark.parametrize(("region", "first"), [("us", "911"), ("EU", "112"), ("uk", "999")])
def test_region_shows_the_local_number_first(runner: CliRunner, region: str, first: str) -> None:
    code, out, _ = invoke(runner, "safety", "--region", region, "-f", "plain")
    assert code == 0
    assert out.splitlines()[0] == f"EMERGENCY: CALL {first} NOW:"
    env_result = runner.invoke(app, ["safety", "-f", "plain"], env={"SCIATICLI_REGION": region})
    assert env_result.stdout.splitlines()[0] == f"EMERGENCY: CALL {first} NOW:"


def test_unknown_region_is_a_usage_error(runner: CliRunner) -> None:
    code, out, err = invoke(runner, "safety", "--region", "mars")
    assert (code, out) == (2, "")
    assert "unknown region 'mars' (known: uk, us, ca, eu, ie, au, nz)" in err


def test_questions_ask_the_most_urgent_first_and_follow_ups_after_their_question() -> None:
    asked = questions(KB)
    rank = ["emergency", "urgent", "soon", "no-massage", "no-deep-pressure", "ask-doctor"]
    top = [q for q in asked if q.asked_if is None]
    follow_ups = {q.id: [f for f in asked if f.asked_if == q.id] for q in top}

    def effective(q: Question) -> int:
        return min(rank.index(x.urgency) for x in (q, *follow_ups[q.id]))

    assert [effective(q) for q in top] == sorted(effective(q) for q in top)
    for question in asked:
        if question.asked_if is not None:
            position = [q.id for q in asked].index(question.asked_if)
            assert asked.index(question) > position
    # "Have you had cancer?" is asked among the emergency questions: a follow-up is one.
    assert effective(next(q for q in top if q.id == "cancer")) == 0


def test_no_question_is_asked_twice_and_there_are_fewer_than_before() -> None:
    asked = questions(KB)
    texts = [q.text for q in asked]
    assert len(texts) == len(set(texts))
    assert len([q for q in asked if q.asked_if is None]) < 34
    for word in ("cancer", "osteoporosis", "clot", "platelets"):
        assert sum(word in q.text.lower() for q in asked if q.asked_if is None) <= 1, word
    # Every contraindication is asked, by its own question or its red flag's.
    for item in KB.safety.contraindications.values():
        assert (item.question is None) != (item.asked_by is None)


def first_id(kind: str, urgency: str) -> str:
    return next(q.id for q in questions(KB) if q.kind == kind and q.urgency == urgency)


@pytest.mark.parametrize(
    ("yes", "verdict"),
    [
        ("", "none-reported"),
        (first_id("contraindication", "no-deep-pressure"), "doctor-first"),
        (first_id("red flag", "soon"), "doctor-first"),
        (first_id("red flag", "urgent"), "doctor-today"),
        (first_id("red flag", "emergency"), "emergency"),
        (f"{first_id('red flag', 'urgent')},{first_id('red flag', 'emergency')}", "emergency"),
    ],
)
@pytest.mark.parametrize("fmt", ["plain", "markdown", "json", "rich"])
def test_every_verdict_and_exit_code(runner: CliRunner, yes: str, verdict: str, fmt: str) -> None:
    args = ["check", "--no-others", "-f", fmt, "--color", "never"]
    code, out, err = invoke(runner, *args, *(["--yes", yes] if yes else []))
    expected = VERDICTS[verdict]
    assert code == expected.exit_code
    assert err == ""
    if fmt == "json":
        data = json.loads(out)
        assert (data["verdict"], data["exit_code"]) == (verdict, expected.exit_code)
        assert set(data["reported"]) == {part for part in yes.split(",") if part}
    else:
        assert expected.title.split(":")[0].lower() in out.lower()
    assert not re.search(r"\bsafe\b", out, re.I)


def test_emergency_verdict_names_the_number_first_in_every_format(runner: CliRunner) -> None:
    emergency = first_id("red flag", "emergency")
    for fmt in ("plain", "markdown"):
        code, out, _ = invoke(runner, "check", "--yes", emergency, "--no-others", "-f", fmt)
        assert code == 5
        assert "EMERGENCY" in out.splitlines()[0].upper()
        assert "999" in out.split("\n\n")[0] + out.split("\n\n")[1]


@pytest.mark.parametrize("fmt", ["plain", "json"])
def test_no_verdict_ever_says_safe(runner: CliRunner, fmt: str) -> None:
    everything = ",".join(q.id for q in questions(KB))
    contraindications = ",".join(KB.safety.contraindications)
    for yes in (everything, contraindications, ""):
        args = ["check", "--no-others", "-f", fmt, *(["--yes", yes] if yes else [])]
        _, out, _ = invoke(runner, *args)
        assert not re.search(r"\bsafe(ly)?\b", out, re.I)  # `sciaticli safety` is fine


def test_check_without_a_terminal_or_answers_says_so(runner: CliRunner) -> None:
    code, out, err = invoke(runner, "check")
    assert (code, out) == (2, "")
    assert "standard input is not a terminal" in err


def test_unknown_answer_id_suggests(runner: CliRunner) -> None:
    code, _, err = invoke(runner, "check", "--yes", "saddle-numbnes", "--no-others")
    assert code == 1
    assert "unknown question id 'saddle-numbnes' (did you mean 'saddle-numbness'?)" in err


def test_list_shows_question_ids_in_order(runner: CliRunner) -> None:
    code, out, _ = invoke(runner, "check", "--list")
    assert code == 0
    header, *rows = out.splitlines()
    assert header == "Id\tKind\tUrgency\tQuestion\tAsked if"
    assert [line.split("\t")[0] for line in rows] == [q.id for q in questions(KB)]


def test_list_in_json_is_json(runner: CliRunner) -> None:
    # --format was ignored: tab-separated lines came out whatever it said.
    code, out, _ = invoke(runner, "check", "--list", "--format", "json")
    assert code == 0
    listed = json.loads(out)
    assert [item["id"] for item in listed] == [q.id for q in questions(KB)]
    hip = next(item for item in listed if item["id"] == "hip-replacement")
    assert hip["asked_if"] == "recent-surgery" and hip["kind"] == "contraindication"


# `[1/4] Yes, or not sure, to any of these?` (a group) or `[1/4, question 2] Do you ...?`
PROMPT = re.compile(r"\[(\d+)/(\d+)(?:, question (\d+))?\] (.+?)\s+\[y/n/\?\]", re.S)
GROUP_PROMPT = "Yes, or not sure, to any of these?"


def prompts_in(err: str) -> list[tuple[str, str, str]]:
    """(group, question in the group or "", text) of each prompt; a group's own prompt has no
    question number."""
    return [(n, q, " ".join(text.split())) for n, _, q, text in PROMPT.findall(err)]


def question_prompts(err: str) -> list[str]:
    return [text for _, number, text in prompts_in(err) if number]


def test_interactive_asks_in_order_and_stops_at_an_emergency(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sciaticli.cli.safety.stdin_is_terminal", lambda: True)
    asked = questions(KB)
    code, out, err = invoke(runner, "check", "-f", "plain", stdin="y\nn\nmaybe\ny\n")
    prompts = prompts_in(err)
    assert [(group, number) for group, number, _ in prompts] == [
        ("1", ""), ("1", "1"), ("1", "2"), ("1", "2")
    ]  # fmt: skip
    assert prompts[0][2] == GROUP_PROMPT
    assert [text for _, _, text in prompts[1:3]] == [asked[0].text, asked[1].text]
    assert "Please answer y (yes), n (no) or ? (not sure)." in err
    assert asked[1].urgency == "emergency"
    assert code == 5
    assert "EMERGENCY" in out


def test_interactive_all_no_lists_every_question_and_gives_none_reported(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sciaticli.cli.safety.stdin_is_terminal", lambda: True)
    top = [q for q in questions(KB) if q.asked_if is None]
    code, out, err = invoke(runner, "check", "-f", "plain", stdin="n\n" * 8)
    assert code == 0
    prompts = prompts_in(err)
    assert len(prompts) <= 8  # a person with none of the signs: a handful of answers
    assert {text for _, _, text in prompts} == {GROUP_PROMPT}
    listed = " ".join(err.split())
    positions = [listed.index(q.text) for q in top]  # each question shown, in order
    assert positions == sorted(positions)
    for follow_up in (q for q in questions(KB) if q.asked_if is not None):
        assert follow_up.text not in listed  # a follow-up only after its question's yes
    assert "NONE OF THESE REPORTED" in out
    assert "sciaticli home-routine" in out
    out = invoke(runner, "check", "-f", "json", stdin="n\n" * 8)[1]
    # After the echoed answers; before the echoed reply to "Save these answers?" (no).
    data, _ = json.JSONDecoder().raw_decode(out[out.index("{") :])
    assert data["answers"] == {q.id: "no" for q in top}


def test_the_counter_never_goes_back(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    """Yes to every group and every question but the emergency ones: follow-ups open, and the
    counter (group, then question within it) only goes up."""
    monkeypatch.setattr("sciaticli.cli.safety.stdin_is_terminal", lambda: True)
    emergency = {q.text for q in questions(KB) if q.urgency == "emergency"}
    replies: list[str] = []

    def answers() -> str:
        return "".join(replies)

    # Answer by reading each prompt: no to the emergency questions, yes to everything else.
    shown: list[tuple[int, int]] = []
    for _ in range(60):
        _, _, err = invoke(runner, "check", "-f", "json", stdin=answers())
        prompts = prompts_in(err)
        if len(prompts) == len(replies):
            break
        _, number, text = prompts[len(replies)]
        replies.append("n\n" if number and text in emergency else "y\n")
    code, out, err = invoke(runner, "check", "-f", "json", stdin=answers())
    shown = [(int(g), int(n or 0)) for g, n, _ in prompts_in(err)]
    assert shown == sorted(shown)
    assert len(set(shown)) == len(shown)
    assert code == VERDICTS["doctor-today"].exit_code
    asked = set(json.loads(out[out.index("{") :])["answers"])
    assert {"severe-osteoporosis", "very-low-platelets", "cancer-new-back-pain"} <= asked


def test_not_sure_to_a_group_opens_it_one_by_one(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sciaticli.cli.safety.stdin_is_terminal", lambda: True)
    group = [q for q in groups(questions(KB))[1].questions if q.asked_if is None]
    stdin = "n\n" + "?\n" + "n\n" * len(group) + "n\n" * 2
    code, _, err = invoke(runner, "check", "-f", "json", stdin=stdin)
    assert code == 0
    assert question_prompts(err) == [q.text for q in group]
    assert [group for group, _, _ in prompts_in(err)] == ["1", "2", *["2"] * len(group), "3", "4"]


def test_a_yes_to_cancer_asks_its_follow_ups_at_once(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sciaticli.cli.safety.stdin_is_terminal", lambda: True)
    asked = questions(KB)
    before = [q.id for q in asked[: [q.id for q in asked].index("cancer")]]
    code, out, err = invoke(runner, "check", "--no", ",".join(before), "-f", "json", stdin="y\ny\n")
    texts = question_prompts(err)
    assert texts == [
        KB.safety.contraindications["cancer"].question,
        KB.safety.red_flags["cancer-leg-symptoms"].question,
    ]
    assert code == 5  # leg symptoms with a history of cancer: an emergency (NICE NG234)
    assert '"verdict": "emergency"' in out


def test_partial_answers_are_completed_interactively(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sciaticli.cli.safety.stdin_is_terminal", lambda: True)
    top = [q for q in questions(KB) if q.asked_if is None]
    all_but_last = ",".join(q.id for q in top[:-1])
    code, _, err = invoke(runner, "check", "--no", all_but_last, "-f", "json", stdin="y\n")
    assert len(prompts_in(err)) == 1
    assert code == VERDICTS["doctor-first"].exit_code


def test_ctrl_c_or_end_of_input_stops_with_130_and_no_verdict(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sciaticli.cli.safety.stdin_is_terminal", lambda: True)
    code, out, err = invoke(runner, "check", "-f", "json", stdin="n\n")
    assert code == 130
    assert "verdict" not in out
    assert "Stopped: no verdict" in err


def test_prompts_wrap_at_the_terminal_width(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sciaticli.cli.safety.stdin_is_terminal", lambda: True)
    monkeypatch.setenv("COLUMNS", "40")
    _, _, err = invoke(runner, "check", "-f", "plain", stdin="y\ny\n")
    # A prompt's line ends where the person presses Enter (CliRunner echoes that to stdout).
    lines = re.split(r"\n|(?<=\[y/n/\?\])", err)
    assert len(lines) > 1
    assert all(len(line) <= 40 for line in lines)


@pytest.mark.parametrize("fmt", ["plain", "json"])
def test_an_emergency_yes_decides_at_once_without_a_terminal(runner: CliRunner, fmt: str) -> None:
    code, out, err = invoke(runner, "check", "--yes", "saddle-numbness", "-f", fmt)
    assert (code, err) == (5, "")
    assert "emergency" in out.lower()


def test_an_urgent_yes_still_needs_the_other_answers_without_a_terminal(
    runner: CliRunner,
) -> None:
    code, _, err = invoke(runner, "check", "--yes", "clot-signs")
    assert code == 2
    assert "standard input is not a terminal" in err


def test_not_sure_counts_as_yes_and_says_so(runner: CliRunner) -> None:
    code, out, _ = invoke(runner, "check", "--not-sure", "clot-signs", "--no-others", "-f", "json")
    data = json.loads(out)
    assert code == 4
    assert data["verdict"] == "doctor-today"
    assert data["not_sure"] == ["clot-signs"]
    assert data["answers"]["clot-signs"] == "not sure"
    assert "dvt" in data["contraindications"]  # and no massage of that leg
    _, plain, _ = invoke(runner, "check", "--not-sure", "clot-signs", "--no-others", "-f", "plain")
    assert "(not sure)" in plain
    assert "counts them as yes until a doctor has looked at them" in plain


def test_not_sure_to_a_question_asks_its_follow_ups(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, _ = invoke(
        runner, "check", "--not-sure", "cancer", "--yes", "cancer-leg-symptoms", "-f", "json"
    )
    assert code == 5


@pytest.mark.parametrize(
    "args",
    [
        ("--yes", "fever", "--no", "fever"),
        ("--yes", "fever", "--not-sure", "fever"),
        ("--no", "fever", "--not-sure", "fever"),
    ],
)
def test_conflicting_answers_are_a_usage_error(runner: CliRunner, args: tuple[str, ...]) -> None:
    code, out, err = invoke(runner, "check", *args, "--no-others")
    assert (code, out) == (2, "")
    assert "'fever' is answered both" in err


def test_technique_shows_its_contraindications(runner: CliRunner) -> None:
    code, out, _ = invoke(runner, "techniques", "deep-tissue-massage", "-f", "plain")
    technique = KB.techniques["deep-tissue-massage"]
    assert code == 0
    assert "anticoagulants" in technique.contraindications
    for key in technique.contraindications:
        assert KB.safety.contraindications[key].condition in out
    assert out.index("CAUTIONS:") < out.index("Contraindications") < out.index("How it is done")
    data = json.loads(invoke(runner, "techniques", "deep-tissue-massage", "-f", "json")[1])
    assert [item["id"] for item in data["contraindications"]] == list(technique.contraindications)
