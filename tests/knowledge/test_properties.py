"""Property tests: any YAML text gives a knowledge base or a clear error, never a traceback."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from sciaticli.cli.main import app
from sciaticli.errors import KnowledgeBaseError, SciaticliError
from sciaticli.knowledge import load_knowledge_base
from sciaticli.model import KnowledgeBase
from tests.conftest import USER_KB

FIELD_NAMES = [
    "id", "name", "aliases", "family", "performed_by", "pressure", "targets", "summary", "steps",
    "why_it_may_help", "evidence", "cautions", "sources", "level", "key", "title", "publisher",
    "year", "url", "techniques", "routines", "bogus",
]  # fmt: skip
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=20),
    st.sampled_from(["western", "deep", "self", "low", "nhs-sciatica", "https://x.org"]),
)
values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.sampled_from(FIELD_NAMES), children, max_size=6)
    ),
    max_leaves=25,
)
documents = st.dictionaries(
    st.sampled_from(["sources", "techniques", "topics", "other"]),
    st.lists(st.dictionaries(st.sampled_from(FIELD_NAMES), values, max_size=14), max_size=3)
    | values,
    max_size=3,
)


def load_text(tmp_path: Path, text: str) -> KnowledgeBase | KnowledgeBaseError | SciaticliError:
    path = tmp_path / "fuzz.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        return load_knowledge_base(path)
    except KnowledgeBaseError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.path == str(path)
            assert problem.message
            assert "\n" not in str(problem)
        return error


FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                HealthCheck.function_scoped_fixture])  # fmt: skip


@FUZZ
@given(text=st.text(max_size=200))
def test_any_text_loads_or_fails_clearly(tmp_path: Path, text: str) -> None:
    load_text(tmp_path, text)


@FUZZ
@given(text=st.text(alphabet=":-[]{}&*!|>'\"%@`#, \n\tabc019", max_size=120))
def test_yaml_punctuation_loads_or_fails_clearly(tmp_path: Path, text: str) -> None:
    load_text(tmp_path, text)


@FUZZ
@given(document=documents)
def test_any_structure_loads_or_fails_clearly(tmp_path: Path, document: dict[str, Any]) -> None:
    load_text(tmp_path, yaml.safe_dump(document, allow_unicode=True))


@FUZZ
@given(cut=st.integers(min_value=0, max_value=len(USER_KB)))
def test_a_truncated_file_never_crashes_the_cli(tmp_path: Path, cut: int) -> None:
    path = tmp_path / "cut.yaml"
    path.write_text(USER_KB[:cut], encoding="utf-8")
    result = CliRunner().invoke(app, ["techniques", "--kb", str(path), "-f", "json"])
    assert result.exit_code in (0, 1)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    if result.exit_code == 1:
        assert result.stderr.startswith("Error: ")


def test_alias_bombs_are_cheap(tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{n}: &a{n} [*a{n - 1}, *a{n - 1}, *a{n - 1}, *a{n - 1}]" for n in range(1, 25)]
    outcome = load_text(tmp_path, "\n".join(lines) + "\n")
    assert isinstance(outcome, KnowledgeBaseError)
    # Refused before anything is built: 4**24 values once expanded (issue 11, section 5).
    assert [problem.message for problem in outcome.problems] == [
        "more than 200,000 values once its aliases (*name) and merge keys (<<) are expanded; "
        "a knowledge-base file needs far fewer"
    ]
