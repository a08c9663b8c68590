"""Rules for an action plan: budgets, financing shares and amounts, focus areas and job targets.

The year's jobs total is the sum of the jobs each focus area's result goal names
("Mål om 4 nye/sikrede arbeidsplasser": 4 + 4 + 8 + 12 = 28 in Drangedal 2024);
the job targets of the plan year must add up to it. The plan head's
``period_jobs_target`` is for the whole period (150 over 2022-2027): the yearly
targets may not exceed it, and once every year of the period has targets they
must add up to it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal

from toolkit.adapters.excel.build import sheet_name
from toolkit.adapters.excel.cells import a1
from toolkit.adapters.excel.read import Document, Row
from toolkit.workflows.validate.findings import Collector, num, pct, rule
from toolkit.workflows.validate.rules import field_of, period

GRANTED_EXCEEDS = rule("budget.granted_exceeds", "error")
REMAINING_WRONG = rule("budget.remaining_wrong", "error")
SHARES_TOTAL = rule("financing.shares_total", "error")
AMOUNT_SHARE = rule("financing.amount_share", "warning")
UNKNOWN_AREA = rule("plan.unknown_area", "error")
DUPLICATE_AREA = rule("areas.duplicate_no", "error")
DUPLICATE_JOBS = rule("jobs.duplicate", "error")
YEAR_TOTAL = rule("jobs.year_total", "warning")
PERIOD_TOTAL = rule("jobs.period_total", "warning")

_SHARE_TOLERANCE = Decimal("0.0005")  # shares typed with one decimal in per cent
_DISPLAY_TOLERANCE = Decimal("0.005")  # a share is a rounded display of its amount: half a point
_JOBS = re.compile(
    r"(\d[\d.\s]*)\s+(?:[\w/-]+\s+){0,3}?(?:arbeidsplass\w*|arbejdsplads\w*|jobs?\b|"
    r"stilling\w*|årsverk\b|årsværk\b)",
    re.IGNORECASE,
)


def check_plan(doc: Document, cfg, out: Collector) -> None:
    _measures(doc, out)
    _financing(doc, out)
    areas = _areas(doc, out)
    _jobs(doc, areas, out)


def _measures(doc: Document, out: Collector) -> None:
    table = doc.spec.table("tblMeasures")
    lang = out.lang
    for row in doc.tables.get("tblMeasures", []):
        budget, granted = row.get("budget"), row.get("granted")
        if budget is not None and granted is not None and granted > budget:
            out.at(GRANTED_EXCEEDS, row.cells["granted"], field_of(table, "granted"), budget=num(budget, lang))
        remaining = row.get("remaining")
        typed_as_text = any(
            isinstance(row.cells[k].raw, str) and row.cells[k].raw.strip() for k in ("budget", "granted")
        )
        # An amount typed as text is taken as 0 by the formula: the text is the cause (type.text_number
        # says so at the amount), not a replaced formula.
        if isinstance(remaining, Decimal) and (budget is not None or granted is not None) and not typed_as_text:
            expected = (budget or 0) - (granted or 0)
            if remaining != expected:
                out.at(
                    REMAINING_WRONG, row.cells["remaining"], field_of(table, "remaining"), expected=num(expected, lang)
                )


def _financing(doc: Document, out: Collector) -> None:
    table = doc.spec.table("tblFinancing")
    rows = doc.tables.get("tblFinancing", [])
    lang = out.lang
    with_share = [r for r in rows if r.get("share") is not None]
    if not with_share or any(r.cells["share"].problem for r in rows):
        return  # no shares, or some not known yet: nothing to add up
    total_share = sum(r.get("share") for r in with_share)
    if abs(total_share - 1) > _SHARE_TOLERANCE:
        out.at(SHARES_TOTAL, with_share[0].cells["share"], field_of(table, "share"), sum=pct(total_share, lang))
        return
    if any(r.get("amount") is None for r in with_share):
        return
    total = sum(r.get("amount") for r in with_share)
    if total <= 0:
        return
    for r in with_share:
        actual = r.get("amount") / total
        if abs(actual - r.get("share")) > _DISPLAY_TOLERANCE:
            out.at(
                AMOUNT_SHARE,
                r.cells["amount"],
                field_of(table, "amount"),
                total=num(total, lang),
                actual=pct(actual.quantize(Decimal("0.001")), lang),
                share=pct(r.get("share"), lang),
            )


def _areas(doc: Document, out: Collector) -> dict[int, Row]:
    table = doc.spec.table("tblAreas")
    areas: dict[int, Row] = {}
    for row in doc.tables.get("tblAreas", []):
        no = row.get("area_no")
        if no is None:
            continue
        if int(no) in areas:
            out.at(DUPLICATE_AREA, row.cells["area_no"], field_of(table, "area_no"), first=areas[int(no)].number)
        else:
            areas[int(no)] = row
    if not areas:
        return areas
    for name in ("tblMeasures", "tblJobs"):
        other = doc.spec.table(name)
        for row in doc.tables.get(name, []):
            no = row.get("area_no")
            if no is not None and no == no.to_integral_value() and int(no) not in areas:
                out.at(UNKNOWN_AREA, row.cells["area_no"], field_of(other, "area_no"))
    return areas


def stated_jobs(text) -> int | None:
    """The number of jobs a result goal names ("Mål om 4 nye/sikrede arbeidsplasser" -> 4), or None."""
    if not isinstance(text, str):
        return None
    m = _JOBS.search(text)
    if not m:
        return None
    digits = re.sub(r"[.\s]", "", m[1])
    return int(digits) if digits.isdigit() else None


def _jobs(doc: Document, areas: dict[int, Row], out: Collector) -> None:
    table = doc.spec.table("tblJobs")
    rows = doc.tables.get("tblJobs", [])
    lang = out.lang
    seen: dict[tuple[int, int], int] = {}
    by_year: dict[int, list[Row]] = defaultdict(list)
    for row in rows:
        area, year = row.get("area_no"), row.get("year")
        if area is None or year is None:
            continue
        key = (int(area), int(year))
        if key in seen:
            out.at(DUPLICATE_JOBS, row.cells["year"], field_of(table, "year"), area=key[0], first=seen[key])
        else:
            seen[key] = row.number
        by_year[key[1]].append(row)
    year = doc.value("year")
    stated = {no: n for no, row in areas.items() if (n := stated_jobs(row.get("result_goal"))) is not None}
    if year is not None and stated:
        year_rows = by_year.get(int(year), [])
        total = sum(r.get("jobs_target") or 0 for r in year_rows)
        if total != sum(stated.values()):
            parts = ", ".join(f"{no}: {n}" for no, n in sorted(stated.items()))
            first = year_rows[0].cells["jobs_target"] if year_rows else None
            sheet = sheet_name(table.sheet, doc.language)
            out.at(
                YEAR_TOTAL,
                first,
                field_of(table, "jobs_target"),
                sheet=sheet,
                ref=a1(table.header_row, table.column_of("jobs_target")),
                year=int(year),
                sum=num(total, lang),
                total=num(sum(stated.values()), lang),
                parts=parts,
            )
    _period_total(doc, by_year, out)


def _period_total(doc: Document, by_year: dict[int, list[Row]], out: Collector) -> None:
    target_cell = doc.form.get("period_jobs_target")
    span = period(doc)
    if target_cell is None or target_cell.value is None or span is None or not by_year:
        return
    years = [y for y in by_year if span[0].year <= y <= span[1].year]
    total = sum(r.get("jobs_target") or 0 for y in years for r in by_year[y])
    every_year = set(range(span[0].year, span[1].year + 1)) <= set(years)
    target = target_cell.value
    if total > target or (every_year and total != target):
        f = next(f for f in doc.spec.forms[0].fields if f.key == "period_jobs_target")
        out.at(PERIOD_TOTAL, target_cell, f, years=", ".join(str(y) for y in sorted(years)), sum=num(total, out.lang))
