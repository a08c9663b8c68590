#!/usr/bin/env python3
"""Move the toolkit's modules into the layers of ARCHITECTURE.md and rewrite every reference to them.

Run from the repository root on a clean checkout:  python3 tools/relayout.py
Re-runnable: a second run finds nothing to move and nothing to rewrite. Standard library only.
Delete this file once it has been applied.
"""
from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

# ---------------------------------------------------------------------------------------------------------
# The mapping, old dotted name -> new dotted name. An entry for a package moves every module under it
# (also modules added after this script was written) unless a longer entry names the module itself.
MOVES = {
    # core: the domain, standard library only
    "toolkit.model": "toolkit.core.model",
    "toolkit.numbers": "toolkit.core.numbers",
    "toolkit.status": "toolkit.core.status",
    "toolkit.split": "toolkit.core.costsplit",
    "toolkit.budget": "toolkit.core.budget",
    "toolkit.fulfilment": "toolkit.core.fulfilment",
    "toolkit.consolidate.rollup": "toolkit.core.rollup",
    "toolkit.units": "toolkit.core.units",
    "toolkit.continuation": "toolkit.core.continuation",
    # reference data: the 2019 contract's goals prefill the shipped `templates --prefill` and `xlsm --prefill`
    "toolkit.samples": "toolkit.data.samples",
    # adapters
    "toolkit.excel": "toolkit.adapters.excel",
    "toolkit.cells": "toolkit.adapters.excel.cells",
    "toolkit.records": "toolkit.adapters.excel.records",
    "toolkit.vba": "toolkit.adapters.vba",
    "toolkit.deck": "toolkit.adapters.deck",
    "toolkit.consolidate.ledger": "toolkit.adapters.store.ledger",
    "toolkit.consolidate.archive": "toolkit.adapters.store.archive",
    "toolkit.consolidate.inbox": "toolkit.adapters.store.inbox",
    "toolkit.consolidate.lock": "toolkit.adapters.store.lock",
    "toolkit.consolidate.codec": "toolkit.adapters.store.codec",
    "toolkit.consolidate.workbook": "toolkit.adapters.consolidated.writer",
    "toolkit.consolidate.labels": "toolkit.adapters.consolidated.labels",
    "toolkit.consolidate.embedded": "toolkit.adapters.consolidated.embedded",
    # workflows
    "toolkit.validate": "toolkit.workflows.validate",
    "toolkit.consolidate": "toolkit.workflows.consolidate",
    "toolkit.consolidate.book": "toolkit.workflows.consolidate.workbook",
    "toolkit.consolidate.summary": "toolkit.workflows.consolidate.report",
    "toolkit.consolidate.splitting": "toolkit.workflows.consolidate.costsplit",
    "toolkit.templates": "toolkit.workflows.templates",
    "toolkit.splitbook": "toolkit.workflows.costsplit",
    "toolkit.council": "toolkit.workflows.deck",
    # the two doors: the CLI (toolkit/cli.py becomes the package toolkit/cli/) and the buttons
    "toolkit.commands": "toolkit.cli",
    "toolkit.summary": "toolkit.cli.printouts",
    "toolkit.xlsm": "toolkit.buttons.xlsm",
    # demo and test support, out of the shipped package
    "toolkit.demo": "toolkit_demo.demo",
    "toolkit.fill": "toolkit_demo.fill",
    "toolkit.buttons.remote": "toolkit_demo.remote",
}
# Names that left their module when the file helpers got one home (toolkit/files.py) and the .xlsm writer
# took write_all_templates; code written against the old homes is pointed at the new ones.
SYMBOLS = {
    "toolkit.templates.safe_name": "toolkit.files.safe_name",
    "toolkit.templates.atomic_write": "toolkit.files.atomic_write",
    "toolkit.templates.write_all_templates": "toolkit.buttons.xlsm.write_all_templates",
    "toolkit.consolidate.workbook.Written": "toolkit.files.Written",
    "toolkit.consolidate.workbook.save": "toolkit.files.save",
    "toolkit.consolidate.workbook.write_bytes": "toolkit.files.write_bytes",
}
# A module whose name stays but whose file changes.
FILE_MOVES = {"toolkit/cli.py": "toolkit/cli/__init__.py"}
# Today's modules that go where their package goes (a module added later is moved the same way and reported).
WITH_THEIR_PACKAGE = {
    "toolkit.consolidate": {f"toolkit.consolidate.{m}" for m in (
        "pipeline", "examine", "workers", "progress", "schedule", "reminders", "history", "gather", "messages",
        "sheets_files", "sheets_goals", "sheets_money")},
    "toolkit.commands": {f"toolkit.commands.{m}" for m in (
        "templates", "validate", "split", "consolidate", "deck", "buttons")},
}
for _whole in ("toolkit.excel", "toolkit.vba", "toolkit.deck", "toolkit.validate"):   # move whole, new modules too
    WITH_THEIR_PACKAGE[_whole] = {"*"}
