"""Action-plan budgets per focus area, over-commitment, and financing sources checked against costs."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from toolkit.core.model import BudgetLine, FinancingSource, FocusArea, Measure

_ZERO = Decimal(0)


def _sum(values: Iterable[Decimal | None]) -> Decimal:
    return sum((Decimal(v) for v in values if v is not None), _ZERO)


def budget_lines(measures: Iterable[Measure], areas: Iterable[FocusArea] = ()) -> list[BudgetLine]:
    """Budget and granted per focus area, summed over its measures, in area order.

    A missing amount (left blank or "xxx") counts as 0 in the sum; areas named
    in ``areas`` but without measures get a line of zeros.
    """
    names = {a.no: a.name for a in areas}
    by_area: dict[int, list[Measure]] = {no: [] for no in names}
    for m in measures:
        by_area.setdefault(m.area_no, []).append(m)
    return [
        BudgetLine(no, names.get(no, ""), _sum(m.budget for m in ms), _sum(m.granted for m in ms))
        for no, ms in sorted(by_area.items())
    ]


def plan_total(lines: Iterable[BudgetLine]) -> BudgetLine:
    """The plan's total as one line (area 0, no name)."""
    lines = list(lines)
    return BudgetLine(0, "", _sum(line.budget for line in lines), _sum(line.granted for line in lines))


def use_share(line: BudgetLine) -> Decimal | None:
    """Granted as a fraction of the budget (0.87 = 87 % used); None for a zero budget.

    Same rule as the workbook's ``IF(N(budget)=0,"",N(granted)/budget)``; not
    capped, so over-commitment shows as more than 100 %.
    """
    return None if not line.budget else Decimal(line.granted) / Decimal(line.budget)


def over_committed(lines: Iterable[BudgetLine]) -> list[BudgetLine]:
    """The lines where more is granted than budgeted."""
    return [line for line in lines if line.granted > line.budget]


def still_to_pay(source: FinancingSource) -> Decimal | None:
    """What the source has yet to pay out: amount x (1 - paid_share).

    The county paying 75 % of 4,000,000 in the plan year and the rest the year
    after still owes 1,000,000. No paid share means nothing paid yet, as in the
    workbook's ``amount*(1-N(paid_share))``; no amount gives None.
    """
    if source.amount is None:
        return None
    return Decimal(source.amount) * (1 - Decimal(source.paid_share or 0))


@dataclass(frozen=True)
class ShareMismatch:
    source: str
    share: Decimal  # the share stated
    amount: Decimal  # the amount stated
    implied_share: Decimal  # amount / base
    expected_amount: Decimal  # share x base


@dataclass(frozen=True)
class FinancingCheck:
    total: Decimal  # sum of the known amounts
    total_share: Decimal | None  # sum of the stated shares; None when no source states one
    base: Decimal  # what the shares are shares of (the costs, or see check_financing)
    costs: Decimal | None
    still_to_pay: Decimal  # sum over sources of amount x (1 - paid_share)
    missing: list[str] = field(default_factory=list)  # sources without an amount ("xxx")
    mismatches: list[ShareMismatch] = field(default_factory=list)

    @property
    def shares_add_up(self) -> bool | None:
        return None if self.total_share is None else self.total_share == 1

    @property
    def gap(self) -> Decimal | None:
        """Costs not covered by the financing (negative when there is more financing than costs)."""
        return None if self.costs is None else self.costs - self.total

    def issues(self) -> list[tuple[str, dict[str, object]]]:
        """The findings as (message key, parameters), for the checks sheet and the CLI.

        Parameters are numbers (shares in per cent, implied shares to one decimal: 77.4); the caller
        writes them in its language (toolkit.i18n.format_value)."""
        out: list[tuple[str, dict[str, object]]] = []
        if self.total_share is not None and not self.shares_add_up:
            out.append(("budget.shares_not_100", {"sum": _pct(self.total_share)}))
        for m in self.mismatches:
            out.append(
                (
                    "budget.amount_contradicts_share",
                    {
                        "source": m.source,
                        "share": _pct(m.share),
                        "amount": m.amount,
                        "implied": (m.implied_share * 100).quantize(Decimal("0.1")),
                        "base": self.base,
                    },
                )
            )
        if self.gap is not None and self.gap > 0:
            out.append(("budget.costs_not_covered", {"financing": self.total, "costs": self.costs, "gap": self.gap}))
        return out


def _pct(fraction: Decimal) -> Decimal:
    return (fraction * 100).normalize()


def check_financing(
    sources: Iterable[FinancingSource], costs: Decimal | None = None, *, tolerance: Decimal = Decimal("0.005")
) -> FinancingCheck:
    """Financing totals against costs, and shares against amounts.

    Shares are fractions of the costs; without ``costs`` they are taken as
    fractions of the sum of the amounts of the sources that state a share. An
    amount contradicts its share when amount / base differs from the share by
    more than ``tolerance`` (half a percentage point by default, so a share
    shown rounded to whole per cent is not flagged). Drangedal 2024: county
    75 % with 4,000,000 and municipality 25 % with 1,170,000 - the amounts are
    77.4 % and 22.6 % of 5,170,000, so both are flagged.
    """
    sources = list(sources)
    shared = [s for s in sources if s.share is not None]
    total = _sum(s.amount for s in sources)
    base = Decimal(costs) if costs is not None else _sum(s.amount for s in shared)
    mismatches = []
    for s in shared:
        if s.amount is None or s.share is None or not base:  # s.share: never None in shared
            continue
        implied = Decimal(s.amount) / base
        if abs(implied - Decimal(s.share)) > tolerance:
            mismatches.append(
                ShareMismatch(s.name, Decimal(s.share), Decimal(s.amount), implied, Decimal(s.share) * base)
            )
    return FinancingCheck(
        total=total,
        total_share=_sum(s.share for s in shared) if shared else None,
        base=base,
        costs=None if costs is None else Decimal(costs),
        still_to_pay=_sum(still_to_pay(s) for s in sources),
        missing=[s.name for s in sources if s.amount is None],
        mismatches=mismatches,
    )
