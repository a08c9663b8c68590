"""Move messages registered in Python (``register``, ``register_table``, ``rule(..., da, nb, en)``) into the .po files.

Re-runnable and idempotent; standard library and Babel only. Run from the project folder:

    .venv/bin/python tools/to_gettext.py [--check]

1. Imports every module of the package with ``toolkit.i18n.register``/``register_table`` replaced by
   collectors (they no longer exist at run time), and reads the texts of ``rule(id, severity, da, nb, en)``
   calls from the source.
2. Merges them into ``toolkit/locale/{da,nb,en}/LC_MESSAGES/toolkit.po``: msgid = the key, the English
   catalogue holds the source text, da and nb carry it as an extracted comment (``#. en: ...``) for the
   translator. Existing entries keep their translator comments and flags; a text registered in the source
   replaces the catalogue's (it is the newer one: a catalogue entry is edited only after its registration
   is gone) and is reported.
3. Compiles every .po to .mo (what ``toolkit.i18n.t`` reads with the standard library's gettext).
4. Removes the registrations from the source by their ast positions: the ``register``/``register_table``
   statements, the tables and private helpers only they used, the text arguments of ``rule(...)``, and
   the imports of ``register``/``register_table``. A table or ``MESSAGES`` name still used elsewhere is
   kept as a tuple of its keys, and each use is reported.

``--drop KEY...`` deletes messages no longer used. ``--check`` changes nothing and exits 1 when a registration is left or a .mo is stale.
After merging a branch that still registers messages: take that branch's side of each conflicting
module, then run this script.
"""

from __future__ import annotations

import argparse
import ast
import datetime
import importlib
import importlib.abc
import importlib.machinery
import io
import pkgutil
import re
import sys
from collections import defaultdict
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "toolkit"
# Where messages are registered: the package and the demo beside it (which says its steps with toolkit's catalogue).
SOURCES = (PACKAGE, "toolkit_demo")
LANGUAGES = ("da", "nb", "en")
REGISTER = {"register", "register_table"}
RULE_MODULE = "toolkit.workflows.validate.findings"
# A fixed header date keeps the catalogues (and so the .mo files) byte-for-byte reproducible.
_FIXED = datetime.datetime(2026, 12, 2, tzinfo=datetime.timezone.utc)
_PLACEHOLDER = re.compile(r"\{(\w+)[^{}]*\}")

# --------------------------------------------------------------------------------------------- collect


class Collected:
    """Messages found: key -> (da, nb, en), and which module registered each."""

    def __init__(self):
        self.texts: dict[str, dict[str, str]] = {}
        self.module: dict[str, str] = {}
        self.problems: list[str] = []

    def add(self, key: str, texts: dict[str, str], module: str) -> None:
        if key in self.texts and self.texts[key] != texts:
            self.problems.append(f"{key}: registered twice with different texts ({self.module[key]}, {module})")
        self.texts[key], self.module[key] = dict(texts), module


def _caller_module(depth: int = 2) -> str:
    import inspect

    frame = inspect.currentframe()
    for _ in range(depth):
        frame = frame.f_back if frame else None
    return frame.f_globals.get("__name__", "?") if frame else "?"


def _message_key(rule_id: str) -> str:
    import toolkit.workflows.validate.findings as findings

    return findings.message_key(rule_id)


class _RuleTextsDropped(importlib.machinery.SourceFileLoader):
    """Compiles a module from its source with ``rule(id, severity, da, nb, en)`` called as ``rule(id, severity)``:
    ``rule`` takes no texts any more, and a module still passing them (a branch merged after the move) must
    import to be collected. The texts themselves are read from the source (``rewrite``)."""

    def get_code(self, fullname):
        tree = ast.parse(self.get_source(fullname), self.path)
        for call in _rule_calls(tree):
            call.args = call.args[:2]
        return compile(tree, self.path, "exec", dont_inherit=True)


class _RulesWithoutTexts(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name.split(".")[0] not in SOURCES:
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path, target)
        if spec is not None and isinstance(spec.loader, importlib.machinery.SourceFileLoader):
            spec.loader = _RuleTextsDropped(name, spec.origin)
        return spec