# Removed: `toolkit demo` becomes `python -m toolkit_demo` (the shipped package never imports the demo);
# toolkit/commands/__init__.py is only a docstring and toolkit/cli/__init__.py takes its place.
REMOVE = ["toolkit/commands/demo.py", "toolkit/commands/__init__.py"]

NEW_FILES = {
    "toolkit/core/__init__.py": '"""The domain: plain data and the rules on it (splits, budgets, fulfilment, status, numbers); '
                                'standard library only."""\n',
    "toolkit/adapters/__init__.py": '"""Adapters: the file formats and programs around the domain '
                                    '(Excel, the ledger, the consolidated workbook, the deck, VBA)."""\n',
    "toolkit/adapters/store/__init__.py": '"""What the consolidation keeps: the inbox scan, the archive of received files, '
                                          'the ledger, its lock and its JSON codec."""\n',
    "toolkit/adapters/consolidated/__init__.py": '"""Writing the consolidated workbook (fast rows, labels, colours) and '
                                                 'the figures embedded in it."""\n',
    "toolkit/workflows/__init__.py": '"""Workflows: validate, consolidate, templates, cost-split workbooks and the deck, '
                                     'each a sequence of core rules and adapters."""\n',
    "toolkit_demo/__init__.py": '"""Demo and test support, not part of the installed package: sample submissions filled '
                                'as users would, and xlwings payloads for the buttons."""\n',
    "toolkit_demo/__main__.py": '''"""python -m toolkit_demo: the main job end to end on sample data (what `make demo` runs)."""
from __future__ import annotations

import argparse
import sys

from toolkit.config import default_config_path, load_config
from toolkit.errors import ToolkitError
from toolkit_demo.demo import run_demo


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m toolkit_demo",
        description="Build the templates, pre-fill and fill one submission per municipality "
                    "(some with mistakes, some missing), put them in the inbox, consolidate and make the deck.",
        epilog="Example: python -m toolkit_demo")
    parser.add_argument("--config", help="path of config.ini (default: ./config.ini, else the project's)")
    args = parser.parse_args(argv)
    lang = "en"
    try:
        cfg = load_config(args.config or default_config_path())
        lang = cfg.language
        run_demo(cfg)
    except ToolkitError as exc:
        print(exc.message(lang), file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
''',
}

# Literal edits beyond names: (file, old, new). Skipped when ``new`` is already there.
EDITS = [
    ("toolkit/cli/__init__.py", '"templates", "demo", ', '"templates", '),
    ("tests/test_cli.py", '{"templates", "demo"}', '{"templates", "validate"}'),
    ("Makefile", "$(BIN)/toolkit demo", "$(BIN)/python -m toolkit_demo"),
    ("Makefile", "\t$(BIN)/python bench/run_all.py", "\tPYTHONPATH=$(CURDIR) $(BIN)/python bench/run_all.py"),
    ("pyproject.toml", 'include = ["toolkit*"]', 'include = ["toolkit", "toolkit.*"]'),
    ("pyproject.toml", 'testpaths = ["tests"]\n', 'testpaths = ["tests"]\npythonpath = ["."]  # toolkit_demo\n'),
    ("README.md", "| `toolkit demo` | all of the above on sample data |",
     "| `python -m toolkit_demo` | all of the above on sample data (what `make demo` runs; the demo is not part of "
     "the installed package) |"),
    ("README.md", "pip install -e .\ntoolkit demo\n", "pip install -e .\npy -m toolkit_demo\n"),
    ("README.md", "- `BENCHMARKS.md`: consolidation",
     "- `ARCHITECTURE.md`: the layers (spec, core, adapters, workflows, the CLI and the buttons) and the path of "
     "one submission from inbox to deck.\n- `BENCHMARKS.md`: consolidation"),
    ("CHANGELOG.md", "## Unreleased\n\n",
     "## Unreleased\n\n- The demo is no longer a command of the installed program: `make demo` runs it as before, or "
     "`python -m toolkit_demo` from the project folder. For developers: the package is regrouped into layers "
     "(spec, core, adapters, workflows, the CLI and the buttons; ARCHITECTURE.md); the workbook buttons still "
     "call `toolkit.buttons.handlers`, so workbooks already sent out keep working.\n"),
]

