"""The ledger as tidy pandas DataFrames for analysts: one long table per thing the consolidation counts.

    from toolkit.config import load_config
    from toolkit.workflows.frames import frames
    f = frames(load_config("config.ini"))
    f["goals"].pivot_table(index=["municipality", "goal_no"], columns="year", values="fulfilment",
                           aggfunc="first", observed=False)

Built on the consolidation's own public functions (``gather_all`` per year, ``Ledger.entries``, ``records`` and
``findings``), never on SQL, so it reads any ledger backend the same way. Dtypes (``DTYPES`` says per column):
- amounts, targets, actuals, weights and fulfilment: ``object`` holding ``decimal.Decimal`` (or None), exact as read;
  whole øre would not do for fulfilment fractions or amounts typed with more decimals, floats not at all
  (0.7 is not 0.7 in binary); ``.sum()`` and ``.mean()`` work, ``.astype(float)`` for a chart;
- dates and times: ``datetime64[ns]``, local time without zone (as the consolidated workbook shows them);
- municipality: categorical over ``[municipalities]`` in config order (so those without a row stay visible in a
  ``groupby(observed=False)``), followed by any other name the ledger holds (nothing is ever turned into NaN);
- status, state, kind, severity: categoricals of the codes (``achieved`` ..., language-independent);
- counts and years: nullable ``Int64``; text: ``string``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable

import pandas as pd

from toolkit.adapters.store import codec
from toolkit.adapters.store.ledger import Entry, Ledger, open_readonly
from toolkit.config import Config
from toolkit.core.budget import budget_lines
from toolkit.core.model import Status
from toolkit.workflows.consolidate.gather import Gathered, gather_all, jobs_period

STATES = ("valid", "invalid", "unreadable", "missing")
KINDS = ("contract", "report", "plan", "split", "submission")
SEVERITIES = ("error", "warning", "info")
_GOAL = ("title", "category", "measure_type", "unit")
# frame -> column -> dtype tag (see _column); the order of the columns is the order here.
DTYPES: dict[str, dict[str, str]] = {
    "goals": {
        "year": "int",
        "municipality": "municipality",
        "goal_no": "str",
        **dict.fromkeys(_GOAL, "str"),
        "target": "decimal",
        "actual": "decimal",
        "fulfilment": "decimal",
        "status": "status",
        "evidence": "str",
        "period_start": "date",
        "period_end": "date",
        "file_name": "str",
    },
    "region_goals": {
        "year": "int",
        "goal_no": "str",
        **dict.fromkeys(_GOAL, "str"),
        "target": "decimal",
        "actual": "decimal",
        "fulfilment": "decimal",
        "status": "status",
        "evidence": "str",
    },
    "report": {
        "year": "int",
        "municipality": "municipality",
        "sub_goal": "str",
        "goal_text": "str",
        "met_by": "str",
        "when": "str",
        "status_text": "str",
        "status": "status",
    },
    "budgets": {
        "year": "int",
        "owner": "str",
        "area_no": "int",
        "area_name": "str",
        "budget": "decimal",
        "granted": "decimal",
        "remaining": "decimal",
    },
    "jobs": {"year": "int", "owner": "str", "area_no": "int", "jobs_year": "int", "target": "int", "achieved": "int"},
    "job_periods": {"year": "int", "owner": "str", "first": "int", "last": "int", "target": "int"},
    "split": {"year": "int", "municipality": "municipality", "weight": "decimal", "amount": "decimal"},
    "submissions": {
        "year": "int",
        "municipality": "municipality",
        "state": "state",
        "submitted_at": "datetime",
        "file_name": "str",
        "template_version": "str",
        "errors": "int",
        "warnings": "int",
    },
    "versions": {
        "id": "int",
        "municipality": "municipality",
        "kind": "kind",
        "version": "int",
        "state": "state",
        "current": "bool",
        "file_name": "str",
        "sha256": "str",
        "received_at": "datetime",
        "saved_at": "datetime",
        "submitted_date": "date",
        "template_version": "str",
        "language": "str",
        "errors": "int",
        "warnings": "int",
        "infos": "int",
        "scope_year": "int",
        "period_start": "date",
        "period_end": "date",
    },
    "findings": {
        "submission_id": "int",
        "file_name": "str",
        "municipality": "municipality",
        "kind": "kind",
        "severity": "severity",
        "sheet": "str",
        "cell": "str",
        "field": "str",
        "value": "str",
        "rule": "str",
        "message": "str",
    },
}


def frames(cfg: Config, years: Iterable[int] | None = None) -> dict[str, pd.DataFrame]:
    """Every frame of ``DTYPES`` by name, from the ledger in ``cfg.ledger`` (all empty, typed, without one).

    Per-year frames hold one consolidation per year in ``years`` (default: ``ledger_years``), each counted as
    ``toolkit consolidate`` counts it with ``[general] fiscal_year`` set to that year, with a ``year``
    column, so a goal can be followed across years. ``split`` is the configured year's only: ``[split]`` in
    config.ini is that year's. ``versions`` and ``findings`` list every file once; ``current`` is True for a
    version consolidated in one of the years.
    """
    ledger = open_readonly(cfg.ledger_target)
    if ledger is None:
        return _build(cfg, [], [], {})
    with ledger:
        chosen = sorted(set(years)) if years is not None else ledger_years(cfg, ledger.entries())
        gathered = [(y, gather_all(dataclasses.replace(cfg, fiscal_year=y), ledger)) for y in chosen]
        plans = {y: _plans(g, ledger) for y, g in gathered}
        return _build(cfg, gathered, ledger.findings(), plans)


def ledger_years(cfg: Config, entries: list[Entry]) -> list[int]:
    """The configured fiscal year and every year a file in the ledger names (its year, its period's first
    and last year), in order."""
    years = {cfg.fiscal_year}
    for e in entries:
        if e.scope is not None:
            years.update(
                y for y in (e.scope.year, e.scope.start and e.scope.start.year, e.scope.end and e.scope.end.year) if y
            )
    return sorted(years)


def _plans(g: Gathered, ledger: Ledger) -> list[tuple[str, dict]]:
    """(owner, records) of each consolidated action plan, like gather's budgets but with the owner kept apart."""
    plans = sorted(
        ((c.owner, c.current) for c in g.choices.values() if c.kind == "plan" and c.current is not None),
        key=lambda plan: plan[0].casefold(),
    )
    stored = ledger.records([entry.id for _, entry in plans])
    out = []
    for owner, entry in plans:
        rec = codec.loads(stored[entry.id]) if stored.get(entry.id) else {}
        out.append((owner or str(rec.get("form", {}).get("owner") or ""), rec))
    return out