def collect(found: Collected) -> None:
    """Import every module with collecting stand-ins for register/register_table."""
    sys.path.insert(0, str(ROOT))
    import toolkit.i18n as i18n

    def register(messages):
        for key, texts in messages.items():
            found.add(key, texts, _caller_module(2))
        return messages

    def register_table(prefix, table):
        messages = {f"{prefix}.{k}": dict(zip(LANGUAGES, texts, strict=True)) for k, texts in table.items()}
        for key, texts in messages.items():
            found.add(key, texts, _caller_module(2))
        return messages

    i18n.register, i18n.register_table = register, register_table  # seen by every later `from toolkit.i18n import`
    sys.meta_path.insert(0, _RulesWithoutTexts())  # rule(id, severity, da, nb, en) imports as rule(id, severity)
    for name in SOURCES:
        package = importlib.import_module(name)
        for info in pkgutil.walk_packages(package.__path__, name + "."):
            if info.name.endswith(".__main__"):
                continue
            try:
                importlib.import_module(info.name)
            except ModuleNotFoundError as exc:  # an optional third-party package; its module registers nothing we need
                if (exc.name or "").startswith(PACKAGE):
                    raise
                found.problems.append(f"{info.name} not imported ({exc}); run from the project's .venv")


# --------------------------------------------------------------------------------------------- source edits


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_register_call(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in REGISTER


def _registration(stmt: ast.stmt) -> bool:
    """A module-level statement that only registers (and maybe names the result)."""
    value = stmt.value if isinstance(stmt, (ast.Expr, ast.Assign, ast.AnnAssign)) else None
    if value is None:
        return False
    if isinstance(stmt, ast.Assign) and not all(isinstance(t, ast.Name) for t in stmt.targets):
        return False
    if _is_register_call(value):
        return True
    return (
        isinstance(value, ast.Dict)
        and bool(value.values)
        and all(k is None for k in value.keys)
        and all(_is_register_call(v) for v in value.values)
    )


def _names_in(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def _defined_name(stmt: ast.stmt) -> str | None:
    if isinstance(stmt, (ast.FunctionDef, ast.ClassDef)):
        return stmt.name
    if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
        return stmt.targets[0].id
    if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
        return stmt.target.id
    return None


def _imports_rule(tree: ast.Module, module: str) -> bool:
    if module == RULE_MODULE:
        return True
    return any(
        isinstance(n, ast.ImportFrom) and n.module == RULE_MODULE and any(a.name == "rule" for a in n.names)
        for n in ast.walk(tree)
    )


def _rule_calls(tree: ast.Module) -> list[ast.Call]:
    return [
        n
        for n in ast.walk(tree)
        if isinstance(n, ast.Call)
        and isinstance(n.func, ast.Name)
        and n.func.id == "rule"
        and len(n.args) == 5
        and not n.keywords
    ]


class Edit:
    """Replace source from (line, byte column) to (line, byte column) with text; lines 1-based."""

    def __init__(self, start: tuple[int, int], end: tuple[int, int], text: str):
        self.start, self.end, self.text = start, end, text


def _whole_lines(stmt: ast.stmt, text: str = "") -> Edit:
    return Edit((stmt.lineno, 0), (stmt.end_lineno + 1, 0), text)


def _apply(source: str, edits: list[Edit]) -> str:
    lines = [line.encode() for line in source.splitlines(keepends=True)] + [b""]
    data = b"".join(lines)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))

    def pos(p: tuple[int, int]) -> int:
        return offsets[p[0] - 1] + p[1]

    for e in sorted(edits, key=lambda e: pos(e.start), reverse=True):
        data = data[: pos(e.start)] + e.text.encode() + data[pos(e.end) :]
    return re.sub(r"\n{4,}", "\n\n\n", data.decode())


def _keys_tuple(name: str, keys: list[str]) -> str:
    body = "".join(f"    {k!r},\n" for k in keys)
    return f"{name} = (  # message keys; the texts are in toolkit/locale (tools/to_gettext.py)\n{body})\n"


def _external_uses(module: str, names: set[str], files: list[Path]) -> dict[str, list[str]]:
    """Where other files import ``names`` from ``module`` (or use module.NAME)."""
    uses = defaultdict(list)
    last = module.rsplit(".", 1)[-1]
    for path in files:
        text = path.read_text(encoding="utf-8")
        if not any(n in text for n in names):
            continue
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.ImportFrom) and node.module == module:
                for alias in node.names:
                    if alias.name in names:
                        uses[alias.name].append(f"{path.relative_to(ROOT)}:{node.lineno}")
            elif (
                isinstance(node, ast.Attribute)
                and node.attr in names
                and isinstance(node.value, ast.Name)
                and node.value.id == last
            ):
                uses[node.attr].append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return uses


