"""`sciaticli techniques` and `sciaticli validate` through the CLI, in every format."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sciaticli import __version__
from sciaticli.cli.commands import (
    COMMANDS,
)
from sciaticli.cli.main import (
    app,
)
from sciaticli.knowledge import bundled_path, load_knowledge_base
from sciaticli.model import FAMILY_SHORT
from tests.conftest import USER_KB, WriteFile

ANSI = re.compile(r"\x1b\[")

PLAIN = """\
TEST PRESS

Also called: Testing touch
Family: Western clinical and relaxation massage
Performed by: therapist, self
Pressure: light to moderate
Targets: test muscle
Evidence: insufficient (no useful trials)
From your file: mine.yaml

A made-up technique used by the tests.

CAUTIONS:
- Stop if pain travels down the leg.

How it is done
1. Press gently.
2. Let go.

Why it may help

It may not help at all.

Evidence: insufficient (no useful trials)

No trial has tested it.

Sources

test-handbook: A test handbook. Test Press. 2020.
nhs-sciatica: Sciatica. NHS. https://www.nhs.uk/conditions/sciatica/ (accessed 2026-12-07)

Not every entry here has a review date · knowledge base {version}
""".replace("{version}", load_knowledge_base().version)

MARKDOWN = """\
# Test press

- **Also called:** Testing touch
- **Family:** Western clinical and relaxation massage
- **Performed by:** therapist, self
- **Pressure:** light to moderate
- **Targets:** test muscle
- **Evidence:** insufficient (no useful trials)
- **From your file:** mine.yaml

A made-up technique used by the tests.

## Cautions

- Stop if pain travels down the leg.

## How it is done

1. Press gently.
2. Let go.

## Why it may help

It may not help at all.

## Evidence: insufficient (no useful trials)

No trial has tested it.

## Sources

- **test-handbook:** A test handbook. Test Press. 2020.
- **nhs-sciatica:** Sciatica. NHS. https://www.nhs.uk/conditions/sciatica/ (accessed 2026-12-07)

Not every entry here has a review date · knowledge base {version}
""".replace("{version}", load_knowledge_base().version)

RICH = """\
Test press

Also called     Testing touch
Family          Western clinical and relaxation massage
Performed by    therapist, self
Pressure        light to moderate
Targets         test muscle
Evidence        insufficient (no useful trials)
From your file  mine.yaml

A made-up technique used by the tests.

╭─ Cautions ───────────────────────────────────────────────╮
│  • Stop if pain travels down the leg.                    │
╰──────────────────────────────────────────────────────────╯

How it is done
 1. Press gently.
 2. Let go.

Why it may help

It may not help at all.

Evidence: insufficient (no useful trials)

No trial has tested it.

Sources

test-handbook  A test handbook. Test Press. 2020.
nhs-sciatica   Sciatica. NHS.
               https://www.nhs.uk/conditions/sciatica/
               (accessed 2026-12-07)