def _build(
    cfg: Config, gathered: list[tuple[int, Gathered]], findings: list[tuple], plans: dict[int, list[tuple[str, dict]]]
) -> dict[str, pd.DataFrame]:
    rows: dict[str, list[dict]] = {name: [] for name in DTYPES}
    current: set[int] = set()
    for year, g in gathered:
        current |= g.current_ids
        data = g.data
        for r in data.goal_results:
            choice = g.choice(r.municipality or "")
            entry = choice.current if choice is not None else None
            scope = entry.scope if entry is not None else None
            rows["goals"].append(
                _goal(r)
                | {
                    "year": year,
                    "municipality": r.municipality,
                    "period_start": scope and scope.start,
                    "period_end": scope and scope.end,
                    "file_name": entry and entry.file_name,
                }
            )
        rows["region_goals"] += [_goal(r) | {"year": year} for r in data.goals]
        rows["report"] += [
            {"year": year, "municipality": name, **dataclasses.asdict(r)}
            for name, items in data.report_rows.items()
            for r in items
        ]
        rows["submissions"] += [{"year": year, **dataclasses.asdict(s)} for s in data.submissions]
        if year == cfg.fiscal_year:
            rows["split"] += [
                {"year": year, "municipality": s.key, "weight": s.weight, "amount": s.amount} for s in data.split
            ]
        for owner, rec in plans.get(year, []):
            rows["budgets"] += [
                {"year": year, "owner": owner, **dataclasses.asdict(b), "remaining": b.remaining}
                for b in budget_lines(rec.get("measures", []), rec.get("focus_areas", []))
            ]
            rows["jobs"] += [
                {
                    "year": year,
                    "owner": owner,
                    "area_no": j.area_no,
                    "jobs_year": j.year,
                    "target": j.target,
                    "achieved": j.achieved,
                }
                for j in rec.get("jobs", [])
            ]
            period = jobs_period(rec.get("form", {}))
            if period is not None:
                rows["job_periods"].append({"year": year, "owner": owner, **dataclasses.asdict(period)})
    entries = gathered[0][1].entries if gathered else []
    rows["versions"] = _versions(entries, current)
    by_id = {e.id: e for e in entries}
    for f in findings:
        e = by_id.get(f[0])
        rows["findings"].append(
            {
                "submission_id": f[0],
                "file_name": e and e.file_name,
                "municipality": _owner(e),
                "kind": e and e.kind,
                **dict(zip(list(DTYPES["findings"])[4:], f[1:])),
            }
        )
    names = list(cfg.municipalities)
    seen = {str(r["municipality"]) for rs in rows.values() for r in rs if r.get("municipality")}
    municipalities = names + sorted(seen - set(names), key=str.casefold)
    return {name: _frame(rows[name], DTYPES[name], municipalities) for name in DTYPES}


