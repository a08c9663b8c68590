"""Rules for a cost split: amounts add up to the total, in whole steps of unit x periods, as the key gives."""

from __future__ import annotations

from decimal import Decimal

from toolkit.adapters.excel.read import Document
from toolkit.errors import SplitError
from toolkit.workflows.validate.findings import Collector, num, rule
from toolkit.workflows.validate.rules import field_of

TOTAL = rule("split.total", "error")
TOTAL_STEP = rule("split.total_step", "error")
UNIT = rule("split.unit", "error")
KEY = rule("split.key", "warning")
DUPLICATE = rule("split.duplicate", "error")
MISSING = rule("split.missing", "warning")


def check_split(doc: Document, cfg, out: Collector) -> None:
    table = doc.spec.table("tblSplit")
    rows = doc.tables.get("tblSplit", [])
    if not rows:
        return
    lang = out.lang
    seen: dict[str, int] = {}
    f_name = field_of(table, "municipality")
    for row in rows:
        name = row.get("municipality")
        if not name:
            continue
        folded = " ".join(name.split()).casefold()
        if folded in seen:
            out.at(DUPLICATE, row.cells["municipality"], f_name, first=seen[folded])
        else:
            seen[folded] = row.number
    missing = [m for m in cfg.municipalities if " ".join(m.split()).casefold() not in seen]
    if missing and seen:
        first = rows[0].cells["municipality"]
        out.at(MISSING, first, f_name, names=", ".join(missing))
    total, unit, periods = doc.value("total"), doc.value("rounding_unit"), doc.value("periods")
    step = unit * periods if unit is not None and periods is not None and unit > 0 and periods > 0 else None
    if total is not None and step is not None and total % step != 0:
        out.at(TOTAL_STEP, doc.form["total"], _form_field(doc, "total"), step=num(step, lang))
        step = None
    amounts = [r.get("amount") for r in rows]
    if all(a is None for a in amounts):
        return
    f_amount = field_of(table, "amount")
    if step is not None:
        for row in rows:
            amount = row.get("amount")
            if amount is not None and amount % step != 0:
                out.at(
                    UNIT,
                    row.cells["amount"],
                    f_amount,
                    step=num(step, lang),
                    unit=num(unit, lang),
                    periods=num(periods, lang),
                )
    if total is not None:
        got = sum(a for a in amounts if a is not None)
        if got != total:
            out.at(TOTAL, doc.form["total"], _form_field(doc, "total"), sum=num(got, lang), diff=num(got - total, lang))
    if total is not None and step is not None and len(seen) == len(rows):
        _against_key(rows, total, unit, int(periods), step, f_amount, out)


def _against_key(rows, total: Decimal, unit: Decimal, periods: int, step: Decimal, f_amount, out: Collector) -> None:
    from toolkit.core.costsplit import allocate

    weights = [(r.get("municipality"), r.get("key_value")) for r in rows]
    if any(w is None for _, w in weights):
        return
    try:
        expected = allocate(total, weights, unit, periods=periods)
    except SplitError:
        return
    for row in rows:
        amount, want = row.get("amount"), expected[row.get("municipality")]
        if amount is not None and abs(amount - want) > step:
            out.at(KEY, row.cells["amount"], f_amount, expected=num(want, out.lang))


def _form_field(doc: Document, key: str):
    return next(f for form in doc.spec.forms for f in form.fields if f.key == key)
