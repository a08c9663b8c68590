"""Exact cost splits: amounts in whole units that add up to the total, by the largest-remainder method."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Generic, TypeVar

from toolkit.errors import SplitError

K = TypeVar("K")
# A split key's parties and their weights (or shares, amounts): a mapping or (key, value) pairs. Values are
# checked at run time (_number), so any object may come in from a cell and be refused with a SplitError.
Weights = Mapping[K, object] | Iterable[tuple[K, object]]


@dataclass(frozen=True)
class SplitExplanation(Generic[K]):
    """How one party's amount came about (the audit trail shown next to a split)."""

    key: K
    weight: Decimal
    share: Fraction  # exact share of the total, weight / sum of weights
    exact: Fraction  # amount before rounding, total x share
    rounded_down: Decimal  # the exact amount rounded towards zero to whole units (x periods)
    units_added: int  # 1 when the remainder rule gave one more unit (x periods), else 0
    amount: Decimal  # final amount


def _number(value: object, error_key: str, **params: object) -> Fraction:
    """An exact number from int, Decimal, Fraction or finite float; anything else is refused."""
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal, Fraction)):
        raise SplitError(error_key, **params, value=value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise SplitError(error_key, **params, value=value)
        return Fraction(Decimal(repr(value)))  # 5.3 means 5.3, not its binary neighbour
    if isinstance(value, Decimal) and not value.is_finite():
        raise SplitError(error_key, **params, value=value)
    return Fraction(value)


def _terminates(value: Fraction) -> bool:
    d = value.denominator
    for p in (2, 5):
        while d % p == 0:
            d //= p
    return d == 1


def _decimal(value: Fraction) -> Decimal:
    """A Fraction as Decimal: exact when it has a finite decimal form, else to 28 digits (e.g. 1/3)."""
    if not _terminates(value):
        return Decimal(value.numerator) / Decimal(value.denominator)
    places = 0
    while (value * 10**places).denominator != 1:
        places += 1
    return Decimal(int(value * 10**places)).scaleb(-places)


def _pairs(weights: Weights[K]) -> list[tuple[K, object]]:
    items = list(weights.items()) if isinstance(weights, Mapping) else list(weights)
    if not items:
        raise SplitError("split.no_weights")
    seen: set[K] = set()
    for key, _ in items:
        if key in seen:
            raise SplitError("split.duplicate_key", key=key)
        seen.add(key)
    return items


def _weight(key: object, value: object) -> Fraction:
    w = _number(value, "split.bad_weight", key=key)
    if w < 0:
        raise SplitError("split.negative_weight", key=key, value=value)
    return w


def _tie_order(key: object) -> tuple[str, str]:
    # Keys of any type sort by their text; the repr breaks ties between e.g. 1 and "1".
    return str(key), repr(key)


def explain(total: object, weights: Weights[K], unit: object = 1, *, periods: int = 1) -> list[SplitExplanation[K]]:
    """Split ``total`` by ``weights`` in whole ``unit``s, with every step shown.

    ``periods`` > 1 means "billed in whole units per period": the total is
    divided into ``periods`` equal period totals, each split in whole units, and
    the amounts multiplied back, so each amount is a multiple of unit x periods.

    Largest remainder: every party first gets its exact amount rounded down to
    whole units; the units left over go one each to the largest remainders.
    Tie rule: equal remainders go to the larger weight, then to the key whose
    text sorts first. The result therefore does not depend on the order in
    which the keys are given. A negative total is split as its absolute value
    and the signs flipped.
    """
    total_f = _number(total, "split.bad_total", total=total)
    if isinstance(periods, bool) or not isinstance(periods, int) or periods < 1:
        raise SplitError("split.bad_periods", periods=periods)
    unit_f = _number(unit, "split.bad_unit", unit=unit)
    if unit_f <= 0 or not _terminates(unit_f):  # amounts must be exact decimals
        raise SplitError("split.bad_unit", unit=unit)
    pairs = _pairs(weights)
    exact_weights = [(key, _weight(key, w)) for key, w in pairs]
    weight_sum = sum((w for _, w in exact_weights), Fraction(0))
    if weight_sum == 0:
        raise SplitError("split.all_zero")
    step = unit_f * periods
    steps = total_f / step
    if steps.denominator != 1:
        raise SplitError("split.total_not_multiple", total=total, unit=unit, periods=periods, step=_decimal(step))
    sign, n = (-1 if steps < 0 else 1), abs(int(steps))
    quotas = {key: n * w / weight_sum for key, w in exact_weights}
    floors = {key: math.floor(q) for key, q in quotas.items()}
    left = n - sum(floors.values())
    ranked = sorted(exact_weights, key=lambda kw: (-(quotas[kw[0]] - floors[kw[0]]), -kw[1], _tie_order(kw[0])))
    added = {key for key, _ in ranked[:left]}
    out: list[SplitExplanation[K]] = []
    for key, w in exact_weights:
        extra = 1 if key in added else 0
        out.append(
            SplitExplanation(
                key=key,
                weight=_decimal(w),
                share=w / weight_sum,
                exact=total_f * w / weight_sum,
                rounded_down=_decimal(sign * floors[key] * step),
                units_added=extra,
                amount=_decimal(sign * (floors[key] + extra) * step),
            )
        )
    return out


def allocate(total: object, weights: Weights[K], unit: object = 1, *, periods: int = 1) -> dict[K, Decimal]:
    """Split ``total`` by ``weights``: amounts in whole ``unit``s that add up exactly to ``total``.

    See ``explain`` for the rule, the tie rule and ``periods``. Keys keep the
    order they were given in. Raises SplitError for every input it cannot use.
    """
    return {e.key: e.amount for e in explain(total, weights, unit, periods=periods)}


def by_shares(total: object, shares: Weights[K], unit: object = 1) -> dict[K, Decimal]:
    """Split by fixed shares (fractions, 0.36 = 36 %) that must add up to exactly 100 %."""
    pairs = _pairs(shares)
    exact = [_weight(key, s) for key, s in pairs]
    if sum(exact) != 1:
        raise SplitError("split.shares_not_100", sum=f"{_decimal(sum(exact, Fraction(0)) * 100).normalize():f}")
    return allocate(total, pairs, unit)


def by_staff_years(fte_by_key: Weights[K], cost_per_fte: object) -> dict[K, Decimal]:
    """Each principal's cost: its full-time equivalents x the cost of one (exact, no rounding)."""
    cost = _number(cost_per_fte, "split.bad_total", total=cost_per_fte)
    return {key: _decimal(_weight(key, fte) * cost) for key, fte in _pairs(fte_by_key)}


def display_shares(amounts: Weights[K], decimals: int = 0) -> dict[K, Decimal]:
    """Shares of the amounts' total, rounded for display so that they still add up to 100 %.

    Returns fractions (0.36 = 36 %) with ``decimals`` decimals in per cent, by
    the same largest-remainder rule as ``allocate``: plain rounding can show
    99 % or 101 %.
    """
    return allocate(1, amounts, Decimal(1).scaleb(-(2 + decimals)))