def rewrite(path: Path, found: Collected, all_files: list[Path], report: list[str]) -> str | None:
    """The module's source without its registrations (None when it has none)."""
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    module = _module_name(path)
    removed: list[ast.stmt] = [s for s in tree.body if _registration(s)]
    rules = _rule_calls(tree) if _imports_rule(tree, module) else []
    for call in rules:
        try:
            rule_id, _severity, *texts = (ast.literal_eval(a) for a in call.args)
        except ValueError:
            found.problems.append(f"{path.relative_to(ROOT)}:{call.lineno}: rule() texts are not literal strings")
            continue
        found.add(_message_key(rule_id), dict(zip(LANGUAGES, texts, strict=True)), module)
    i18n_imports = [
        n
        for n in ast.walk(tree)
        if isinstance(n, ast.ImportFrom) and n.module == "toolkit.i18n" and any(a.name in REGISTER for a in n.names)
    ]
    if not removed and not rules and not i18n_imports:
        return None

    edits: list[Edit] = []
    # Names the removed statements define (MESSAGES = ...) and private definitions only they use.
    bound = {_defined_name(s) for s in removed} - {None}
    keep_as_keys: dict[str, list[str]] = {}
    changed = True
    while changed:  # a private table or helper that only removed statements used goes too
        changed = False
        gone = set(map(id, removed))
        for stmt in tree.body:
            name = _defined_name(stmt)
            if id(stmt) in gone or not name or not name.startswith("_"):
                continue
            if not any(name in _names_in(s) for s in removed):
                continue
            if any(
                name in _names_in(s)
                for s in tree.body
                if id(s) not in gone and s is not stmt and not isinstance(s, ast.Import | ast.ImportFrom)
            ):
                if isinstance(getattr(stmt, "value", None), ast.Dict):
                    keep_as_keys[name] = [ast.literal_eval(k) for k in stmt.value.keys]
                continue
            removed.append(stmt)
            changed = True
    gone = set(map(id, removed))
    for stmt in tree.body:
        name = _defined_name(stmt)
        if name in keep_as_keys and id(stmt) not in gone:
            edits.append(_whole_lines(stmt, _keys_tuple(name, keep_as_keys[name])))
            report.append(f"{path.relative_to(ROOT)}: {name} kept as a tuple of its keys (still used in the module)")
    # Public names bound by registrations: dropped unless used in this module or elsewhere.
    kept_stmts = [s for s in tree.body if id(s) not in gone and not isinstance(s, ast.Import | ast.ImportFrom)]
    used_here = set().union(*(_names_in(s) for s in kept_stmts)) if kept_stmts else set()
    elsewhere = _external_uses(module, bound, [f for f in all_files if f != path])
    for stmt in removed:
        name = _defined_name(stmt)
        if name in bound and (name in used_here or name in elsewhere):
            keys = [k for k, m in found.module.items() if m == module and _binds(stmt, k)]
            edits.append(_whole_lines(stmt, _keys_tuple(name, keys)))
            report.append(
                f"{path.relative_to(ROOT)}: {name} kept as a tuple of keys; still used at "
                + ", ".join(elsewhere.get(name, ["this module"]))
            )
        else:
            edits.append(_whole_lines(stmt))
    for call in rules:
        seg = [ast.get_source_segment(source, a) for a in call.args[:2]]
        edits.append(
            Edit((call.lineno, call.col_offset), (call.end_lineno, call.end_col_offset), f"rule({seg[0]}, {seg[1]})")
        )
    for node in i18n_imports:
        left = [a for a in node.names if a.name not in REGISTER]
        text = (
            ""
            if not left
            else "from toolkit.i18n import "
            + ", ".join(a.name + (f" as {a.asname}" if a.asname else "") for a in left)
            + "\n"
        )
        indent = " " * node.col_offset
        edits.append(Edit((node.lineno, 0), (node.end_lineno + 1, 0), indent + text if text else ""))
    return _apply(source, edits)


def _binds(stmt: ast.stmt, key: str) -> bool:
    """Whether the registration ``stmt`` registered ``key`` (by its prefix or literal keys)."""
    for call in (n for n in ast.walk(stmt) if _is_register_call(n)):
        if call.func.id == "register_table" and call.args and isinstance(call.args[0], ast.Constant):
            if key.startswith(call.args[0].value + "."):
                return True
        elif (
            call.args
            and isinstance(call.args[0], ast.Dict)
            and any(isinstance(k, ast.Constant) and k.value == key for k in call.args[0].keys)
        ):
            return True
    return False


# --------------------------------------------------------------------------------------------- catalogues


def po_path(lang: str) -> Path:
    return ROOT / PACKAGE / "locale" / lang / "LC_MESSAGES" / f"{PACKAGE}.po"


