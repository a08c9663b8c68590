"""Fill a generated workbook's input cells with openpyxl, the way a user (or a test) would."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

from toolkit.adapters.excel.build import sheet_name
from toolkit.spec import Form, TemplateSpec, vocab


def cell_value(field, value: Any, lang: str, relabels: tuple = ()):
    """A Python value as a user would type it into the cell (a dropdown value as ``relabels``, the spec's, name it)."""
    if value is None:
        return None
    if field.vocab and field.vocab != "municipality" and hasattr(value, "value"):
        return vocab.label(field.vocab, value, lang, relabels)
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return dt.datetime.combine(value, dt.time())
    return value


def fill_workbook(
    src: str | Path,
    dst: str | Path,
    spec: TemplateSpec,
    lang: str,
    form: dict[str, Any] | None = None,
    tables: dict[str, list[dict[str, Any]]] | None = None,
    *,
    only_inputs: bool = True,
) -> None:
    """Write ``form`` values and table ``rows`` (by field key) into the input cells, then save as ``dst``.

    Rows go from the table's first data row down; a row dict may hold ``"_row"``
    (0-based offset) to leave blank rows in between. Prefilled and formula
    cells are skipped unless ``only_inputs`` is False (to simulate a user
    typing over them).
    """
    import openpyxl

    keep_vba = str(src).lower().endswith(".xlsm")
    wb = openpyxl.load_workbook(src, keep_vba=keep_vba)
    for part in spec.parts:
        ws = wb[sheet_name(part.sheet, lang)]
        if isinstance(part, Form):
            for i, f in enumerate(part.fields):
                if form and f.key in form and (f.is_input or not only_inputs):
                    ws.cell(row=part.first_row + i, column=2, value=cell_value(f, form[f.key], lang, spec.relabels))
            continue
        rows = (tables or {}).get(part.name, [])
        for n, row in enumerate(rows):
            r = part.first_data_row + row.get("_row", n)
            for c, f in enumerate(part.fields):
                if f.key in row and (f.is_input or not only_inputs):
                    ws.cell(row=r, column=c + 1, value=cell_value(f, row[f.key], lang, spec.relabels))
    wb.save(dst)
