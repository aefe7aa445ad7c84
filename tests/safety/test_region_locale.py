"""The emergency number from the locale: LC_ALL, LC_MESSAGES, LANG, as POSIX reads them."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from sciaticli.cli.main import app
from sciaticli.knowledge import load_knowledge_base
from sciaticli.safety import locale_territory, numbers_for, region_from_locale
from tests.conftest import WriteFile

SIDE_BY_SIDE = (
    "The numbers: Australia 000 · Canada 911 · European Union 112 · Ireland 112 or 999 · "
    "New Zealand 111 · United Kingdom 999 · United States 911."
)


@pytest.mark.parametrize(
    ("locale", "region"),
    [
        ("en_US.UTF-8", "us"),
        ("en_GB.UTF-8", "uk"),
        ("de_DE.UTF-8", "eu"),
        ("fr_FR", "eu"),
        ("de_AT@euro", "eu"),
        ("es_ES.ISO-8859-1", "eu"),
        ("pl_PL.UTF-8", "eu"),
        ("en_IE.UTF-8", "ie"),
        ("fr_CA.UTF-8", "ca"),
        ("en_AU.UTF-8", "au"),
        ("en_NZ.UTF-8", "nz"),
        ("C", None),
        ("POSIX", None),
        ("C.UTF-8", None),
        ("en", None),
        ("ja_JP.UTF-8", None),  # a territory no region lists
        ("de_CH.UTF-8", None),  # not in the European Union
    ],
)
def test_region_from_each_kind_of_locale(locale: str, region: str | None) -> None:
    kb = load_knowledge_base()
    assert region_from_locale(kb, {"LANG": locale}) == region


def test_lc_all_wins_over_lc_messages_and_lang_and_empty_ones_are_skipped() -> None:
    assert locale_territory({"LC_ALL": "C", "LC_MESSAGES": "en_US.UTF-8"}) is None
    assert locale_territory({"LC_ALL": "", "LC_MESSAGES": "en_US.UTF-8", "LANG": "C"}) == "US"
    assert locale_territory({"LC_MESSAGES": "", "LANG": "en_NZ.UTF-8"}) == "NZ"
    assert locale_territory({}) is None


def locale_env(monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    monkeypatch.delenv("LC_MESSAGES")
    monkeypatch.setenv("LANG", lang)


def plain(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(app, [*args, "--format", "plain"])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize(
    ("lang", "title", "line"),
    [
        ("en_US.UTF-8", "EMERGENCY: CALL 911 NOW:", "The number is 911 in the United States."),
        ("en_GB.UTF-8", "EMERGENCY: CALL 999 NOW:", "The number is 999 in the United Kingdom."),
        ("de_DE.UTF-8", "EMERGENCY: CALL 112 NOW:", "The number is 112 in the European Union."),
        ("en_AU.UTF-8", "EMERGENCY: CALL 000 NOW:", "The number is 000 in Australia."),
    ],
)
def test_safety_page_puts_the_locales_number_first(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, lang: str, title: str, line: str
) -> None:
    locale_env(monkeypatch, lang)
    lines = plain(runner, "safety").splitlines()
    assert lines[0] == title
    assert line in lines[1]


@pytest.mark.parametrize("lang", ["C", "POSIX", "ja_JP.UTF-8"])
def test_unknown_locale_gets_the_neutral_panel(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    locale_env(monkeypatch, lang)
    lines = plain(runner, "safety").splitlines()
    assert lines[0] == "EMERGENCY: GET HELP NOW:"
    assert SIDE_BY_SIDE in lines[1]
    assert "Elsewhere" not in lines[1]
    assert "The number is" not in lines[1]


def test_neutral_panel_on_a_terminal_names_no_country_in_its_title(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    locale_env(monkeypatch, "C.UTF-8")
    text = runner.invoke(app, ["safety", "--format", "rich"]).stdout
    assert "EMERGENCY: get help now" in text
    assert "Australia 000" in text


def test_region_option_and_variable_win_over_the_locale(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    locale_env(monkeypatch, "en_US.UTF-8")
    assert plain(runner, "safety", "--region", "nz").startswith("EMERGENCY: CALL 111 NOW:")
    monkeypatch.setenv("SCIATICLI_REGION", "uk")
    assert plain(runner, "safety").startswith("EMERGENCY: CALL 999 NOW:")


def test_home_routine_and_check_follow_the_locale(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    locale_env(monkeypatch, "en_US.UTF-8")
    assert "The number is 911 in the United States." in plain(runner, "home-routine")
    assert "The number is 000 in Australia." in plain(runner, "home-routine", "--region", "au")
    result = runner.invoke(app, ["check", "--yes", "both-legs", "-f", "plain"])
    assert result.exit_code == 5
    assert result.stdout.startswith("EMERGENCY: CALL 911 NOW:")
    monkeypatch.setenv("LANG", "C")
    assert SIDE_BY_SIDE in plain(runner, "home-routine")


def test_json_lists_numbers_by_country_name_without_a_region(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    locale_env(monkeypatch, "C")
    result = runner.invoke(app, ["safety", "--format", "json"])
    regions = [number["region"] for number in json.loads(result.stdout)["emergency_numbers"]]
    assert regions == ["au", "ca", "eu", "ie", "nz", "uk", "us"]
    assert next(n.region for n in numbers_for(load_knowledge_base(), "us")) == "us"


def test_territories_are_validated(runner: CliRunner, write_file: WriteFile) -> None:
    bad = write_file(
        "bad.yaml",
        "safety:\n  emergency_numbers:\n"
        "    - region: xx\n      name: Somewhere\n      emergency: '123'\n"
        "      urgent: Ask.\n      urgent_sources: [nhs-sciatica]\n"
        "      sources: [nhs-sciatica]\n      territories: [gb, GBR]\n"
        "    - region: yy\n      name: Elsewhere\n      emergency: '456'\n"
        "      urgent: Ask.\n      urgent_sources: [nhs-sciatica]\n"
        "      sources: [nhs-sciatica]\n      territories: [GB]\n",
    )
    result = runner.invoke(app, ["validate", str(bad)])
    assert result.exit_code == 1
    assert "two-letter country code in capitals (GB, US, DE), not 'gb'" in result.output
    assert "territory GB already belongs to region 'uk'" in result.output


def test_a_users_region_with_its_own_territory_is_used(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, write_file: WriteFile
) -> None:
    mine = write_file(
        "mine.yaml",
        "safety:\n  emergency_numbers:\n"
        "    - region: za\n      name: South Africa\n      emergency: '10177 or 112'\n"
        "      urgent: Ask.\n      urgent_sources: [nhs-sciatica]\n"
        "      sources: [nhs-sciatica]\n      territories: [ZA]\n",
    )
    locale_env(monkeypatch, "en_ZA.UTF-8")
    text = plain(runner, "safety", "--kb", str(mine))
    assert text.startswith("EMERGENCY: CALL 10177 OR 112 NOW:")


@pytest.mark.parametrize(
    ("lang", "title"),
    [("en_US.UTF-8", "EMERGENCY: call 911 now"), ("C.UTF-8", "EMERGENCY: get help now")],
)
def test_on_a_real_terminal_the_panel_follows_the_locale(
    tmp_path: Path, lang: str, title: str
) -> None:
    from tests.terminal import environment, run_on_pty

    env = environment(tmp_path, LANG=lang)
    del env["LC_MESSAGES"]
    status, shown = run_on_pty(["safety"], env, columns=80, rows=500)
    assert status == 0
    assert shown.lstrip().splitlines()[0].startswith(f"╭─ {title} ")
