"""Read numbers, percentages and dates the way Danish, Norwegian and English users type them."""
from __future__ import annotations

import datetime as dt
import functools
import re
from decimal import Decimal, InvalidOperation

from toolkit.i18n import month_names

# Text that stands where a number is not known yet: read as missing, never as zero.
PLACEHOLDERS = {"xxx", "xx", "x", "-", "–", "—", "?", "??", "n/a", "na", "tbd", "ukendt", "ukjent", "mangler"}

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']+")
_NUMBER = re.compile(r"^[+-]?\d[\d.,]*$")
_CURRENCY = re.compile(r"(?i)(dkk|nok|kr\.?|kroner|mio\.?|t\.kr\.?)$|^(dkk|nok|kr\.?)")


class NotANumber(ValueError):
    """The text is not a number in any style we accept."""


class NotADate(ValueError):
    """The text is not a date in any style we accept."""


def is_placeholder(value) -> bool:
    return isinstance(value, str) and value.strip().lower() in PLACEHOLDERS


def to_decimal(value) -> Decimal:
    """A cell value (number or text) as Decimal; floats go through their shortest repr."""
    if isinstance(value, bool):
        raise NotANumber(str(value))
    if isinstance(value, Decimal):
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
    """``"1.800"`` -> 1800, ``"1,5"`` -> 1.5, ``"4 000 000"`` -> 4000000, ``"1,800.50"`` -> 1800.5.

    The separator written last is the decimal mark when both appear; a lone
    separator followed by exactly three digits (in groups) is a thousands mark.
    """
    s = _SPACES.sub("", text.strip())
    s = _CURRENCY.sub("", s).strip()
    s = s.replace("\u2212", "-")
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
        if len(parts) > 2 or len(parts[-1]) == 3 and parts[0] not in ("", "0"):
            if not _grouped(s, mark):
                raise NotANumber(text)
            s = s.replace(mark, "")
        else:
            s = s.replace(mark, ".")
    try:
        return Decimal(sign + s)
    except InvalidOperation as exc:  # pragma: no cover - guarded by the regex
        raise NotANumber(text) from exc


def _grouped(whole: str, mark: str) -> bool:
    parts = whole.split(mark)
    return 1 <= len(parts[0]) <= 3 and all(len(p) == 3 for p in parts[1:])


def parse_percent(value) -> Decimal:
    """A share as a fraction: ``"70 %"`` -> 0.7, ``0.7`` -> 0.7, ``"70"`` -> 0.7.

    A bare number above 1 typed as text is read as per cent; a cell value
    (number) is taken as Excel stores percentages, a fraction.
    """
    if isinstance(value, str):
        s = value.strip()
        has_sign = s.endswith("%") or s.lower().endswith("pct.") or s.lower().endswith("pct")
        s = re.sub(r"(?i)\s*(%|pct\.?|procent|prosent)$", "", s)
        number = parse_number(s)
        return number / 100 if has_sign or abs(number) > 1 else number
    return to_decimal(value)


_NUMERIC_DATE = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{2}|\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")
_WORD_DATE = re.compile(r"^(\d{1,2})\.?\s+([a-zæøå]+)\.?\s+(\d{4})$")


@functools.cache   # built on the first date written in words, so importing this module needs no Babel
def _month_lookup() -> dict[str, int]:
    table: dict[str, int] = {}
    for lang in ("da", "nb", "en"):
        for i, name in enumerate(month_names(lang), start=1):
            table[name.lower()] = i
            table[name.lower()[:3]] = i
    table["sept"] = 9
    return table



def parse_date(value) -> dt.date:
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
