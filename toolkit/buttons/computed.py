"""What Compute shows per kind, as plain sections of rows: fulfilment, roll-ups, budgets, jobs, financing."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from toolkit.adapters.excel import records
from toolkit.adapters.excel.read import Document
from toolkit.core.model import GoalResult
from toolkit.findings_table import heading
from toolkit.i18n import format_value, t
from toolkit.spec import vocab

PERCENT, AMOUNT, NUMBER = "percent", "amount", "number"


@dataclass
class Section:
    """A titled block on the computed sheet; ``formats`` maps a column index to percent, amount or number."""

    title: str
    headers: list[str]
    rows: list[list] = field(default_factory=list)
    formats: dict[int, str] = field(default_factory=dict)


def _f(key: str, lang: str) -> str:
    return t(f"field.{key}", lang)


def _b(key: str, lang: str, **params) -> str:
    return t(f"buttons.{key}", lang, **params)


def _label(name: str, value, lang: str) -> str:
    if value is None:
        return ""
    try:
        return vocab.label(name, value, lang)
    except (KeyError, ValueError):
        return str(getattr(value, "value", value))


def sections(doc: Document, lang: str) -> list[Section]:
    """The sections Compute writes for ``doc``; [] for kinds without computations (the split has its own)."""
    if doc.kind in ("contract", "submission"):
        return _goal_sections(doc, lang) + _unread_section(doc, lang)
    if doc.kind == "report":
        return [
            _status_section([r.status_text or None for r in records.report_rows(doc)], lang),
            *_unread_section(doc, lang),
        ]
    if doc.kind == "plan":
        return _plan_sections(doc, lang)
    return []


def _unread_section(doc: Document, lang: str) -> list[Section]:
    """The statuses counted as not reported because they can't be read, with where they stand."""
    from toolkit.core.status import unread_statuses

    unread = unread_statuses(doc)
    if not unread:
        return []
    return [
        Section(
            _b("computed.unread_statuses", lang),
            [heading("sheet", lang), heading("cell", lang), _b("col.status_text", lang)],
            [list(u) for u in unread],
        )
    ]


def _goal_sections(doc: Document, lang: str) -> list[Section]:
    from toolkit.core.fulfilment import derive_status, goal_fulfilment, ratio, rollup

    goals = records.goals(doc)
    table = Section(
        _b("computed.goals", lang),
        [
            _f("goal_no", lang),
            _f("title", lang),
            _f("measure_type", lang),
            _f("target", lang),
            _f("actual", lang),
            _f("fulfilment", lang),
            _b("col.derived_status", lang),
        ],
        formats={3: NUMBER, 4: NUMBER, 5: PERCENT},
    )
    results = []
    for g in goals:
        f = goal_fulfilment(g)
        status = derive_status(f, g.status)
        table.rows.append(
            [
                g.no,
                g.title,
                _label("measure_type", g.measure_type, lang),
                g.target,
                g.actual,
                f,
                _label("status", status, lang),
            ]
        )
        results.append(GoalResult(g.no, g.title, g.category, g.measure_type, g.target, g.actual, f, status))
    by = "category" if doc.kind == "contract" else "measure_type"
    groups = Section(_b("computed.rollup", lang), [_b("col.group", lang), _f("fulfilment", lang)], formats={1: PERCENT})
    for group, mean in rollup(results, by=by).items():
        groups.rows.append([_label(by, group, lang) or "–", mean])
    known = [r.fulfilment for r in results if r.fulfilment is not None]
    groups.rows.append([_b("col.total", lang), sum(known) / len(known) if known else None])
    out = [table, groups]
    with_subs = [g for g in goals if g.sub_targets]
    if with_subs:
        subs = Section(
            _b("computed.subtargets", lang),
            [
                _f("goal_no", lang),
                _f("title", lang),
                _f("target", lang),
                _b("col.sub_sum", lang),
                _b("col.difference", lang),
                _b("col.sub_actual", lang),
                _f("fulfilment", lang),
            ],
            formats={2: NUMBER, 3: NUMBER, 4: NUMBER, 5: NUMBER, 6: PERCENT},
        )
        for g in with_subs:
            target_sum = _sum(s.target for s in g.sub_targets)
            actual_sum = _sum(s.actual for s in g.sub_targets)
            diff = None if g.target is None or target_sum is None else Decimal(g.target) - target_sum
            subs.rows.append([g.no, g.title, g.target, target_sum, diff, actual_sum, ratio(actual_sum, target_sum)])
        out.append(subs)
    return out


