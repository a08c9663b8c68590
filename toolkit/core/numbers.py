"""Read numbers, percentages and dates the way Danish, Norwegian and English users type them."""

from __future__ import annotations

import datetime as dt
import functools
import re
from decimal import Decimal, InvalidOperation

from toolkit.core.units import UnitError, split_units
from toolkit.i18n import month_names

# Text that stands where a number is not known yet: read as missing, never as zero.
PLACEHOLDERS = {"xxx", "xx", "x", "-", "–", "—", "?", "??", "n/a", "na", "tbd", "ukendt", "ukjent", "mangler"}

_GROUP_SPACE = re.compile(r"[\s\u00a0\u202f\u2009'’]")
_NUMBER = re.compile(r"^[+-]?\d[\d.,]*$")
_COMMA_THREE = re.compile(r"[+-]?\d{1,3},\d{3}")


class NotANumber(ValueError):
    """The text is not a number in any style we accept."""


class UnknownUnit(NotANumber):
    """A number written with a word or mark whose meaning can't be known for sure (``unit``)."""

    def __init__(self, text: str, unit: str):
        super().__init__(text)
        self.unit = unit


class AmbiguousPercent(NotANumber):
    """A bare 1 typed as text in a percent field: 1 % or 100 %."""


class NotADate(ValueError):
    """The text is not a date in any style we accept."""


def is_placeholder(value: object) -> bool:
    return isinstance(value, str) and value.strip().lower() in PLACEHOLDERS


def to_decimal(value: object) -> Decimal:
    """A cell value (number or text) as Decimal; floats go through their shortest repr."""
    if isinstance(value, bool):
        raise NotANumber(str(value))
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise NotANumber(str(value))
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise NotANumber(str(value))
        return Decimal(repr(value)).normalize() if value != int(value) else Decimal(int(value))
    if isinstance(value, str):
        return parse_number(value)
    raise NotANumber(repr(value))


def parse_number(text: str) -> Decimal:
    """``"1.800"`` -> 1800, ``"1,5"`` -> 1.5, ``"4 000 000"`` -> 4000000, ``"2,5 mio."`` -> 2500000.

    Units are read exactly (see read_number); the currency written is dropped here.
    """
    return read_number(text)[0]


def read_number(text: str) -> tuple[Decimal, str | None]:
    """A typed amount and the currency written with it: ``"kr. 4.000.000,-"`` -> (4000000, "kr").

    Thousands (``t.kr.``, ``tkr.``, ``1.000 kr.``, ``500'``, ``500’``), millions
    (``mio.``, ``mill.``, ``MNOK``) and billions (``mia.``, ``mrd.``) multiply
    exactly; ``,-`` after an amount and trailing footnote marks (``*``) are
    dropped; ``kr.``, ``DKK``, ``NOK`` ... before or after give the currency
    ("kr" when only kroner is written). Any other word or mark after it (
    ``48 t``, ``500 k``) raises UnknownUnit, never a guess; ``ca. 50`` is NotANumber.
    """
    s = text.strip().replace("\u2212", "-")
    try:
        number, factor, currency = split_units(s)
    except UnitError as exc:
        raise (NotANumber(text) if exc.unit in ("%", "") else UnknownUnit(text, exc.unit)) from None
    except ValueError:
        raise NotANumber(text) from None
    if factor != 1 and _COMMA_THREE.fullmatch(number):
        # "2,500 mio.": the unit is Danish or Norwegian, where ',' is the decimal mark (2,5 million),
        # but the grouping rule reads ',' before three digits as thousands (2 500 million): refused.
        raise NotANumber(text)
    value = _plain(number, text) * factor
    if factor != 1 and value == value.to_integral_value():
        value = value.to_integral_value()
    return value, currency