# Dotted text that is data, not a reference: the VBA project id is derived from it (changing it changes
# the committed templates' bytes).
KEEP = ['"toolkit.vba:"']

# Where references are rewritten; CHANGELOG.md is history and keeps the names of its time.
SCOPE = ["toolkit", "toolkit_demo", "tests", "bench", "docs", "macros", ".ci", "README.md", "ARCHITECTURE.md",
         "BENCHMARKS.md", "pyproject.toml", "Makefile", "config.ini"]
TEXT_SUFFIXES = {".py", ".md", ".toml", ".ini", ".bas", ".cfg", ".txt", ".yaml", ".yml", ".rst", ""}
REPORT_ONLY = ["CHANGELOG.md"]

# ---------------------------------------------------------------------------------------------------------
ROOT = Path.cwd()
notes: list[str] = []      # what a person should look at


def note(msg: str) -> None:
    notes.append(msg)


def new_name(dotted: str) -> str | None:
    """The new dotted name for an old one (or a name inside it), by the longest entry of MOVES; None when unmoved."""
    parts = dotted.split(".")
    for n in range(len(parts), 0, -1):
        head = ".".join(parts[:n])
        if head in SYMBOLS:
            return ".".join([SYMBOLS[head]] + parts[n:])
        if head in MOVES:
            return ".".join([MOVES[head]] + parts[n:])
    return None


def check_mapping() -> None:
    """Idempotence: no new name may start with an old one, or a second run would move it again."""
    for old, new in (MOVES | SYMBOLS).items():
        again = new_name(new)
        if again is not None:
            sys.exit(f"relayout: {old} -> {new}, but {new} itself would move to {again}")


def module_of(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def path_of(dotted: str, package: bool) -> Path:
    base = ROOT.joinpath(*dotted.split("."))
    return base / "__init__.py" if package else base.with_suffix(".py")


def is_module(dotted: str) -> bool:
    base = ROOT.joinpath(*dotted.split("."))
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


def git(*args: str) -> bool:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True).returncode == 0


def tracked(path: Path) -> bool:
    return git("ls-files", "--error-unmatch", str(path.relative_to(ROOT)))


def move(src: Path, dst: Path) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    if tracked(src):
        if not git("mv", str(src.relative_to(ROOT)), str(dst.relative_to(ROOT))):
            sys.exit(f"relayout: git mv {src} {dst} failed")
    else:
        os.replace(src, dst)
        note(f"moved an untracked file (git add it): {dst.relative_to(ROOT)}")
    print(f"moved  {src.relative_to(ROOT)} -> {dst.relative_to(ROOT)}")


def docstring_only(path: Path) -> bool:
    body = ast.parse(path.read_text(encoding="utf-8")).body
    return len(body) <= 1 and all(isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant) for n in body)


