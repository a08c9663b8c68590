"""Goal results per municipality, the fulfilment matrix, the roll-ups, report rows and focus areas."""

from __future__ import annotations

from collections import Counter

from toolkit.adapters.consolidated.labels import label
from toolkit.adapters.consolidated.writer import GREEN, RED, STATUS_COLOURS, YELLOW, Col, Sheets
from toolkit.adapters.excel.cells import a1
from toolkit.config import Config
from toolkit.core.fulfilment import status_counts
from toolkit.core.model import GoalResult, MeasureType, Status
from toolkit.core.rollup import rollups
from toolkit.core.status import status_label
from toolkit.spec import vocab
from toolkit.workflows.consolidate.gather import Gathered


def _category(value, lang: str) -> str:
    return vocab.label("category", value, lang) if value else ""


def _measure(value, lang: str) -> str:
    return vocab.label("measure_type", value, lang) if value else ""


def _goal_cols(lang: str, with_municipality: bool) -> list[Col]:
    cols = [Col(label("col.municipality", lang), width=20)] if with_municipality else []
    return [
        *cols,
        Col(label("col.goal_no", lang), width=8),
        Col(label("col.title", lang), width=40, fit=70),
        Col(label("col.category", lang), width=11),
        Col(label("col.measure_type", lang), width=14, fit=30),
        Col(label("col.target", lang), "number", 10),
        Col(label("col.actual", lang), "number", 10),
        Col(label("col.unit", lang), width=12),
        Col(label("col.fulfilment", lang), "percent", 12),
        Col(label("col.status", lang), width=16),
        Col(label("col.evidence", lang), width=50),
    ]


_FRACTIONS = (MeasureType.SHARE, MeasureType.SERVICE_LEVEL)


def _goal_rows(results: list[GoalResult], lang: str, with_municipality: bool):
    """Rows, fills and kinds: a share's target and actual show as percentages."""
    rows, fills, kinds = [], {}, {}
    offset = 1 if with_municipality else 0
    for i, r in enumerate(results):
        row: list[object] = [r.municipality] if with_municipality else []
        fraction = r.measure_type in _FRACTIONS
        # The cell already shows "%": "% af henvisninger" would read "90 % % af henvisninger".
        unit = r.unit.strip().removeprefix("%").strip() if fraction else r.unit
        row += [
            r.goal_no,
            r.title,
            _category(r.category, lang),
            _measure(r.measure_type, lang),
            r.target,
            r.actual,
            unit,
            r.fulfilment,
            status_label(r.status, lang),
            r.evidence,
        ]
        rows.append(row)
        fills[(i, offset + 8)] = STATUS_COLOURS[r.status]
        if fraction:
            kinds[(i, offset + 4)] = kinds[(i, offset + 5)] = "percent"
    return rows, fills, kinds


def results(s: Sheets, g: Gathered) -> None:
    ws = s.sheet("results")
    rows, fills, kinds = _goal_rows(g.data.goal_results, s.lang, True)
    ws.freeze_panes(1, 2)
    s.table(ws, 0, "tblResults", _goal_cols(s.lang, True), rows, fills=fills, kinds=kinds)


def _goals_in_order(g: Gathered) -> list[tuple[str, str]]:
    seen: dict[str, str] = {}
    for r in [*g.data.goals, *g.data.goal_results]:
        seen.setdefault(r.goal_no, r.title)
    return list(seen.items())


def matrix(s: Sheets, g: Gathered, cfg: Config) -> None:
    """Fulfilment per goal (rows) and municipality (columns), coloured like traffic lights."""
    lang = s.lang
    ws = s.sheet("matrix")
    ws.write_string(0, 0, label("legend", lang), s.f["hint"])
    names = list(cfg.municipalities)
    by = {(r.goal_no, r.municipality): r.fulfilment for r in g.data.goal_results}
    cols = [Col(label("col.goal_no", lang), width=8), Col(label("col.title", lang), width=36, fit=70)]
    cols += [Col(name, "percent", max(9, min(len(name) + 2, 18))) for name in names]
    goals = _goals_in_order(g)
    rows = [[no, title, *(by.get((no, name)) for name in names)] for no, title in goals]
    top = 2
    ws.freeze_panes(top + 1, 2)
    s.table(ws, top, "tblMatrix", cols, rows)
    if rows and names:
        r1, c1, r2, c2 = top + 1, 2, top + len(rows), 1 + len(names)
        cell = a1(r1, c1)
        for colours, test in ((GREEN, f"{cell}>=1"), (RED, f"{cell}<=0"), (YELLOW, f"AND({cell}>0,{cell}<1)")):
            ws.conditional_format(
                r1,
                c1,
                r2,
                c2,
                {"type": "formula", "criteria": f"=AND(ISNUMBER({cell}),{test})", "format": s.fills[colours]},
            )


