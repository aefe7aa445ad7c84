"""Shared fixtures: every test runs with its own empty user directory and a plain environment."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

# A user's own knowledge base: one new technique citing a bundled source and one of its own.
USER_KB = """\
sources:
  - key: test-handbook
    title: A test handbook
    publisher: Test Press
    year: 2020
techniques:
  - id: test-press
    name: Test press
    aliases: [Testing touch]
    family: western
    performed_by: [therapist, self]
    pressure: [moderate, light]
    targets: [test muscle]
    summary: A made-up technique used by the tests.
    steps:
      - Press gently.
      - Let go.
    why_it_may_help: It may not help at all.
    evidence:
      level: insufficient
      summary: No trial has tested it.
    cautions:
      - Stop if pain travels down the leg.
    sources: [test-handbook, nhs-sciatica]
"""

WriteFile = Callable[[str, str], Path]


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("SCIATICLI_KB", "NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE", "CLICOLOR"):
        monkeypatch.delenv(name, raising=False)
    # The emergency number comes from the locale: a UK one, so pages show 999 first; no pager.
    for name in ("LC_ALL", "SCIATICLI_REGION", "PAGER"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LC_MESSAGES", "en_GB.UTF-8")
    monkeypatch.setenv("SCIATICLI_PAGER", "")
    monkeypatch.setenv("SCIATICLI_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("COLUMNS", "80")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def write_file(tmp_path: Path) -> WriteFile:
    def write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def user_kb(write_file: WriteFile) -> Path:
    return write_file("mine.yaml", USER_KB)