# -- relative imports: made absolute (under the old names) before anything moves ---------------------------
def absolutise_relative_imports(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    tree = ast.parse(text)
    mod = module_of(path)
    package = mod if path.name == "__init__.py" else mod.rpartition(".")[0]
    lines = text.splitlines(keepends=True)
    changed = False
    for node in sorted((n for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.level),
                       key=lambda n: -n.lineno):
        base = package.split(".")
        base = base[:len(base) - (node.level - 1)]
        target = ".".join(base + ([node.module] if node.module else []))
        line = lines[node.lineno - 1]
        new = re.sub(r"from\s+\.+\s*" + (re.escape(node.module) if node.module else ""), f"from {target}", line, count=1)
        if new == line:
            note(f"{path.relative_to(ROOT)}:{node.lineno}: relative import not rewritten: {line.strip()}")
            continue
        lines[node.lineno - 1] = new
        changed = True
        note(f"{path.relative_to(ROOT)}:{node.lineno}: relative import made absolute: {new.strip()}")
    if changed:
        path.write_text("".join(lines), encoding="utf-8")


# -- paths from __file__: a module one folder deeper needs one more .parent to reach the same place ---------
FILE_PATH = re.compile(r"(Path\(__file__\)(?:\.resolve\(\))?)((?:\.parent)+|\.parents\[(\d+)\])")


def keep_file_paths(path: Path, delta: int) -> None:
    if not delta or path.suffix != ".py":
        return
    text = path.read_text(encoding="utf-8")

    def fix(m: re.Match) -> str:
        ups = int(m.group(3)) + 1 if m.group(3) is not None else m.group(2).count(".parent")
        ups += delta
        new = m.group(1) + (".parent" * ups if ups <= 3 else f".parents[{ups - 1}]")
        note(f"{path.relative_to(ROOT)}: {m.group(0)} -> {new} (the file moved {delta:+d} folder(s))")
        return new

    new = FILE_PATH.sub(fix, text)
    if new != text:
        path.write_text(new, encoding="utf-8")
    for i, line in enumerate(new.splitlines(), 1):
        if "__file__" in line and not FILE_PATH.search(line):
            note(f"{path.relative_to(ROOT)}:{i}: a path from __file__ in a moved file; check it: {line.strip()}")


# -- moving -------------------------------------------------------------------------------------------------
def plan_moves() -> list[tuple[Path, Path]]:
    plan = []
    for src_rel, dst_rel in FILE_MOVES.items():
        if (ROOT / src_rel).is_file():
            plan.append((ROOT / src_rel, ROOT / dst_rel))
    explicit = set(MOVES)
    for path in sorted((ROOT / "toolkit").rglob("*.py")):
        if "__pycache__" in path.parts or str(path.relative_to(ROOT)) in FILE_MOVES:
            continue
        if str(path.relative_to(ROOT)) in REMOVE:
            continue
        old = module_of(path)
        new = new_name(old)
        if new is None:
            continue
        plan.append((path, path_of(new, path.name == "__init__.py")))
        home = next(k for k in sorted(MOVES, key=len, reverse=True) if old == k or old.startswith(k + "."))
        if old != home and not {old, "*"} & WITH_THEIR_PACKAGE.get(home, set()):
            note(f"{old}: not named in MOVES, moved with {home} to {new}; check that it belongs there")
    return plan


def apply_moves() -> None:
    for rel in REMOVE:
        path = ROOT / rel
        if path.is_file():
            if rel.endswith("__init__.py") and not docstring_only(path):
                note(f"{rel}: not removed, it holds code; merge it into its new package by hand")
                continue
            git("rm", "-q", rel) or path.unlink()
            print(f"removed {rel}")
    plan = plan_moves()
    for src, _ in plan:
        absolutise_relative_imports(src)
    targets: dict[Path, Path] = {}
    for src, dst in plan:
        if dst in targets or (dst.exists() and dst != src):
            note(f"{src.relative_to(ROOT)}: not moved, {dst.relative_to(ROOT)} is taken")
            continue
        targets[dst] = src
        move(src, dst)
        keep_file_paths(dst, len(dst.relative_to(ROOT).parts) - len(src.relative_to(ROOT).parts))
    for rel, content in NEW_FILES.items():
        path = ROOT / rel
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
            git("add", rel)
            print(f"created {rel}")
    for directory in sorted((p for p in (ROOT / "toolkit").rglob("*") if p.is_dir()), key=lambda p: -len(p.parts)):
        cache = directory / "__pycache__"
        if cache.is_dir() and not any(directory.glob("*.py")):
            for f in cache.iterdir():
                f.unlink()
            cache.rmdir()
        if directory.name != "__pycache__" and not any(directory.iterdir()):
            directory.rmdir()
            print(f"removed empty {directory.relative_to(ROOT)}")


# -- rewriting references -----------------------------------------------------------------------------------
DOTTED = re.compile(r"(?<![\w.])toolkit(?:\.[A-Za-z_]\w*)+")
SLASHED = re.compile(r"(?<![\w/.\\-])toolkit(?:/[A-Za-z_]\w*)+(?:\.py)?")


def rewrite_dotted(m: re.Match) -> str:
    return new_name(m.group(0)) or m.group(0)


def rewrite_slashed(m: re.Match) -> str:
    text = m.group(0)
    if text in FILE_MOVES:
        return FILE_MOVES[text]
    py = text.endswith(".py")
    dotted = text[:-3].replace("/", ".") if py else text.replace("/", ".")
    new = new_name(dotted)
    if new is None:
        return text
    out = new.replace(".", "/")
    if py:
        out += "/__init__.py" if (ROOT / out / "__init__.py").is_file() and not (ROOT / (out + ".py")).is_file() \
            else ".py"
    return out


JOINED = re.compile(r"""(["'])toolkit\1(?:\s*/\s*(["'])[\w.]+\2)+""")


def rewrite_joined(m: re.Match) -> str:
    """``ROOT / "toolkit" / "validate"``: a path built with ``/`` from quoted parts."""
    parts = re.findall(r"""["']([\w.]+)["']""", m.group(0))
    slashed = "/".join(parts)
    full = SLASHED.fullmatch(slashed)
    new = rewrite_slashed(full) if full else slashed
    if new == slashed:
        return m.group(0)
    q = m.group(1)
    return " / ".join(f"{q}{part}{q}" for part in new.split("/"))


def rewrite_imports(text: str, rel: str) -> str:
    """``from P import a`` where P.a is a moved module: the new parent, and ``as a`` when the module was renamed."""
    try:
        tree = ast.parse(text)
    except SyntaxError as exc:
        note(f"{rel}: not parsed ({exc.msg}, line {exc.lineno}); only its dotted names were rewritten")
        return text
    lines = text.splitlines(keepends=True)
    for node in sorted((n for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and not n.level and n.module
                        and (n.module == "toolkit" or n.module.startswith("toolkit."))), key=lambda n: -n.lineno):
        groups: dict[str, list[str]] = {}
        plain_parent = new_name(node.module) or node.module
        before = [a.name + (f" as {a.asname}" if a.asname else "") for a in node.names]
        for alias in node.names:
            full = new_name(f"{node.module}.{alias.name}")
            if full is not None and (is_module(full) or f"{node.module}.{alias.name}" in SYMBOLS):
                parent, _, leaf = full.rpartition(".")
            else:
                parent, leaf = plain_parent, alias.name
            local = alias.asname or alias.name
            groups.setdefault(parent, []).append(leaf if leaf == local and not alias.asname else f"{leaf} as {local}")
        if list(groups) == [plain_parent] and groups[plain_parent] == before:
            continue   # only the module path changes: the dotted-name pass does it, keeping the formatting
        first, last = node.lineno - 1, node.end_lineno - 1
        indent = re.match(r"\s*", lines[first]).group(0)
        head, tail = lines[first][:node.col_offset], lines[last][node.end_col_offset:]
        if head.strip() or tail.strip() and not tail.strip().startswith("#"):
            note(f"{rel}:{node.lineno}: import shares its line with other code; not rewritten")
            continue
        if any("#" in lines[i] for i in range(first, last)):
            note(f"{rel}:{node.lineno}: comments inside a multi-line import were dropped")
        stmts = [f"{indent}from {p} import {', '.join(names)}" for p, names in groups.items()]
        lines[first:last + 1] = ["\n".join(stmts) + (tail if tail.strip() else "\n")]
    return "".join(lines)


def protect(text: str) -> tuple[str, dict[str, str]]:
    saved = {}
    for i, literal in enumerate(KEEP):
        token = f"RELAYOUT_KEEP_{i}_"
        if literal in text:
            text = text.replace(literal, token)
            saved[token] = literal
    return text, saved


def rewrite_text(text: str, rel: str) -> str:
    text, saved = protect(text)
    if rel.endswith(".py"):
        text = rewrite_imports(text, rel)
    if rel.endswith(".py"):
        text = JOINED.sub(rewrite_joined, text)
    text = DOTTED.sub(rewrite_dotted, text)
    text = SLASHED.sub(rewrite_slashed, text)
    for token, literal in saved.items():
        text = text.replace(token, literal)
    return text


def files_in(entries: list[str]):
    for entry in entries:
        path = ROOT / entry
        if path.is_file():
            yield path
        elif path.is_dir():
            for p in sorted(path.rglob("*")):
                if p.is_file() and "__pycache__" not in p.parts and p.suffix in TEXT_SUFFIXES \
                        and p.resolve() != Path(__file__).resolve():
                    yield p


def rewrite_all() -> None:
    for path in files_in(SCOPE):
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        new = rewrite_text(text, str(path.relative_to(ROOT)))
        if new != text:
            path.write_text(new, encoding="utf-8")
            print(f"rewrote {path.relative_to(ROOT)}")


def apply_edits() -> None:
    for rel, old, new in EDITS:
        path = ROOT / rel
        if not path.is_file():
            note(f"{rel}: missing; edit not made: {old!r} -> {new!r}")
            continue
        text = path.read_text(encoding="utf-8")
        if new in text and (old in new or old not in text):
            continue   # made already (``new`` may contain ``old``, or ``old`` may contain ``new``)
        if old not in text:
            note(f"{rel}: {old!r} not found; make this change by hand: -> {new!r}")
            continue
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        print(f"edited {rel}")


# -- what a person must look at -----------------------------------------------------------------------------
OLD_FILES = sorted({k.rpartition(".")[2] + ".py" for k in MOVES if "." in k} - {"__init__.py"})


def leftovers() -> None:
    history: dict[str, int] = {}
    dynamic = re.compile(r"""import_module\(|__import__\(|["']toolkit\.[\w.]*\{|f["']toolkit\.""")
    for path in files_in(SCOPE + REPORT_ONLY):
        rel = str(path.relative_to(ROOT))
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except UnicodeDecodeError:
            continue
        for i, line in enumerate(lines, 1):
            stale = [m.group(0) for m in DOTTED.finditer(line) if new_name(m.group(0))]
            stale += [m.group(0) for m in SLASHED.finditer(line) if rewrite_slashed(m) != m.group(0)]
            stale += [m.group(0) for m in JOINED.finditer(line) if rewrite_joined(m) != m.group(0)]
            stale = [s for s in stale if not any(k in line and s in k for k in KEEP)]
            if stale and rel in REPORT_ONLY:
                history[rel] = history.get(rel, 0) + 1
            elif stale:
                note(f"{rel}:{i}: old name left: {', '.join(stale)}")
            if rel.endswith(".py") and dynamic.search(line):
                note(f"{rel}:{i}: dynamic import or built module name; check it by hand: {line.strip()}")
            if rel.endswith(".md") and rel not in REPORT_ONLY:
                for leaf in OLD_FILES:
                    for m in re.finditer(rf"(?<![\w./])(?:\w+/)*{re.escape(leaf)}", line):
                        part = m.group(0)
                        if not part.startswith(("toolkit/", "toolkit_demo/")) and not any(
                                next(iter((ROOT / top).rglob(part)), None) for top in ("toolkit", "toolkit_demo")):
                            note(f"{rel}:{i}: mentions {m.group(0)} without its full path; check it")
    for rel, n in history.items():
        note(f"{rel}: {n} lines name modules by their old names; history, left as it was")


def main() -> int:
    if not (ROOT / "toolkit" / "__init__.py").is_file():
        sys.exit("relayout: run me from the repository root")
    check_mapping()
    apply_moves()
    rewrite_all()
    apply_edits()
    leftovers()
    if notes:
        print("\nTo look at (not rewritten, or moved by a rule rather than by name):")
        for n in notes:
            print("  " + n)
    else:
        print("\nNothing left to look at.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
