"""Specification of the package layering: each layer imports only itself and the layers below.

    cli, __main__                 the Typer shell
    exporters                     files for other tools
    views, render, output         presentation
    queries, results, authoring   questions and their answer records; writing a brief
    store, search                 the cache, stored layout, runtime tables; names, word index
    brief                         model, reading, validation
    exitcodes, console, collector, graphs   shared by every layer

Imports inside functions and under TYPE_CHECKING count too: a lazy import is still a dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import ROOT

SOURCE = ROOT / "src" / "briefcli"

LAYERS: dict[str, int] = {
    "briefcli": 0,
    "briefcli.exitcodes": 0,
    "briefcli.console": 0,
    "briefcli.collector": 0,
    "briefcli.graphs": 0,
    "briefcli.brief": 1,
    "briefcli.store": 2,
    "briefcli.search": 2,
    "briefcli.queries": 3,
    "briefcli.authoring": 3,
    "briefcli.results": 3,
    "briefcli.views": 4,
    "briefcli.render": 4,
    "briefcli.output": 4,
    "briefcli.exporters": 5,
    "briefcli.browse": 5,
    "briefcli.cli": 6,
    "briefcli.__main__": 6,
}


def module_name(path: Path, package_root: Path) -> str:
    parts = path.relative_to(package_root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(module: str) -> int | None:
    """The layer of the longest prefix of `module` in LAYERS."""
    parts = module.split(".")
    for end in range(len(parts), 0, -1):
        layer = LAYERS.get(".".join(parts[:end]))
        if layer is not None:
            return layer
    return None


def imported_modules(path: Path, module: str) -> set[str]:
    """Every briefcli module `path` imports, at any depth of the file."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module is not None:
            base = node.module
            if node.level:  # relative: resolve against this module's package
                package = module.split(".")[: -node.level or None]
                base = ".".join([*package, node.module])
            found.add(base)
            # `from briefcli import queries` imports the module briefcli.queries
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return {name for name in found if name.split(".")[0] == "briefcli"}


def upward_imports(package_root: Path) -> list[str]:
    """Each import of a higher layer, as 'importer -> imported'."""
    wrong = []
    for path in sorted(package_root.rglob("*.py")):
        module = module_name(path, package_root)
        own = layer_of(module)
        assert own is not None, f"{module} is in no layer: add it to LAYERS"
        for imported in sorted(imported_modules(path, module)):
            target = layer_of(imported)
            if target is not None and target > own:
                wrong.append(f"{module} -> {imported}")
    return wrong


def test_no_module_imports_a_higher_layer() -> None:
    assert upward_imports(SOURCE) == []


def test_every_package_and_module_has_a_layer() -> None:
    for path in SOURCE.rglob("*.py"):
        assert layer_of(module_name(path, SOURCE)) is not None, path


@pytest.mark.parametrize(
    ("module", "statement"),
    [
        ("brief/model.py", "from briefcli.queries import actors\n"),
        ("store/cache.py", "def f() -> None:\n    from briefcli.cli import main\n"),
        ("search/names.py", "from briefcli import views\n"),
        ("queries/trace.py", "import briefcli.exporters.dot\n"),
    ],
)
def test_an_upward_import_is_found_wherever_it_is_written(
    tmp_path: Path, module: str, statement: str
) -> None:
    package = tmp_path / "briefcli"
    for path in SOURCE.rglob("*.py"):
        copy = package / path.relative_to(SOURCE)
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    planted = package / module
    planted.write_text(planted.read_text(encoding="utf-8") + "\n" + statement, encoding="utf-8")
    wrong = upward_imports(package)
    importer = module_name(planted, package)
    assert wrong, statement
    assert all(line.startswith(f"{importer} -> ") for line in wrong)
