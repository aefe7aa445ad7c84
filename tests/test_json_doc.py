"""docs/json.md cannot drift from the JSON the commands print: each of its lists of fields is
checked against the real output of the command lines named above it (tests/jsondoc.py says how
the doc is read), run with the docs' journal of six weeks and today fixed at 2026-12-07, as the
doc's generated examples are (scripts/doc_runs.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer

from sciaticli.cli.main import app
from tests.jsondoc import Checker, Doc, DocError, Section

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "json.md"
SCRIPT = ROOT / "scripts" / "gen_examples.py"
SECTIONS = Doc(DOC.read_text(encoding="utf-8")).sections


@pytest.fixture(scope="module")
def journal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict[str, str]]]:
    """The docs' journal's folder and the environment its examples run in."""
    sys.path.insert(0, str(SCRIPT.parent))
    import doc_runs

    runner = doc_runs.Runner(tmp_path_factory.mktemp("json-doc"), SCRIPT)
    place = runner.journal("docs")
    yield place, runner.settings(place)


def printed(line: str, journal: tuple[Path, dict[str, str]]) -> Any:
    place, env = journal
    done = subprocess.run(
        ["bash", "-c", f"sciaticli {line} --format json"],
        env=env, cwd=place, capture_output=True, text=True, check=False,
    )  # fmt: skip
    # 3 to 5 are check's verdicts; 1 and 2 would be an error in the doc's command line.
    assert done.returncode not in (1, 2), f"sciaticli {line}: {done.stderr}"
    return json.loads(done.stdout)


@pytest.mark.parametrize("section", SECTIONS, ids=[s.commands[0] for s in SECTIONS])
def test_the_doc_lists_exactly_the_fields_printed(
    section: Section, journal: tuple[Path, dict[str, str]]
) -> None:
    checker = Checker(Doc(DOC.read_text(encoding="utf-8")))
    fields = checker.doc.sections[SECTIONS.index(section)].fields
    problems = []
    for line in section.commands:
        checker.value(printed(line, journal), fields)
        problems += [f"sciaticli {line}: {problem}" for problem in checker.problems]
        checker.problems = []
    problems = problems or [
        f"in the doc, but no command line above prints it: {where}"
        for where in checker.unseen(fields)
    ]
    assert not problems, f"docs/json.md, the list under line {section.line}:\n" + "\n".join(
        problems
    )


def test_every_command_with_json_output_has_a_list_in_the_doc() -> None:
    group = typer.main.get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    context = typer.Context(group)
    with_json = set()
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        assert command is not None
        if any("--format" in param.opts for param in command.params):
            with_json.add(name)
    documented = {line.split()[0] for section in SECTIONS for line in section.commands}
    assert with_json - documented == set()
    assert {"techniques", "check", "history", "report", "search"} <= with_json


# The checker itself, on small docs.

SMALL = """\
# Small

<!-- json: thing -->
- `id`
- `evidence`: how good
  - `level`
  - `summary`
- `sources`: a list of [sources](#a-source)
- `answers`: keyed by question id
- `placement` (only in a ball routine): where it goes

### A source

- `key`
- `title`: wrapped
  over two lines
"""


def check(value: Any, text: str = SMALL) -> Checker:
    checker = Checker(Doc(text))
    checker.value(value, checker.doc.sections[0].fields)
    return checker


GOOD = {
    "id": "x",
    "evidence": {"level": "low", "summary": "s"},
    "sources": [{"key": "k", "title": "t"}],
    "answers": {"fever": "yes"},
    "placement": "here",
}


def test_the_small_doc_is_read_as_written() -> None:
    doc = Doc(SMALL)
    (section,) = doc.sections
    assert section.commands == ["thing"]
    assert [item.key for item in section.fields] == [*GOOD]
    source = doc.shape(section.fields[2])
    assert source is not None and source[1].text == ": wrapped over two lines"
    assert section.fields[3].keyed and section.fields[4].optional


def test_output_as_listed_has_no_problem_and_every_field_was_seen() -> None:
    checker = check(GOOD)
    assert checker.problems == []
    assert checker.unseen(checker.doc.sections[0].fields) == []


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ({**GOOD, "extra": 1}, "the top level: `extra` is printed but not in the doc"),
        ({k: v for k, v in GOOD.items() if k != "id"},
         "the top level: `id` is in the doc but not printed"),
        (
            {"evidence": GOOD["evidence"], **GOOD},
            "the top level: `evidence` is printed where the doc has `id`: "
            "list the fields in the order they are printed",
        ),
        ({**GOOD, "sources": [{"key": "k"}]}, "sources[]: `title` is in the doc but not printed"),
        ({**GOOD, "evidence": {"level": "low", "summary": "s", "n": 2}},
         "evidence: `n` is printed but not in the doc"),
        ({**GOOD, "answers": {"fever": {"a": 1}}},
         "answers['fever']: an object whose fields the doc does not list"),
        ({**GOOD, "answers": ["fever"]}, "answers: keyed by, but it is ['fever']"),
        ({**GOOD, "evidence": "low"}, "evidence: the doc lists fields, but it is 'low'"),
    ],
)  # fmt: skip
def test_a_drift_is_named(value: dict[str, Any], problem: str) -> None:
    assert check(value).problems == [problem]


def test_an_optional_field_may_be_left_out_but_must_show_somewhere() -> None:
    checker = check({k: v for k, v in GOOD.items() if k != "placement"})
    assert checker.problems == []
    assert checker.unseen(checker.doc.sections[0].fields) == ["placement (line 10)"]


def test_a_field_no_output_has_is_named_with_its_line() -> None:
    checker = check({**GOOD, "sources": [], "evidence": None})
    assert checker.problems == []
    assert checker.unseen(checker.doc.sections[0].fields) == [
        "evidence.level (line 6)",
        "evidence.summary (line 7)",
        "sources.key (line 14)",
        "sources.title (line 15)",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("<!-- json: a -->\nNo list.\n", "line 1: no list of fields right under the json comment"),
        ("<!-- json: -->\n- `a`\n", "line 1: a json comment names no command"),
        ("<!-- json: a -->\n- `a`\n- b\n", "line 3: a field's bullet starts with `its name`"),
        ("<!-- json: a -->\n- `a`\nb\n", "line 3: not a field of the list above"),
    ],
)
def test_a_doc_not_in_form_is_one_clear_error(text: str, message: str) -> None:
    with pytest.raises(DocError, match=f"^{message}$"):
        Doc(text)


def test_a_link_to_no_heading_is_named() -> None:
    doc = Doc("<!-- json: a -->\n- `a`: see [b](#nowhere)\n")
    with pytest.raises(DocError, match=r"^line 2: no heading for the link #nowhere$"):
        doc.shape(doc.sections[0].fields[0])
