"""Plain-text summaries of splits and fulfilment for the terminal, in the configured language."""

from __future__ import annotations

from decimal import Decimal

from toolkit.core.costsplit import SplitExplanation
from toolkit.core.fulfilment import derive_status, goal_fulfilment, rollup, status_counts
from toolkit.core.model import Category, Goal, GoalResult, ReportRow
from toolkit.core.status import status_label
from toolkit.i18n import format_number, format_percent, t
from toolkit.spec import vocab


def _table(rows: list[list[str]], right: set[int]) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths))).rstrip()
        for r in rows
    ]


def split_text(
    explained: list[SplitExplanation], total, lang: str, *, key_date: str = "", unit=1, periods=1
) -> list[str]:
    head = t(
        "summary.split_head",
        lang,
        total=format_number(total, lang),
        n=len(explained),
        date=key_date,
        unit=format_number(unit, lang),
        periods=periods,
    )
    rows = [t("summary.split_cols", lang).split("|")]
    for e in explained:
        exact = Decimal(e.exact.numerator) / Decimal(e.exact.denominator)
        share = Decimal(e.share.numerator) / Decimal(e.share.denominator)
        rows.append(
            [
                str(e.key),
                format_number(e.weight, lang),
                format_percent(share, lang, 2),
                format_number(exact, lang, 2),
                ("+" + format_number(e.amount - e.rounded_down, lang)) if e.units_added else "",
                format_number(e.amount, lang),
            ]
        )
    rows.append(
        [
            t("summary.total", lang),
            format_number(sum(e.weight for e in explained), lang),
            format_percent(1, lang, 2),
            format_number(total, lang, 2),
            "",
            format_number(sum(e.amount for e in explained), lang),
        ]
    )
    return [head, *_table(rows, {1, 2, 3, 5})]


def fulfilment_text(goals: list[Goal], lang: str) -> list[str]:
    results = []
    for g in goals:
        f = goal_fulfilment(g)
        results.append(
            GoalResult(
                goal_no=g.no,
                title=g.title,
                category=g.category,
                measure_type=g.measure_type,
                target=g.target,
                actual=g.actual,
                fulfilment=f,
                status=derive_status(f, g.status),
            )
        )
    lines = [t("summary.fulfilment_head", lang, n=len(results))]
    for category, mean in rollup(results, by="category").items():
        # rollup's keys are typed object (it groups by any field); by category they are Category or None.
        name = vocab.label("category", category, lang) if isinstance(category, Category) else "?"
        lines.append(f"  {name}: {format_percent(mean, lang) if mean is not None else '–'}")
    counts = status_counts(r.status for r in results)
    lines.append("  " + ", ".join(f"{status_label(s, lang)}: {n}" for s, n in counts.items()))
    return lines


def report_text(rows: list[ReportRow], lang: str) -> list[str]:
    counts = status_counts(r.status_text for r in rows)
    return [
        t("summary.report_head", lang, n=len(rows)),
        "  " + ", ".join(f"{status_label(s, lang)}: {n}" for s, n in counts.items()),
    ]
