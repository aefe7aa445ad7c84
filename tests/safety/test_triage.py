"""The self-check's triage and wording after the second clinical review (issue 20): implanted
devices, a reason for each emergency sign, osteoporosis graded by a follow-up, the clot and
cancer questions, and same-day advice for each region. Run through `check` with the real
knowledge base."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from typer.testing import CliRunner

from sciaticli.cli.main import app
from sciaticli.knowledge import load_knowledge_base
from sciaticli.routines import of_kind
from sciaticli.safety import questions
from tests import readability
from tests.conftest import WriteFile

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
    for routine in of_kind(KB, "ball"):
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


# 2. Each emergency sign gives its own reason ---------------------------------------------------

EMERGENCY_FLAGS = [f for f in KB.safety.red_flags.values() if f.urgency == "emergency"]


def yes_to(flag_id: str) -> str:
    """The answers that report this red flag: its own, after its question's when it follows one."""
    gate = KB.safety.red_flags[flag_id].asked_if
    return f"{gate},{flag_id}" if gate else flag_id


@pytest.mark.parametrize("flag", EMERGENCY_FLAGS, ids=lambda flag: flag.id)
def test_each_emergency_verdict_gives_that_signs_own_reason(runner: CliRunner, flag: Any) -> None:
    assert flag.reason
    code, out = check(runner, "--yes", yes_to(flag.id), "-f", "plain", "--region", "uk")
    assert code == 5
    assert flag.reason in out
    assert ("cauda equina" in out) == ("cauda equina" in flag.reason)


def test_chest_pain_is_not_called_cauda_equina_and_says_do_not_drive(runner: CliRunner) -> None:
    code, out = check(runner, "--yes", "chest-pain", "-f", "plain", "--region", "uk")
    assert code == 5
    assert out.startswith("EMERGENCY: CALL 999 NOW:")
    assert "Chest pain can mean a heart problem or a blood clot in the lungs." in out
    assert "Call the emergency number. Do not drive yourself." in out
    assert "cauda equina" not in out
    code, out = check(runner, "--yes", "serious-accident", "-f", "plain")
    assert "injury to the spine" in out and "cauda equina" not in out


def test_the_cauda_equina_signs_share_one_reason_shown_once(runner: CliRunner) -> None:
    code, out = check(runner, "--yes", "saddle-numbness,bladder-changes", "-f", "plain")
    assert code == 5
    assert out.count("can mean cauda equina syndrome") == 1


def test_the_safety_page_gives_every_reason_and_json_carries_them(runner: CliRunner) -> None:
    out = " ".join(runner.invoke(app, ["safety", "-f", "plain"]).stdout.split())
    panel = out[: out.index("URGENT: SEE A DOCTOR TODAY")]
    for flag in EMERGENCY_FLAGS:
        assert flag.reason is not None and flag.reason in panel, flag.id
    data = json.loads(runner.invoke(app, ["safety", "-f", "json"]).stdout)
    reasons = {flag["id"]: flag["reason"] for flag in data["red_flags"]["emergency"]}
    assert reasons["chest-pain"] == KB.safety.red_flags["chest-pain"].reason


def test_an_emergency_sign_without_a_reason_is_refused(
    runner: CliRunner, write_file: WriteFile
) -> None:
    mine = write_file(
        "mine.yaml",
        "safety:\n  red_flags:\n    - id: my-sign\n      urgency: emergency\n"
        "      sign: A sign.\n      question: A sign?\n      sources: [nhs-sciatica]\n",
    )
    result = runner.invoke(app, ["validate", str(mine)])
    assert result.exit_code == 1
    assert "red flag 'my-sign': an emergency sign needs 'reason'" in result.output


# 3. Osteoporosis: graded by a follow-up ---------------------------------------------------------


def test_osteoporosis_alone_is_not_called_severe(runner: CliRunner) -> None:
    code, out = check(runner, "--yes", "osteoporosis", "--no-others", "-f", "plain")
    assert code == 3
    assert "severe" not in out.lower()
    assert "Ask your doctor how much pressure is all right" in out
    data = json.loads(
        runner.invoke(app, ["check", "--yes", "osteoporosis", "--no-others", "-f", "json"]).stdout
    )
    assert data["contraindications"] == []


@pytest.mark.parametrize("answer", ["--yes", "--not-sure"])
def test_severe_osteoporosis_by_the_follow_up_means_no_massage(
    runner: CliRunner, answer: str
) -> None:
    args = ["--yes", "osteoporosis", answer, "severe-osteoporosis", "--no-others", "-f", "plain"]
    code, out = check(runner, *args)
    assert code == 3
    assert "Do not massage: Your osteoporosis is severe: a doctor has said so, or a bone" in out


