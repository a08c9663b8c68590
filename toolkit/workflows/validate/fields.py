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

REQUIRED = rule("required", "error",
                "{field} skal udfyldes. Skriv en værdi i cellen.",
                "{field} må fylles ut. Skriv en verdi i cellen.",
                "{field} is required. Enter a value in the cell.")
PLACEHOLDER = rule("value.placeholder", "info",
                   "{field} er endnu ikke kendt ('{value}'). Udfyld den, når tallet kendes.",
                   "{field} er ikke kjent ennå ('{value}'). Fyll den ut når tallet er kjent.",
                   "{field} is not known yet ('{value}'). Fill it in once it is known.")
PLACEHOLDER_REQUIRED = rule("value.placeholder_required", "error",
                            "{field} skal udfyldes, men der står '{value}' (ikke kendt endnu). Skriv den rigtige værdi.",
                            "{field} må fylles ut, men det står '{value}' (ikke kjent ennå). Skriv riktig verdi.",
                            "{field} is required but holds '{value}' (not known yet). Enter the real value.")
FORMULA_ERROR = rule("value.formula_error", "error",
                     "Cellen viser fejlen {value}. Ret formlen eller de celler, den bruger (fx division med 0 eller en slettet reference).",
                     "Cellen viser feilen {value}. Rett formelen eller cellene den bruker (f.eks. divisjon med 0 eller en slettet referanse).",
                     "The cell shows the error {value}. Correct the formula or the cells it uses (e.g. a division by 0 or a deleted reference).")
NOT_NUMBER = rule("type.number", "error",
                  "'{value}' er ikke et tal. Skriv kun tallet, fx 1.800 eller 1,5 (uden 'ca.' og tekst).",
                  "'{value}' er ikke et tall. Skriv bare tallet, f.eks. 1 800 eller 1,5 (uten 'ca.' og tekst).",
                  "'{value}' is not a number. Enter the number only, e.g. 1,800 or 1.5 (no 'approx.' or words).")
NOT_INTEGER = rule("type.integer", "error",
                   "'{value}' er ikke et helt tal. Skriv et helt tal, fx 2024 eller 12.",
                   "'{value}' er ikke et helt tall. Skriv et helt tall, f.eks. 2024 eller 12.",
                   "'{value}' is not a whole number. Enter a whole number, e.g. 2024 or 12.")
NOT_AMOUNT = rule("type.amount", "error",
                  "'{value}' er ikke et beløb. Skriv beløbet som et tal i kroner, fx 4.000.000.",
                  "'{value}' er ikke et beløp. Skriv beløpet som et tall i kroner, f.eks. 4 000 000.",
                  "'{value}' is not an amount. Enter the amount as a number, e.g. 4,000,000.")
NOT_PERCENT = rule("type.percent", "error",
                   "'{value}' er ikke en procentsats. Skriv fx 75 %.",
                   "'{value}' er ikke en prosentsats. Skriv f.eks. 75 %.",
                   "'{value}' is not a percentage. Enter e.g. 75 %.")
NOT_DATE = rule("type.date", "error",
                "'{value}' er ikke en dato. Skriv en dato, fx 31-05-2023.",
                "'{value}' er ikke en dato. Skriv en dato, f.eks. 31.05.2023.",
                "'{value}' is not a date. Enter a date, e.g. 2023-05-31.")
NOT_IN_LIST = rule("type.choice", "error",
                   "'{value}' står ikke på listen. Vælg en af: {choices}.",
                   "'{value}' står ikke på listen. Velg en av: {choices}.",
                   "'{value}' is not in the list. Pick one of: {choices}.")
STATUS = rule("status.unrecognised", "error",
              "Status '{value}' kan ikke forstås entydigt. Vælg en af: {choices}.",
              "Status '{value}' kan ikke forstås entydig. Velg en av: {choices}.",
              "The status '{value}' can't be read for sure. Pick one of: {choices}.")
NOT_EMAIL = rule("type.email", "error",
                 "'{value}' er ikke en e-mailadresse. Skriv en adresse som navn@kommune.dk.",
                 "'{value}' er ikke en e-postadresse. Skriv en adresse som navn@kommune.no.",
                 "'{value}' is not an e-mail address. Enter an address such as name@municipality.dk.")
TOO_LOW = rule("range.min", "error",
               "{value} er mindre end det mindst tilladte, {min}. Ret tallet.",
               "{value} er mindre enn det minste tillatte, {min}. Rett tallet.",
               "{value} is below the lowest allowed value, {min}. Correct the number.")
TOO_HIGH = rule("range.max", "error",
                "{value} er større end det højst tilladte, {max}. Ret tallet.",
                "{value} er større enn det høyeste tillatte, {max}. Rett tallet.",
                "{value} is above the highest allowed value, {max}. Correct the number.")
NEGATIVE = rule("range.negative", "error",
                "Beløbet {value} er negativt. Beløb kan ikke være negative; skriv beløbet uden minus.",
                "Beløpet {value} er negativt. Beløp kan ikke være negative; skriv beløpet uten minus.",
                "The amount {value} is negative. Amounts can't be negative; enter it without a minus.")
