"""The wheel ships the knowledge base and its snapshot, and an installed copy finds them from any
folder; a first run of the bundled knowledge base never imports yaml or the validator."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path("sciaticli", "data")
# Modules a run of the bundled knowledge base from a verified snapshot never imports.
PARSING = (
    "yaml",
    "sciaticli.knowledge.yamlfile",
    "sciaticli.knowledge.parsecache",
    "sciaticli.knowledge.validate",
)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    wheels = tmp_path_factory.mktemp("wheels")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--no-build-isolation",
         "--quiet", "-w", str(wheels)],
        check=True,
        timeout=300,
    )  # fmt: skip
    (built,) = wheels.glob("sciaticli-*.whl")
    return built


@pytest.fixture
def site(wheel: Path, tmp_path: Path) -> Path:
    """The wheel unpacked as pip installs it, in a folder of this test's own."""
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(tmp_path / "site")
    return tmp_path / "site"


def run(site: Path, *args: str, python: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    """sciaticli installed in `site`, run from another folder with an empty cache of its own."""
    elsewhere = site.parent / "elsewhere"
    elsewhere.mkdir(exist_ok=True)
    env = {**os.environ, "PYTHONPATH": str(site), "SCIATICLI_HOME": str(site.parent / "home")}
    return subprocess.run(
        [sys.executable, *python, "-m", "sciaticli", *args],
        cwd=elsewhere, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip


def imported(site: Path, *args: str) -> tuple[str, set[str]]:
    """The output of a run and the modules it imported (python -X importtime)."""
    done = run(site, *args, python=("-X", "importtime"))
    modules = {
        line.split("|")[-1].strip() for line in done.stderr.splitlines() if "import time" in line
    }
    return done.stdout, modules


def test_wheel_ships_and_finds_the_knowledge_base(wheel: Path, site: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    assert "sciaticli/data/techniques.yaml" in names
    assert "sciaticli/data/techniques.snapshot" in names
    # The man page goes to the environment's share/man/man1 (the wheel's data scheme).
    (man_page,) = [name for name in names if name.endswith("/share/man/man1/sciaticli.1")]
    assert man_page.startswith("sciaticli-") and ".data/data/" in man_page
    with zipfile.ZipFile(wheel) as archive:
        assert archive.read(man_page).decode() == (ROOT / "man" / "sciaticli.1").read_text()
    assert any(name.endswith("licenses/LICENSE") for name in names)
    found = subprocess.run(
        [sys.executable, "-c", "import sciaticli.knowledge as k; print(k.bundled_path())"],
        cwd=site.parent, env={**os.environ, "PYTHONPATH": str(site)},
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert found.stdout.strip() == str(site / DATA / "techniques.yaml")
    listing = run(site, "techniques", "--self-care")
    assert "Tennis ball pressure" in listing.stdout


def test_a_first_run_of_the_bundled_knowledge_base_never_parses(site: Path) -> None:
    for args in (["techniques"], ["home-routine", "standing-wall"], ["safety", "-f", "plain"]):
        output, modules = imported(site, *args)
        assert output
        assert "sciaticli.knowledge.snapshot" in modules
        assert not modules & set(PARSING), args
    assert not (site.parent / "home" / "cache" / "parsed").exists()


def test_an_installed_copy_checks_a_user_file_on_top_of_the_snapshot(site: Path) -> None:
    from tests.conftest import USER_KB

    mine = site.parent / "mine.yaml"
    mine.write_text(USER_KB, encoding="utf-8")
    output, modules = imported(site, "techniques", "test-press", "--kb", str(mine), "-f", "plain")
    assert "TEST PRESS" in output
    assert "yaml" in modules  # the user's file is parsed (and its parse cached) ...
    assert list((site.parent / "home" / "cache" / "parsed").iterdir())  # ... only that file
    assert len(list((site.parent / "home" / "cache" / "parsed").iterdir())) == 1


def test_an_edited_knowledge_base_is_parsed_not_taken_from_the_stale_snapshot(site: Path) -> None:
    yaml_file = site / DATA / "techniques.yaml"
    text = yaml_file.read_text(encoding="utf-8")
    yaml_file.write_text(text.replace("name: Swedish massage", "name: Edited massage"), "utf-8")
    output, modules = imported(site, "techniques", "-f", "plain")
    assert "Edited massage" in output
    assert "Swedish massage" not in output
    assert set(PARSING) <= modules


def test_a_tampered_snapshot_is_never_trusted(site: Path) -> None:
    expected = run(site, "safety", "-f", "plain").stdout
    snapshot_file = site / DATA / "techniques.snapshot"
    blob = snapshot_file.read_bytes()
    assert b"emergency" in blob
    snapshot_file.write_bytes(blob.replace(b"emergency", b"harmless!"))
    shutil.rmtree(site.parent / "home", ignore_errors=True)
    output, modules = imported(site, "safety", "-f", "plain")
    assert output == expected
    assert set(PARSING) <= modules
