"""DataFrames as one .xlsx workbook: a sheet per frame, each an Excel table that Power Query lists by name."""

from __future__ import annotations

import io
from decimal import Decimal

import pandas as pd
import xlsxwriter

from toolkit.adapters.export.csvfile import has_time

DATE, DATETIME = "yyyy-mm-dd", "yyyy-mm-dd hh:mm:ss"


def xlsx_bytes(frames: dict[str, pd.DataFrame]) -> bytes:
    """The workbook: sheet and table ``name`` per frame (tables ``tbl_<name>``), header row frozen.

    Text is always written as text (never a formula or a link), numbers as numbers (Excel holds a double:
    15 significant digits), dates as dates with an ISO number format, missing values as empty cells.
    """
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(
        buf, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False}
    )
    formats = {DATE: wb.add_format({"num_format": DATE}), DATETIME: wb.add_format({"num_format": DATETIME})}
    for name, df in frames.items():
        ws = wb.add_worksheet(name[:31])
        for col, column in enumerate(df.columns):
            _column(ws, col, df[column], formats)
            ws.set_column(col, col, min(max(len(str(column)) + 4, 12), 40))
        ws.add_table(
            0,
            0,
            max(len(df), 1),
            max(len(df.columns) - 1, 0),
            {
                "name": f"tbl_{name}",
                "columns": [{"header": str(c)} for c in df.columns],
                "style": "Table Style Light 9",
            },
        )
        ws.freeze_panes(1, 0)
    wb.close()
    return buf.getvalue()


def _column(ws, col: int, series: pd.Series, formats: dict) -> None:
    if pd.api.types.is_datetime64_any_dtype(series):
        fmt = formats[DATETIME if has_time(series) else DATE]
        for row, value in enumerate(series, start=1):
            if not pd.isna(value):
                ws.write_datetime(row, col, value.to_pydatetime(), fmt)
        return
    for row, value in enumerate(series.astype(object), start=1):
        if value is None or (not isinstance(value, (str, Decimal)) and pd.isna(value)):
            continue
        if isinstance(value, bool):
            ws.write_boolean(row, col, value)
        elif isinstance(value, (int, float, Decimal)):
            ws.write_number(row, col, float(value))
        else:
            ws.write_string(row, col, str(value))
