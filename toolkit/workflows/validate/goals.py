"""Rules for goals and their results: numbering, sub-targets, measure ranges and status against the figures."""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal

from toolkit.adapters.excel.read import Document, Row
from toolkit.core.model import Goal, MeasureType, Status
from toolkit.core.numbers import has_percent_sign
from toolkit.spec import Table
from toolkit.workflows.validate.fields import AMBIGUOUS_PERCENT, PERCENT_FOR_COUNT
from toolkit.workflows.validate.findings import Collector, num, pct, rule
from toolkit.workflows.validate.rules import field_of

DUPLICATE_NO = rule("goals.duplicate_no", "error")
UNKNOWN_GOAL = rule("subtargets.unknown_goal", "error")
SUB_SUM = rule("subtargets.sum", "error")
SUB_ACTUAL_SUM = rule("subtargets.actual_sum", "warning")
SHARE_MEASURE = rule("range.share_measure", "error")
COUNT_NEGATIVE = rule("range.count_negative", "error")
NPS_RANGE = rule("range.nps", "error")
CHECKLIST = rule("checklist.range", "error")
MILESTONE = rule("milestone.value", "error")
ACHIEVED_BUT_MISSED = rule("status.achieved_but_missed", "warning")

_SHARES = (MeasureType.SHARE, MeasureType.SERVICE_LEVEL)
_NPS = re.compile(r"\bnps\b|net promoter", re.IGNORECASE)
_ONE, _ZERO = Decimal(1), Decimal(0)


def check_goals(doc: Document, cfg, out: Collector) -> None:
    name = "tblGoals" if doc.kind == "contract" else "tblResults"
    table = doc.spec.table(name)
    rows = doc.tables.get(name, [])
    _duplicates(table, rows, out)
    for row in rows:
        _measure(table, row, out)
        _status(table, row, out)
    if doc.kind == "contract":
        _sub_targets(doc, table, rows, out)


def goal_no(row: Row) -> str:
    value = row.get("goal_no")
    return "" if value is None else " ".join(str(value).split()).rstrip(".")


def _duplicates(table: Table, rows: list[Row], out: Collector) -> None:
    first: dict[str, int] = {}
    f = field_of(table, "goal_no")
    for row in rows:
        no = goal_no(row)
        if not no:
            continue
        if no in first:
            out.at(DUPLICATE_NO, row.cells["goal_no"], f, first=first[no])
        else:
            first[no] = row.number


def _measure(table: Table, row: Row, out: Collector) -> None:
    kind = row.get("measure_type")
    target, actual = row.get("target"), row.get("actual")
    lang = out.lang
    if kind in _SHARES:
        for key, value in (("target", target), ("actual", actual)):
            cell = row.cells[key]
            if value is not None and not _ZERO <= value <= _ONE:
                out.at(SHARE_MEASURE, cell, field_of(table, key), percent=pct(value, lang))
            elif value == _ONE and isinstance(cell.raw, str) and not has_percent_sign(cell.raw):
                out.at(AMBIGUOUS_PERCENT, cell, field_of(table, key))  # text "1": 1 % or 100 %?
        return
    for key in ("target", "actual"):
        typed = row.cells.get(key)
        if typed is not None and typed.value is not None and has_percent_sign(typed.raw):
            out.at(PERCENT_FOR_COUNT, typed, field_of(table, key))
    if kind in (MeasureType.COUNT, MeasureType.CHECKLIST, MeasureType.MILESTONE):
        for key, value in (("target", target), ("actual", actual)):
            if value is not None and value < 0 and not (key == "actual" and kind != MeasureType.COUNT):
                out.at(COUNT_NEGATIVE, row.cells[key], field_of(table, key))
    if kind == MeasureType.THRESHOLD and _is_nps(row):
        for key, value in (("target", target), ("actual", actual)):
            if value is not None and not -100 <= value <= 100:
                out.at(NPS_RANGE, row.cells[key], field_of(table, key))
    elif kind == MeasureType.CHECKLIST and actual is not None:
        whole = actual == actual.to_integral_value()
        if not whole or actual < 0 or (target is not None and actual > target):
            out.at(
                CHECKLIST,
                row.cells["actual"],
                field_of(table, "actual"),
                target=num(target, lang) if target is not None else "n",
            )
    elif kind == MeasureType.MILESTONE and actual is not None and actual not in (_ZERO, _ONE):
        out.at(MILESTONE, row.cells["actual"], field_of(table, "actual"))


def _is_nps(row: Row) -> bool:
    text = f"{row.get('unit') or ''} {row.get('title') or ''}"
    return _NPS.search(text) is not None


def _status(table: Table, row: Row, out: Collector) -> None:
    if row.get("goal_status") != Status.ACHIEVED:
        return
    target, actual = row.get("target"), row.get("actual")
    if target is None or actual is None:
        return
    fulfilment = fulfilment_of(row)
    if fulfilment is not None and fulfilment < 1:
        lang = out.lang
        shown = pct if row.get("measure_type") in _SHARES else num
        out.at(
            ACHIEVED_BUT_MISSED,
            row.cells["goal_status"],
            field_of(table, "goal_status"),
            actual=shown(actual, lang),
            target=shown(target, lang),
            fulfilment=pct(fulfilment.quantize(Decimal("0.001")), lang),
        )


def fulfilment_of(row: Row) -> Decimal | None:
    """actual / target capped to 0..1 by the toolkit's one fulfilment rule."""
    from toolkit.core.fulfilment import goal_fulfilment

    goal = Goal(
        no=goal_no(row),
        category=row.get("category"),
        title=str(row.get("title") or ""),
        measure_type=row.get("measure_type"),
        target=row.get("target"),
        actual=row.get("actual"),
    )
    return goal_fulfilment(goal)


def _sub_targets(doc: Document, goals_table: Table, goals: list[Row], out: Collector) -> None:
    subs = doc.tables.get("tblSubTargets", [])
    if not subs:
        return
    table = doc.spec.table("tblSubTargets")
    by_no: dict[str, Row] = {}
    for row in goals:
        by_no.setdefault(goal_no(row), row)
    grouped: dict[str, list[Row]] = defaultdict(list)
    f_no = field_of(table, "goal_no")
    for row in subs:
        no = goal_no(row)
        if not no:
            continue
        if no not in by_no:
            out.at(UNKNOWN_GOAL, row.cells["goal_no"], f_no)
        else:
            grouped[no].append(row)
    lang = out.lang
    for no, rows in grouped.items():
        goal = by_no[no]
        targets = [r.get("target") for r in rows]
        if goal.get("target") is not None and None not in targets and sum(targets) != goal.get("target"):
            out.at(
                SUB_SUM,
                goal.cells["target"],
                field_of(goals_table, "target"),
                goal=no,
                sum=num(sum(targets), lang),
                parts=" + ".join(num(x, lang) for x in targets),
            )
        actuals = [r.get("actual") for r in rows]
        if goal.get("actual") is not None and None not in actuals and sum(actuals) != goal.get("actual"):
            out.at(
                SUB_ACTUAL_SUM,
                goal.cells["actual"],
                field_of(goals_table, "actual"),
                goal=no,
                sum=num(sum(actuals), lang),
            )