Not every entry here has a review date · knowledge base
{version}
""".replace("{version}", load_knowledge_base().version)


def invoke(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(("fmt", "expected"), [("plain", PLAIN), ("markdown", MARKDOWN)])
def test_one_technique_exact_text(
    runner: CliRunner, user_kb: Path, fmt: str, expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Run beside the file so that "From your file" shows a short, known path.
    monkeypatch.chdir(user_kb.parent)
    assert invoke(runner, "techniques", "test-press", "--kb", "mine.yaml", "-f", fmt) == (
        0,
        expected,
        "",
    )


def test_one_technique_rich_exact_text(
    runner: CliRunner, user_kb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    monkeypatch.chdir(user_kb.parent)
    args = (
        "techniques",
        "test-press",
        "--kb",
        "mine.yaml",
        "--format",
        "rich",
        "--color",
        "never",
    )
    assert invoke(runner, *args) == (0, RICH, "")


def test_rich_with_colour_forced_has_styles(runner: CliRunner, user_kb: Path) -> None:
    code, out, _ = invoke(
        runner, "techniques", "test-press", "--kb", str(user_kb), "--color", "always"
    )
    assert code == 0
    assert ANSI.search(out)
    assert "Test press" in ANSI.sub("", out)


def test_one_technique_json(runner: CliRunner, user_kb: Path) -> None:
    code, out, err = invoke(
        runner, "techniques", "testing touch", "--kb", str(user_kb), "-f", "json"
    )
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert list(data) == [
        "id", "name", "aliases", "family", "performed_by", "pressure", "targets", "summary",
        "steps", "why_it_may_help", "evidence", "cautions", "reviewed", "contraindications",
        "sources", "file", "kb_version",
    ]  # fmt: skip
    assert (data["reviewed"], data["kb_version"]) == (None, load_knowledge_base().version)
    assert data["file"] == str(user_kb)
    assert data["pressure"] == ["light", "moderate"]
    assert data["evidence"] == {"level": "insufficient", "summary": "No trial has tested it."}
    assert data["sources"][0] == {
        "key": "test-handbook",
        "title": "A test handbook",
        "publisher": "Test Press",
        "year": 2020,
        "url": None,
        "authors": None,
        "accessed": None,
    }


def test_list_plain_is_one_line_per_technique(runner: CliRunner) -> None:
    code, out, _ = invoke(runner, "techniques")
    kb = load_knowledge_base()
    lines = out.splitlines()
    assert code == 0
    assert lines[0] == "Technique\tId\tFamily\tPerformed by\tPressure\tTargets"
    oldest = min(t.reviewed or "" for t in kb.techniques.values())  # the oldest review date
    assert lines[-1] == f"Checked against its sources on {oldest} · knowledge base {kb.version}"
    names = [line.split("\t")[0] for line in lines[1:-2]]
    assert names == [t.name for t in kb.techniques.values()]


def test_list_markdown_and_json(
    runner: CliRunner, user_kb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(user_kb.parent)
    args = ("techniques", "--target", "test muscle", "--kb", "mine.yaml")
    assert invoke(runner, *args, "-f", "markdown") == (
        0,
        "# Massage techniques for sciatica\n\n"
        "- **Test press**: Id: test-press; Family: Western; Performed by: therapist, self; "
        "Pressure: light to moderate; Targets: test muscle\n\n"
        "From your file mine.yaml: Test press.\n\n"
        "Not every entry here has a review date · knowledge base "
        f"{load_knowledge_base().version}\n",
        "",
    )
    _, out, _ = invoke(runner, *args, "-f", "json")
    assert [entry["id"] for entry in json.loads(out)] == ["test-press"]


def test_list_rich_shows_a_table_and_a_hint(runner: CliRunner) -> None:
    code, out, _ = invoke(runner, "techniques", "-f", "rich", "--family", "oriental")
    assert code == 0
    # At 80 columns the Targets column is left out (each row keeps to one or two lines).
    assert re.search(r"Technique\s+Id\s+Family\s+Performed by\s+Pressure\n", out)
    assert "One in full: sciaticli techniques NAME" in out


def rows(out: str) -> list[list[str]]:
    """The table's rows: after the header, before the blank line and the review line."""
    lines = out.splitlines()
    assert lines[-1].startswith("Checked against its sources on ")
    return [line.split("\t") for line in lines[1:-2]]


@pytest.mark.parametrize("family", ["western", "structural", "oriental", "energy"])
def test_family_filter(runner: CliRunner, family: str) -> None:
    code, out, _ = invoke(runner, "techniques", "--family", family.upper())
    expected = [t.name for t in load_knowledge_base().techniques.values() if t.family == family]
    assert code == 0
    assert [row[0] for row in rows(out)] == expected
    assert {row[2] for row in rows(out)} == {FAMILY_SHORT[family]}


def test_target_filter_matches_part_of_a_muscle_name(runner: CliRunner) -> None:
    code, out, _ = invoke(runner, "techniques", "--target", "Piriformis")
    kb = load_knowledge_base().techniques.values()
    assert code == 0
    assert [row[0] for row in rows(out)] == [t.name for t in kb if "piriformis" in t.targets]
    code, out, _ = invoke(runner, "techniques", "--target", "glute")
    assert all("gluteus" in row[5] for row in rows(out))
    assert len(rows(out)) > 5


def test_pressure_and_self_care_filters(runner: CliRunner) -> None:
    code, out, _ = invoke(runner, "techniques", "--pressure", "deep")
    assert code == 0
    assert rows(out)
    assert all("deep" in row[4] for row in rows(out))
    code, out, _ = invoke(runner, "techniques", "--self-care")
    kb = load_knowledge_base().techniques.values()
    assert [row[0] for row in rows(out)] == [t.name for t in kb if "self" in t.performed_by]
    assert all("self" in row[3] for row in rows(out))


def test_filters_that_match_nothing_say_so(runner: CliRunner) -> None:
    code, out, err = invoke(runner, "techniques", "--family", "energy", "--pressure", "deep")
    assert (code, out) == (1, "")
    assert err == "Error: no technique matches all of these filters\n"


