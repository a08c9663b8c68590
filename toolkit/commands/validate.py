"""toolkit validate: check filled workbooks and list what is wrong, where, and what to do."""
from __future__ import annotations

import json
from pathlib import Path

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def add(sub) -> None:
    p = sub.add_parser(
        "validate", help="check filled workbooks and list what is wrong",
        description="Check workbooks against their template's rules: types, required fields, ranges, lists, "
                    "sums (budget, financing, sub-targets, cost split), periods, the municipality, and the layout. "
                    "Exit status: 0 no errors, 1 errors found, 2 a file could not be read at all.",
        epilog='Example: toolkit validate "output/inbox/Indberetning Odder 2019.xlsx" --annotate')
    p.add_argument("files", nargs="+", type=Path, metavar="FILE", help="workbooks to check (a folder means its files)")
    p.add_argument("--json", action="store_true", help="print the reports as JSON instead of a table")
    p.add_argument("--annotate", action="store_true",
                   help="also write an annotated copy beside each file (name.checked.xlsx): a findings sheet, "
                        "highlighted cells and a note on each; the file itself is never changed")
    p.set_defaults(func=run)


def run(args, cfg) -> int:
    from toolkit.validate import inbox_files, validate_file

    paths = [q for p in args.files for q in (inbox_files(p) if p.is_dir() else [p])]
    reports = [validate_file(p, cfg) for p in paths]
    annotated = _annotate(reports, cfg.language) if args.annotate else {}
    if args.json:
        out = [r.to_dict() | ({"annotated": str(annotated[r.path])} if r.path in annotated else {}) for r in reports]
        print(json.dumps({"valid": all(r.valid for r in reports), "files": out}, ensure_ascii=False, indent=2))
    else:
        _print(reports, annotated, cfg.language)
    if any(not r.readable for r in reports):
        return 2
    return 1 if any(not r.valid for r in reports) else 0


def _annotate(reports, lang: str) -> dict[Path, Path]:
    from toolkit.validate.annotate import write_annotated

    done = {}
    for r in reports:
        if r.readable:
            done[r.path] = write_annotated(r, lang)
    return done


def _print(reports, annotated: dict[Path, Path], lang: str) -> None:
    from rich.box import SIMPLE_HEAD
    from rich.console import Console
    from rich.table import Table

    from toolkit.findings_table import heading as column, severity_label
    from toolkit.i18n import t
    from toolkit.validate import heading, summary
    from toolkit.validate.messages import ui

    console = Console(highlight=False)
    for r in reports:
        colour = "red" if not r.readable or not r.valid else "green"
        console.print(f"[bold {colour}]{_safe(heading(r, lang))}[/]")
        if r.findings:
            table = Table(box=SIMPLE_HEAD, expand=True, pad_edge=False)
            table.add_column(column("severity", lang), no_wrap=True)
            table.add_column(f'{column("sheet", lang)}!{column("cell", lang)}', overflow="fold", ratio=2)
            for key, ratio in (("field", 2), ("value", 2), ("message", 6)):
                table.add_column(column(key, lang), ratio=ratio, overflow="fold")
            for f in r.findings:
                place = f"{f.sheet}!{f.cell}" if f.sheet and f.cell else f.sheet
                sev = severity_label(f.severity, lang)
                table.add_row(f"[{_STYLE.get(f.severity, '')}]{sev}[/]", *map(_safe, (place, f.field, f.value, f.message)))
            console.print(table)
        if r.path in annotated:
            console.print(_safe(t(ui("annotated"), lang, path=annotated[r.path])))
    console.print(summary(reports, lang))


def _safe(text: str) -> str:
    from rich.markup import escape
    return escape(text)
