"""Quick logging: `log 7 4`, -r/-t/-n, the --when words, sessions stopped early or a rating
alone."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest
from typer.testing import CliRunner

from sciaticli.cli.main import app


def invoke(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def entries(runner: CliRunner) -> list[dict[str, object]]:
    code, out, _ = invoke(runner, "history", "-f", "json")
    assert code == 0
    data: list[dict[str, object]] = json.loads(out)["entries"]
    return data


def test_the_short_form_is_the_long_one(runner: CliRunner) -> None:
    code, out, err = invoke(
        runner, "log", "7", "4", "-r", "standing", "-n", "left side", "--when", "2024-03-01"
    )
    assert (code, err) == (0, "")
    assert out == (
        "Logged entry 1 for 2024-03-01: pain 7 → 4 after Tennis ball against a wall (standing).\n"
    )
    args = ["--pain-before", "7", "--pain-after", "4", "--routine", "standing"]
    assert invoke(runner, "log", *args, "--note", "left side", "--when", "2024-03-01")[0] == 0
    assert invoke(runner, "log", "5", "3", "-t", "shiatsu", "--when", "2024-03-01")[0] == 0
    first, second, third = entries(runner)
    same = ("pain_before", "pain_after", "routine", "note", "when", "session")
    assert [first[k] for k in same] == [second[k] for k in same]
    assert first["note"] == "left side" and first["session"] == "full"
    assert third["technique"] == "shiatsu"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("7", "4", "--pain-before", "6"), "given twice: as a number and as --pain-before"),
        (("7", "--pain-after", "4", "--pain-before", "7"), "given twice"),
        ((), "give the pain before (and after): sciaticli log 7 4"),
        (("7", "-r", "standing"), "give the pain after too (sciaticli log 7 4)"),
        (("7", "--session", "full"), "give the pain after too (sciaticli log 7 4)"),
        (("7", "11"), "11 is off the scale"),
        (("7", "4", "--session", "none"), "--session none is a pain rating alone"),
        (("7", "4", "1"), "unexpected extra argument(s) (1)"),
    ],
)
def test_short_form_mistakes_are_usage_errors(
    runner: CliRunner, args: tuple[str, ...], message: str
) -> None:
    code, out, err = invoke(runner, "log", *args)
    assert (code, out) == (2, "")
    assert message in err
    assert "Traceback" not in err


def test_a_rating_alone_and_a_partial_session(runner: CliRunner) -> None:
    code, out, _ = invoke(runner, "log", "8", "--session", "none", "--when", "2024-03-01 20:00")
    assert (code, out) == (
        0,
        "Logged entry 1 for 2024-03-01 20:00: pain 8 (a rating alone, no session).\n",
    )
    code, out, _ = invoke(
        runner, "log", "6", "--session", "partial", "-r", "seated", "--when", "2024-03-02"
    )
    assert code == 0
    assert out == (
        "Logged entry 2 for 2024-03-02: pain 6 before Tennis ball on a firm chair (sitting), "
        "none after (partial session: stopped early).\n"
    )
    rating, partial = entries(runner)
    assert (rating["session"], rating["pain_after"], rating["change"]) == ("none", None, None)
    assert (partial["session"], partial["pain_after"]) == ("partial", None)
    plain = invoke(runner, "history", "-f", "plain")[1]
    assert "Pain rating alone\t8\t-\t-" in plain
    assert "(partial session)\t6\t-\t-" in plain
    assert "Average pain: 7.0 before; none rated after" in plain


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        ("yesterday", lambda now: (now - timedelta(days=1)).date().isoformat()),
        ("today", lambda now: now.date().isoformat()),
        ("yesterday 20:00", lambda now: f"{(now - timedelta(days=1)).date()}T20:00:00"),
        ("today 00:00", lambda now: f"{now.date()}T00:00:00"),
    ],
)
def test_when_takes_today_and_yesterday(runner: CliRunner, when: str, expected: object) -> None:
    now = datetime.now()
    assert invoke(runner, "log", "5", "3", "--when", when)[0] == 0
    (entry,) = entries(runner)
    assert callable(expected)
    if now.date() == datetime.now().date():  # not across midnight
        assert entry["when"] == expected(now)


def test_when_takes_hours_and_minutes_ago(runner: CliRunner) -> None:
    before = datetime.now().replace(microsecond=0)
    assert invoke(runner, "log", "5", "3", "--when", "2h ago")[0] == 0
    assert invoke(runner, "log", "5", "3", "--when", "30m ago")[0] == 0
    after = datetime.now()
    two_hours, half_hour = sorted(entries(runner), key=lambda e: str(e["when"]))
    for entry, delta in ((two_hours, timedelta(hours=2)), (half_hour, timedelta(minutes=30))):
        moment = datetime.fromisoformat(str(entry["when"]))
        assert before - delta <= moment <= after - delta


def test_the_when_words_are_in_the_help(runner: CliRunner) -> None:
    out = invoke(runner, "log", "--help")[1]
    flat = " ".join(out.split())
    for words in ("yesterday", "'yesterday 20:00'", "'today 08:00'", "'2h ago'", "'30m ago'"):
        assert words in flat
    assert "-r, --routine" in flat and "-t, --technique" in flat and "-n, --note" in flat
    assert "Usage: sciaticli log [OPTIONS] [BEFORE] [AFTER]" in out


def test_one_number_alone_is_a_rating_alone(runner: CliRunner) -> None:
    code, out, err = invoke(runner, "log", "8", "--when", "2024-03-01 20:00")
    assert (code, err) == (0, "")
    assert out == "Logged entry 1 for 2024-03-01 20:00: pain 8 (a rating alone, no session).\n"
    (entry,) = entries(runner)
    assert (entry["session"], entry["pain_before"], entry["pain_after"]) == ("none", 8, None)
    # Two numbers are still before and after.
    assert invoke(runner, "log", "7", "4", "--when", "2024-03-01")[0] == 0
    assert entries(runner)[0]["session"] == "full"


def test_when_in_words_shows_the_day_it_resolved_to_before_saving(runner: CliRunner) -> None:
    now = datetime.now()
    code, out, err = invoke(runner, "log", "6", "--when", "last monday 8am")
    assert code == 0, err
    (entry,) = entries(runner)
    moment = datetime.fromisoformat(str(entry["when"]))
    assert (moment.weekday(), moment.hour, moment.minute) == (0, 8, 0)
    assert 1 <= (now.date() - moment.date()).days <= 7
    assert err == f"--when 'last monday 8am' is Monday {moment.date().isoformat()} 08:00.\n"
    assert out.startswith("Logged entry 1 for ")
