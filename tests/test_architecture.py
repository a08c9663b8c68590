"""The layout is the architecture: layers import only downwards, nothing imports in a circle, the core is plain Python.

Imports are read with ast, function-level ones included (a lazy import still ties two modules together).
ARCHITECTURE.md explains the layers.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Lowest first: a module may import its own layer and the layers before it, never one after it.
LAYERS = [
    (
        "base",
        ("toolkit", "toolkit.i18n", "toolkit.errors", "toolkit.files", "toolkit.safetext", "toolkit.findings_table"),
    ),
    ("core", ("toolkit.core",)),
    ("spec", ("toolkit.spec", "toolkit.data")),
    ("settings", ("toolkit.config",)),
    ("adapters", ("toolkit.adapters",)),
    ("workflows", ("toolkit.workflows",)),
    ("doors", ("toolkit.cli", "toolkit.buttons", "toolkit.service", "toolkit.__main__")),
]
# The core may use the standard library, itself, and the base's message catalogue and exception root.
CORE_MAY_IMPORT = ("toolkit.core", "toolkit.i18n", "toolkit.errors")
SUPPORT = ("toolkit_demo", "tests")  # demo and test support: never imported by the package


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules(package: str = "toolkit") -> dict[str, Path]:
    return {module_name(p): p for p in sorted((ROOT / package).rglob("*.py")) if "__pycache__" not in p.parts}


def imports(path: Path, known: set[str]) -> set[str]:
    """Every module ``path`` imports, at any depth of the code: ``from P import m`` counts as P.m when m is a module."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1] + ([node.module] if node.module else []))
            for alias in node.names:
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base)
    return found


def graph() -> dict[str, set[str]]:
    mods = modules()
    known = set(mods) | set(modules("toolkit_demo"))
    return {m: imports(p, known) for m, p in mods.items()}


def layer_of(module: str) -> int | None:
    best = None
    for i, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or (module.startswith(prefix + ".") and prefix != "toolkit")) and (
                best is None or len(prefix) > best[1]
            ):
                best = (i, len(prefix))
    return best[0] if best else None


def unit_of(module: str) -> str:
    """The folder a module belongs to: a layer's package and the subpackage below it (toolkit.adapters.excel)."""
    parts = module.split(".")
    return ".".join(parts[:3] if parts[1:2] in (["adapters"], ["workflows"]) else parts[:2])


def cycle(edges: dict[str, set[str]]) -> list[str]:
    """One cycle of the directed graph as a path (first node repeated at the end), or [] when there is none."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        state[node] = 2
        stack.pop()
        return []

    for start in sorted(edges):
        if start not in state and (found := visit(start)):
            return found
    return []


def internal(g: dict[str, set[str]]) -> dict[str, set[str]]:
    return {m: {d for d in deps if d in g and d != m} for m, deps in g.items()}


def test_the_cycle_finder_finds_a_cycle_and_only_a_cycle():
    assert cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == ["a", "b", "c", "a"]
    assert cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) == []


def test_every_module_belongs_to_a_layer():
    assert [m for m in graph() if layer_of(m) is None] == []


def test_layers_import_only_downwards():
    wrong = [
        f"{m} ({LAYERS[layer_of(m)][0]}) imports {d} ({LAYERS[layer_of(d)][0]})"
        for m, deps in internal(graph()).items()
        for d in sorted(deps)
        if layer_of(d) > layer_of(m)
    ]
    assert wrong == []


def test_no_import_cycle_between_folders():
    units: dict[str, set[str]] = {}
    for m, deps in internal(graph()).items():
        units.setdefault(unit_of(m), set()).update(unit_of(d) for d in deps if unit_of(d) != unit_of(m))
    assert cycle(units) == []


def test_no_import_cycle_between_modules():
    # A package's __init__ that re-exports its modules is not a cycle with them: a module importing a sibling
    # does not run through the __init__ of its own package here, only an explicit import of the package does.
    assert cycle(internal(graph())) == []


def test_the_core_imports_only_the_standard_library():
    wrong = []
    for m, deps in graph().items():
        if not m.startswith("toolkit.core"):
            continue
        for d in deps:
            top = d.split(".")[0]
            if top == "toolkit":
                if not any(d == p or d.startswith(p + ".") for p in CORE_MAY_IMPORT):
                    wrong.append(f"{m} imports {d}")
            elif top not in sys.stdlib_module_names and top != "__future__":
                wrong.append(f"{m} imports {d}")
    assert wrong == []


def test_the_package_never_imports_demo_or_test_support():
    wrong = [f"{m} imports {d}" for m, deps in graph().items() for d in deps if d.split(".")[0] in SUPPORT]
    assert wrong == []


def test_demo_support_is_not_installed_with_the_package():
    tomllib = pytest.importorskip("tomllib")
    find = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"][
        "find"
    ]
    from fnmatch import fnmatchcase

    assert any(fnmatchcase("toolkit.core", p) for p in find["include"])
    assert not any(fnmatchcase("toolkit_demo", p) for p in find["include"])
