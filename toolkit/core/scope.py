"""Where a file says it belongs (region, year or period, currency): plain data, stored in the ledger as JSON."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass


@dataclass(frozen=True)
class Facts:
    """What a file says about where it belongs (None: it does not say); read-only."""

    region: str | None = None
    year: int | None = None  # typed in the form, else from the metadata when there is no period
    start: dt.date | None = None
    end: dt.date | None = None
    currency: str | None = None
    currency_at: str = ""  # "Sheet!C7" when the currency was typed in a cell, "" for the metadata

    def dumps(self) -> str:
        return json.dumps(
            {
                "region": self.region,
                "year": self.year,
                "start": _iso(self.start),
                "end": _iso(self.end),
                "currency": self.currency,
                "currency_at": self.currency_at,
            },
            sort_keys=True,
            ensure_ascii=False,
        )

    @classmethod
    def loads(cls, text: str | None) -> Facts | None:
        if not text:
            return None
        d = json.loads(text)
        return cls(
            d.get("region"),
            d.get("year"),
            _date(d.get("start")),
            _date(d.get("end")),
            d.get("currency"),
            d.get("currency_at") or "",
        )

    def overlaps(self, other: Facts) -> bool:
        """True when both periods are known and share a day, or either is unknown (then the consolidation's
        year stands for it)."""
        if self.start is None or self.end is None or other.start is None or other.end is None:
            return True
        return self.start <= other.end and other.start <= self.end


def _iso(d: dt.date | None) -> str | None:
    return None if d is None else d.isoformat()


def _date(text: str | None) -> dt.date | None:
    return None if not text else dt.date.fromisoformat(text)
