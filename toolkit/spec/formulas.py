"""The live formulas of the templates, stated once, with the Python they must agree with.

Placeholders: ``{key}`` is this row's cell of a field, ``{@key}`` a form field's
defined name, ``{sum:key}`` the whole data range of a table column.
"""

from __future__ import annotations

import re
from collections.abc import Callable

NAMED = {
    # fulfilment = actual / target, capped to 0..1 (toolkit.core.fulfilment.goal_fulfilment)
    "fulfilment": 'IF(OR(NOT(ISNUMBER({actual})),N({target})=0),"",MAX(0,MIN(1,{actual}/{target})))',
    # share of the budget granted (toolkit.core.budget)
    "use_pct": 'IF(N({budget})=0,"",N({granted})/{budget})',
    # what the source has still to pay: amount x (1 - share paid out)
    "to_pay": 'IF(ISNUMBER({amount}),{amount}*(1-N({paid_share})),"")',
    # a municipality's exact share of the key and its amount before rounding (toolkit.core.costsplit.explain)
    "exact_share": 'IF(OR(NOT(ISNUMBER({key_value})),SUM({sum:key_value})=0),"",{key_value}/SUM({sum:key_value}))',
    "unrounded": 'IF({exact_share}="","",{@total}*{exact_share})',
}
# remaining = budget - granted, blank when both are blank
_INLINE = {"{budget}-{granted}": 'IF(AND({budget}="",{granted}=""),"",N({budget})-N({granted}))'}

_PLACEHOLDER = re.compile(r"\{(@|sum:)?([a-z_]+)\}")


def template_of(formula: str) -> str:
    """The formula template a field's ``formula`` attribute names."""
    return NAMED.get(formula) or _INLINE.get(formula) or formula


def inputs(formula: str) -> set[str]:
    """The field keys a field's ``formula`` reads."""
    return {m[2] for m in _PLACEHOLDER.finditer(template_of(formula))}


def render(template: str, cell: Callable[[str], str], name: Callable[[str], str], column: Callable[[str], str]) -> str:
    """Fill a formula template; ``cell(key)``, ``name(key)`` and ``column(key)`` give references."""

    def sub(m: re.Match[str]) -> str:
        kind, key = m[1], m[2]
        if kind == "@":
            return name(key)
        if kind == "sum:":
            return column(key)
        return cell(key)

    return "=" + _PLACEHOLDER.sub(sub, template)


def defined_name(key: str) -> str:
    """The workbook-level name of a form field, e.g. total -> f_total."""
    return f"f_{key}"
