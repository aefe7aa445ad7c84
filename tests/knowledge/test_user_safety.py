"""Safety content from a user's --kb file is never silent (issue 11, part 1): it is marked on the
panel itself in every format, and a file may not change what to do in an emergency."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from sciaticli.cli.main import app
from tests.conftest import WriteFile

ADDED = """\
safety:
  emergency_numbers:
    - region: jp
      name: Japan
      emergency: "119"
      urgent: Call your own doctor.
      urgent_sources: [nhs-sciatica]
      sources: [nhs-sciatica]
  red_flags:
    - id: my-flag
      urgency: emergency
      sign: A sign my doctor told me to watch.
      question: Do you have the sign your doctor told you to watch?
      reason: My doctor said it is serious.
      sources: [nhs-sciatica]
    - id: fever
      urgency: emergency
      sign: Any fever at all, says my doctor.
      question: Do you have any fever at all?
      reason: A fever is serious for me.
      sources: [nhs-sciatica]
  contraindications:
    - id: my-condition
      level: no-massage
      condition: My own condition.
      why: My doctor said so.
      question: Do you have my condition?
      sources: [nhs-sciatica]
  stop_rules:
    - id: sharp-pain
      rule: Stop at any pain at all.
      sources: [nhs-sciatica]
"""


@pytest.mark.parametrize("fmt", ["plain", "markdown", "rich"])
def test_every_safety_item_from_a_user_file_is_marked_on_the_panel(
    runner: CliRunner, write_file: WriteFile, fmt: str
) -> None:
    path = write_file("mine.yaml", ADDED)
    result = runner.invoke(
        app, ["safety", "--kb", str(path), "-f", fmt, "--color", "never"], env={"COLUMNS": "200"}
    )
    assert result.exit_code == 0
    shown = re.sub(r"\\(.)", r"\1", result.stdout.replace("│", " "))  # Markdown's escapes
    text = " ".join(shown.split())
    mark = f"[from your file {path}]"
    assert f"Japan {mark}" in text
    for item in (
        "A sign my doctor told me to watch.",
        "Any fever at all, says my doctor.",
        "My own condition. My doctor said so.",
        "Stop at any pain at all.",
        "My doctor said it is serious.",  # the emergency signs' own reasons
        "A fever is serious for me.",
    ):
        assert f"{item} {mark}" in text, item
    # Bundled items carry no mark.
    assert "This includes sciatica in both legs" in text
    assert text.count(mark) == 7


def test_json_carries_the_file_on_each_safety_item(
    runner: CliRunner, write_file: WriteFile
) -> None:
    path = write_file("mine.yaml", ADDED)
    data = json.loads(runner.invoke(app, ["safety", "--kb", str(path), "-f", "json"]).stdout)
    files = {n["region"]: n["file"] for n in data["emergency_numbers"]}
    assert files["jp"] == str(path) and files["uk"] is None
    flags = {f["id"]: f["file"] for group in data["red_flags"].values() for f in group}
    assert flags["my-flag"] == flags["fever"] == str(path)
    assert flags["saddle-numbness"] is None
    rules = {r["id"]: r["file"] for r in data["stop_rules"]}
    assert rules["sharp-pain"] == str(path) and rules["pain-builds"] is None


def test_a_check_verdict_marks_answers_from_a_user_file(
    runner: CliRunner, write_file: WriteFile
) -> None:
    path = write_file("mine.yaml", ADDED)
    args = ["check", "--kb", str(path), "--yes", "my-flag", "-f", "plain"]
    result = runner.invoke(app, args)
    assert result.exit_code == 5
    assert f"A sign my doctor told me to watch. [from your file {path}]" in result.stdout
    data = json.loads(runner.invoke(app, [*args[:-1], "json"]).stdout)
    assert data["files"]["red_flags"] == {"my-flag": str(path)}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "safety:\n  emergency_numbers:\n    - region: uk\n      name: UK\n"
            '      emergency: "0"\n      urgent: Wait.\n      urgent_sources: [nhs-sciatica]\n'
            "      sources: [nhs-sciatica]\n",
            "may not change the bundled emergency number for 'uk'",
        ),
        (
            "safety:\n  advice:\n    emergency: No need to worry; rest and see if it passes.\n"
            "    urgent: Wait.\n    soon: Wait.\n",
            "may not change the safety advice",
        ),
        (
            "safety:\n  red_flags:\n    - id: saddle-numbness\n      urgency: soon\n"
            "      sign: Numb.\n      question: Numb?\n      sources: [nhs-sciatica]\n",
            "may not make red flag 'saddle-numbness' less urgent",
        ),
        (
            "safety:\n  contraindications:\n    - id: dvt\n      level: ask-doctor\n"
            "      condition: A clot.\n      why: Ask.\n      question: Clot?\n"
            "      sources: [nhs-sciatica]\n",
            "may not make contraindication 'dvt' less urgent",
        ),
    ],
)
def test_a_user_file_cannot_weaken_the_emergency_content(
    runner: CliRunner, write_file: WriteFile, text: str, message: str
) -> None:
    path = write_file("bad.yaml", text)
    for command in ("safety", "check"):
        result = runner.invoke(
            app, [command, "--kb", str(path), "--no-others"][: 3 + (command == "check")]
        )
        assert result.exit_code == 1
        assert message in result.stderr
        assert result.stdout == ""
