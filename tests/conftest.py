"""Shared fixtures: every test runs with its own empty user directory and a plain environment."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sciaticli import knowledge, permits
from sciaticli.knowledge import snapshot
from sciaticli.render import pager

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
    # What a run may do is process-wide: a test that set it outside a run (resolve_command)
    # must not decide for the next test in the same process.
    permits.reset()
    pager.reset()


@pytest.fixture(scope="session")
def installed_knowledge_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled knowledge base as an installed wheel has it: the YAML file with its snapshot
    beside it (hatch_build.py), built once for each test process."""
    copy = tmp_path_factory.mktemp("installed") / "techniques.yaml"
    shutil.copyfile(knowledge.bundled_path(), copy)
    snapshot.write(copy, snapshot.path_for(copy))
    return copy


@pytest.fixture(autouse=True)
def as_installed(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, installed_knowledge_base: Path
) -> None:
    """Commands run in the tests' own process load the bundled knowledge base as a user's
    installed sciaticli does, from its snapshot: a few milliseconds where parsing and checking
    the YAML takes about 40 (a third of the suite's time). The YAML and its checks are tested
    on their own (tests/knowledge), by every `--kb` test, by the commands run as processes from
    this source tree, and by tests marked `source_checkout`, which keep the source tree's file
    without a snapshot."""
    if request.node.get_closest_marker("source_checkout") is None:
        monkeypatch.setattr(knowledge, "bundled_path", lambda: installed_knowledge_base)


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
