"""The cost split shown in the consolidation: from a split workbook in the ledger, else from the settings."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from toolkit.config import Config
from toolkit.errors import SplitError
from toolkit.model import SplitLine


@dataclass
class SplitSource:
    """The split's lines and where they came from; ``problem`` is a message key when no split could be made."""

    lines: list[SplitLine] = field(default_factory=list)
    total: Decimal | None = None
    key_date: dt.date | None = None
    unit: Decimal = Decimal(1)
    periods: int = 1
    origin: str = ""                   # "workbook", "config" or "default"
    problem: SplitError | None = None

    def per_period(self, line: SplitLine) -> Decimal:
        return line.amount / self.periods


def _default_grant(cfg: Config) -> tuple[Decimal, Decimal, int, dt.date | None, str]:
    """Total, unit, periods and key date: config keys when set, else the Midtjylland 2019 base grant."""
    total = getattr(cfg, "split_total", None)
    if total is not None:
        return (Decimal(total), Decimal(getattr(cfg, "split_unit", 1) or 1), int(getattr(cfg, "split_periods", 1) or 1),
                getattr(cfg, "split_key_date", None), "config")
    from toolkit.data import midtjylland as m
    return Decimal(m.BASE_GRANT_2019), Decimal(1), m.BILLING_PERIODS, m.KEY_DATE, "default"


def cost_split(cfg: Config, split_records: dict) -> SplitSource:
    """The split of the latest valid split workbook, or ``allocate`` over ``cfg.municipalities``.

    Without a split workbook the total is the base grant (36,792 thousand DKK
    billed in whole thousands per month for 12 months, so periods=12), unless
    config.ini gives its own (split_total, split_unit, split_periods,
    split_key_date). Amounts are in the unit the total is in.
    """
    from toolkit.split import allocate

    form = split_records.get("form", {})
    rows = [r for r in split_records.get("split", []) if r.get("municipality")]
    if rows and form.get("total") is not None:
        lines = []
        weights = {r["municipality"]: r["key_value"] or Decimal(0) for r in rows}
        periods = int(form.get("periods") or 1)
        unit = Decimal(form.get("rounding_unit") or 1)
        try:
            computed = allocate(form["total"], weights, unit, periods=periods)
        except SplitError as exc:
            return SplitSource(total=form["total"], key_date=form.get("key_date"), origin="workbook", problem=exc)
        for r in rows:
            amount = r["amount"] if r.get("amount") is not None else computed[r["municipality"]]
            lines.append(SplitLine(r["municipality"], Decimal(weights[r["municipality"]]), Decimal(amount)))
        return SplitSource(lines, Decimal(form["total"]), form.get("key_date"), unit, periods, "workbook")
    total, unit, periods, key_date, origin = _default_grant(cfg)
    try:
        amounts = allocate(total, cfg.municipalities, unit, periods=periods)
    except SplitError as exc:
        return SplitSource(total=total, key_date=key_date, unit=unit, periods=periods, origin=origin, problem=exc)
    lines = [SplitLine(name, Decimal(cfg.municipalities[name]), amounts[name]) for name in cfg.municipalities]
    return SplitSource(lines, total, key_date, unit, periods, origin)
