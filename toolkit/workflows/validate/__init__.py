"""Validate filled workbooks: typed findings with position, rule id and a message in da, nb or en.

report = validate_file("inbox/Indberetning Odder 2019.xlsx", cfg)
report.valid, report.errors, report.warnings, report.rows()
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from toolkit.adapters.excel.entries import SPECIAL, skip_reason, what
from toolkit.adapters.excel.read import Document, read_workbook
from toolkit.adapters.excel.sniff import read_bytes
from toolkit.errors import ReadError
from toolkit.findings_table import severity_label
from toolkit.i18n import t
from toolkit.safetext import file_name, legacy_name, printable, undecodable
from toolkit.workflows.validate.costsplit import check_split
from toolkit.workflows.validate.fields import check_fields
from toolkit.workflows.validate.findings import RULES, Collector, FileReport, Finding, Rule, message_key, rule, shorten
from toolkit.workflows.validate.goals import check_goals
from toolkit.workflows.validate.messages import ui
from toolkit.workflows.validate.plan import check_plan
from toolkit.workflows.validate.rules import check_municipality, check_period, check_rows
from toolkit.workflows.validate.structure import check_structure

READ_FAILED = rule("read.failed", "error")
RULE_FAILED = rule("internal.rule_failed", "error")
NAME_NOT_UTF8 = rule("read.name_not_utf8", "warning")

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
    out = Collector(file_name(doc.path), cfg.language)
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


def validate_file(path: str | Path, cfg, *, data: bytes | None = None, archive=None) -> FileReport:
    """Read and validate one file; a file that can't be read gives one error finding, never an exception.

    ``archive``: the file's zip already opened and checked (toolkit.adapters.excel.sniff.check_bytes).
    """
    path = Path(path)
    report = _validate(path, cfg, data, archive)
    if undecodable(path.name):
        name = file_name(path)
        report.findings.insert(
            0,
            Finding(
                NAME_NOT_UTF8.severity,
                name,
                "",
                "",
                "",
                "",
                NAME_NOT_UTF8.id,
                t(NAME_NOT_UTF8.message_key, cfg.language, file=name, legacy=legacy_name(path)),
            ),
        )
    return report


def _validate(path: Path, cfg, data: bytes | None, archive) -> FileReport:
    lang = cfg.language
    name = file_name(path)
    try:
        if data is None and archive is None:
            data = read_bytes(path, max_file_mb=cfg.max_file_mb)
        doc = read_workbook(path, data=data, max_uncompressed_mb=cfg.max_uncompressed_mb, archive=archive)
    except (
        ReadError
    ) as exc:  # said with the name as people read it; one that names its cell (the template version in _meta) gives it
        return _unreadable(
            path,
            exc.key,
            t(exc.key, lang, **{**exc.params, "file": name}),
            exc.params.get("sheet", ""),
            exc.params.get("cell", ""),
        )
    except Exception as exc:  # e.g. a folder, no permission, a file locked by Excel
        detail = shorten(f"{type(exc).__name__}: {exc}", 120)
        return _unreadable(path, READ_FAILED.id, t(READ_FAILED.message_key, lang, file=name, detail=detail))
    municipality = doc.municipality or (doc.value("municipality") if isinstance(doc.value("municipality"), str) else "")
    return FileReport(path, doc.kind, municipality or None, doc, validate_document(doc, cfg))


def _unreadable(path: Path, rule_id: str, message: str, sheet: str = "", cell: str = "") -> FileReport:
    finding = Finding("error", file_name(path), sheet if cell else "", cell, "", "", rule_id, message)
    return FileReport(path, None, None, None, [finding])


def inbox_files(folder: Path) -> list[Path]:
    """The files of a folder that are submissions: not hidden, not Excel lock files, not our annotated copies."""
    return folder_files(folder)[0]


def folder_files(folder: Path) -> tuple[list[Path], list[tuple[str, dict]]]:
    """(the workbooks of a folder to check, the entries skipped as (message key, params) for
    ``skipped_notes``). Subfolders are not entered, links not followed, pipes and devices not
    opened, files not named like a workbook not read."""
    files, skipped = [], []
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return [], []
    for e in entries:
        if e.name.startswith(("~$", ".")) or ".checked." in e.name or e.is_dir(follow_symlinks=False):
            continue
        reason = skip_reason(e)
        if reason is None:
            files.append(Path(e.path))
        else:
            kind = what(e.stat(follow_symlinks=False).st_mode) if reason == SPECIAL else ""
            skipped.append((reason, {"file": file_name(e.path), "what": kind}))
    return files, skipped


def skipped_notes(skipped: list, lang: str) -> list[str]:
    """The notes of ``folder_files``' skipped entries, in ``lang``."""
    return [t(reason, lang, **params) for reason, params in skipped]


class Verdict(Protocol):
    """What ``summary`` needs of a file: a FileReport, or what the CLI keeps of one."""

    @property
    def readable(self) -> bool: ...

    @property
    def valid(self) -> bool: ...


def summary(reports: Sequence[Verdict], lang: str) -> str:
    unreadable = sum(1 for r in reports if not r.readable)
    invalid = sum(1 for r in reports if r.readable and not r.valid)
    return t(
        ui("summary"),
        lang,
        count=len(reports),
        valid=len(reports) - invalid - unreadable,
        invalid=invalid,
        unreadable=unreadable,
    )


def heading(report: FileReport, lang: str) -> str:
    if not report.readable:
        return t(ui("file.unreadable"), lang, file=file_name(report.path))
    key = "file.valid" if report.valid else "file.invalid"
    return t(ui(key), lang, file=file_name(report.path), errors=report.errors, warnings=report.warnings)


def describe(f: Finding, lang: str) -> str:
    """One finding on one line: severity, place, field and message."""
    place = f"{f.sheet}!{f.cell}" if f.sheet and f.cell else f.sheet
    field = f"{f.field}: " if f.field else ""
    return f"{severity_label(f.severity, lang):<9} {place:<18} {field}{f.message}"


def validate_inbox(cfg, say=print) -> list[FileReport]:
    """Validate every file in the first inbox; say a summary and the findings of the invalid ones."""
    folder = cfg.inbox[0]
    lang = cfg.language
    files, skipped = folder_files(folder)
    for note in skipped_notes(skipped, lang):
        say(printable(note))
    if not files:
        say(printable(t(ui("inbox.empty"), lang, folder=folder)))
        return []
    reports = [validate_file(p, cfg) for p in files]
    say(summary(reports, lang))
    for report in reports:
        if report.valid:
            continue
        say(printable("  " + heading(report, lang)))
        for f in report.findings:
            if f.severity != "info":
                say(printable("    " + describe(f, lang)))
    return reports


__all__ = [
    "RULES",
    "FileReport",
    "Finding",
    "Rule",
    "describe",
    "folder_files",
    "heading",
    "inbox_files",
    "message_key",
    "skipped_notes",
    "summary",
    "validate_document",
    "validate_file",
    "validate_inbox",
]
