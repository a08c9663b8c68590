"""The cost split and, when action plans are submitted, budgets and job targets."""

from __future__ import annotations

from decimal import Decimal

from toolkit.adapters.consolidated.labels import label
from toolkit.adapters.consolidated.writer import Col, Sheets
from toolkit.core.fulfilment import jobs_progress
from toolkit.core.model import Consolidated
from toolkit.core.numbers import decimal_places
from toolkit.i18n import format_date, format_number
from toolkit.workflows.consolidate.gather import Gathered


def split(s: Sheets, g: Gathered) -> None:
    lang = s.lang
    ws = s.sheet("split")
    src = g.split
    if src is None or src.problem is not None or not src.lines:
        reason = src.problem.message(lang) if src is not None and src.problem is not None else label("none", lang)
        ws.write_string(0, 0, label("split.none", lang, reason=reason), s.f["hint"])
        return
    ws.write_string(
        0,
        0,
        label(
            "split.caption",
            lang,
            total=format_number(src.total, lang),
            key_date=format_date(src.key_date, lang) or "–",
            periods=src.periods,
            unit=format_number(src.unit, lang, _decimals(src.unit)),
            origin=label(f"split.origin.{src.origin}", lang),
        ),
        s.f["hint"],
    )
    total = sum((x.amount for x in src.lines), Decimal(0))
    shares = [x.amount / total if total else None for x in src.lines]
    rows = [[x.key, x.weight, share, x.amount, src.per_period(x)] for x, share in zip(src.lines, shares)]
    small = any(share is not None and 0 < share < Decimal("0.01") for share in shares)  # e.g. Samsø, 0.28 %
    cols = [
        Col(label("col.municipality", lang), width=22),
        Col(label("col.key", lang), "amount", 12),
        Col(label("col.share", lang), "share2" if small else "share1", 9),
        Col(label("col.amount", lang), "amount", 12),
        Col(label("col.per_period", lang), "amount", 12),
    ]
    weights = sum((x.weight for x in src.lines), Decimal(0))
    top = 2
    ws.freeze_panes(top + 1, 1)
    s.table(
        ws,
        top,
        "tblSplit",
        cols,
        rows,
        total={0: label("total", lang), 1: weights, 2: 1 if total else None, 3: total, 4: total / src.periods},
    )
    chart = s.wb.add_chart({"type": "bar"})
    chart.add_series(
        {
            "name": label("col.amount", lang),
            "categories": [ws.name, top + 1, 0, top + len(rows), 0],
            "values": [ws.name, top + 1, 3, top + len(rows), 3],
            "fill": {"color": "#1F3A5F"},
        }
    )
    chart.set_title({"name": label("chart.split", lang)})
    chart.set_x_axis({"num_format": "#,##0"})
    chart.set_y_axis({"reverse": True})
    chart.set_legend({"none": True})
    ws.insert_chart(top, 6, chart, {"x_scale": 1.2, "y_scale": max(1.0, len(rows) / 12)})


def _decimals(unit: Decimal) -> int:
    return decimal_places(unit)


def budget(s: Sheets, g: Gathered) -> None:
    """Only when an action plan is in the ledger."""
    data, lang = g.data, s.lang
    if not data.budgets and not data.jobs:
        return
    ws = s.sheet("budget")
    cols = [
        Col(label("col.area_no", lang), "int", 9),
        Col(label("col.area", lang), width=36),
        Col(label("col.budget", lang), "amount", 14),
        Col(label("col.granted", lang), "amount", 14),
        Col(label("col.remaining", lang), "amount", 14),
    ]
    lines = data.budgets
    rows = [[b.area_no, b.area_name, b.budget, b.granted, b.remaining] for b in lines]
    totals = {1: label("total", lang)} | {
        c: sum((getattr(b, a) for b in lines), Decimal(0)) for c, a in ((2, "budget"), (3, "granted"), (4, "remaining"))
    }
    row = s.table(ws, 0, "tblBudgets", cols, rows, total=totals if lines else None)
    if lines:
        chart = s.wb.add_chart({"type": "column"})
        for c, colour in ((2, "#1F3A5F"), (3, "#8EA9C1")):
            chart.add_series(
                {
                    "name": [ws.name, 0, c],
                    "categories": [ws.name, 1, 1, len(rows), 1],
                    "values": [ws.name, 1, c, len(rows), c],
                    "fill": {"color": colour},
                }
            )
        chart.set_title({"name": label("chart.budget", lang)})
        ws.insert_chart(0, 6, chart, {"x_scale": 1.3})
    if data.jobs:
        row = s.heading(ws, max(row, 18), label("heading.jobs", lang))
        cols = [
            Col(label("col.area_no", lang), "int", 9),
            Col(label("col.year", lang), "int", 8),
            Col(label("col.jobs_target", lang), "int", 10),
            Col(label("col.jobs_achieved", lang), "int", 12),
        ]
        row = s.table(ws, row, "tblJobs", cols, [[j.area_no, j.year, j.target, j.achieved] for j in data.jobs])
        row = s.heading(ws, row + 1, label("heading.job_totals", lang))
        cols = [
            Col(label("col.jobs_span", lang), width=20),
            Col(label("col.jobs_target", lang), "int", 10),
            Col(label("col.jobs_achieved", lang), "int", 12),
            Col(label("col.jobs_remaining", lang), "int", 10),
            Col(label("col.fulfilment", lang), "percent", 12),
        ]
        s.table(ws, row, "tblJobTotals", cols, job_totals(data, lang))


def job_totals(data: Consolidated, lang: str) -> list[list]:
    """A row per year (Drangedal 2024: 28) and one per plan period (150 over 2022-2027), never added together."""
    rows = [
        [str(year), p.target, p.achieved, p.remaining, p.fulfilment]
        for year, p in jobs_progress(data.jobs).by_year.items()
    ]
    for period in data.job_periods:
        p = jobs_progress(data.jobs, period=(period.first, period.last), period_target=period.target).period
        rows.append(
            [
                label("jobs.period", lang, first=period.first, last=period.last),
                p.target,
                p.achieved,
                p.remaining,
                p.fulfilment,
            ]
        )
    return rows
