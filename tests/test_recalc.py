"""Every live formula of the templates, recalculated by LibreOffice, agrees with the Python computation."""

import datetime as dt
from decimal import Decimal as D
from fractions import Fraction

import pytest
import python_calamine
from libreoffice import convert, soffice

pytestmark = pytest.mark.libreoffice
from toolkit.adapters.excel import records
from toolkit.adapters.excel.build import BuildOptions, build_workbook, sheet_name
from toolkit.adapters.excel.read import read_workbook
from toolkit.core.budget import plan_total, still_to_pay, use_share
from toolkit.core.costsplit import explain
from toolkit.core.fulfilment import goal_fulfilment, ratio
from toolkit.core.model import BudgetLine
from toolkit.data import samples
from toolkit.data.midtjylland import POPULATION_2018
from toolkit.spec import SPECS
from toolkit_demo.fill import fill_workbook

# A goal reported as text, one above its target, one at zero: the formula's edge cases.
EXTRA_GOALS = [
    {"goal_no": "10", "category": "Regional", "title": "Kant", "measure_type": "Antal", "target": 10, "actual": 25},
    {"goal_no": "11", "category": "Regional", "title": "Nul", "measure_type": "Antal", "target": 0, "actual": 5},
    {"goal_no": "12", "category": "Regional", "title": "NPS", "measure_type": "Tærskel", "target": 60, "actual": -20},
]


def _contract():
    goals = samples.reported_goals()
    return samples.CONTRACT_HEAD, {"tblGoals": goals + EXTRA_GOALS, "tblSubTargets": samples.SUB_TARGETS}


def _plan():
    measures = [
        {"area_no": a, "letter": "A", "measure": n, "budget": b, "granted": g} for a, n, b, g, _ in samples.PLAN_AREAS
    ]
    measures.append({"area_no": 2, "letter": "B", "measure": "Overforbruk", "budget": 100_000, "granted": 130_000})
    measures.append({"area_no": 3, "letter": "C", "measure": "Bare innvilget", "granted": 20_000})
    financing = [{"source": s, "share": sh, "amount": am, "paid_share": p} for s, sh, am, p in samples.PLAN_FINANCING]
    financing.append({"source": "Uten utbetaling", "amount": 50_000})
    return samples.PLAN_HEAD, {"tblMeasures": measures, "tblFinancing": financing}


def _split():
    return (
        {
            "split_title": "Basisbevilling 2019",
            "total": 36792,
            "key_date": dt.date(2018, 1, 1),
            "rounding_unit": 1,
            "periods": 12,
        },
        {"tblSplit": [{"municipality": m, "key_value": w} for m, w in POPULATION_2018.items()]},
    )


CASES = {"contract": ("da", _contract), "plan": ("nb", _plan), "split": ("da", _split)}


@pytest.fixture(scope="module")
def recalculated(tmp_path_factory):
    soffice()
    folder = tmp_path_factory.mktemp("recalc")
    filled = {}
    for kind, (lang, data) in CASES.items():
        blank = folder / f"blank_{kind}.xlsx"
        build_workbook(SPECS[kind], str(blank), BuildOptions(lang=lang, municipalities=list(POPULATION_2018)))
        form, tables = data()
        filled[kind] = folder / f"{kind}.xlsx"
        fill_workbook(blank, filled[kind], SPECS[kind], lang, form, tables)
    out = convert(list(filled.values()), folder / "out", "xlsx", folder / "profile")
    return {kind: (read_workbook(filled[kind]), read_workbook(path), path) for kind, path in zip(filled, out)}


def _close(a, b):
    if a is None or b is None:
        return a is None and b is None
    return abs(D(str(a)) - D(str(b))) <= D("1e-9") * max(1, abs(D(str(b))))


def test_fulfilment_formula_agrees_with_python(recalculated):
    original, recalc, _ = recalculated["contract"]
    python = [goal_fulfilment(g) for g in records.goals(original)]
    excel = [r.get("fulfilment") for r in recalc.tables["tblGoals"]]
    assert len(python) == 12 and all(_close(e, p) for e, p in zip(excel, python)), (excel, python)
    assert python[4] == D(1712) / 1800 and python[9] == 1 and python[10] is None and python[11] == 0
    subs = [ratio(r.get("actual"), r.get("target")) for r in original.tables["tblSubTargets"]]
    assert all(_close(r.get("fulfilment"), p) for r, p in zip(recalc.tables["tblSubTargets"], subs))


def test_budget_formulas_agree_with_python(recalculated):
    original, recalc, path = recalculated["plan"]
    lines = [
        BudgetLine(r.get("area_no"), "", r.get("budget") or D(0), r.get("granted") or D(0))
        for r in original.tables["tblMeasures"]
    ]
    for line, row in zip(lines, recalc.tables["tblMeasures"]):
        assert _close(row.get("remaining"), line.remaining)
        assert _close(row.get("use_pct"), use_share(line))
    sources = records.financing(original)
    for source, row in zip(sources, recalc.tables["tblFinancing"]):
        assert _close(row.get("to_pay"), still_to_pay(source))
    assert still_to_pay(sources[0]) == D(1_000_000)
    # the totals row under the measures table
    table = SPECS["plan"].part("tblMeasures")
    book = python_calamine.load_workbook(path)
    grid = book.get_sheet_by_name(sheet_name(table.sheet, "nb")).to_python(skip_empty_area=False)
    totals = grid[table.last_data_row]
    total = plan_total(lines)
    assert totals[table.column_of("budget")] == total.budget
    assert totals[table.column_of("granted")] == total.granted
    assert totals[table.column_of("remaining")] == total.remaining


def test_split_formulas_agree_with_the_explained_split(recalculated):
    original, recalc, _ = recalculated["split"]
    weights = records.split_weights(original)
    rows = {e.key: e for e in explain(D(36792), weights, periods=12)}
    for row in recalc.tables["tblSplit"]:
        e = rows[row.get("municipality")]
        assert _close(row.get("exact_share"), D(e.share.numerator) / D(e.share.denominator))
        assert _close(row.get("unrounded"), D(e.exact.numerator) / D(e.exact.denominator))
    assert sum(e.share for e in rows.values()) == Fraction(1)
