"""The wheel ships the knowledge base, and an installed copy finds it from any folder."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_ships_and_finds_the_knowledge_base(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--no-build-isolation",
         "--quiet", "-w", str(wheels)],
        check=True,
        timeout=300,
    )  # fmt: skip
    (wheel,) = wheels.glob("sciaticli-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        assert "sciaticli/data/techniques.yaml" in archive.namelist()
        archive.extractall(tmp_path / "site")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "site"), "SCIATICLI_HOME": str(tmp_path)}
    where = subprocess.run(
        [sys.executable, "-c", "import sciaticli.knowledge as k; print(k.bundled_path())"],
        cwd=elsewhere, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert where.stdout.strip() == str(tmp_path / "site" / "sciaticli" / "data" / "techniques.yaml")
    listing = subprocess.run(
        [sys.executable, "-m", "sciaticli", "techniques", "--self-care"],
        cwd=elsewhere, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert "Tennis ball pressure" in listing.stdout
