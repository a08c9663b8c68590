"""No module of the package uses another package's private names (standard library included).

Checked on the syntax tree of every module in toolkit/: ``from x import _y``, ``import x._y``,
``x._y`` on a name bound by an import, and, in a class built on another package's class, a
private attribute it inherits (``self._y``, ``super()._y``, overriding ``_y``). A private name
of an object reached some other way (a parameter, a return value) is beyond what a syntax tree
can tell and is left to review.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

PACKAGE = "toolkit"
ROOT = Path(__file__).resolve().parents[1] / PACKAGE
# Public despite the underscore: namedtuple's documented methods, and SQLAlchemy Row's (named so to keep
# clear of column names).
PUBLIC = {"_replace", "_asdict", "_fields", "_make", "_field_defaults", "_mapping", "_tuple", "_t"}


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__")) and name not in PUBLIC


def _ours(module: str | None, level: int = 0) -> bool:
    return level > 0 or module == PACKAGE or (module or "").startswith(PACKAGE + ".")


def _root(node: ast.AST) -> ast.AST:
    while isinstance(node, ast.Attribute):
        node = node.value
    return node


def _is_self_or_super(node: ast.AST) -> bool:
    return (isinstance(node, ast.Name) and node.id == "self") or (
        isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "super"
    )


def _base_attributes(module: str, name: str) -> set[str]:
    try:
        base = getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return set()
    return {n for klass in getattr(base, "__mro__", ()) for n in vars(klass)}


def violations(source: str) -> list[str]:
    """Each use of another package's private name in ``source``: "line: what"."""
    tree = ast.parse(source)
    imported: dict[str, tuple[str, str | None]] = {}  # local name -> (module, name in it or None)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if _ours(alias.name):
                    continue
                if any(_private(part) for part in alias.name.split(".")):
                    found.append(f"{node.lineno}: import {alias.name}")
                imported[alias.asname or alias.name.split(".")[0]] = (alias.name, None)
        elif isinstance(node, ast.ImportFrom) and not _ours(node.module, node.level):
            if any(_private(part) for part in node.module.split(".")):
                found.append(f"{node.lineno}: from {node.module} import")
            for alias in node.names:
                if _private(alias.name):
                    found.append(f"{node.lineno}: from {node.module} import {alias.name}")
                imported[alias.asname or alias.name] = (node.module, alias.name)
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and _private(node.attr):
            root = _root(node)
            if isinstance(root, ast.Name) and root.id in imported:
                found.append(f"{node.lineno}: {ast.unparse(node)}")
        elif isinstance(node, ast.ClassDef):
            found += _inherited(node, imported)
    return sorted(set(found), key=lambda s: int(s.split(":")[0]))


def _inherited(cls: ast.ClassDef, imported: dict) -> list[str]:
    """Private names a class takes from a base class of another package."""
    theirs: set[str] = set()
    foreign = False
    for base in cls.bases:
        root = _root(base)
        if isinstance(root, ast.Name) and root.id in imported:
            foreign = True
            module, name = imported[root.id]
            if name is not None and isinstance(base, ast.Name):
                theirs |= _base_attributes(module, name)
    if not foreign:
        return []
    own = {n.name for n in cls.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}
    own |= {
        t.attr
        for n in ast.walk(cls)
        if isinstance(n, (ast.Assign, ast.AnnAssign, ast.AugAssign))
        for t in (n.targets if isinstance(n, ast.Assign) else [n.target])
        if isinstance(t, ast.Attribute) and _is_self_or_super(t.value)
    }
    found = [
        f"{n.lineno}: {cls.name} overrides {n.name}"
        for n in cls.body
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and _private(n.name) and n.name in theirs
    ]
    for node in ast.walk(cls):
        if not (isinstance(node, ast.Attribute) and _private(node.attr)):
            continue
        if _is_self_or_super(node.value):  # self._y: theirs unless this class made it (and it is not theirs)
            if isinstance(node.value, ast.Call) or node.attr not in own or node.attr in theirs:
                found.append(f"{node.lineno}: {ast.unparse(node)}")
        elif (
            isinstance(node.value, ast.Attribute) and _is_self_or_super(node.value.value) and node.value.attr not in own
        ):  # self.their_part._y
            found.append(f"{node.lineno}: {ast.unparse(node)}")
    return found


def _modules() -> list[Path]:
    return sorted(ROOT.rglob("*.py"))


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(ROOT.parent)))
def test_no_module_uses_another_packages_private_names(path):
    assert violations(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    "source",
    [
        "from zipfile import _EndRecData",
        "import zipfile\nzipfile._EndRecData(f)",
        "import xml.etree.ElementTree as ET\nET._escape_cdata('x')",
        "from xlsxwriter import worksheet\nworksheet._utf16_len('x')",
        "import _strptime",
        "from xlsxwriter.worksheet import Worksheet\nclass S(Worksheet):\n    def _write_rows(self):\n        pass",
        "from xlsxwriter.worksheet import Worksheet\nclass S(Worksheet):\n    def put(self):\n        self._check_dimensions(0, 0)",
        "from xlsxwriter.worksheet import Worksheet\nclass S(Worksheet):\n    def put(self):\n"
        "        return self.str_table._get_shared_string_index('x')",
        "from xlsxwriter.worksheet import Worksheet\nclass S(Worksheet):\n    def put(self):\n"
        "        return super()._get_range_data(0, 0, 0, 0)",
    ],
)
def test_the_check_finds_private_names(source):
    assert violations(source)


@pytest.mark.parametrize(
    "source",
    [
        "from toolkit.adapters.store.codec import _plain",  # inside the package
        "from . import _x",
        "from __future__ import annotations",
        "import zipfile\nzipfile.ZipFile.__name__",
        "from typing import NamedTuple\nclass P(NamedTuple):\n    a: int\np = P(1)._replace(a=2)",
        "from xlsxwriter.worksheet import Worksheet\nclass S(Worksheet):\n    def __init__(self):\n"
        "        super().__init__()\n        self._mine = {}\n    def put(self):\n        return self._mine",
        "def f(obj):\n    return obj._private",  # an object of unknown origin: not decidable here
    ],
)
def test_the_check_leaves_public_use_alone(source):
    assert violations(source) == []


def _own_private_names() -> set[str]:
    """Every private name the package itself defines: functions, classes, attributes it assigns, parameters."""
    names: set[str] = set()
    for path in ROOT.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(node.name)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                names.add(node.attr)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
            elif isinstance(node, ast.arg):
                names.add(node.arg)
            elif isinstance(node, ast.alias):
                names.add(node.asname or node.name.split(".")[-1])
    return {n for n in names if _private(n)}


def test_no_private_attribute_of_an_object_from_elsewhere():
    """``row._tr``, ``prs.slides._sldIdLst``: a private attribute the package never defines is another library's."""
    own = _own_private_names()
    found = [
        f"{path.relative_to(ROOT.parent)}:{node.lineno}: .{node.attr}"
        for path in sorted(ROOT.rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Attribute) and _private(node.attr) and node.attr not in own
    ]
    assert found == []