SHARE = rule("range.share", "error",
             "Andelen {value} ligger ikke mellem 0 % og 100 %. Skriv fx 75 %.",
             "Andelen {value} ligger ikke mellom 0 % og 100 %. Skriv f.eks. 75 %.",
             "The share {value} is not between 0 % and 100 %. Enter e.g. 75 %.")
TOO_LONG = rule("text.too_long", "error",
                "Teksten har {length} tegn; højst {max} er tilladt. Forkort den.",
                "Teksten har {length} tegn; høyst {max} er tillatt. Forkort den.",
                "The text has {length} characters; at most {max} are allowed. Shorten it.")
UNKNOWN_UNIT = rule("type.unit", "error",
                    "I '{value}' kan '{unit}' ikke forstås sikkert (tusinder, millioner eller noget andet?), så tallet er ikke læst. Skriv hele tallet uden enhed, fx 500.000 for 500 t.kr.",
                    "I '{value}' kan '{unit}' ikke forstås sikkert (tusener, millioner eller noe annet?), så tallet er ikke lest. Skriv hele tallet uten enhet, f.eks. 500 000 for 500'.",
                    "In '{value}', '{unit}' can't be read for sure (thousands, millions or something else?), so the number was not read. Enter the whole number without a unit, e.g. 500,000 for 500k.")
AMBIGUOUS_PERCENT = rule("type.percent_ambiguous", "error",
                         "'{value}' kan betyde både 1 % og 100 %. Skriv procenttegnet med: 1 % eller 100 %.",
                         "'{value}' kan bety både 1 % og 100 %. Skriv prosenttegnet med: 1 % eller 100 %.",
                         "'{value}' could mean 1 % or 100 %. Type the per cent sign: 1 % or 100 %.")
OTHER_CURRENCY = rule("type.currency", "error",
                      "'{value}' er angivet i {currency}, men beløbene i denne opsætning er i {expected}. Omregn til {expected}, og skriv beløbet uden valuta.",
                      "'{value}' er oppgitt i {currency}, men beløpene i dette oppsettet er i {expected}. Regn om til {expected}, og skriv beløpet uten valuta.",
                      "'{value}' is given in {currency}, but amounts in this setup are in {expected}. Convert it to {expected} and enter the amount without a currency.")
TEXT_NUMBER = rule("type.text_number", "warning",
                   "{field} '{value}' står som tekst, så Excel regner ikke med det: projektmappens egne summer og formler tæller det som 0. Skriv tallet igen som et tal.",
                   "{field} '{value}' står som tekst, så Excel regner ikke med det: arbeidsbokens egne summer og formler teller det som 0. Skriv tallet på nytt som et tall.",
                   "{field} '{value}' is text, so Excel does not count it: the workbook's own totals and formulas take it as 0. Retype it as a number.")
PERCENT_FOR_COUNT = rule("type.percent_sign", "error",
                         "'{value}' er skrevet som procent, men feltet er ikke en andel. Skriv tallet uden %.",
                         "'{value}' er skrevet som prosent, men feltet er ikke en andel. Skriv tallet uten %.",
                         "'{value}' is written as a percentage, but the field is not a share. Enter the number without %.")
UNKNOWN_MUNICIPALITY = rule("municipality.unknown", "error",
                            "'{value}' er ikke en af kommunerne i opsætningen. Vælg kommunen fra listen{hint}.",
                            "'{value}' er ikke en av kommunene i oppsettet. Velg kommunen fra listen{hint}.",
                            "'{value}' is not one of the configured municipalities. Pick the municipality from the list{hint}.")

_TYPE_RULES = {FieldType.INTEGER: NOT_INTEGER, FieldType.NUMBER: NOT_NUMBER, FieldType.AMOUNT: NOT_AMOUNT,
               FieldType.PERCENT: NOT_PERCENT}
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
            _check_table(part, doc.tables.get(part.name, []), out, municipalities, currency, counted,
                         doc.spec.relabels)


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


def _check_table(table: Table, rows, out: Collector, municipalities, currency=None, counted=frozenset(),
                 relabels: tuple = ()) -> None:
    fields = table.fields
    exempt = arranged(table, rows, out)  # blanks that the published layout leaves, not the user
    for row in rows:
        cells = row.cells
        for f in fields:
            cell = cells.get(f.key)
            if cell is not None and not (cell.value is None and cell.problem is None and (row.number, f.key) in exempt):
                check_cell(f, cell, out, municipalities, currency, f.key in counted, relabels)


def check_cell(f: Field, cell: CellValue, out: Collector, municipalities=None, currency: str | None = None,
               counted: bool = False, relabels: tuple = ()) -> None:
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
        if counted and isinstance(cell.raw, str):   # shown as typed: the quotes are the point
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
        out.at(PERCENT_FOR_COUNT if has_percent_sign(cell.raw) and f.type in _DECIMALS
               else _TYPE_RULES.get(f.type, NOT_NUMBER), cell, f)
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
    """"kr" is the kroner of a Danish, Norwegian or Swedish setup; a code must be the configured one."""
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
def _names(names: tuple[str, ...]) -> "_Names":
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
