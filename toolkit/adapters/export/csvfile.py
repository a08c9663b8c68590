"""A DataFrame as a CSV file that Excel and Power Query in Denmark and Norway read right by default.

Excel opens a .csv by double-click with Windows' list separator and decimal symbol, which are ``;`` and ``,``
in Danish and Norwegian regional settings, and Power Query's From Text/CSV reads numbers in the locale of
the report (da-DK, nb-NO: decimal comma); both take UTF-8 only with a BOM. So for da and nb: UTF-8 with BOM,
``;`` between fields, decimal comma, no thousands mark, CRLF; for en: ``,`` and a decimal point. Dates are
ISO (``2019-12-31``, ``2020-02-03 09:00:00``), which every locale reads as a date. Text a spreadsheet would
take for a formula (it starts with ``=``, ``+``, ``-``, ``@``) gets a leading ``'``, as in the reminders CSV.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal

import pandas as pd


@dataclass(frozen=True)
class Dialect:
    """How numbers and fields are separated; read-only."""

    separator: str
    decimal: str


DIALECTS = {"da": Dialect(";", ","), "nb": Dialect(";", ","), "en": Dialect(",", ".")}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(text: str) -> str:
    """``text`` with a leading apostrophe when a spreadsheet would run it as a formula (CSV injection)."""
    return "'" + text if text[:1] in FORMULA_STARTS else text


def csv_bytes(df: pd.DataFrame, dialect: Dialect) -> bytes:
    """``df`` with a header row of its column names, every value written by ``cells``."""
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=dialect.separator, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow([str(c) for c in df.columns])
    columns = [cells(df[c], dialect) for c in df.columns]
    w.writerows(zip(*columns))
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def cells(series: pd.Series, dialect: Dialect) -> list[str]:
    """A column's values as CSV text: missing is empty; numbers without grouping, with the dialect's decimal
    mark (Decimals in full, never rounded through float); dates ISO, with the time only when a value has one."""
    if pd.api.types.is_datetime64_any_dtype(series):
        pattern = "%Y-%m-%d %H:%M:%S" if has_time(series) else "%Y-%m-%d"
        return ["" if pd.isna(v) else v.strftime(pattern) for v in series]
    return [_cell(v, dialect) for v in series.astype(object)]


def has_time(series: pd.Series) -> bool:
    """True when a date column holds a value with a time of day (else it is written as dates only)."""
    values = series.dropna()
    return bool((values != values.dt.normalize()).any())


def _cell(value, dialect: Dialect) -> str:
    if value is None or (not isinstance(value, (str, Decimal)) and pd.isna(value)):
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, Decimal):
        return format(value, "f").replace(".", dialect.decimal)
    if isinstance(value, float):
        return repr(value).replace(".", dialect.decimal)
    if isinstance(value, int):
        return str(value)
    return formula_safe(str(value))
