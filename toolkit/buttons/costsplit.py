"""Compute split: the amounts of a cost-split workbook by toolkit.core.costsplit.explain, and the audit trail shown beside it."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from toolkit.adapters.excel.build import sheet_name
from toolkit.adapters.excel.cells import parse_a1
from toolkit.adapters.excel.read import Document
from toolkit.buttons.computed import AMOUNT, Section
from toolkit.errors import ToolkitError
from toolkit.i18n import format_number, t


@dataclass
class SplitResult:
    """Where the amounts go (sheet, 0-based column, 1-based row -> amount) and the explanation."""

    sheet: str
    column: int
    column_label: str
    amounts: dict[int, Decimal]
    section: Section
    rule: str
    total_text: str


def split_of(doc: Document, lang: str) -> SplitResult:
    """Split the form's total over the table's key values; ToolkitError with a message when it can't."""
    from toolkit.core.costsplit import explain

    spec = doc.spec
    head = spec.part("sheet.split_head")
    for key in ("total", "rounding_unit", "periods"):
        if doc.value(key) is None:
            raise ToolkitError(
                "buttons.split.incomplete", field=t(f"field.{key}", lang), sheet=sheet_name(head.sheet, lang)
            )
    total, unit, periods = doc.value("total"), doc.value("rounding_unit"), doc.value("periods")
    rows = doc.tables.get("tblSplit", [])
    weights = [(r.get("municipality") or f"#{r.number}", r.get("key_value")) for r in rows]
    steps = explain(total, weights, unit, periods=int(periods))
    table = spec.table("tblSplit")
    column = table.column_of("amount")
    amounts = {}
    for row, step in zip(rows, steps):
        r, _ = parse_a1(row.cells["amount"].ref)
        amounts[r + 1] = step.amount
    f = lambda key: t(f"field.{key}", lang)  # noqa: E731
    b = lambda key: t(f"buttons.{key}", lang)  # noqa: E731
    section = Section(
        t("buttons.sheet.explanation", lang),
        [
            f("municipality"),
            b("col.weight"),
            f("exact_share"),
            b("col.exact"),
            b("col.rounded_down"),
            b("col.units_added"),
            f("amount"),
        ],
        formats={1: "number", 2: "share", 3: "exact", 4: AMOUNT, 6: AMOUNT},
    )
    for step in steps:
        section.rows.append(
            [
                str(step.key),
                step.weight,
                float(step.share),
                float(step.exact),
                step.rounded_down,
                step.units_added,
                step.amount,
            ]
        )
    section.rows.append(
        [
            b("col.total"),
            sum((s.weight for s in steps), Decimal(0)),
            1.0,
            float(sum(s.exact for s in steps)),
            sum((s.rounded_down for s in steps), Decimal(0)),
            sum(s.units_added for s in steps),
            sum((s.amount for s in steps), Decimal(0)),
        ]
    )
    step_size = Decimal(unit) * int(periods)
    rule = t("buttons.split.rule", lang, step=format_number(step_size, lang), left=sum(s.units_added for s in steps))
    return SplitResult(
        sheet_name(table.sheet, lang), column, f("amount"), amounts, section, rule, format_number(total, lang)
    )