def rollup_sheet(s: Sheets, g: Gathered) -> None:
    lang, data = s.lang, g.data
    ws = s.sheet("rollup")
    row = s.heading(ws, 0, label("heading.contract", lang))
    rows, fills, kinds = _goal_rows(data.goals, lang, False)
    first = row + 1
    row = s.table(ws, row, "tblContractGoals", _goal_cols(lang, False), rows, fills=fills, kinds=kinds)
    if data.goals:
        chart = s.wb.add_chart({"type": "bar"})
        chart.add_series(
            {
                "name": label("col.fulfilment", lang),
                "categories": [ws.name, first, 0, first + len(rows) - 1, 0],
                "values": [ws.name, first, 7, first + len(rows) - 1, 7],
                "points": [
                    {"fill": {"color": STATUS_COLOURS[r.status][0]}, "border": {"color": STATUS_COLOURS[r.status][1]}}
                    for r in data.goals
                ],
                "data_labels": {"value": True, "num_format": "0%"},
            }
        )
        chart.set_title({"name": label("chart.fulfilment", lang)})
        chart.set_x_axis({"min": 0, "max": 1, "num_format": "0%"})
        chart.set_y_axis({"reverse": True})
        chart.set_legend({"none": True})
        ws.insert_chart(0, 11, chart, {"x_scale": 1.2, "y_scale": 1.2})
    groups = rollups(data.goal_results)
    row = s.heading(ws, row, label("heading.by_goal", lang))
    statuses = list(Status)
    cols = [
        Col(label("col.goal_no", lang), width=8),
        Col(label("col.title", lang), width=40, fit=70),
        Col(label("col.count", lang), "int", 9),
        Col(label("col.mean", lang), "percent", 14),
    ]
    cols += [Col(status_label(st, lang), "int", 12) for st in statuses]
    titles: dict[object, str] = dict(_goals_in_order(g))
    rows = []
    by_goal: dict[object, list[GoalResult]] = {}  # keyed like the roll-up's groups
    for r in data.goal_results:
        by_goal.setdefault(r.goal_no, []).append(r)
    for no, mean in groups["goal_no"].items():
        rs = by_goal.get(no, [])
        counts = status_counts(r.status for r in rs)
        rows.append([no, titles.get(no, ""), len(rs), mean, *(counts[st] for st in statuses)])
    row = s.table(ws, row, "tblByGoal", cols, rows)
    row = s.heading(ws, row, label("heading.by_municipality", lang))
    cols = [
        Col(label("col.municipality", lang), width=22),
        Col(label("col.count", lang), "int", 9),
        Col(label("col.mean", lang), "percent", 14),
    ]
    per: Counter[object] = Counter(r.municipality for r in data.goal_results)
    rows = [[m, per[m], mean] for m, mean in groups["municipality"].items()]
    row = s.table(ws, row, "tblByMunicipality", cols, rows)
    row = s.heading(ws, row, label("heading.by_category", lang))
    cols = [Col(label("col.category", lang), width=22), Col(label("col.mean", lang), "percent", 14)]
    s.table(
        ws,
        row,
        "tblByCategory",
        cols,
        [[_category(c, lang) or label("none", lang), mean] for c, mean in groups["category"].items()],
    )


def report_rows(s: Sheets, g: Gathered) -> None:
    lang = s.lang
    ws = s.sheet("report")
    cols = [
        Col(label("col.municipality", lang), width=20),
        Col(label("col.sub_goal", lang), width=28),
        Col(label("col.goal_text", lang), width=48),
        Col(label("col.met_by", lang), width=40),
        Col(label("col.when", lang), width=20),
        Col(label("col.status_text", lang), width=24),
        Col(label("col.status", lang), width=18),
    ]
    rows: list[list[object]] = []
    fills = {}
    for name, items in g.data.report_rows.items():
        for r in items:
            if r.status is not None:
                fills[(len(rows), 6)] = STATUS_COLOURS[r.status]
            rows.append(
                [
                    name,
                    r.sub_goal,
                    r.goal_text,
                    r.met_by,
                    r.when,
                    r.status_text,
                    status_label(r.status, lang) if r.status else "",
                ]
            )
    ws.freeze_panes(1, 1)
    s.table(ws, 0, "tblReportRows", cols, rows, fills=fills)


def focus(s: Sheets, g: Gathered) -> None:
    lang = s.lang
    ws = s.sheet("focus")
    cols = [
        Col(label("col.municipality", lang), width=20),
        Col(label("col.no", lang), "int", 6),
        Col(label("col.focus_area", lang), width=36),
        Col(label("col.description", lang), width=60),
    ]
    rows = [[name, a.no, a.name, a.description] for name, areas in g.focus.items() for a in areas]
    ws.freeze_panes(1, 1)
    s.table(ws, 0, "tblFocusAreas", cols, rows)
