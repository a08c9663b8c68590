"""The cost split shown in the consolidation: from a split workbook in the ledger, else from the settings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from toolkit.config import Config
from toolkit.core.model import SplitLine
from toolkit.errors import ConfigError, SplitError


@dataclass
class SplitSource:
    """The split's lines and where they came from; ``problem`` is a message key when no split could be made."""

    lines: list[SplitLine] = field(default_factory=list)
    total: Decimal | None = None
    key_date: dt.date | None = None
    unit: Decimal = Decimal(1)
    periods: int = 1
    origin: str = ""  # "workbook" or "config"
    problem: SplitError | ConfigError | None = None

    def per_period(self, line: SplitLine) -> Decimal:
        return line.amount / self.periods


def _configured(cfg: Config) -> tuple[Decimal, Decimal, int, dt.date | None] | ConfigError:
    """Total, unit, periods and key date from config.ini's [split]; a missing key is an error naming it,
    never a default figure."""
    if cfg.split_total is None:  # apart from the loop so the type checker sees it narrowed
        return ConfigError("config.missing_key", path=str(cfg.path), key="total", section="split")
    for key in ("unit", "periods"):
        if getattr(cfg, f"split_{key}", None) is None:
            return ConfigError("config.missing_key", path=str(cfg.path), key=key, section="split")
    return Decimal(cfg.split_total), Decimal(cfg.split_unit), int(cfg.split_periods), cfg.split_key_date


def cost_split(cfg: Config, split_records: dict) -> SplitSource:
    """The split of the latest valid split workbook, or ``allocate`` over ``cfg.municipalities``.

    Without a split workbook the total, unit, periods and key date are config.ini's
    [split] keys (load_config requires them); when one is missing the split has
    a ``problem`` naming the key. Amounts are in the unit the total is in.
    """
    from toolkit.core.costsplit import allocate

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
    configured = _configured(cfg)
    if isinstance(configured, ConfigError):
        return SplitSource(origin="config", problem=configured)
    total, unit, periods, key_date = configured
    origin = "config"
    try:
        amounts = allocate(total, cfg.municipalities, unit, periods=periods)
    except SplitError as exc:
        return SplitSource(total=total, key_date=key_date, unit=unit, periods=periods, origin=origin, problem=exc)
    lines = [SplitLine(name, Decimal(cfg.municipalities[name]), amounts[name]) for name in cfg.municipalities]
    return SplitSource(lines, total, key_date, unit, periods, origin)
