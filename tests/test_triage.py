"""The self-check's triage and wording after the second clinical review (issue 20): implanted
devices, a reason for each emergency sign, osteoporosis graded by a follow-up, the clot and
cancer questions, and same-day advice for each region. Run through `check` with the real
knowledge base."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from sciaticli.cli import app
from sciaticli.knowledge import load_knowledge_base

KB = load_knowledge_base()
# The muscles of the buttock, the low back and the flank: where a stimulator battery may sit.
BUTTOCK_BACK_FLANK = {
    "lower back muscles",
    "quadratus lumborum",
    "piriformis",
    "deep hip rotators",
    "iliopsoas",
}


def check(runner: CliRunner, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["check", *args, "--color", "never"])
    assert result.stderr == ""
    return result.exit_code, " ".join(result.stdout.split())


def presses_on_buttock_back_or_flank(targets: tuple[str, ...]) -> bool:
    return any(t in BUTTOCK_BACK_FLANK or t.startswith("gluteus") for t in targets)


# 1. Implanted devices -------------------------------------------------------------------------


def test_an_implanted_device_is_asked_about_and_rules_out_pressure_over_it(
    runner: CliRunner,
) -> None:
    item = KB.safety.contraindications["implanted-device"]
    assert item.level == "no-massage"
    assert item.question is not None and "implanted" in item.question
    assert {"baranidharan-2020", "spinal-modulation-manual"} <= set(item.sources)
    code, out = check(runner, "--yes", "implanted-device", "--no-others", "-f", "plain")
    assert code == 3
    assert "Do not massage: You have a device implanted under the skin of your buttock" in out
    assert "stimulator" in out and "Ask your implant team" in out


def test_the_implant_source_is_cited_in_full() -> None:
    source = KB.sources["baranidharan-2020"]
    assert "Pocket pain, does location matter" in source.title
    assert "Baranidharan" in source.citation()
    assert "Reg Anesth Pain Med 2020;45(11):891" in source.citation()
    assert source.url == "https://rapm.bmj.com/content/45/11/891"


def test_every_routine_lists_an_implanted_device_among_its_do_nots(runner: CliRunner) -> None:
    for routine in KB.routines.values():
        assert "implanted-device" in routine.not_for
        result = runner.invoke(app, ["home-routine", routine.id, "-f", "plain"])
        assert "an implanted device there (stimulator battery, pump)" in result.stdout


def test_every_technique_pressing_on_the_buttock_back_or_flank_cautions_about_implants(
    runner: CliRunner,
) -> None:
    pressing = [t for t in KB.techniques.values() if presses_on_buttock_back_or_flank(t.targets)]
    assert len(pressing) >= 15
    for technique in pressing:
        assert "implanted-device" in technique.contraindications, technique.id
        assert any("implanted device" in caution for caution in technique.cautions), technique.id
        out = runner.invoke(app, ["techniques", technique.id, "-f", "plain"]).stdout
        cautions = out[out.index("CAUTIONS:") : out.index("How it is done")]
        assert "implant team" in cautions, technique.id


def test_the_safety_page_lists_implanted_devices(runner: CliRunner) -> None:
    data = json.loads(runner.invoke(app, ["safety", "-f", "json"]).stdout)
    ids = [item["id"] for item in data["contraindications"]["no-massage"]]
    assert "implanted-device" in ids
    cited = [source["key"] for source in data["sources"]]
    assert "baranidharan-2020" in cited
