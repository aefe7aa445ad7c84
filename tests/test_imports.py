"""The render package has no import circle (issue 22, section 4): every module's imports,
at its top and inside its functions, point one way. Only the command line (and `python -m`)
imports the cli package: the other packages never reach up into it."""

from __future__ import annotations

import ast
from pathlib import Path

import sciaticli

PACKAGE = Path(sciaticli.__file__).parent


def imports(folder: Path, prefix: str) -> dict[str, set[str]]:
    """Each module of `folder` and the modules of the same folder it imports, anywhere in it."""
    modules = {path.stem: path for path in folder.glob("*.py") if path.stem != "__init__"}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                targets = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
            elif isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                continue
            found |= {t.removeprefix(prefix) for t in targets if t.removeprefix(prefix) in modules}
        graph[name] = found - {name}
    return graph


def circle(graph: dict[str, set[str]]) -> list[str]:
    """One import circle in `graph`, or []."""
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(name: str) -> list[str]:
        state[name] = 1
        path.append(name)
        for target in sorted(graph[name]):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state and (found := visit(target)):
                return found
        state[name] = 2
        path.pop()
        return []

    for name in sorted(graph):
        if name not in state and (found := visit(name)):
            return found
    return []


def test_render_has_no_import_circle() -> None:
    graph = imports(PACKAGE / "render", "sciaticli.render.")
    assert graph["safe"] == set()  # the bottom: everything else may use it
    assert circle(graph) == []


def test_the_circle_finder_finds_one() -> None:
    assert circle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert circle({"a": {"b"}, "b": set()}) == []


def reaches_into_cli(path: Path) -> list[str]:
    """The imports of sciaticli.cli in the module at `path`, at its top or in its functions."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        found += [name for name in names if name.split(".")[:2] == ["sciaticli", "cli"]]
    return found


def test_only_the_command_line_imports_the_cli_package() -> None:
    outside = [
        path
        for path in PACKAGE.rglob("*.py")
        if "cli" not in path.relative_to(PACKAGE).parts[:1] and path.name != "__main__.py"
    ]
    assert any(path.parent.name == "guided" for path in outside)
    reaching = {str(path.relative_to(PACKAGE)): reaches_into_cli(path) for path in outside}
    assert {name: found for name, found in reaching.items() if found} == {}


def test_the_finder_sees_an_import_inside_a_function(tmp_path: Path) -> None:
    module = tmp_path / "dialogue.py"
    module.write_text("def ask():\n    from sciaticli.cli.values import parse_pain\n")
    assert reaches_into_cli(module) == ["sciaticli.cli.values", "sciaticli.cli.values.parse_pain"]
