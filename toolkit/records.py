"""Turn a read Document into the plain domain records the computations work on."""
from __future__ import annotations

from decimal import Decimal

from toolkit.excel.read import Document, Row
from toolkit.model import (FinancingSource, FocusArea, Goal, JobTarget, Measure, ReportRow, Status,
                           SubTarget)


def _s(row: Row, key: str) -> str:
    v = row.get(key)
    return "" if v is None else str(v)


def _int(v) -> int | None:
    return None if v is None else int(Decimal(v))


def goals(doc: Document) -> list[Goal]:
    """Contract goals (tblGoals) or a submission's results (tblResults), with sub-targets."""
    table = "tblGoals" if doc.kind == "contract" else "tblResults"
    out = []
    for row in doc.tables.get(table, []):
        out.append(Goal(
            no=_s(row, "goal_no"), category=row.get("category"), title=_s(row, "title"),
            measure_type=row.get("measure_type"), target=row.get("target"), unit=_s(row, "unit"),
            limit_hours=row.get("limit_hours"), goal_text=_s(row, "goal_text"), method=_s(row, "method"),
            rationale=_s(row, "rationale"), reporting=_s(row, "reporting"), actual=row.get("actual"),
            evidence=_s(row, "evidence"), result_date=row.get("result_date"), status=row.get("goal_status")))
    by_no = {g.no: g for g in out}
    for row in doc.tables.get("tblSubTargets", []):
        sub = SubTarget(goal_no=_s(row, "goal_no"), label=_s(row, "sub_label"),
                        target=row.get("target"), actual=row.get("actual"))
        if sub.goal_no in by_no:
            by_no[sub.goal_no].sub_targets.append(sub)
    return out


def report_rows(doc: Document) -> list[ReportRow]:
    out = []
    for row in doc.tables.get("tblReport", []):
        cell = row.cells.get("status")
        status = row.get("status")
        out.append(ReportRow(sub_goal=_s(row, "sub_goal"), goal_text=_s(row, "goal_text"),
                             met_by=_s(row, "met_by"), when=_s(row, "when"),
                             status_text="" if cell is None or cell.raw is None else str(cell.raw).strip(),
                             status=status if isinstance(status, Status) else None))
    return out


def focus_areas(doc: Document) -> list[FocusArea]:
    if doc.kind == "submission":
        return [FocusArea(no=i + 1, name=_s(r, "focus_area"), description=_s(r, "description"))
                for i, r in enumerate(doc.tables.get("tblLocalFocus", []))]
    return [FocusArea(no=_int(r.get("area_no")) or 0, name=_s(r, "area_name"), description=_s(r, "description"),
                      effect_goal=_s(r, "effect_goal"), result_goal=_s(r, "result_goal"))
            for r in doc.tables.get("tblAreas", [])]


def measures(doc: Document) -> list[Measure]:
    return [Measure(area_no=_int(r.get("area_no")) or 0, letter=_s(r, "letter"), name=_s(r, "measure"),
                    sub_goal=_s(r, "sub_goal"), budget=r.get("budget"), granted=r.get("granted"))
            for r in doc.tables.get("tblMeasures", [])]


def job_targets(doc: Document) -> list[JobTarget]:
    return [JobTarget(area_no=_int(r.get("area_no")) or 0, year=_int(r.get("year")) or 0,
                      target=_int(r.get("jobs_target")), achieved=_int(r.get("jobs_achieved")))
            for r in doc.tables.get("tblJobs", [])]


def financing(doc: Document) -> list[FinancingSource]:
    return [FinancingSource(name=_s(r, "source"), share=r.get("share"), amount=r.get("amount"),
                            paid_share=r.get("paid_share"))
            for r in doc.tables.get("tblFinancing", [])]


def split_weights(doc: Document) -> dict[str, Decimal]:
    return {_s(r, "municipality"): r.get("key_value") for r in doc.tables.get("tblSplit", [])}