def test_unknown_muscle_suggests(runner: CliRunner) -> None:
    code, out, err = invoke(runner, "techniques", "--target", "piriformus")
    assert (code, out) == (1, "")
    assert err == (
        "Error: no technique targets a muscle called 'piriformus'; did you mean piriformis?\n"
    )


@pytest.mark.parametrize(
    ("query", "technique_id"),
    [
        ("shiatsu", "shiatsu"),
        ("SHIATSU", "shiatsu"),
        ("Cross fiber friction", "cross-fibre-friction"),
        ("longitudinal strapping", "longitudinal-stripping"),
        ("static compression", "ischemic-compression"),
        ("swed", "swedish-massage"),
        ("hot-st", "hot-stone-massage"),
        ("Alexander", "alexander-technique"),
    ],
)
def test_name_matching(runner: CliRunner, query: str, technique_id: str) -> None:
    code, out, _ = invoke(runner, "techniques", query, "-f", "json")
    assert (code, json.loads(out)["id"]) == (0, technique_id)


def test_typo_gets_suggestions_and_exit_1(runner: CliRunner) -> None:
    code, out, err = invoke(runner, "techniques", "shiatzu")
    assert (code, out) == (1, "")
    assert err == (
        "Error: no technique called 'shiatzu'; did you mean Shiatsu (shiatsu)? "
        "To look for it in every entry: sciaticli search shiatzu\n"
    )


def test_ambiguous_prefix_lists_candidates(runner: CliRunner) -> None:
    code, out, err = invoke(runner, "techniques", "tennis")
    assert (code, out) == (1, "")
    assert err.startswith("Error: 'tennis' matches more than one technique: ")
    assert "(tennis-ball-pressure)" in err
    assert "(tennis-ball-rolling)" in err


def test_filters_with_a_name_are_a_usage_error(runner: CliRunner) -> None:
    code, out, err = invoke(runner, "techniques", "shiatsu", "--self-care")
    assert (code, out) == (2, "")
    assert "filters apply to the list" in err


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (("techniques", "--format", "xml"), "'xml' is not one of"),
        (("techniques", "--color", "sometimes"), "'sometimes' is not one of"),
        (("techniques", "--family", "eastern"), "'eastern' is not one of"),
        (("techniques", "--pressure", "hard"), "'hard' is not one of"),
        (("techniques", "--bogus"), "No such option: --bogus"),
        (("cure",), "No such command 'cure'"),
    ],
)
def test_bad_options_are_usage_errors(runner: CliRunner, args: tuple[str, ...], named: str) -> None:
    code, out, err = invoke(runner, *args)
    assert (code, out) == (2, "")
    assert named in err
    assert "Traceback" not in err


def test_kb_from_environment(runner: CliRunner, user_kb: Path) -> None:
    result = runner.invoke(
        app, ["techniques", "test-press", "-f", "json"], env={"SCIATICLI_KB": str(user_kb)}
    )
    assert result.exit_code == 0
    assert json.loads(result.stdout)["id"] == "test-press"


def test_missing_kb_file_is_one_clear_error(runner: CliRunner, tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    assert invoke(runner, "techniques", "--kb", str(missing)) == (
        1,
        "",
        f"Error: knowledge base file not found: {missing}\n",
    )


def test_broken_kb_file_lists_problems_and_is_left_alone(
    runner: CliRunner, write_file: WriteFile
) -> None:
    text = USER_KB.replace("family: western", "family: [western")
    path = write_file("broken.yaml", text)
    code, out, err = invoke(runner, "techniques", "--kb", str(path))
    assert (code, out) == (1, "")
    assert err.startswith(f"Error: invalid knowledge base {path} (1 problem):\n  {path}:11: ")
    assert "not valid YAML" in err
    assert path.read_text(encoding="utf-8") == text


def test_validate_valid_file(runner: CliRunner, user_kb: Path) -> None:
    code, out, err = invoke(runner, "validate", str(user_kb))
    merged = load_knowledge_base(user_kb)
    count, sources = len(merged.techniques), len(merged.sources)
    assert sources == len(load_knowledge_base(None).sources) + 1  # the file adds one
    assert (code, err) == (0, "")
    assert out == (
        f"{user_kb}: valid ({count} techniques, {sources} sources with the bundled knowledge "
        "base)\n"
        f"{user_kb}: warning: technique 'test-press' has no review date (reviewed: YYYY-MM-DD)\n"
    )


def test_validate_warns_about_an_old_review_date(runner: CliRunner, write_file: WriteFile) -> None:
    from sciaticli.cli.validate import review_warnings

    path = write_file(
        "old.yaml",
        USER_KB.replace(
            "    name: Test press\n", "    name: Test press\n    reviewed: 2020-01-31\n"
        ),
    )
    kb = load_knowledge_base(path)
    assert review_warnings(kb, str(path), today=date(2023, 1, 30)) == []
    assert review_warnings(kb, str(path), today=date(2023, 2, 1)) == [
        "technique 'test-press' was last reviewed on 2020-01-31, over 3 years ago"
    ]
    code, out, _ = invoke(runner, "validate", str(path))
    assert code == 0
    assert "over 3 years ago" in out


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2026-02-30", "is not a real date"),
        ("22/11/2026", "must be a date written YYYY-MM-DD"),
        ("2999-01-01", "is in the future"),
    ],
)
def test_a_bad_review_date_is_reported(
    runner: CliRunner, write_file: WriteFile, value: str, message: str
) -> None:
    text = USER_KB.replace(
        "    name: Test press\n", f"    name: Test press\n    reviewed: {value}\n"
    )
    code, out, _ = invoke(runner, "validate", str(write_file("bad.yaml", text)))
    assert code == 1
    assert message in out


