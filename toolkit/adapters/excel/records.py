"""Turn a read Document into the plain domain records the computations work on."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from toolkit.adapters.excel.read import Document, Row
from toolkit.core import continuation
from toolkit.core.continuation import Line, Placed
from toolkit.core.model import FinancingSource, FocusArea, Goal, JobTarget, Measure, ReportRow, Status, SubTarget


def _s(row: Row, key: str) -> str:
    v = row.get(key)
    return "" if v is None else str(v)


def _typed(row: Row, key: str) -> str:
    """The cell as read, or as typed when it could not be read (so a wrong value is never taken for a blank)."""
    cell = row.cells.get(key)
    if cell is None:
        return ""
    v = cell.value if cell.value is not None else cell.raw
    return "" if v is None else str(v).strip()


def _int(v) -> int | None:
    return None if v is None else int(Decimal(v))


def goals(doc: Document) -> list[Goal]:
    """Contract goals (tblGoals) or a submission's results (tblResults), with sub-targets."""
    table = "tblGoals" if doc.kind == "contract" else "tblResults"
    out = []
    for row in doc.tables.get(table, []):
        out.append(
            Goal(
                no=_s(row, "goal_no"),
                category=row.get("category"),
                title=_s(row, "title"),
                measure_type=row.get("measure_type"),
                target=row.get("target"),
                unit=_s(row, "unit"),
                limit_hours=row.get("limit_hours"),
                goal_text=_s(row, "goal_text"),
                method=_s(row, "method"),
                rationale=_s(row, "rationale"),
                reporting=_s(row, "reporting"),
                actual=row.get("actual"),
                evidence=_s(row, "evidence"),
                result_date=row.get("result_date"),
                status=row.get("goal_status"),
            )
        )
    by_no = {g.no: g for g in out}
    for row in doc.tables.get("tblSubTargets", []):
        sub = SubTarget(
            goal_no=_s(row, "goal_no"), label=_s(row, "sub_label"), target=row.get("target"), actual=row.get("actual")
        )
        if sub.goal_no in by_no:
            by_no[sub.goal_no].sub_targets.append(sub)
    return out


def report_line(row: Row) -> Line:
    """A fulfilment report's line for the layout: the sub-goal groups, the goal text names, the status marks."""
    cell = row.cells.get("status")
    return Line(
        key=_typed(row, "sub_goal"), head=_s(row, "goal_text"), marked=cell is not None and cell.raw not in (None, "")
    )


def measure_line(row: Row) -> Line:
    """An action plan's measure line: the focus area groups, the letter (or name) names, an amount marks."""
    cells = [row.cells.get(k) for k in ("budget", "granted")]
    return Line(
        key=_typed(row, "area_no"),
        head=_s(row, "letter") or _s(row, "measure"),
        marked=any(c is not None and c.raw not in (None, "") for c in cells),
    )


def layout(table: str, rows: list[Row]) -> list[Placed] | None:
    """Where each row of ``table`` goes (see toolkit.core.continuation); None for tables read line by line."""
    lines = {"tblReport": report_line, "tblMeasures": measure_line}.get(table)
    return None if lines is None else continuation.arrange([lines(r) for r in rows])


def _joined_rows(table: str, rows: list[Row], make, join) -> list:
    """One record per item line, with the group it continues and the text of the lines joined to it."""
    out: list = []
    at: dict[int, int] = {}
    for placed, row in zip(layout(table, rows) or [], rows):
        if placed.joins is None:
            at[placed.index] = len(out)
            out.append(make(row, placed.key))
        else:
            n = at[placed.joins]
            out[n] = join(out[n], row)
    return out


def _report_row(row: Row, sub_goal: str) -> ReportRow:
    cell = row.cells.get("status")
    status = row.get("status")
    return ReportRow(
        sub_goal=sub_goal,
        goal_text=_s(row, "goal_text"),
        met_by=_s(row, "met_by"),
        when=_s(row, "when"),
        status_text="" if cell is None or cell.raw is None else str(cell.raw).strip(),
        status=status if isinstance(status, Status) else None,
    )


def _join_report(into: ReportRow, row: Row) -> ReportRow:
    # a goal text run over a page break continues its sentence; further ways and dates are items of their own
    return replace(
        into,
        goal_text=continuation.joined(into.goal_text, _s(row, "goal_text"), " "),
        met_by=continuation.joined(into.met_by, _s(row, "met_by"), "\n"),
        when=continuation.joined(into.when, _s(row, "when"), "\n"),
    )


def report_rows(doc: Document) -> list[ReportRow]:
    """The report's goals: a blank sub-goal continues the one above, continuation lines joined to their goal."""
    return _joined_rows("tblReport", doc.tables.get("tblReport", []), _report_row, _join_report)


def focus_areas(doc: Document) -> list[FocusArea]:
    if doc.kind == "submission":
        return [
            FocusArea(no=i + 1, name=_s(r, "focus_area"), description=_s(r, "description"))
            for i, r in enumerate(doc.tables.get("tblLocalFocus", []))
        ]
    return [
        FocusArea(
            no=_int(r.get("area_no")) or 0,
            name=_s(r, "area_name"),
            description=_s(r, "description"),
            effect_goal=_s(r, "effect_goal"),
            result_goal=_s(r, "result_goal"),
        )
        for r in doc.tables.get("tblAreas", [])
    ]


def _measure(row: Row, area: str) -> Measure:
    try:
        area_no = _int(area) or 0
    except ArithmeticError:  # not a number: the field rules report it
        area_no = 0
    return Measure(
        area_no=area_no,
        letter=_s(row, "letter"),
        name=_s(row, "measure"),
        sub_goal=_s(row, "sub_goal"),
        budget=row.get("budget"),
        granted=row.get("granted"),
    )


def _join_measure(into: Measure, row: Row) -> Measure:
    return replace(
        into,
        name=continuation.joined(into.name, _s(row, "measure"), " "),
        sub_goal=continuation.joined(into.sub_goal, _s(row, "sub_goal"), "\n"),
    )


def measures(doc: Document) -> list[Measure]:
    """The plan's measures: a blank focus area continues the one above, continuation lines joined to their measure."""
    return _joined_rows("tblMeasures", doc.tables.get("tblMeasures", []), _measure, _join_measure)


def job_targets(doc: Document) -> list[JobTarget]:
    return [
        JobTarget(
            area_no=_int(r.get("area_no")) or 0,
            year=_int(r.get("year")) or 0,
            target=_int(r.get("jobs_target")),
            achieved=_int(r.get("jobs_achieved")),
        )
        for r in doc.tables.get("tblJobs", [])
    ]


def financing(doc: Document) -> list[FinancingSource]:
    return [
        FinancingSource(
            name=_s(r, "source"), share=r.get("share"), amount=r.get("amount"), paid_share=r.get("paid_share")
        )
        for r in doc.tables.get("tblFinancing", [])
    ]


def split_weights(doc: Document) -> dict[str, Decimal]:
    return {_s(r, "municipality"): r.get("key_value") for r in doc.tables.get("tblSplit", [])}
