"""Targets, actuals and amounts written the way each measure type and language reads them."""

from __future__ import annotations

from decimal import Decimal

from toolkit.core.model import GoalResult, MeasureType
from toolkit.core.numbers import decimal_places
from toolkit.i18n import format_number, format_percent, t

DASH = "\u2013"
_PERCENT_TYPES = (MeasureType.SHARE, MeasureType.SERVICE_LEVEL)


def number(value, lang: str) -> str:
    """A number with as many decimals as it has (at most two), or a dash when unknown."""
    if value is None:
        return DASH
    d = Decimal(str(value))
    decimals = 0 if d == d.to_integral_value() else min(decimal_places(d), 2)
    return format_number(d, lang, decimals)


def percent(fraction, lang: str, decimals: int = 0) -> str:
    return DASH if fraction is None else format_percent(fraction, lang, decimals)


def _with_unit(text: str, unit: str) -> str:
    return f"{text} {unit}".strip() if unit and unit.strip() != "%" else text


def goal_value(goal: GoalResult, value, lang: str, *, is_target: bool = False) -> str:
    """``value`` (the goal's target or actual) as the goal's measure type shows it."""
    if value is None:
        return DASH
    kind = goal.measure_type
    if kind == MeasureType.MILESTONE:
        return t("deck.value.done" if value >= 1 else "deck.value.not_done", lang)
    if kind == MeasureType.CHECKLIST:
        if is_target:
            return _with_unit(number(value, lang), goal.unit)
        return t("deck.value.k_of_n", lang, k=number(value, lang), n=number(goal.target, lang))
    if kind in _PERCENT_TYPES or (goal.unit or "").strip() == "%":
        # A share may be stored as a fraction (0.7) or, from a sloppy sheet, as 70.
        fraction = value if abs(value) <= 1 else Decimal(value) / 100
        return percent(fraction, lang)
    return _with_unit(number(value, lang), goal.unit)
