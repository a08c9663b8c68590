"""toolkit validate: check filled workbooks and list what is wrong, where, and what to do."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from toolkit.safetext import json_text, path_text, printable

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def add(sub) -> None:
    p = sub.add_parser(
        "validate",
        help="check filled workbooks and list what is wrong",
        description="Check workbooks against their template's rules: types, required fields, ranges, lists, "
        "sums (budget, financing, sub-targets, cost split), periods, the municipality, and the layout. "
        "Exit status: 0 no errors, 1 errors found, 2 a file could not be read at all.",
        epilog='Example: toolkit validate "output/inbox/Indberetning Odder 2019.xlsx" --annotate',
    )
    p.add_argument(
        "files",
        nargs="+",
        type=Path,
        metavar="FILE",
        help="workbooks to check (a folder means its workbooks: other files, links, pipes and "
        "subfolders are skipped with a note)",
    )
    p.add_argument("--json", action="store_true", help="print the reports as JSON instead of a table")
    p.add_argument(
        "--annotate",
        action="store_true",
        help="also write an annotated copy beside each file (name.checked.xlsx): a findings sheet, "
        "highlighted cells and a note on each; the file itself is never changed",
    )
    p.set_defaults(func=run)


@dataclass(frozen=True)
class _Done:
    """What the run's summary needs of a file already reported."""

    path: Path
    readable: bool
    valid: bool


def run(args, cfg) -> int:
    from toolkit.workflows.validate import folder_files, skipped_notes, summary, validate_file

    paths, skipped = [], []
    for p in args.files:  # a folder means its workbooks; a file named on the command line is always checked
        files, passed = folder_files(p) if p.is_dir() else ([p], [])
        paths += files
        skipped += passed
    notes = skipped_notes(skipped, cfg.language)
    done, out = [], []
    printer = None if args.json else _Printer(cfg.language, notes)
    # One file at a time: its document is dropped once it is reported, only what the summary needs is kept.
    for path in paths:
        report = validate_file(path, cfg)
        annotated = _annotate(report, cfg.language) if args.annotate and report.readable else None
        if printer is None:
            out.append(report.to_dict() | _annotated_json(annotated))
        else:
            printer.file(report, annotated)
        done.append(_Done(report.path, report.readable, report.valid))
        del report
    if printer is None:
        print(json_text({"valid": all(d.valid for d in done), "files": out, "skipped": notes}))
    else:
        printer.console.print(_safe(summary(done, cfg.language)))
    if any(not d.readable for d in done):
        return 2
    return 1 if any(not d.valid for d in done) else 0


def _annotate(report, lang: str) -> Path | str:
    """The annotated copy, or why it could not be written (a read-only folder): one copy that fails must not
    cost the other files' reports."""
    from toolkit.i18n import t
    from toolkit.safetext import file_name
    from toolkit.workflows.validate.annotate import write_annotated
    from toolkit.workflows.validate.messages import ui

    try:
        return write_annotated(report, lang)
    except OSError as exc:
        return t(ui("annotate.failed"), lang, file=file_name(report.path), detail=exc.strerror or exc)


def _annotated_json(done: Path | str | None) -> dict:
    if done is None:
        return {}
    return {"annotated": path_text(done)} if isinstance(done, Path) else {"annotate_error": done}


class _Printer:
    """Prints each file's report as it is done."""

    def __init__(self, lang: str, notes: list[str]):
        from rich.console import Console

        self.lang = lang
        self.console = Console(highlight=False)
        for note in notes:
            self.console.print(f"[cyan]{_safe(note)}[/]")

    def file(self, r, annotated: Path | str | None) -> None:
        from rich.box import SIMPLE_HEAD
        from rich.table import Table

        from toolkit.findings_table import heading as column
        from toolkit.findings_table import severity_label
        from toolkit.i18n import t
        from toolkit.workflows.validate import heading
        from toolkit.workflows.validate.messages import ui

        lang, console = self.lang, self.console
        colour = "red" if not r.readable or not r.valid else "green"
        console.print(f"[bold {colour}]{_safe(heading(r, lang))}[/]")
        if r.findings:
            table = Table(box=SIMPLE_HEAD, expand=True, pad_edge=False)
            table.add_column(column("severity", lang), no_wrap=True)
            table.add_column(f"{column('sheet', lang)}!{column('cell', lang)}", overflow="fold", ratio=2)
            for key, ratio in (("field", 2), ("value", 2), ("message", 6)):
                table.add_column(column(key, lang), ratio=ratio, overflow="fold")
            for f in r.findings:
                place = f"{f.sheet}!{f.cell}" if f.sheet and f.cell else f.sheet
                sev = severity_label(f.severity, lang)
                table.add_row(
                    f"[{_STYLE.get(f.severity, '')}]{sev}[/]", *map(_safe, (place, f.field, f.value, f.message))
                )
            console.print(table)
        if isinstance(annotated, Path):
            console.print(_safe(t(ui("annotated"), lang, path=annotated)))
        elif annotated is not None:
            console.print(f"[bold red]{_safe(annotated)}[/]")


def _safe(text: str) -> str:
    """User-supplied text for rich: no control characters (``printable``), no markup."""
    from rich.markup import escape

    return escape(printable(text))
