"""Compute a cost-split workbook and write the amounts into a copy beside it (never over it)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from toolkit.adapters.excel import records
from toolkit.adapters.excel.ooxml import Package, set_numbers
from toolkit.adapters.excel.read import Document, read_workbook
from toolkit.core.costsplit import SplitExplanation, explain
from toolkit.errors import ReadError
from toolkit.files import atomic_write
from toolkit.spec.labels import kind_phrase


@dataclass
class SplitResult:
    explained: list[SplitExplanation]
    total: object
    unit: object
    periods: int
    key_date: dt.date | None  # None when absent or not a date (the reader leaves such a value None)
    copy: Path


def computed_path(path: Path) -> Path:
    return path.with_name(f"{path.stem}.split{path.suffix}")


def compute_split_workbook(path: Path, *, target: Path | None = None) -> SplitResult:
    """Read a split workbook, allocate its total over its key values, write a copy with the amounts."""
    path = Path(path)
    data = path.read_bytes()
    doc = read_workbook(path, data=data)
    if doc.kind != "split":
        raise ReadError("split.not_a_split", file=path.name, kind=kind_phrase(doc.kind))
    total, unit, periods = (_required(doc, k) for k in ("total", "rounding_unit", "periods"))
    explained = explain(total, records.split_weights(doc), unit, periods=int(periods))
    pkg = Package(data)
    amounts = {e.key: e.amount for e in explained}
    by_sheet: dict[str, dict[str, int]] = {}
    for row in doc.tables["tblSplit"]:
        cell = row.cells["amount"]
        by_sheet.setdefault(cell.sheet, {})[cell.ref] = int(amounts[row.get("municipality")])
    for sheet, values in by_sheet.items():
        set_numbers(pkg, sheet, values)
    copy = target or computed_path(path)
    atomic_write(copy, lambda fh: fh.write(pkg.save()))
    return SplitResult(explained, total, unit, int(periods), doc.value("key_date"), copy)


def _required(doc: Document, key: str):
    cell = doc.form.get(key)
    if cell is None or cell.value is None:
        from toolkit.i18n import t

        raise ReadError(
            "split.incomplete",
            file=doc.path.name,
            field=t(f"field.{key}", doc.language),
            cell=f"{cell.sheet}!{cell.ref}" if cell else "?",
        )
    return cell.value
