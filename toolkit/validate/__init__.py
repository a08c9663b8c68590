"""Validate filled workbooks: typed findings with position, rule id and a message in da, nb or en.

    report = validate_file("inbox/Indberetning Odder 2019.xlsx", cfg)
    report.valid, report.errors, report.warnings, report.rows()
"""
from __future__ import annotations

from pathlib import Path

from toolkit.errors import ReadError
from toolkit.excel.read import Document, read_workbook
from toolkit.excel.sniff import read_bytes
from toolkit.findings_table import severity_label
from toolkit.i18n import t
from toolkit.validate.costsplit import check_split
from toolkit.validate.fields import check_fields
from toolkit.validate.findings import RULES, Collector, FileReport, Finding, Rule, message_key, rule, shorten
from toolkit.validate.goals import check_goals
from toolkit.validate.messages import ui
from toolkit.validate.plan import check_plan
from toolkit.validate.rules import check_municipality, check_period, check_rows
from toolkit.validate.structure import check_structure

READ_FAILED = rule("read.failed", "error")
RULE_FAILED = rule("internal.rule_failed", "error")

# What is checked per kind, after the structure, every field, row counts, the period and the municipality.
_BY_KIND = {
    "contract": (check_goals,),
    "submission": (check_goals,),
    "plan": (check_plan,),
    "report": (),
    "split": (check_split,),
}


def validate_document(doc: Document, cfg) -> list[Finding]:
    """Every rule that applies to the document's kind; findings in ``cfg.language``."""
    out = Collector(doc.path.name, cfg.language)
    checks = [
        ("structure", lambda: check_structure(doc, out)),
        ("fields", lambda: check_fields(doc, cfg, out)),
        ("rows", lambda: check_rows(doc, out)),
        ("period", lambda: check_period(doc, out)),
        ("municipality", lambda: check_municipality(doc, out)),
        *((c.__name__, lambda c=c: c(doc, cfg, out)) for c in _BY_KIND.get(doc.kind, ())),
    ]
    for name, check in checks:
        try:
            check()
        except Exception as exc:  # a rule must never stop the other rules or the other files
            out.add(RULE_FAILED, check=name, detail=shorten(f"{type(exc).__name__}: {exc}", 120))
    return out.done()


def validate_file(path: str | Path, cfg, *, data: bytes | None = None) -> FileReport:
    """Read and validate one file; a file that can't be read gives one error finding, never an exception."""
    path = Path(path)
    lang = cfg.language
    try:
        if data is None:
            data = read_bytes(path, max_file_mb=cfg.max_file_mb)
        doc = read_workbook(path, data=data, max_uncompressed_mb=cfg.max_uncompressed_mb)
    except ReadError as exc:
        return _unreadable(path, exc.key, exc.message(lang))
    except Exception as exc:  # e.g. a folder, no permission, a file locked by Excel
        detail = shorten(f"{type(exc).__name__}: {exc}", 120)
        return _unreadable(path, READ_FAILED.id, t(READ_FAILED.message_key, lang, file=path.name, detail=detail))
    municipality = doc.municipality or (doc.value("municipality") if isinstance(doc.value("municipality"), str) else "")
    return FileReport(path, doc.kind, municipality or None, doc, validate_document(doc, cfg))


def _unreadable(path: Path, rule_id: str, message: str) -> FileReport:
    finding = Finding("error", path.name, "", "", "", "", rule_id, message)
    return FileReport(path, None, None, None, [finding])


def inbox_files(folder: Path) -> list[Path]:
    """The files of a folder that are submissions: not hidden, not Excel lock files, not our annotated copies."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir()
                  if p.is_file() and not p.name.startswith(("~$", ".")) and ".checked." not in p.name)


def summary(reports: list[FileReport], lang: str) -> str:
    unreadable = sum(1 for r in reports if not r.readable)
    invalid = sum(1 for r in reports if r.readable and not r.valid)
    return t(ui("summary"), lang, count=len(reports), valid=len(reports) - invalid - unreadable,
             invalid=invalid, unreadable=unreadable)


def heading(report: FileReport, lang: str) -> str:
    if not report.readable:
        return t(ui("file.unreadable"), lang, file=report.path.name)
    key = "file.valid" if report.valid else "file.invalid"
    return t(ui(key), lang, file=report.path.name, errors=report.errors, warnings=report.warnings)


def describe(f: Finding, lang: str) -> str:
    """One finding on one line: severity, place, field and message."""
    place = f"{f.sheet}!{f.cell}" if f.sheet and f.cell else f.sheet
    field = f"{f.field}: " if f.field else ""
    return f"{severity_label(f.severity, lang):<9} {place:<18} {field}{f.message}"


def validate_inbox(cfg, say=print) -> list[FileReport]:
    """Validate every file in the first inbox; say a summary and the findings of the invalid ones."""
    folder = cfg.inbox[0]
    lang = cfg.language
    files = inbox_files(folder)
    if not files:
        say(t(ui("inbox.empty"), lang, folder=folder))
        return []
    reports = [validate_file(p, cfg) for p in files]
    say(summary(reports, lang))
    for report in reports:
        if report.valid:
            continue
        say("  " + heading(report, lang))
        for f in report.findings:
            if f.severity != "info":
                say("    " + describe(f, lang))
    return reports


__all__ = ["Finding", "FileReport", "Rule", "RULES", "message_key", "validate_document", "validate_file",
           "validate_inbox", "inbox_files", "summary", "heading", "describe"]
