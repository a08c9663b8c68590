"""The findings table, defined once: columns, headings, widths and severity colours.

The Check button's sheet, the annotated copy and the consolidated workbook's
findings sheet all lay findings out by this table (the consolidated workbook
puts the file and the municipality in front). Standard library only, so the
button handlers can import it.
"""

from __future__ import annotations

from dataclasses import dataclass

from toolkit.i18n import t

SEVERITIES = ("error", "warning", "info")
RANK = {s: i for i, s in enumerate(SEVERITIES)}


@dataclass(frozen=True)
class Column:
    """A column of the findings table: its key (heading ``findings.col.KEY``) and width in characters (read-only)."""

    key: str
    width: float


COLUMNS = (
    Column("severity", 12),
    Column("sheet", 22),
    Column("cell", 10),
    Column("field", 24),
    Column("value", 24),
    Column("message", 90),
    Column("rule", 28),
)
# Columns in front of COLUMNS where one table holds the findings of many files.
FILE_COLUMNS = (Column("file", 32), Column("municipality", 18))

# Excel's own "Bad" / "Neutral" cell styles for errors and warnings, a pale blue for information:
# (fill, font) as #RRGGBB.
COLOURS = {"error": ("#FFC7CE", "#9C0006"), "warning": ("#FFEB9C", "#9C5700"), "info": ("#DDEBF7", "#1F3A5F")}


def heading(key: str, lang: str) -> str:
    """The heading of column ``key`` in ``lang``."""
    return t(f"findings.col.{key}", lang)


def headings(lang: str, columns=COLUMNS) -> list[str]:
    """The header row in ``lang``."""
    return [heading(c.key, lang) for c in columns]


def severity_label(severity: str, lang: str) -> str:
    """``error`` -> ``Fejl`` (da), ``Feil`` (nb), ``Error`` (en)."""
    return t(f"findings.severity.{severity}", lang)


def row(f, lang: str) -> list[str]:
    """One finding (anything with severity, sheet, cell, field, value, message, rule) as a row of COLUMNS."""
    return [severity_label(f.severity, lang), f.sheet, f.cell, f.field, f.value, f.message, f.rule]


def ordered(findings):
    """Errors first, then warnings, then information; the order within each kept."""
    return sorted(findings, key=lambda f: RANK.get(f.severity, len(RANK)))