def test_validate_bundled_file(runner: CliRunner) -> None:
    code, out, _ = invoke(runner, "validate", str(bundled_path()))
    assert code == 0
    assert ": valid (" in out


def test_validate_lists_every_problem(runner: CliRunner, write_file: WriteFile) -> None:
    text = USER_KB.replace("family: western", "family: westen").replace(
        "level: insufficient", "level: none"
    )
    path = write_file("bad.yaml", text)
    code, out, err = invoke(runner, "validate", str(path))
    assert code == 1
    assert out == (
        f"{path}:10: technique 'test-press': 'family' must be one of western, structural, "
        "oriental, energy, not 'westen'\n"
        f"{path}:20: technique 'test-press': 'level' must be one of moderate, low, very-low, "
        "insufficient, not 'none'\n"
    )
    assert err == f"{path}: 2 problems\n"


def test_version(runner: CliRunner) -> None:
    assert invoke(runner, "--version") == (0, f"sciaticli {__version__}\n", "")


def test_every_command_has_help_text(runner: CliRunner) -> None:
    import typer

    command = typer.main.get_command(app)
    assert isinstance(command, typer.core.TyperGroup)
    names = command.list_commands(typer.Context(command))
    assert names == list(COMMANDS)
    assert {"techniques", "home-routine", "safety", "check", "validate"} <= set(names)
    assert {"about", "therapist", "myths", "sources", "search"} <= set(names)
    for name in names:
        sub = command.get_command(typer.Context(command), name)
        assert sub is not None
        assert sub.help, name
        code, out, _ = invoke(runner, name, "--help")
        assert code == 0
        assert sub.help.splitlines()[0] in " ".join(out.split())
        assert "Exit status: 0 " in out
    code, out, _ = invoke(runner, "--help")
    assert code == 0
    assert "Exit status: 0 ok, 1 error (bad file, unknown name), 2 usage error." in out


def test_markdown_is_commonmark_headings_and_lists(runner: CliRunner) -> None:
    from markdown_it import MarkdownIt

    code, out, _ = invoke(runner, "techniques", "deep tissue", "-f", "markdown")
    tokens = MarkdownIt("commonmark").parse(out)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert code == 0
    assert headings[0] == "Deep tissue massage"
    assert {"Cautions", "How it is done", "Why it may help", "Sources"} <= set(headings)
    assert any(t.type == "ordered_list_open" for t in tokens)
    assert any(t.type == "bullet_list_open" for t in tokens)


@pytest.mark.parametrize("fmt", ["plain", "markdown"])
def test_text_formats_are_clean_for_notes(runner: CliRunner, fmt: str) -> None:
    kb = load_knowledge_base()
    for technique in kb.techniques.values():
        code, out, _ = invoke(runner, "techniques", technique.id, "-f", fmt)
        assert code == 0
        assert not ANSI.search(out)
        assert not re.search(r"[─│╭╮╰╯┃━]", out)
        assert all(line == line.rstrip() for line in out.splitlines())
        assert technique.steps[0] in out or fmt == "markdown"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2026.10", 'must be quoted text such as "2026.11", not the number 2026.1'),
        ("'November'", "must look like 2026.11 (year.month), not 'November'"),
    ],
)
def test_a_bad_version_is_reported(
    runner: CliRunner, write_file: WriteFile, value: str, message: str
) -> None:
    path = write_file("versioned.yaml", f"version: {value}\n" + USER_KB)
    code, out, _ = invoke(runner, "validate", str(path))
    assert code == 1
    assert message in out
