"""Per-field rules, derived from each Field's type, required, min, max, max_length and vocab."""

from __future__ import annotations

import functools
import re
from decimal import Decimal

from toolkit.adapters.excel.read import CellValue, Document
from toolkit.core.numbers import has_percent_sign
from toolkit.spec import Field, FieldType, Form, Table, vocab
from toolkit.spec.formulas import inputs
from toolkit.workflows.validate.continued import arranged
from toolkit.workflows.validate.findings import Collector, num, pct, rule, shorten

REQUIRED = rule("required", "error")
PLACEHOLDER = rule("value.placeholder", "info")
PLACEHOLDER_REQUIRED = rule("value.placeholder_required", "error")
FORMULA_ERROR = rule("value.formula_error", "error")
NOT_NUMBER = rule("type.number", "error")
NOT_INTEGER = rule("type.integer", "error")
NOT_AMOUNT = rule("type.amount", "error")
NOT_PERCENT = rule("type.percent", "error")
NOT_DATE = rule("type.date", "error")
NOT_IN_LIST = rule("type.choice", "error")
STATUS = rule("status.unrecognised", "error")
NOT_EMAIL = rule("type.email", "error")
TOO_LOW = rule("range.min", "error")
TOO_HIGH = rule("range.max", "error")
NEGATIVE = rule("range.negative", "error")
SHARE = rule("range.share", "error")
TOO_LONG = rule("text.too_long", "error")
UNKNOWN_UNIT = rule("type.unit", "error")
AMBIGUOUS_PERCENT = rule("type.percent_ambiguous", "error")
OTHER_CURRENCY = rule("type.currency", "error")
TEXT_NUMBER = rule("type.text_number", "warning")
PERCENT_FOR_COUNT = rule("type.percent_sign", "error")
UNKNOWN_MUNICIPALITY = rule("municipality.unknown", "error")

_TYPE_RULES = {
    FieldType.INTEGER: NOT_INTEGER,
    FieldType.NUMBER: NOT_NUMBER,
    FieldType.AMOUNT: NOT_AMOUNT,
    FieldType.PERCENT: NOT_PERCENT,
}
_NUMERIC = frozenset(_TYPE_RULES)
_DECIMALS = (FieldType.INTEGER, FieldType.AMOUNT)
_EMAIL = re.compile(r"[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>.]{2,}")


def check_fields(doc: Document, cfg, out: Collector) -> None:
    """Every filled cell of the document against its field's own rules."""
    municipalities = _names(tuple(cfg.municipalities))
    currency = getattr(cfg, "currency", None)
    counted = counted_keys(doc.spec)
    for part in doc.spec.parts:
        if isinstance(part, Form):
            if part.fields and any(k in doc.form for k in (f.key for f in part.fields)):
                for f in part.fields:
                    cell = doc.form.get(f.key)
                    if cell is not None:
                        check_cell(f, cell, out, municipalities, currency, f.key in counted, doc.spec.relabels)
        else:
            _check_table(part, doc.tables.get(part.name, []), out, municipalities, currency, counted, doc.spec.relabels)


@functools.lru_cache(maxsize=16)
def counted_keys(spec) -> frozenset[str]:
    """Fields the workbook's own totals or formulas count: text there is taken as 0 by Excel."""
    keys = set()
    for part in spec.parts:
        for f in part.fields:
            if f.total and f.formula is None:
                keys.add(f.key)
            if f.formula:
                keys |= inputs(f.formula)
    return frozenset(keys)


def _check_table(
    table: Table, rows, out: Collector, municipalities, currency=None, counted=frozenset(), relabels: tuple = ()
) -> None:
    fields = table.fields
    exempt = arranged(table, rows, out)  # blanks that the published layout leaves, not the user
    for row in rows:
        cells = row.cells
        for f in fields:
            cell = cells.get(f.key)
            if cell is not None and not (cell.value is None and cell.problem is None and (row.number, f.key) in exempt):
                check_cell(f, cell, out, municipalities, currency, f.key in counted, relabels)


