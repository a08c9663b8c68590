"""Whether a file belongs to this consolidation: its region, municipality, year or period, and currency.

A file belongs when nothing in it says otherwise:
- region: the region in its metadata (written when the template was made) is the configured one;
- municipality: a submission's or report's municipality is one of ``[municipalities]``;
- year: the year typed in its form (contract, plan) is ``[general] fiscal_year``; without one, its
  period (start to end) overlaps that year; without either, the year in its metadata is that year;
- currency: the currency in its metadata, or a currency code typed in an amount cell ("4 000 000 NOK"),
  is ``[general] currency``. "kr." alone says nothing (DKK, NOK and SEK all write it).
What the file does not say is never held against it. A file that does not belong is kept in the ledger
with a finding saying why and left out of the consolidated workbook and the deck.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from decimal import Decimal

from toolkit.core.scope import Facts
from toolkit.spec.fields import FieldType
from toolkit.workflows.consolidate.messages import say

_CODE = re.compile(r"(?<![A-Za-z])(DKK|NOK|SEK|EUR)(?![A-Za-z])|€")
PER_MUNICIPALITY = ("submission", "report")


@dataclass(frozen=True)
class Reason:
    """Why a file is left out: a rule id and the values its message names; read-only."""

    rule: str
    params: tuple[tuple[str, object], ...]

    def message(self, lang: str, file: str) -> str:
        return say(self.rule.removeprefix("consolidate."), lang, file=file, **dict(self.params))

    def finding(self, lang: str, file: str) -> tuple:
        """(severity, sheet, cell, field, value, rule, message) as the ledger stores findings."""
        p = dict(self.params)
        sheet, _, cell = str(p.get("at", "")).partition("!")
        return ("warning", sheet, cell, "", str(p.get("value", "")), self.rule, self.message(lang, file))


def facts_of(doc) -> Facts:
    """The facts of a read Document (toolkit.adapters.excel.read)."""
    meta = doc.meta
    region = (meta.get("region") or "").strip() or None
    start, end = doc.value("period_start"), doc.value("period_end")
    start = start if isinstance(start, dt.date) else None
    end = end if isinstance(end, dt.date) else None
    if start and end and end < start:
        start = end = None
    raw_year = doc.value("year") if "year" in doc.form else None
    year: int | None = None
    if isinstance(raw_year, (int, Decimal)) and not isinstance(raw_year, bool) and raw_year == int(raw_year):
        year = int(raw_year)  # integer fields read as Decimal
    if year is None and start is None and (meta.get("year") or "").strip().isdigit():
        year = int(meta["year"])
    currency, at = (meta.get("currency") or "").strip().upper() or None, ""
    if currency is None:
        currency, at = _typed_currency(doc)
    return Facts(region, year, start, end, currency, at)


def _typed_currency(doc) -> tuple[str | None, str]:
    """The first currency code typed in an amount cell, with where it stands."""
    amounts = {f.key for p in doc.spec.parts for f in p.fields if f.type is FieldType.AMOUNT}
    cells = [c for k, c in doc.form.items() if k in amounts]
    for rows in doc.tables.values():
        cells += [c for r in rows for k, c in r.cells.items() if k in amounts]
    for c in cells:
        if isinstance(c.raw, str) and (m := _CODE.search(c.raw)):
            return (m[1] or "EUR"), f"{c.sheet}!{c.ref}"
    return None, ""


def judge(facts: Facts | None, kind: str | None, municipality: str | None, cfg) -> list[Reason]:
    """Why a file with these facts does not belong to ``cfg``'s consolidation (empty: it belongs)."""
    out: list[Reason] = []
    if facts is None or kind is None:
        return out
    if facts.region and cfg.region and _norm(facts.region) != _norm(cfg.region):
        out.append(Reason("consolidate.scope.region", (("value", facts.region), ("region", cfg.region))))
    if kind in PER_MUNICIPALITY and municipality and _norm(municipality) not in _names(tuple(cfg.municipalities)):
        out.append(Reason("consolidate.scope.municipality", (("value", municipality), ("region", cfg.region))))
    year = cfg.fiscal_year
    if facts.year is not None and facts.year != year:
        out.append(Reason("consolidate.scope.year", (("value", facts.year), ("year", year))))
    elif facts.year is None and facts.start and facts.end and not (facts.start.year <= year <= facts.end.year):
        out.append(
            Reason(
                "consolidate.scope.period",
                (("value", f"{facts.start.isoformat()} – {facts.end.isoformat()}"), ("year", year)),
            )
        )
    if facts.currency and cfg.currency and facts.currency != cfg.currency:
        out.append(
            Reason(
                "consolidate.scope.currency",
                (("value", facts.currency), ("currency", cfg.currency), ("at", facts.currency_at)),
            )
        )
    return out


@functools.lru_cache(maxsize=8)
def _names(municipalities: tuple[str, ...]) -> frozenset[str]:
    """The configured names as compared (once per configuration, not once per file)."""
    return frozenset(_norm(n) for n in municipalities)


def _norm(text: str) -> str:
    return " ".join(str(text).split()).casefold()
