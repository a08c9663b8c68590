"""What was read from a workbook, as JSON for the ledger and back: Decimals, dates and enums kept exact."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable
from decimal import Decimal
from enum import Enum
from typing import Any

from toolkit.core import model

# The record types a ledger entry may hold; nothing else is ever built from stored JSON.
_TYPES = {
    c.__name__: c
    for c in (
        model.Goal,
        model.SubTarget,
        model.ReportRow,
        model.Measure,
        model.FocusArea,
        model.JobTarget,
        model.JobsPeriod,
        model.FinancingSource,
        model.Consolidated,
        model.SubmissionStatus,
        model.GoalResult,
        model.SplitLine,
        model.BudgetLine,
    )
}
_ENUMS = {c.__name__: c for c in (model.Status, model.Category, model.MeasureType)}
_FIELDS = {c: frozenset(f.name for f in dataclasses.fields(c)) for c in _TYPES.values()}


_SCALARS = frozenset({str, int, float, bool, type(None)})


def _plain(obj):
    """``obj`` as JSON-ready values with tags (the same as ``_plain_any`` gives, with fewer calls)."""
    t = type(obj)
    if t in _SCALARS:
        return obj
    fast = _BY_TYPE.get(t)
    return fast(obj) if fast is not None else _plain_any(obj)


def _list(items) -> list:
    return [v if type(v) in _SCALARS else _plain(v) for v in items]


def _dict(d: dict) -> dict:
    return {str(k): v if type(v) in _SCALARS else _plain(v) for k, v in d.items()}


def _record(names: tuple[str, ...]):
    def plain(obj) -> dict:
        out = {"$t": type(obj).__name__}
        for name in names:
            v = getattr(obj, name)
            out[name] = v if type(v) in _SCALARS else _plain(v)
        return out

    return plain


# Exact types only: a subclass (of dict, of Decimal, of a record) takes the general way.
# A record's fields go in sorted, so the encoder's sort of its keys has nothing to do.
# Each encoder takes exactly its key's type, which a dict's value type cannot say: hence Any.
_BY_TYPE: dict[type, Callable[[Any], object]] = {
    list: _list,
    tuple: _list,
    dict: _dict,
    Decimal: lambda d: {"$d": str(d)},
    dt.datetime: lambda d: {"$dt": d.isoformat()},
    dt.date: lambda d: {"$date": d.isoformat()},
    **{e: (lambda m: {"$e": type(m).__name__, "v": m.value}) for e in _ENUMS.values()},
    **{c: _record(tuple(sorted(f.name for f in dataclasses.fields(c)))) for c in _TYPES.values()},
}


def _plain_any(obj):
    """``obj`` as JSON-ready values with tags; enums first, since ours are also str."""
    t = type(obj)  # exact plain types first: most values are, and none of them is an enum or a record
    if t is str or t is int or t is float or t is bool or obj is None:
        return obj
    if t is list:
        return [_plain_any(v) for v in obj]
    if isinstance(obj, Enum):
        if type(obj).__name__ not in _ENUMS:
            raise TypeError(f"cannot store {type(obj).__name__} in the ledger")
        return {"$e": type(obj).__name__, "v": obj.value}
    if isinstance(obj, (str, int, float)):
        return obj
    if isinstance(obj, Decimal):
        return {"$d": str(obj)}
    if isinstance(obj, dt.datetime):
        return {"$dt": obj.isoformat()}
    if isinstance(obj, dt.date):
        return {"$date": obj.isoformat()}
    if isinstance(obj, dict):
        return {str(k): _plain_any(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_plain_any(v) for v in obj]
    if dataclasses.is_dataclass(obj) and type(obj).__name__ in _TYPES:
        out = {"$t": type(obj).__name__}
        for f in dataclasses.fields(obj):
            out[f.name] = _plain_any(getattr(obj, f.name))
        return out
    raise TypeError(f"cannot store {type(obj).__name__} in the ledger")


def _hook(d: dict):
    if "$d" in d:
        return Decimal(d["$d"])
    if "$date" in d:
        return dt.date.fromisoformat(d["$date"])
    if "$dt" in d:
        return dt.datetime.fromisoformat(d["$dt"])
    if "$e" in d:
        return _ENUMS[d["$e"]](d["v"])
    if "$t" in d:
        cls = _TYPES[d.pop("$t")]
        names = _FIELDS[cls]
        return cls(**{k: v for k, v in d.items() if k in names})
    return d


# json.dumps with these settings, made once (_plain's output holds no cycles to check for).
_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"), check_circular=False)


def dumps(records: dict) -> str:
    """Compact, key-sorted JSON (the same records always give the same text)."""
    return _ENCODER.encode(_plain(records))


def loads(text: str | None) -> dict:
    return json.loads(text, object_hook=_hook) if text else {}
