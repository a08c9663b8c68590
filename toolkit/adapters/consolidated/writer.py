"""Write the consolidated workbook with XlsxWriter: values only, Excel tables, atomic and reproducible."""

from __future__ import annotations

import datetime as dt
import io
import math
from dataclasses import dataclass
from decimal import Decimal

import xlsxwriter

from toolkit.adapters.consolidated.labels import label
from toolkit.adapters.excel.styles import DATE_FORMATS, NAVY
from toolkit.core.model import Status

# Excel's own good / neutral / bad colours, used as traffic lights.
GREEN, YELLOW, RED, GREY = (
    ("#C6EFCE", "#006100"),
    ("#FFEB9C", "#9C5700"),
    ("#FFC7CE", "#9C0006"),
    ("#EDEDED", "#404040"),
)
STATUS_COLOURS = {
    Status.ACHIEVED: GREEN,
    Status.EXPECTED: YELLOW,
    Status.PARTLY: YELLOW,
    Status.NOT_ACHIEVED: RED,
    Status.NOT_REPORTED: GREY,
}
STATE_COLOURS = {"valid": GREEN, "invalid": RED, "unreadable": RED, "missing": GREY}
_MAX_TEXT = 32767
_MAX_ROW_TEXT = _MAX_TEXT // 2  # surely within Excel's 32,767 UTF-16 units; longer text goes cell by cell


class _Blank:
    def __repr__(self) -> str:
        return "BLANK"


BLANK = _Blank()  # a table cell with a format and no value (None is no cell at all)
# Excel's largest number; a float above it (up to 1.8e308) would be written rounded to 16 digits and read as infinity.
EXCEL_LARGEST = 9.99999999999999e307


def excel_number(number: float) -> bool:
    """Whether Excel can hold ``number`` as a number: finite and within Excel's range."""
    return math.isfinite(number) and abs(number) <= EXCEL_LARGEST


def plain(value) -> bool:
    """Whether a table row can write ``value`` with ``write_row``: text, a finite float or int (not a bool)."""
    t = type(value)
    if t is str:
        return len(value) <= _MAX_ROW_TEXT
    if t is float:
        return excel_number(value)
    return t is int


_EPOCH = dt.datetime(1899, 12, 30)  # day 0 of Excel's 1900 date system, for dates after February 1900
_FIRST_DAY = dt.datetime(1900, 3, 1)


def excel_date(value: dt.date) -> float | dt.date:
    """A date or (naive or aware) time as Excel's serial number; dates before March 1900 stay as they are."""
    if isinstance(value, dt.datetime):
        moment = value.replace(tzinfo=None)
    else:
        moment = dt.datetime(value.year, value.month, value.day)
    if moment < _FIRST_DAY:
        return value
    delta = moment - _EPOCH
    return delta.days + (delta.seconds + delta.microseconds / 1e6) / 86400


def _kinds(lang: str) -> dict[str, dict]:
    """How values of each kind are shown, on their own and on a traffic-light fill."""
    return {
        "text": {},
        "int": {"num_format": "0"},
        "amount": {"num_format": "#,##0"},
        "number": {"num_format": "#,##0.##;-#,##0.##;0"},
        "percent": {"num_format": "0%" if lang == "en" else "0 %"},
        # Shares of a split: one decimal, two when some share is below 1 % (Samsø's 0.28 % is not 0 %).
        "share1": {"num_format": _percent(lang, 1)},
        "share2": {"num_format": _percent(lang, 2)},
        "date": {"num_format": DATE_FORMATS[lang], "align": "left"},
        "datetime": {"num_format": DATE_FORMATS[lang] + " hh:mm", "align": "left"},
    }


@dataclass(frozen=True)
class Col:
    """A column of a long table: its header, how values are shown ("text", "int", "amount", "number",
    "percent", "date", "datetime") and its width."""

    header: str
    kind: str = "text"
    width: float = 14
    fit: float = 0  # when set, widen to the longest value up to this width, so text neither runs on nor is cut