def _sum(values) -> Decimal | None:
    known = [Decimal(v) for v in values if v is not None]
    return sum(known, Decimal(0)) if known else None


def _status_section(texts: list[str | None], lang: str) -> Section:
    from toolkit.core.fulfilment import status_counts

    section = Section(_b("computed.statuses", lang), [_f("status", lang), _b("col.count", lang)])
    counts = status_counts(texts)
    for status, n in counts.items():
        section.rows.append([_label("status", status, lang), n])
    section.rows.append([_b("col.total", lang), sum(counts.values())])
    return section


def _plan_sections(doc: Document, lang: str) -> list[Section]:
    from toolkit.core.budget import (
        budget_lines,
        check_financing,
        plan_total,
        still_to_pay,
        use_share,
    )

    lines = budget_lines(records.measures(doc), records.focus_areas(doc))
    budget = Section(
        _b("computed.budget", lang),
        [
            _f("area_no", lang),
            _f("area_name", lang),
            _f("budget", lang),
            _f("granted", lang),
            _f("remaining", lang),
            _f("use_pct", lang),
        ],
        formats={2: AMOUNT, 3: AMOUNT, 4: AMOUNT, 5: PERCENT},
    )
    for line in [*lines, plan_total(lines)]:
        budget.rows.append(
            [
                line.area_no or _b("col.total", lang),
                line.area_name,
                line.budget,
                line.granted,
                line.remaining,
                use_share(line),
            ]
        )
    jobs = _jobs_section(doc, lang)
    sources = records.financing(doc)
    check = check_financing(sources)
    financing = Section(
        _b("computed.financing", lang),
        [_f("source", lang), _f("share", lang), _f("amount", lang), _f("paid_share", lang), _f("to_pay", lang)],
        formats={1: PERCENT, 2: AMOUNT, 3: PERCENT, 4: AMOUNT},
    )
    for s in sources:
        financing.rows.append([s.name, s.share, s.amount, s.paid_share, still_to_pay(s)])
    financing.rows.append([_b("col.total", lang), check.total_share, check.total, None, check.still_to_pay])
    out = [budget, jobs, financing]
    issues = check.issues()
    if issues:
        out.append(
            Section(
                _b("computed.issues", lang),
                [""],
                [[t(key, lang, **{k: format_value(v, lang) for k, v in params.items()})] for key, params in issues],
            )
        )
    return out


def plan_span(doc: Document) -> tuple[int, int] | None:
    """The plan's programme period as (first, last) year, when both dates are given."""
    start, end = doc.value("period_start"), doc.value("period_end")
    return (start.year, end.year) if hasattr(start, "year") and hasattr(end, "year") else None


def _jobs_section(doc: Document, lang: str) -> Section:
    """Per year: each area and the year's total (Drangedal 2024: 28); then the period (150 over 2022-2027)."""
    from toolkit.core.fulfilment import jobs_progress

    target = doc.value("period_jobs_target")
    span = plan_span(doc)
    progress = jobs_progress(
        records.job_targets(doc), period=span, period_target=None if target is None else int(target)
    )
    jobs = Section(
        _b("computed.jobs", lang),
        [
            _f("year", lang),
            _f("area_no", lang),
            _f("jobs_target", lang),
            _f("jobs_achieved", lang),
            _b("col.remaining_jobs", lang),
            _f("fulfilment", lang),
        ],
        formats={5: PERCENT},
    )
    for year, in_year in progress.years.items():
        for area, p in in_year.by_area.items():
            jobs.rows.append([str(year), area, p.target, p.achieved, p.remaining, p.fulfilment])
        p = in_year.total
        jobs.rows.append([_b("col.year_total", lang, year=year), "", p.target, p.achieved, p.remaining, p.fulfilment])
    if span is not None or target is not None:
        p = progress.period
        name = _b("col.period_total", lang, first=span[0], last=span[1]) if span else _f("period_jobs_target", lang)
        jobs.rows.append([name, "", p.target, p.achieved, p.remaining, p.fulfilment])
    return jobs