def test_the_osteoporosis_follow_up_is_asked_straight_after_a_yes(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sciaticli.cli.safety.stdin_is_terminal", lambda: True)
    asked = [q.id for q in questions(KB)]
    before = asked[: asked.index("osteoporosis")]
    result = runner.invoke(
        app, ["check", "--no", ",".join(before), "-f", "json"], input="y\ny\nn\n" + "n\n" * 40
    )  # yes to the group, yes to osteoporosis, no to its follow-up
    shown = re.findall(r"question \d+\] (.+?)\s+\[y/n/\?\]", result.stderr, re.S)
    prompts = [" ".join(prompt.split()) for prompt in shown]
    assert prompts[:2] == [
        KB.safety.red_flags["osteoporosis"].question,
        "Has a doctor said your osteoporosis is severe? Or has one of your bones broken after "
        "a small fall or knock?",
    ]
    # After the echoed answers; before the echoed reply to "Save these answers?" (no).
    data, _ = json.JSONDecoder().raw_decode(result.stdout[result.stdout.index("{") :])
    assert (data["verdict"], data["contraindications"]) == ("doctor-first", [])


# 4. A blood clot (DVT) -----------------------------------------------------------------------


def test_each_clot_sign_is_enough_and_the_risk_factors_are_named(runner: CliRunner) -> None:
    flag = KB.safety.red_flags["clot-signs"]
    assert "Any one of these in one leg is enough" in flag.sign
    for risk in ("an operation", "a long journey", "bed rest", "pregnancy", "the pill or HRT"):
        assert risk in flag.sign
    assert "or with cancer" in flag.sign
    assert "If you are not sure whether it is a clot or sciatica, get it checked today." in (
        flag.sign
    )
    assert "does not cause the swelling" not in flag.sign
    # The question no longer needs a swollen leg: any one sign is a yes.
    assert "Do you have any of these in one leg:" in flag.question
    for sentence in readability.sentences(flag.sign + " " + flag.question):
        assert len(readability.words(sentence)) <= 25, sentence
    code, out = check(runner, "--yes", "clot-signs", "--no-others", "-f", "plain")
    assert code == 4
    assert "get it checked today" in out and "Do not massage that leg" in out


def test_coughing_up_blood_joins_the_clot_emergency(runner: CliRunner) -> None:
    assert "coughed up blood" in KB.safety.red_flags["clot-breathless"].question
    code, out = check(runner, "--yes", "clot-signs,clot-breathless", "-f", "plain")
    assert code == 5
    assert "coughing up blood can mean it has" in out
    assert "Do not drive yourself." in out


# 5. Cancer ----------------------------------------------------------------------------------


def test_the_cancer_follow_up_asks_about_new_or_worse_leg_symptoms() -> None:
    question = KB.safety.red_flags["cancer-leg-symptoms"].question
    assert "new or getting worse" in question
    assert "pain going down a leg" not in question


def test_the_cancer_emergency_names_the_acute_oncology_line_and_explains_it(
    runner: CliRunner,
) -> None:
    code, out = check(runner, "--yes", "cancer,cancer-leg-symptoms", "-f", "plain")
    assert code == 5
    assert "EMERGENCY: CALL 999 NOW:" in out
    assert "call your cancer team's acute oncology line now" in out
    assert "That is the phone line your cancer team gave you for urgent problems." in out


# 6. Same-day advice: each region its own line ---------------------------------------------------

REGION_LINES = {
    "uk": "Call NHS 111",
    "us": "There is no national advice line. Call your doctor, or go to an urgent care centre",
    "ca": "Call 811 to talk to a nurse",
    "eu": "call the out-of-hours medical service",
    "ie": "There is no national advice line. Call your GP.",
    "au": "Call healthdirect on 1800 022 222",
    "nz": "Call Healthline on 0800 611 116",
}


@pytest.mark.parametrize("region", list(REGION_LINES))
def test_each_region_gets_its_own_same_day_line_and_no_other(
    runner: CliRunner, region: str
) -> None:
    number = KB.safety.emergency_numbers[region]
    assert number.urgent is not None and REGION_LINES[region] in number.urgent
    assert number.urgent_sources
    others = [n.urgent for key, n in KB.safety.emergency_numbers.items() if key != region]
    for args in (
        ["check", "--yes", "clot-signs", "--no-others", "--region", region],
        ["safety", "--region", region],
    ):
        result = runner.invoke(app, [*args, "-f", "plain"])
        out = " ".join(result.stdout.split())
        assert number.urgent in out, args
        for line in others:
            assert line is not None and line not in out, (args, line)
        if region != "uk":
            assert "NHS 111" not in out


def test_new_zealand_never_sees_nhs_111_under_its_emergency_number(runner: CliRunner) -> None:
    _, out = check(runner, "--yes", "worsening-leg", "--no-others", "-f", "plain", "--region", "nz")
    assert "111" in out and "NHS 111" not in out and "In the UK" not in out
    assert "In New Zealand, 111 is only for emergencies." in out


def test_without_a_region_every_line_stands_after_its_country(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["check", "--yes", "fever", "--no-others", "-f", "plain"], env={"LC_MESSAGES": "C"}
    )
    out = " ".join(result.stdout.split())
    for number in KB.safety.emergency_numbers.values():
        assert f"{number.short_name}: {number.urgent}" in out


def test_a_region_needs_its_own_same_day_line(runner: CliRunner, write_file: WriteFile) -> None:
    mine = write_file(
        "mine.yaml",
        "safety:\n  emergency_numbers:\n    - region: jp\n      name: Japan\n"
        "      emergency: '119'\n      sources: [nhs-sciatica]\n",
    )
    result = runner.invoke(app, ["validate", str(mine)])
    assert result.exit_code == 1
    assert "emergency number 'jp': missing required field 'urgent'" in result.output
    assert "missing required field 'urgent_sources'" in result.output


@pytest.mark.parametrize("region", list(REGION_LINES))
def test_the_safety_page_cites_its_regions_same_day_sources_only(
    runner: CliRunner, region: str
) -> None:
    result = runner.invoke(app, ["safety", "-f", "json", "--region", region])
    cited = {source["key"] for source in json.loads(result.stdout)["sources"]}
    safety = KB.safety
    entries: list[Any] = [*safety.emergency_numbers.values(), *safety.red_flags.values()]
    entries += [*safety.contraindications.values(), *safety.stop_rules.values()]
    elsewhere = {key for entry in entries for key in entry.sources}
    for key, number in safety.emergency_numbers.items():
        only_for_the_line = set(number.urgent_sources) - elsewhere
        if key == region:
            assert set(number.urgent_sources) <= cited
        else:
            assert not only_for_the_line & cited, key


# 7. Help ----------------------------------------------------------------------------------------


def test_region_help_lists_every_region_of_the_knowledge_base(runner: CliRunner) -> None:
    from sciaticli.cli.options import REGIONS

    numbers = KB.safety.emergency_numbers
    assert {region: number.short_name for region, number in numbers.items()} == REGIONS
    for command in ("safety", "check", "home-routine"):
        out = " ".join(runner.invoke(app, [command, "--help"]).stdout.split())
        assert "--region uk|us|ca|eu|ie|au|nz" in out
        for region, number in numbers.items():
            assert f"{region} ({number.short_name})" in out, (command, region)


def test_top_level_help_gives_every_emergency_number(runner: CliRunner) -> None:
    out = " ".join(runner.invoke(app, ["--help"]).stdout.split())
    for number in KB.safety.emergency_numbers.values():
        pattern = rf"{re.escape(number.emergency)} [A-Za-z ]*{re.escape(number.short_name)}"
        assert re.search(pattern, out), number.region


# 8. The same kind of defect elsewhere -----------------------------------------------------------


def test_a_possible_fracture_is_not_yes_for_every_strain() -> None:
    question = KB.safety.red_flags["possible-fracture"].question
    assert question.startswith("Did the pain begin after a fall or a knock?")
    assert "a fall, a knock or a strain" not in question
    assert "if your bones are thin" in question


def test_one_question_per_emergency_sign_no_combined_accident_and_chest_pain() -> None:
    flags = KB.safety.red_flags
    assert "accident-or-chest-pain" not in flags
    assert flags["serious-accident"].reason != flags["chest-pain"].reason


def test_sources_counts_the_same_day_lines_among_what_cites_a_source(runner: CliRunner) -> None:
    out = runner.invoke(app, ["sources", "healthline-nz", "-f", "plain"]).stdout
    assert "Cited by (1)" in out
    assert "emergency number 111 in New Zealand (nz)" in out


def test_the_about_page_gives_each_sign_its_reason_and_the_corrected_questions(
    runner: CliRunner,
) -> None:
    out = " ".join(runner.invoke(app, ["about", "-f", "plain"]).stdout.split())
    section = out[out.index("When to get help Some") : out.index("How massage may help")]
    assert "They can be signs of cauda equina syndrome" not in section
    assert "Chest pain can mean a heart problem or a clot in the lungs" in section
    assert "do not drive yourself" in section
    assert "leg pain, weakness or numbness that is new or getting worse" in section
    assert "acute oncology line: the phone line they gave you for urgent problems" in section
    assert "Any one is enough" in section and "one leg swollen" not in section


def test_the_routine_card_says_do_not_drive_for_chest_pain_and_a_clot(runner: CliRunner) -> None:
    out = runner.invoke(app, ["home-routine", "-f", "plain", "--region", "uk"]).stdout
    card = out[out.index("STOP AND GET EMERGENCY HELP IF") : out.index("DO NOT DO THIS ROUTINE")]
    assert "Back pain with chest pain: call the number, and do not drive yourself" in card
    assert "coughed-up blood: do not drive" in card