def _plain(number: str, text: str) -> Decimal:
    """A bare number: the separator written last is the decimal mark when both appear; a lone
    separator followed by exactly three digits (in groups) is a thousands mark; spaces and
    apostrophes group by three."""
    s = number
    if _GROUP_SPACE.search(s):
        parts = _GROUP_SPACE.split(s)
        if (
            not re.fullmatch(r"[+-]?\d{1,3}", parts[0])
            or not all(re.fullmatch(r"\d{3}(?:[.,]\d+)?", p) for p in parts[1:-1] + parts[-1:])
            or any(re.search(r"[.,]", p) for p in parts[1:-1])
        ):
            raise NotANumber(text)
        s = "".join(parts)
    if not s or not _NUMBER.match(s):
        raise NotANumber(text)
    sign = ""
    if s[0] in "+-":
        sign, s = ("-" if s[0] == "-" else ""), s[1:]
    dots, commas = s.count("."), s.count(",")
    if dots and commas:
        decimal_mark = "." if s.rfind(".") > s.rfind(",") else ","
        thousands = "," if decimal_mark == "." else "."
        whole, _, frac = s.rpartition(decimal_mark)
        if decimal_mark in whole or not _grouped(whole, thousands):
            raise NotANumber(text)
        s = whole.replace(thousands, "") + "." + frac
    elif dots or commas:
        mark = "." if dots else ","
        parts = s.split(mark)
        if len(parts) > 2 or (len(parts[-1]) == 3 and parts[0] not in ("", "0")):
            if not _grouped(s, mark):
                raise NotANumber(text)
            s = s.replace(mark, "")
        else:
            s = s.replace(mark, ".")
    try:
        return Decimal(sign + s)
    except InvalidOperation as exc:  # pragma: no cover - guarded by the regex
        raise NotANumber(text) from exc


def decimal_places(d: Decimal) -> int:
    """How many decimals ``d`` has once trailing zeros are dropped: 1.50 -> 1, 1500 -> 0; 0 when not finite."""
    exponent = d.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _grouped(whole: str, mark: str) -> bool:
    parts = whole.split(mark)
    return 1 <= len(parts[0]) <= 3 and all(len(p) == 3 for p in parts[1:])


_PERCENT_SIGN = re.compile(r"(?i)\s*(%|pct\.?|procent|prosent)$")


def parse_percent(value: object) -> Decimal:
    """A share as a fraction: ``"70 %"`` -> 0.7, ``"70"`` -> 0.7, ``"0,7"`` -> 0.7, ``0.7`` -> 0.7.

    A cell value (number) is taken as Excel stores percentages, a fraction.
    Text with a per cent sign (``%``, ``pct.``, ``procent``) is per cent; a bare
    number typed as text is per cent above 1 and a fraction below 1; a bare
    ``1`` could be 1 % or 100 % and raises AmbiguousPercent.
    """
    if isinstance(value, str):
        s = value.strip()
        has_sign = _PERCENT_SIGN.search(s) is not None
        number = _plain(_PERCENT_SIGN.sub("", s).strip().replace("\u2212", "-"), value)
        if has_sign or abs(number) > 1:
            return number / 100
        if abs(number) == 1:
            raise AmbiguousPercent(value)
        return number
    return to_decimal(value)


def has_percent_sign(text: object) -> bool:
    """True when typed text ends in a per cent sign or word (``70 %``, ``70 pct.``)."""
    return isinstance(text, str) and _PERCENT_SIGN.search(text.strip()) is not None


_NUMERIC_DATE = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{2}|\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")
_WORD_DATE = re.compile(r"^(\d{1,2})\.?\s+([a-zæøå]+)\.?\s+(\d{4})$")


@functools.cache  # built on the first date written in words, so importing this module needs no Babel
def _month_lookup() -> dict[str, int]:
    table: dict[str, int] = {}
    for lang in ("da", "nb", "en"):
        for i, name in enumerate(month_names(lang), start=1):
            table[name.lower()] = i
            table[name.lower()[:3]] = i
    table["sept"] = 9
    return table


def parse_date(value: object) -> dt.date:
    """``"21. marts 2023"``, ``"31.05.2023"``, ``"2023-05-31"``, a date or datetime -> date."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise NotADate(repr(value))
    s = " ".join(value.strip().lower().split())
    try:
        if m := _ISO_DATE.match(s):
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        if m := _NUMERIC_DATE.match(s):
            year = int(m[3]) + (2000 if len(m[3]) == 2 else 0)
            return dt.date(year, int(m[2]), int(m[1]))
        if (m := _WORD_DATE.match(s)) and m[2] in _month_lookup():
            return dt.date(int(m[3]), _month_lookup()[m[2]], int(m[1]))
    except ValueError as exc:  # e.g. 31.02.2023
        raise NotADate(value) from exc
    raise NotADate(value)
