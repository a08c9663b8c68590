"""Goal results per municipality and for the whole contract, with fulfilment and the status it implies."""

from __future__ import annotations

from decimal import Decimal

from toolkit.core.fulfilment import derive_status, goal_fulfilment, rollup
from toolkit.core.model import Category, Goal, GoalResult, MeasureType
from toolkit.i18n import t


def result_of(goal: Goal, municipality: str | None, category: Category | None = None) -> GoalResult:
    f = goal_fulfilment(goal)
    return GoalResult(
        goal_no=goal.no,
        title=goal.title,
        category=goal.category or category,
        measure_type=goal.measure_type,
        target=goal.target,
        actual=goal.actual,
        fulfilment=f,
        status=derive_status(f, goal.status),
        evidence=goal.evidence,
        unit=goal.unit,
        municipality=municipality,
    )


def municipal_results(municipality: str, goals: list[Goal], contract: list[Goal]) -> list[GoalResult]:
    """One municipality's results; the category comes from the contract when one is in the ledger."""
    categories = {g.no: g.category for g in contract}
    return [result_of(g, municipality, categories.get(g.no)) for g in goals if g.no]


def contract_goals(goals: list[Goal]) -> list[GoalResult]:
    """The contract's own goals and results (the hub's figures), from a contract workbook."""
    return [result_of(g, None) for g in goals if g.no]


def rolled_up_goals(results: list[GoalResult], lang: str) -> list[GoalResult]:
    """One result per goal over all municipalities, when no contract workbook gives the hub's own figures.

    Fulfilment is the roll-up of the municipalities' fulfilments
    (toolkit.core.fulfilment.rollup): weighted by target for a count goal, where
    every municipality counts in the same unit, unweighted otherwise. For a
    count goal target and actual are the sums; otherwise the common target
    (when all agree) and the mean actual.
    """
    order: dict[str, list[GoalResult]] = {}
    for r in results:
        order.setdefault(r.goal_no, []).append(r)
    out = []
    for no, rs in order.items():
        first = rs[0]
        count = first.measure_type == MeasureType.COUNT
        fulfilment = rollup(rs, by="goal_no", weighted=count)[no]
        targets = [r.target for r in rs if r.target is not None]
        actuals = [r.actual for r in rs if r.actual is not None]
        if count:
            target = sum(targets, Decimal(0)) if targets else None
            actual = sum(actuals, Decimal(0)) if actuals else None
        else:
            target = targets[0] if targets and all(x == targets[0] for x in targets) else None
            actual = sum(actuals, Decimal(0)) / len(actuals) if actuals else None
        out.append(
            GoalResult(
                goal_no=no,
                title=first.title,
                category=first.category,
                measure_type=first.measure_type,
                target=target,
                actual=actual,
                fulfilment=fulfilment,
                status=derive_status(fulfilment),
                evidence=t("consolidate.rollup.evidence", lang, count=len(rs)),
                unit=first.unit,
                municipality=None,
            )
        )
    return out


def rollups(results: list[GoalResult]) -> dict[str, dict[object, Decimal | None]]:
    """Mean fulfilment by goal, municipality, category and measure type (for the roll-up sheet)."""
    return {by: rollup(results, by=by) for by in ("goal_no", "municipality", "category", "measure_type")}