def check_cell(
    f: Field,
    cell: CellValue,
    out: Collector,
    municipalities=None,
    currency: str | None = None,
    counted: bool = False,
    relabels: tuple = (),
) -> None:
    """One cell against its field: problems found while reading, required, range, length, lists.

    ``currency`` is the configured one (an amount written in another is refused); ``counted`` says
    the workbook's own totals or formulas use the cell (a number typed as text there is flagged);
    ``relabels`` are the template version's own dropdown texts (named in a list finding).
    """
    problem = cell.problem
    if problem is not None:
        _problem(f, cell, problem, out, relabels)
        return
    value = cell.value
    if value is None:
        if f.required and f.formula is None:
            out.at(REQUIRED, cell, f)
        return
    if f.formula is not None:
        return  # computed: the structure check covers overwritten formulas
    ftype = f.type
    if ftype in _NUMERIC:
        _range(f, cell, value, out)
        if cell.currency and currency and not _same_currency(cell.currency, currency):
            out.at(OTHER_CURRENCY, cell, f, currency=cell.currency, expected=currency)
        if counted and isinstance(cell.raw, str):  # shown as typed: the quotes are the point
            out.add(TEXT_NUMBER, sheet=cell.sheet, cell=cell.ref, field=f.key, value=shorten(cell.raw.strip()))
    elif isinstance(value, str):
        if f.max_length is not None and len(value) > f.max_length:
            out.at(TOO_LONG, cell, f, length=num(len(value), out.lang), max=num(f.max_length, out.lang))
        if ftype == FieldType.EMAIL and not _EMAIL.fullmatch(value.strip()):
            out.at(NOT_EMAIL, cell, f)
        elif f.vocab == "municipality" and municipalities is not None and value not in municipalities:
            close = municipalities.close(value)
            out.at(UNKNOWN_MUNICIPALITY, cell, f, hint=f" ({close}?)" if close else "")


def _problem(f: Field, cell: CellValue, problem: str, out: Collector, relabels: tuple = ()) -> None:
    if problem == "placeholder":
        out.at(PLACEHOLDER_REQUIRED if f.required else PLACEHOLDER, cell, f)
    elif problem == "formula_error":
        out.at(FORMULA_ERROR, cell, f)
    elif problem == "not_a_number":
        out.at(
            PERCENT_FOR_COUNT
            if has_percent_sign(cell.raw) and f.type in _DECIMALS
            else _TYPE_RULES.get(f.type, NOT_NUMBER),
            cell,
            f,
        )
    elif problem == "unknown_unit":
        out.at(UNKNOWN_UNIT, cell, f, unit=cell.detail)
    elif problem == "ambiguous_percent":
        out.at(AMBIGUOUS_PERCENT, cell, f)
    elif problem == "out_of_range":
        _range(f, cell, Decimal(cell.detail), out)
    elif problem == "not_a_date":
        out.at(NOT_DATE, cell, f)
    elif problem == "not_in_list":
        choices = ", ".join(vocab.choices(f.vocab, out.lang, relabels)) if f.vocab else ""
        out.at(STATUS if f.vocab == "status" else NOT_IN_LIST, cell, f, choices=choices)


def _same_currency(written: str, configured: str) -> bool:
    """ "kr" is the kroner of a Danish, Norwegian or Swedish setup; a code must be the configured one."""
    return written == configured or (written == "kr" and configured in ("DKK", "NOK", "SEK"))


def _range(f: Field, cell: CellValue, value: Decimal, out: Collector) -> None:
    lang = out.lang
    if f.type == FieldType.INTEGER and value != value.to_integral_value():
        out.at(NOT_INTEGER, cell, f)
        return
    bounds = f.bounds
    if bounds is None:  # not a numeric type: it has no range
        return
    lowest, highest = bounds
    low, high = value < lowest, value > highest
    if not (low or high):
        return
    if f.type == FieldType.PERCENT and f.min == 0 and f.max == 1:
        out.at(SHARE, cell, f)
    elif f.type == FieldType.AMOUNT and low and f.min == 0:
        out.at(NEGATIVE, cell, f)
    elif low:
        out.at(TOO_LOW, cell, f, min=_bound(f, lowest, lang))
    else:
        out.at(TOO_HIGH, cell, f, max=_bound(f, highest, lang))


def _bound(f: Field, bound: Decimal, lang: str) -> str:
    return pct(bound, lang) if f.type == FieldType.PERCENT else num(bound, lang)


@functools.lru_cache(maxsize=8)
def _names(names: tuple[str, ...]) -> _Names:
    """Built once per configuration, not once per file."""
    return _Names(names)


class _Names:
    """The configured municipality names; a name matches when it differs only in case or spaces."""

    def __init__(self, names):
        self.names = list(names)
        self._folded = {" ".join(n.split()).casefold() for n in self.names}

    def __contains__(self, name: str) -> bool:
        return " ".join(name.split()).casefold() in self._folded

    def close(self, name: str) -> str:
        import difflib

        found = difflib.get_close_matches(name, self.names, n=1, cutoff=0.75)
        return found[0] if found else ""
