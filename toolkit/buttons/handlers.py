"""What the workbook buttons run (``RunPython "import toolkit.buttons.handlers as h; h.check()"``).

Each handler takes the calling book (``xw.Book.caller()``; tests pass a book),
reads it, calls the toolkit and writes back. No exception reaches the user as
a stack trace: a message box in the workbook's language says what went wrong
and what to do, and the details go to a log file. A click starts a fresh
Python, so only the standard library is imported here; xlwings, the reader and
the library are imported inside the functions that need them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from toolkit.buttons.inbox import copy_to_inbox, inbox_name
from toolkit.buttons.session import Session
from toolkit.errors import ToolkitError
from toolkit.i18n import t

SUBMITTABLE = ("submission", "report", "plan", "contract")
COMPUTABLE = ("submission", "report", "plan", "contract")
MAX_LINES = 12  # of the consolidation report in its message box


@dataclass
class Outcome:
    """What a click did: the message shown, the counts and where an output went (read-only)."""

    button: str
    ok: bool
    message: str
    errors: int = 0
    warnings: int = 0
    path: Path | None = None
    log: Path | None = None


def check(book=None, *, cfg=None) -> Outcome:
    """Check: validate the open workbook, list the findings with links, highlight the cells."""
    return _click("check", _check, book, cfg)


def compute(book=None, *, cfg=None) -> Outcome:
    """Compute: fulfilment, roll-ups, budgets and jobs on a computed sheet (the split kind: compute_split)."""
    return _click("compute", _compute, book, cfg)


def submit(book=None, *, cfg=None) -> Outcome:
    """Submit: save, check the saved file and, when it has no errors, copy it into the inbox."""
    return _click("submit", _submit, book, cfg)


def compute_split(book=None, *, cfg=None) -> Outcome:
    """Compute split: the amounts column of a cost split, and how each amount came about."""
    return _click("split", _compute_split, book, cfg)


def consolidate(book=None, *, cfg=None) -> Outcome:
    """Consolidate now (coordinator workbook): every submission into the consolidated workbook."""
    return _click("consolidate", _consolidate, book, cfg)


def make_deck(book=None, *, cfg=None) -> Outcome:
    """Make deck (coordinator workbook): the council deck from the consolidated figures."""
    return _click("deck", _make_deck, book, cfg)


def _click(button: str, work, book, cfg) -> Outcome:
    if book is None:
        import xlwings as xw

        book = xw.Book.caller()
    s = Session(button, book, cfg)
    try:
        return work(s)
    except ToolkitError as exc:
        return _fail(s, exc.message(s.lang))
    except Exception as exc:  # anything else: a message, the details in the log
        log = s.log_exception(exc)
        detail = f"{type(exc).__name__}: {str(exc)[:160]}"
        return _fail(s, t("buttons.unexpected", s.lang, error=detail, log=log), log=log)
    finally:
        s.close()


def _fail(s: Session, text: str, **kw) -> Outcome:
    s.say(text, mode="critical")
    return Outcome(s.button, False, text, **kw)


def _done(
    s: Session,
    key: str,
    *,
    mode: str = "info",
    ok: bool = True,
    errors: int = 0,
    warnings: int = 0,
    path: Path | None = None,
    **params,
) -> Outcome:
    text = t(f"buttons.{key}", s.lang, errors=errors, warnings=warnings, path=path, **params)
    s.say(text, mode=mode)
    return Outcome(s.button, ok, text, errors, warnings, path)


def _wrong_kind(s: Session, kind: str) -> Outcome:
    caption = t(f"buttons.caption.{s.button}", s.lang)
    return _fail(s, t("buttons.wrong_kind", s.lang, button=caption, kind=t(f"kind.{kind}", s.lang)))


# --- the buttons ---------------------------------------------------------------------------------


def _check(s: Session) -> Outcome:
    from toolkit.workflows.validate import validate_document

    doc = s.document()
    findings = validate_document(doc, s.config_for(doc))
    return _report_findings(s, doc, findings)


def _report_findings(s: Session, doc, findings) -> Outcome:
    sheet = s.show_findings(doc, findings)
    errors = sum(1 for f in findings if f.severity == "error")
    warnings = sum(1 for f in findings if f.severity == "warning")
    if errors:
        return _done(s, "check.found", mode="critical", ok=False, errors=errors, warnings=warnings, sheet=sheet)
    warn = t("buttons.check.warnings_only", s.lang, warnings=warnings, sheet=sheet) if warnings else ""
    return _done(s, "check.clean", warn=warn, errors=0, warnings=warnings)


def _compute(s: Session) -> Outcome:
    from toolkit.buttons.computed import sections

    doc = s.document()
    if doc.kind == "split":
        return _compute_split(s)
    if doc.kind not in COMPUTABLE:
        return _wrong_kind(s, doc.kind)
    sheet = s.write_sections("computed", sections(doc, s.lang), doc)
    return _done(s, "compute.done", sheet=sheet)


def _submit(s: Session) -> Outcome:
    from toolkit.workflows.validate import validate_file

    doc = s.document()
    if doc.kind not in SUBMITTABLE:
        return _wrong_kind(s, doc.kind)
    cfg = s.config_for(doc)
    path = s.saved_file()
    if path is None:
        return _fail(s, t("buttons.submit.not_saved", s.lang))
    report = validate_file(path, cfg)
    sheet = s.show_findings(doc, report.findings)
    if not report.valid:
        return _done(
            s, "submit.refused", mode="critical", ok=False, errors=report.errors, warnings=report.warnings, sheet=sheet
        )
    inbox = cfg.inbox[0]
    try:
        target = copy_to_inbox(path, inbox, inbox_name(doc, path.stem, path.suffix))
    except OSError as exc:
        s.log_exception(exc)
        return _fail(
            s, t("buttons.submit.inbox_failed", s.lang, folder=inbox, reason=exc.strerror or type(exc).__name__)
        )
    return _done(s, "submit.done", path=target, errors=0, warnings=report.warnings)


def _compute_split(s: Session) -> Outcome:
    from toolkit.buttons.costsplit import split_of

    doc = s.document()
    if doc.kind != "split":
        return _wrong_kind(s, doc.kind)
    result = split_of(doc, s.lang)
    s.write_column(result.sheet, result.column, result.amounts)
    sheet = s.write_sections("explanation", [result.section], doc, notes=[result.rule])
    return _done(
        s, "split.done", total=result.total_text, count=len(result.amounts), column=result.column_label, sheet=sheet
    )


def _consolidate(s: Session) -> Outcome:
    s.require_coordinator()
    cfg = s.config()
    from toolkit.buttons.coordinator import run_consolidation

    result = run_consolidation(replace(cfg, language=s.lang))
    s.log_run(t("buttons.caption.consolidate", s.lang), result.summary, result.path)
    details = "\n".join(result.lines[:MAX_LINES] + (["…"] if len(result.lines) > MAX_LINES else []))
    return _done(
        s,
        "consolidate.done",
        valid=result.valid,
        invalid=result.invalid,
        missing=result.missing,
        path=result.path,
        details=details,
    )


def _make_deck(s: Session) -> Outcome:
    s.require_coordinator()
    cfg = s.config()
    from toolkit.buttons.coordinator import make_deck as build

    path = build(replace(cfg, language=s.lang))
    s.log_run(t("buttons.caption.deck", s.lang), path.name, path)
    return _done(s, "deck.done", path=path)