class Sheets:
    """The workbook being written, its formats, and helpers that write values (never formulas)."""

    def __init__(self, fh, lang: str, created: dt.datetime, title: str, author: str):
        # Text from submissions must stay text: no formulas, no links, no numbers guessed from text.
        self.wb = xlsxwriter.Workbook(
            fh, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
        )
        self.wb.set_properties(
            {"title": title, "author": author or "toolkit", "created": created, "comments": "toolkit consolidate"}
        )
        self.lang = lang
        base = {"font_name": "Calibri", "font_size": 11, "valign": "top"}
        add = self.wb.add_format
        self.f = {
            "title": add({**base, "bold": True, "font_size": 16, "font_color": NAVY}),
            "heading": add({**base, "bold": True, "font_size": 12, "font_color": NAVY}),
            "hint": add({**base, "italic": True, "font_color": "#595959"}),
            "label": add({**base, "bold": True}),
            "header": add(
                {
                    **base,
                    "bold": True,
                    "font_color": "#FFFFFF",
                    "bg_color": NAVY,
                    "text_wrap": True,
                    "valign": "vcenter",
                }
            ),
            **{kind: add({**base, **props}) for kind, props in _kinds(lang).items()},
        }
        self.fills = {
            colours: add({**base, "bg_color": colours[0], "font_color": colours[1]})
            for colours in (GREEN, YELLOW, RED, GREY)
        }
        self._base = base
        self._styled: dict[tuple, object] = {}
        self._widths: dict[str, dict[int, float]] = {}

    def sheet(self, key: str):
        ws = self.wb.add_worksheet(label(f"sheet.{key}", self.lang)[:31])
        ws.set_landscape()
        ws.set_paper(9)
        ws.fit_to_pages(1, 0)
        return ws

    def value(self, ws, row: int, col: int, value, kind: str = "text", fmt=None) -> None:
        """Write one value as a value: text always with write_string, so "=SUM(A1)" stays text."""
        fmt = fmt or self.f.get(kind, self.f["text"])
        value = value if type(value) is str else self.cell(value)
        if type(value) is str and value:  # the common case first
            ws.write_string(row, col, value[:_MAX_TEXT], fmt)
        elif value is None or value == "":
            ws.write_blank(row, col, None, fmt)
        elif type(value) is float:
            ws.write_number(row, col, value, fmt)
        elif isinstance(value, dt.datetime):  # dates before March 1900, which cell() leaves as they are
            ws.write_datetime(row, col, value.replace(tzinfo=None), fmt)
        elif isinstance(value, dt.date):
            ws.write_datetime(row, col, dt.datetime.combine(value, dt.time()), fmt)
        else:
            ws.write_string(row, col, str(value)[:_MAX_TEXT], fmt)

    def cell(self, value):
        """``value`` as a table row writes it: numbers as float, dates as Excel's serial numbers, yes/no as text."""
        if isinstance(value, bool):
            return label("yes" if value else "no", self.lang)
        if isinstance(value, (int, float, Decimal)):
            try:
                number = float(value)
            except OverflowError:  # an int beyond any float
                return str(value)
            return number if excel_number(number) else str(value)  # Excel has no NaN, infinity or 1e308
        if isinstance(value, (dt.date, dt.datetime)):
            return excel_date(value)
        return value

    def styled(self, kind: str, colours: tuple | None):
        """The format for values of ``kind`` on a traffic-light fill (created once)."""
        if colours is None:
            return self.f.get(kind, self.f["text"])
        key = (kind, colours)
        if key not in self._styled:
            props = {**self._base, **_kinds(self.lang).get(kind, {}), "bg_color": colours[0], "font_color": colours[1]}
            self._styled[key] = self.wb.add_format(props)
        return self._styled[key]

    def width(self, ws, col: int, width: float) -> None:
        """Widen a column to at least ``width`` (several tables on one sheet share its columns)."""
        widths = self._widths.setdefault(ws.name, {})
        if width > widths.get(col, 0):
            widths[col] = width
            ws.set_column(col, col, width)

    def table(
        self,
        ws,
        row: int,
        name: str,
        cols: list[Col],
        rows: list[list],
        *,
        fills: dict | None = None,
        kinds: dict | None = None,
        total: dict[int, object] | None = None,
    ) -> int:
        """An Excel table with a filter at ``row``; returns the first free row below it.

        ``fills`` maps (row index, column index) to a traffic-light colour pair,
        ``kinds`` to a value kind other than the column's (e.g. "percent" for a
        share goal's target). ``total`` adds a totals row: column index -> value.
        """
        data = rows or [[None] * len(cols)]
        last = row + len(data) + (1 if total else 0)
        ws.add_table(
            row,
            0,
            last,
            len(cols) - 1,
            {
                "name": name,
                "style": "Table Style Light 9",
                "autofilter": True,
                "total_row": bool(total),
                "columns": [{"header": c.header, "header_format": self.f["header"]} for c in cols],
            },
        )
        for c, col in enumerate(cols):
            self.width(ws, c, _width(col, data, c))
        widths = self._widths[ws.name]  # the columns as wide as any table on the sheet made them
        if any(_lines(col.header, widths[c]) > 1 for c, col in enumerate(cols)):
            ws.set_row(row, 30)  # two lines: a wrapped header in a row of one line's height is cut off
        kinds_of = [col.kind for col in cols]
        special: dict[int, dict[int, tuple]] = {}  # row -> column -> (kind, colours), from fills and kinds
        for (r, c), kind in (kinds or {}).items():
            special.setdefault(r, {})[c] = (kind, None)
        for (r, c), colours in (fills or {}).items():
            special.setdefault(r, {})[c] = ((kinds or {}).get((r, c), kinds_of[c]), colours)
        plain_formats = [self.styled(kind, None) for kind in kinds_of]
        width = len(cols)
        for r, values in enumerate(data):
            at = row + 1 + r
            values = [v if type(v) is str or v is None else self.cell(v) for v in values[:width]]
            if len(values) < width:
                values += [None] * (width - len(values))
            formats = plain_formats
            if r in special:
                formats = list(plain_formats)
                for c, (kind, colours) in special[r].items():
                    formats[c] = self.styled(kind, colours)
                    if values[c] is None or values[c] == "":
                        values[c] = BLANK  # a coloured or specially formatted cell is written even when blank
            self._row(ws, at, values, formats, kinds_of)
        if total:
            for c, value in total.items():
                self.value(ws, last, c, value, cols[c].kind, self.f["label"] if isinstance(value, str) else None)
        return last + 2

    def _row(self, ws, at: int, values: list, formats: list, kinds: list[str]) -> None:
        """One table row: each run of plain values in one format in one ``write_row``, the rest one by one.

        None and "" are no cell, BLANK a cell with only its format.
        """
        c, n = 0, len(values)
        while c < n:
            v = values[c]
            if v is None or v == "":
                c += 1
                continue
            fmt = formats[c]
            if v is BLANK:
                ws.write_blank(at, c, None, fmt)
                c += 1
                continue
            if not plain(v):  # dates before 1900, long text, and the like
                self.value(ws, at, c, v, kinds[c], fmt)
                c += 1
                continue
            end = c + 1
            while end < n and formats[end] is fmt and (w := values[end]) is not None and w != "" and plain(w):
                end += 1
            ws.write_row(at, c, values[c:end], fmt)
            c = end

    def heading(self, ws, row: int, text: str) -> int:
        ws.write_string(row, 0, text, self.f["heading"])
        return row + 1

    def close(self) -> None:
        self.wb.close()


def _percent(lang: str, decimals: int) -> str:
    return "0." + "0" * decimals + ("%" if lang == "en" else " %")


def _width(col: Col, rows: list[list], c: int) -> float:
    """The column's width: every word of its header fits on a line (headers wrap between words, never
    inside one), and a ``fit`` column is widened to its longest value up to ``fit``."""
    width = max([col.width] + [len(word) * 1.15 + 2 for word in col.header.split()])
    if col.fit:
        longest = max((len(r[c]) for r in rows if c < len(r) and isinstance(r[c], str)), default=0)
        width = max(width, min(col.fit, longest * 1.05 + 1))
    return width


def _lines(header: str, width: float) -> int:
    """Lines a bold header takes when wrapped between words in a column ``width`` characters wide."""
    lines, used = 1, 0.0
    for word in header.split():
        w = len(word) * 1.15
        if used and used + 1 + w > width - 1:
            lines, used = lines + 1, w
        else:
            used += (1 if used else 0) + w
    return lines


def render(write, *args) -> bytes:
    """The workbook's bytes: ``write(fh, *args)`` into memory."""
    buf = io.BytesIO()
    write(buf, *args)
    return buf.getvalue()
