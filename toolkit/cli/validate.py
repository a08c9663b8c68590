"""toolkit validate: check filled workbooks and list what is wrong, where, and what to do."""
from __future__ import annotations

from pathlib import Path

from toolkit.safetext import json_text, path_text, printable

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def add(sub) -> None:
    p = sub.add_parser(
        "validate", help="check filled workbooks and list what is wrong",
        description="Check workbooks against their template's rules: types, required fields, ranges, lists, "
                    "sums (budget, financing, sub-targets, cost split), periods, the municipality, and the layout. "
                    "Exit status: 0 no errors, 1 errors found, 2 a file could not be read at all.",
        epilog='Example: toolkit validate "output/inbox/Indberetning Odder 2019.xlsx" --annotate')
    p.add_argument("files", nargs="+", type=Path, metavar="FILE", help="workbooks to check (a folder means its workbooks: other files, links, pipes and "
                        "subfolders are skipped with a note)")
    p.add_argument("--json", action="store_true", help="print the reports as JSON instead of a table")
    p.add_argument("--annotate", action="store_true",
                   help="also write an annotated copy beside each file (name.checked.xlsx): a findings sheet, "
                        "highlighted cells and a note on each; the file itself is never changed")
    p.set_defaults(func=run)


def run(args, cfg) -> int:
    from toolkit.workflows.validate import folder_files, skipped_notes, validate_file

    paths, skipped = [], []
    for p in args.files:  # a folder means its workbooks; a file named on the command line is always checked
        files, passed = folder_files(p) if p.is_dir() else ([p], [])
        paths += files
        skipped += passed
    reports = [validate_file(p, cfg) for p in paths]
    notes = skipped_notes(skipped, cfg.language)
    annotated = _annotate(reports, cfg.language) if args.annotate else {}
    if args.json:
        out = [r.to_dict() | _annotated_json(annotated.get(r.path)) for r in reports]
        print(json_text({"valid": all(r.valid for r in reports), "files": out, "skipped": notes}))
    else:
        _print(reports, annotated, cfg.language, notes)
    if any(not r.readable for r in reports):
        return 2
    return 1 if any(not r.valid for r in reports) else 0


def _annotate(reports, lang: str) -> dict[Path, Path | str]:
    """The annotated copy per readable file, or why it could not be written (a read-only folder):
    one copy that fails must not cost the other files' reports."""
    from toolkit.i18n import t
    from toolkit.safetext import file_name
    from toolkit.workflows.validate.annotate import write_annotated
    from toolkit.workflows.validate.messages import ui

    done: dict[Path, Path | str] = {}
    for r in reports:
        if r.readable:
            try:
                done[r.path] = write_annotated(r, lang)
            except OSError as exc:
                done[r.path] = t(ui("annotate.failed"), lang, file=file_name(r.path), detail=exc.strerror or exc)
    return done


def _annotated_json(done: Path | str | None) -> dict:
    if done is None:
        return {}
    return {"annotated": path_text(done)} if isinstance(done, Path) else {"annotate_error": done}


def _print(reports, annotated: dict[Path, Path | str], lang: str, notes: list[str]) -> None:
    from rich.box import SIMPLE_HEAD
    from rich.console import Console
    from rich.table import Table

    from toolkit.i18n import t
    from toolkit.workflows.validate import heading, summary
    from toolkit.workflows.validate.messages import ui

    console = Console(highlight=False)
    for note in notes:
        console.print(f"[cyan]{_safe(note)}[/]")
    for r in reports:
        colour = "red" if not r.readable or not r.valid else "green"
        console.print(f"[bold {colour}]{_safe(heading(r, lang))}[/]")
        if r.findings:
            table = Table(box=SIMPLE_HEAD, expand=True, pad_edge=False)
            table.add_column(t(ui("col.severity"), lang), no_wrap=True)
            table.add_column(f'{t(ui("col.sheet"), lang)}!{t(ui("col.cell"), lang)}', overflow="fold", ratio=2)
            for key, ratio in (("field", 2), ("value", 2), ("message", 6)):
                table.add_column(t(ui(f"col.{key}"), lang), ratio=ratio, overflow="fold")
            for f in r.findings:
                place = f"{f.sheet}!{f.cell}" if f.sheet and f.cell else f.sheet
                sev = t(ui(f"severity.{f.severity}"), lang)
                table.add_row(f"[{_STYLE.get(f.severity, '')}]{sev}[/]", *map(_safe, (place, f.field, f.value, f.message)))
            console.print(table)
        done = annotated.get(r.path)
        if isinstance(done, Path):
            console.print(_safe(t(ui("annotated"), lang, path=done)))
        elif done is not None:
            console.print(f"[bold red]{_safe(done)}[/]")
    console.print(_safe(summary(reports, lang)))


def _safe(text: str) -> str:
    """User-supplied text for rich: no control characters (``printable``), no markup."""
    from rich.markup import escape
    return escape(printable(text))
