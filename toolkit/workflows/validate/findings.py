"""Findings and file reports: what is wrong, where, by which rule, in the user's language."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import Path

from toolkit.adapters.excel.read import CellValue, Document
from toolkit.core.numbers import decimal_places
from toolkit.i18n import format_date, format_number, format_percent, t
from toolkit.safetext import path_text
from toolkit.spec import Field, FieldType

SEVERITIES = ("error", "warning", "info")
# At most this many findings of one rule on one sheet; the rest are counted in one more finding.
MAX_PER_RULE = 50
_MAX_VALUE = 80


@dataclass
class Finding:
    """One thing wrong with a workbook, where it is and what to do (message in the report language)."""

    severity: str  # "error" | "warning" | "info"
    file: str  # the file's name
    sheet: str  # the sheet as named in the workbook; "" for the whole file
    cell: str  # A1 (or a range); "" when no one cell
    field: str  # the field's label in the report language
    value: str  # the value as found, shortened
    rule: str  # the rule id, e.g. "required", "budget.granted_exceeds"
    message: str  # what is wrong and what to do


@dataclass
class FileReport:
    """The findings of one file; ``document`` is None when the file could not be read at all."""

    path: Path
    kind: str | None
    municipality: str | None
    document: Document | None
    findings: list[Finding] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        """True when no finding is an error (read-only)."""
        return self.errors == 0

    @property
    def errors(self) -> int:
        """Number of error findings (read-only)."""
        return sum(1 for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> int:
        """Number of warning findings (read-only)."""
        return sum(1 for f in self.findings if f.severity == "warning")

    @property
    def readable(self) -> bool:
        """False when the file could not be read as one of our workbooks (read-only)."""
        return self.document is not None

    def rows(self) -> list[dict]:
        """The findings flattened to plain dicts, one per finding."""
        return [asdict(f) for f in self.findings]

    def to_dict(self) -> dict:
        """Everything as plain JSON-ready values."""
        return {
            "path": path_text(self.path),
            "kind": self.kind,
            "municipality": self.municipality,
            "valid": self.valid,
            "readable": self.readable,
            "errors": self.errors,
            "warnings": self.warnings,
            "findings": self.rows(),
        }


@dataclass(frozen=True)
class Rule:
    """A check with a fixed id, a default severity and a message in da, nb and en."""

    id: str
    severity: str

    @property
    def message_key(self) -> str:
        """The i18n key of the rule's message (read-only)."""
        return message_key(self.id)


RULES: dict[str, Rule] = {}


def message_key(rule_id: str) -> str:
    """The i18n key of a rule's message; read errors keep the reader's own keys."""
    return rule_id if rule_id.startswith("read.") else f"validate.{rule_id}"


def rule(rule_id: str, severity: str) -> Rule:
    """Declare a rule; its message (``message_key``: what is wrong and what to do) is in toolkit/locale."""
    assert severity in SEVERITIES, severity
    RULES[rule_id] = r = Rule(rule_id, severity)
    return r


MORE = rule("findings.more", "info")


def label(key: str | None, lang: str) -> str:
    return t(f"field.{key}", lang) if key else ""


def num(value, lang: str) -> str:
    """A number as the language writes it, with as few decimals as it needs (at most 4)."""
    if value is None:
        return ""
    d = Decimal(value)
    decimals = 0 if d == d.to_integral_value() else min(4, decimal_places(d))
    return format_number(d, lang, decimals)


def pct(value, lang: str) -> str:
    d = Decimal(value) * 100
    return format_percent(value, lang, 0 if d == d.to_integral_value() else 1)


def shorten(text: str, limit: int = _MAX_VALUE) -> str:
    text = text.replace("\r", " ").replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def show(cell: CellValue | None, f: Field | None, lang: str) -> str:
    """The cell's content for a report: typed values as the language writes them, text shortened."""
    if cell is None:
        return ""
    value, raw = cell.value, cell.raw
    if cell.problem is None and value is not None and f is not None:
        if f.type == FieldType.PERCENT and isinstance(value, Decimal):
            return pct(value, lang)
        if isinstance(value, Decimal):
            return num(value, lang)
        if isinstance(value, dt.date):
            return format_date(value, lang)
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, (dt.datetime, dt.date)):
        return raw.isoformat()[:10] if not isinstance(raw, dt.datetime) or raw.time() == dt.time() else raw.isoformat()
    return shorten(str(raw))


class Collector:
    """Gathers findings for one file, in one language, at most MAX_PER_RULE per rule and sheet."""

    def __init__(self, file: str, lang: str, cap: int = MAX_PER_RULE):
        self.file, self.lang, self.cap = file, lang, cap
        self.findings: list[Finding] = []
        self._counts: Counter = Counter()
        self._over: dict[tuple[str, str], tuple[Rule, int]] = {}

    def add(
        self,
        r: Rule,
        *,
        sheet: str = "",
        cell: str = "",
        field: str | None = None,
        value: str = "",
        severity: str | None = None,
        **params,
    ) -> None:
        key = (r.id, sheet)
        self._counts[key] += 1
        if self._counts[key] > self.cap:
            self._over[key] = (r, self._counts[key] - self.cap)
            return
        params.setdefault("value", value)
        params.setdefault("field", label(field, self.lang))
        params.setdefault("sheet", sheet)
        params.setdefault("cell", cell)
        self.findings.append(
            Finding(
                severity or r.severity,
                self.file,
                sheet,
                cell,
                label(field, self.lang),
                value,
                r.id,
                t(r.message_key, self.lang, **params),
            )
        )

    def at(
        self,
        r: Rule,
        cell: CellValue | None,
        f: Field | None,
        *,
        sheet: str = "",
        ref: str = "",
        severity: str | None = None,
        **params,
    ) -> None:
        """A finding about one read cell (``f`` gives its label and how its value is shown)."""
        self.add(
            r,
            sheet=cell.sheet if cell else sheet,
            cell=cell.ref if cell else ref,
            field=f.key if f else None,
            value=show(cell, f, self.lang),
            severity=severity,
            **params,
        )

    def done(self) -> list[Finding]:
        for (rule_id, sheet), (r, extra) in self._over.items():
            self.findings.append(
                Finding(
                    r.severity,
                    self.file,
                    sheet,
                    "",
                    "",
                    "",
                    MORE.id,
                    t(MORE.message_key, self.lang, count=extra, rule=rule_id),
                )
            )
        self._over.clear()
        return self.findings
