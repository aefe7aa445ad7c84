"""The guided routine's package keeps its shape: one job a module, said in its docstring, no
module over 400 lines, and each module imports only the ones before it (no import circle)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import sciaticli.guided

PACKAGE = Path(sciaticli.guided.__file__).parent
# Lower layers first: a module may import only those before it.
LAYERS = ["timer", "keys", "screen", "dialogue", "session"]


def guided_imports(path: Path) -> set[str]:
    """The sciaticli.guided modules a file imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = (
            [node.module or ""]
            if isinstance(node, ast.ImportFrom)
            else [alias.name for alias in node.names]
            if isinstance(node, ast.Import)
            else []
        )
        for name in names:
            if name.startswith("sciaticli.guided."):
                found.add(name.removeprefix("sciaticli.guided.").split(".")[0])
    return found


def test_the_package_has_exactly_its_layers() -> None:
    assert sorted(path.stem for path in PACKAGE.glob("*.py")) == sorted([*LAYERS, "__init__"])


@pytest.mark.parametrize("name", LAYERS)
def test_each_module_imports_only_the_layers_below_it(name: str) -> None:
    below = set(LAYERS[: LAYERS.index(name)])
    assert guided_imports(PACKAGE / f"{name}.py") <= below


@pytest.mark.parametrize("name", ["__init__", *LAYERS])
def test_each_module_says_its_job_and_stays_small(name: str) -> None:
    source = (PACKAGE / f"{name}.py").read_text(encoding="utf-8")
    docstring = ast.get_docstring(ast.parse(source))
    assert docstring and len(docstring.split()) >= 12
    assert len(source.splitlines()) <= 400


def test_the_command_is_thin_and_importing_the_package_imports_no_part() -> None:
    command = PACKAGE.parent / "cli" / "guided.py"
    assert len(command.read_text(encoding="utf-8").splitlines()) <= 100
    assert guided_imports(command) == {"session"}
    code = "import sys, sciaticli.guided; print(sorted(m for m in sys.modules if 'guided.' in m))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