def _read(lang: str) -> Catalog:
    path = po_path(lang)
    if path.exists():
        with open(path, "rb") as fp:
            return read_po(fp, locale=lang, domain=PACKAGE)
    return Catalog(
        locale=lang,
        domain=PACKAGE,
        project=PACKAGE,
        fuzzy=False,
        creation_date=_FIXED,
        revision_date=_FIXED,
        header_comment=f"# {PACKAGE}'s messages in {lang}. msgid = the key used in the code;\n"
        f"# the English catalogue holds the source text.\n#",
    )


def _flags(text: str) -> set[str]:
    return {"python-brace-format"} if _PLACEHOLDER.search(text) else set()


def _source_file(module: str) -> str:
    """``toolkit.workflows.validate`` -> ``toolkit/workflows/validate/__init__.py`` (a package) or ``....py``."""
    base = module.replace(".", "/")
    return f"{base}/__init__.py" if (ROOT / base / "__init__.py").is_file() else f"{base}.py"


def merge(found: Collected, report: list[str]) -> dict[str, Catalog]:
    catalogs = {lang: _read(lang) for lang in LANGUAGES}
    for key in sorted(found.texts):
        texts, location = found.texts[key], (_source_file(found.module[key]), None)
        for lang in LANGUAGES:
            cat, text = catalogs[lang], found.texts[key][lang]
            msg = cat.get(key)
            if msg is None:
                cat[key] = Message(key, text, locations=[location], flags=_flags(texts["en"]))
            elif msg.string != text:
                report.append(f"{key} [{lang}]: {msg.string!r} -> {text!r} (from the source)")
                msg.string = text
    english = catalogs["en"]
    for lang in LANGUAGES:
        for msg in catalogs[lang]:
            if not msg.id:
                continue
            source = english.get(msg.id)
            if lang != "en":
                msg.auto_comments = [f"en: {source.string}"] if source is not None else []
            base = source.string if source is not None else msg.string
            msg.flags = (set(msg.flags) - {"python-brace-format"}) | _flags(base)
    return catalogs


def po_bytes(catalog: Catalog) -> bytes:
    buf = io.BytesIO()
    write_po(buf, catalog, width=100, sort_output=True, include_lineno=False)
    return buf.getvalue()


def mo_bytes(catalog: Catalog) -> bytes:
    buf = io.BytesIO()
    write_mo(buf, catalog)
    return buf.getvalue()


def compiled(lang: str) -> bytes:
    """The .mo that the committed .po of ``lang`` compiles to (tests compare it with the committed .mo)."""
    with open(po_path(lang), "rb") as fp:
        return mo_bytes(read_po(fp, locale=lang, domain=PACKAGE))


def _write(path: Path, data: bytes) -> bool:
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return True


# --------------------------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--check", action="store_true", help="change nothing; exit 1 when anything would change")
    p.add_argument("--drop", nargs="+", default=[], metavar="KEY", help="delete these messages (no longer used)")
    args = p.parse_args(argv)
    check = args.check
    found, report = Collected(), []
    collect(found)
    sources = sorted(path for name in SOURCES for path in (ROOT / name).rglob("*.py"))
    all_files = sorted(set(sources) | set((ROOT / "tests").rglob("*.py")) | set((ROOT / "bench").rglob("*.py")))
    new_sources = {path: text for path in sources if (text := rewrite(path, found, all_files, report)) is not None}
    catalogs = merge(found, report)
    for key in args.drop:
        for lang, cat in catalogs.items():
            if key not in cat:
                found.problems.append(f"--drop {key}: not in the {lang} catalogue")
            else:
                cat.delete(key)
    if found.problems:
        print("\n".join(found.problems), file=sys.stderr)
        return 2
    changed = []
    for lang, cat in catalogs.items():
        po = po_bytes(cat)
        with_po = read_po(io.BytesIO(po), locale=lang, domain=PACKAGE)
        for path, data in ((po_path(lang), po), (po_path(lang).with_suffix(".mo"), mo_bytes(with_po))):
            if check:
                if not path.exists() or path.read_bytes() != data:
                    changed.append(path)
            elif _write(path, data):
                changed.append(path)
    for path, text in new_sources.items():
        if text != path.read_text(encoding="utf-8"):
            changed.append(path)
            if not check:
                path.write_text(text, encoding="utf-8")
    for line in report:
        print(line)
    print(f"{len(found.texts)} registered messages merged; {sum(len(c) for c in catalogs.values()) // 3} per language.")
    for path in changed:
        print(("would change " if check else "changed ") + str(path.relative_to(ROOT)))
    return 1 if check and changed else 0


if __name__ == "__main__":
    sys.exit(main())