def _goal(r) -> dict:
    return {
        "goal_no": r.goal_no,
        "title": r.title,
        "category": r.category and r.category.value,
        "measure_type": r.measure_type and r.measure_type.value,
        "unit": r.unit,
        "target": r.target,
        "actual": r.actual,
        "fulfilment": r.fulfilment,
        "status": r.status,
        "evidence": r.evidence,
    }


def _owner(e: Entry | None) -> str | None:
    return None if e is None else (e.municipality or e.name_hint)


def _versions(entries: list[Entry], current: set[int]) -> list[dict]:
    """Every file once, numbered per municipality and kind in the consolidation's order (as `toolkit history`)."""
    out = []
    numbers: dict[tuple[str, str | None], int] = {}
    for e in sorted(entries, key=lambda e: e.order_key):
        key = ((_owner(e) or "").casefold(), e.kind)
        numbers[key] = numbers.get(key, 0) + 1
        scope = e.scope
        out.append(
            {
                "id": e.id,
                "municipality": _owner(e),
                "kind": e.kind,
                "version": numbers[key],
                "state": e.state,
                "current": e.id in current,
                "file_name": e.file_name,
                "sha256": e.sha256,
                "received_at": _local(e.received_at),
                "saved_at": _local(e.saved_at),
                "submitted_date": e.submitted_date,
                "template_version": e.template_version,
                "language": e.language,
                "errors": e.errors,
                "warnings": e.warnings,
                "infos": e.infos,
                "scope_year": scope and scope.year,
                "period_start": scope and scope.start,
                "period_end": scope and scope.end,
            }
        )
    return sorted(out, key=lambda r: r["id"])


def _local(value: dt.datetime | None) -> dt.datetime | None:
    return None if value is None else value.astimezone().replace(tzinfo=None)


def _frame(rows: list[dict], columns: dict[str, str], municipalities: list[str]) -> pd.DataFrame:
    return pd.DataFrame(
        {name: _column([r.get(name) for r in rows], tag, municipalities) for name, tag in columns.items()}
    )


def _column(values: list, tag: str, municipalities: list[str]) -> pd.Series:
    """``values`` as a Series of the dtype ``tag`` names; None is the missing value of each dtype."""
    if tag == "decimal":
        return pd.Series(values, dtype=object)
    if tag in ("date", "datetime"):
        return pd.Series(pd.to_datetime(pd.Series(values, dtype=object)), dtype="datetime64[ns]")
    if tag == "int":
        return pd.Series([None if v is None else int(v) for v in values], dtype="Int64")
    if tag == "bool":
        return pd.Series(values, dtype=bool)
    if tag == "str":
        return pd.Series([None if v is None else str(v) for v in values], dtype="string")
    categories = {
        "municipality": municipalities,
        "status": [s.value for s in Status],
        "state": list(STATES),
        "kind": list(KINDS),
        "severity": list(SEVERITIES),
    }[tag]
    codes = [v.value if isinstance(v, Status) else v for v in values]
    extra = sorted({str(v) for v in codes if v is not None} - set(categories))  # never a value turned into NaN
    return pd.Series(pd.Categorical(codes, categories=[*categories, *extra]))


__all__ = ["DTYPES", "frames", "ledger_years"]
