"""xlwings' remote protocol, answered by the project: the payload RunServerPython posts in, the actions it runs out.

``RemoteBook(payload)`` stands in for an xlwings Book in ``toolkit.buttons.handlers``:
it offers the part of xlwings' Book/Sheet/Range API the buttons use
(``toolkit.buttons.book`` reads, ``toolkit.buttons.actions`` writes), answers the
reads from the payload and records every write as one action of xlwings' VBA
client, ``Remote.bas``; ``response()`` is the JSON the client runs. Only actions
``Remote.bas`` implements are emitted (``ACTIONS``; a test parses Remote.bas).
xlwings itself is not imported: its remote engine (``xlwings.pro``) is under
another licence, and a click on the service needs none of it.

The payload (RunServerPython in Remote.bas, through VBA-Web's JSON converter):
``{"client": "VBA", "version", "book": {"name", "active_sheet_index", "selection"},
"names": [...], "sheets": [{"name", "pictures", "tables": [{"name", "range_address",
"header_row_range_address", "data_body_range_address", ...}], "values": [[...]]}]}``,
values from A1 to the end of the used range, empty cells as null, dates as
``yyyy-mm-ddTHH:MM:SS.000Z`` (WebHelpers.ConvertToIso), error values as ``#N/A`` etc.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal
from enum import Enum
from pathlib import PurePosixPath, PureWindowsPath

from toolkit.adapters.excel.cells import a1, parse_range
from toolkit.errors import ToolkitError

# The Subs of Remote.bas this module emits: Application.Run action("func"), wb, action.
ACTIONS = frozenset(
    {
        "setValues",
        "setNumberFormat",
        "setRangeColor",
        "addHyperlink",
        "setAutofit",
        "addSheet",
        "sheetClear",
        "activateSheet",
        "alert",
    }
)
_CLIENT_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.000Z$")
_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")
_BUTTONS = ("ok", "ok_cancel", "yes_no", "yes_no_cancel")


class PayloadError(ToolkitError):
    """The posted JSON is not what RunServerPython sends."""

    def __init__(self, detail: str):
        super().__init__("service.payload.invalid", detail=detail)


def _need(ok: bool, detail: str) -> None:
    if not ok:
        raise PayloadError(detail)


def read_value(v):
    """A payload cell as Python: the client's dates as datetime, the rest as sent (null stays None)."""
    if isinstance(v, str):
        m = _CLIENT_DATE.match(v)
        if m:
            try:
                return dt.datetime(*map(int, m.groups()))
            except ValueError:  # 2019-02-30T... is text, not a date the client sent
                return v
    return v


def write_value(v):
    """A Python value as setValues carries it so that Excel stores exactly that value.

    Text gets Excel's text prefix (an apostrophe): Remote.bas tries every value as
    an ISO date first (WebHelpers.ParseIso takes "1-3-2023" for a date) and Excel
    turns text such as "1.800", "5" or "=A1" into numbers and formulas; with the
    prefix the cell holds the text itself. Dates go as ISO text without a zone,
    which ParseIso reads as the same local date and time.
    """
    if isinstance(v, Enum):
        v = v.value
    if v is None or isinstance(v, bool):
        return v
    if isinstance(v, Decimal):
        v = int(v) if v == v.to_integral_value() and abs(v) < 2**53 else float(v)
    if isinstance(v, int):
        return v
    if isinstance(v, float):
        if not math.isfinite(v):
            raise ValueError(f"not a number Excel can hold: {v!r}")
        return v
    if isinstance(v, dt.datetime):
        return v.strftime("%Y-%m-%dT%H:%M:%S")
    if isinstance(v, dt.date):
        return v.strftime("%Y-%m-%dT00:00:00")
    if isinstance(v, str):
        return "'" + v if v else v
    raise TypeError(f"no Excel value for {type(v).__name__}")


class _App:
    class engine:
        name = "remote"

    def __init__(self, book: RemoteBook):
        self._book = book

    def alert(self, prompt, title=None, buttons="ok", mode=None, callback=None) -> None:
        """A message box (Remote.bas alert: prompt, title, buttons, mode, callback)."""
        if buttons not in _BUTTONS:
            raise ValueError(f"buttons must be one of {_BUTTONS}")
        self._book._emit(
            "alert", args=["" if prompt is None else str(prompt), title or "", buttons, mode or "", callback or ""]
        )


class _Axis:
    def __init__(self, rng: Range, which: str):
        self._rng, self._which = rng, which

    def autofit(self) -> None:
        self._rng._emit("setAutofit", args=[self._which])


class Range:
    """A block of one sheet, 1-based (row, column) to (last row, last column), as xlwings' Range."""

    def __init__(self, sheet: Sheet, first: tuple[int, int], last: tuple[int, int]):
        (r1, c1), (r2, c2) = first, last
        if r1 < 1 or c1 < 1 or r2 < r1 or c2 < c1:
            raise ValueError(f"not a range: {first}..{last}")
        self.sheet, self.row, self.column = sheet, r1, c1
        self.shape = (r2 - r1 + 1, c2 - c1 + 1)
        self._ndim = 2

    @property
    def last_cell(self) -> Range:
        r, c = self.row + self.shape[0] - 1, self.column + self.shape[1] - 1
        return Range(self.sheet, (r, c), (r, c))

    @property
    def address(self) -> str:
        """$A$1:$B$2 (read-only)."""
        last = self.last_cell
        return a1(self.row - 1, self.column - 1, True) + ":" + a1(last.row - 1, last.column - 1, True)

    def options(self, ndim: int = 2, **_ignored) -> Range:
        """ndim 1 gives a row as a flat list; errors arrive as text (#N/A) anyway."""
        out = Range(self.sheet, (self.row, self.column), (self.last_cell.row, self.last_cell.column))
        out._ndim = ndim
        return out

    @property
    def value(self):
        """The cells as the client sent them (read); setting it writes the block (setValues)."""
        grid = [
            [self.sheet._cell(r, c) for c in range(self.column, self.column + self.shape[1])]
            for r in range(self.row, self.row + self.shape[0])
        ]
        return [v for row in grid for v in row] if self._ndim == 1 else grid

    @value.setter
    def value(self, block) -> None:
        if not isinstance(block, (list, tuple)):
            block = [[block] * self.shape[1] for _ in range(self.shape[0])]
        elif block and not isinstance(block[0], (list, tuple)):
            block = [block]
        rows = [[write_value(v) for v in row] for row in block]
        if not rows or not rows[0] or any(len(r) != len(rows[0]) for r in rows):
            raise ValueError("setValues needs a non-empty rectangular block")
        target = Range(self.sheet, (self.row, self.column), (self.row + len(rows) - 1, self.column + len(rows[0]) - 1))
        target._emit("setValues", values=rows)
        for i, row in enumerate(rows):
            for j, v in enumerate(row):
                self.sheet._put(
                    self.row + i, self.column + j, v[1:] if isinstance(v, str) and v[:1] == "'" else read_value(v)
                )

    @property
    def formula(self):
        raise NotImplementedError("the remote client does not send formulas")

    @property
    def number_format(self):
        raise NotImplementedError("the remote client does not send number formats")

    @number_format.setter
    def number_format(self, fmt: str) -> None:
        self._emit("setNumberFormat", args=[str(fmt)])

    @property
    def color(self):
        raise NotImplementedError("the remote client does not send colours")

    @color.setter
    def color(self, colour) -> None:
        if isinstance(colour, (tuple, list)):
            colour = "#" + "".join(f"{int(c):02X}" for c in colour)
        if not isinstance(colour, str) or not _HEX.match(colour):
            raise ValueError(f"a colour is #RRGGBB or (r, g, b): {colour!r}")
        self._emit("setRangeColor", args=[colour.upper()])

    def add_hyperlink(self, address: str, text_to_display: str | None = None, screen_tip: str | None = None) -> None:
        self._emit(
            "addHyperlink", args=[address, address if text_to_display is None else text_to_display, screen_tip or ""]
        )

    @property
    def columns(self) -> _Axis:
        return _Axis(self, "columns")

    @property
    def rows(self) -> _Axis:
        return _Axis(self, "rows")

    def _emit(self, func: str, **kw) -> None:
        self.sheet.book._emit(
            func,
            sheet_position=self.sheet.index - 1,
            start_row=self.row - 1,
            start_column=self.column - 1,
            row_count=self.shape[0],
            column_count=self.shape[1],
            **kw,
        )


class Table:
    """A table of the payload: its header row and data body as ranges (None when Excel has none)."""

    def __init__(self, sheet: Sheet, spec: dict):
        _need(isinstance(spec, dict) and isinstance(spec.get("name"), str), "a table without a name")
        self.name = spec["name"]
        self.header_row_range = self._range(sheet, spec.get("header_row_range_address"))
        self.data_body_range = self._range(sheet, spec.get("data_body_range_address"))

    @staticmethod
    def _range(sheet: Sheet, address) -> Range | None:
        if address is None:
            return None
        try:
            (r1, c1), (r2, c2) = parse_range(str(address).replace("$", ""))
        except ValueError:
            raise PayloadError(f"table address {address!r}") from None
        return Range(sheet, (r1 + 1, c1 + 1), (r2 + 1, c2 + 1))


class Sheet:
    """A worksheet of the payload: its values from A1 and its tables, as xlwings' Sheet."""

    def __init__(self, book: RemoteBook, name: str, values: list[list], tables: list[dict]):
        self.book, self.name = book, name
        self._values = [list(row) for row in values] if values != [[]] else []
        self.tables = [Table(self, t) for t in tables]

    @property
    def index(self) -> int:
        """1-based position among the worksheets (read-only)."""
        return self.book.sheets._list.index(self) + 1

    def _cell(self, r: int, c: int):
        row = self._values[r - 1] if r <= len(self._values) else ()
        return read_value(row[c - 1]) if c <= len(row) else None

    def _put(self, r: int, c: int, v) -> None:
        while len(self._values) < r:
            self._values.append([])
        row = self._values[r - 1]
        row.extend([None] * (c - len(row)))
        row[c - 1] = v

    @property
    def used_range(self) -> Range:
        rows = len(self._values)
        cols = max((len(r) for r in self._values), default=0)
        return Range(self, (1, 1), (max(rows, 1), max(cols, 1)))

    def range(self, first, last=None) -> Range:
        """sheet.range("B5"), sheet.range("A1:C3") or sheet.range((row, col), (row, col)), 1-based."""
        if isinstance(first, str):
            (r1, c1), (r2, c2) = parse_range(first.replace("$", ""))
            return Range(self, (r1 + 1, c1 + 1), (r2 + 1, c2 + 1))
        return Range(self, tuple(first), tuple(last if last is not None else first))

    def clear(self) -> None:
        self.book._emit("sheetClear", sheet_position=self.index - 1)
        self._values = []

    def activate(self) -> None:
        self.book._emit("activateSheet", args=[self.index - 1])
        self.book._active = self.index - 1


class Sheets:
    """The book's worksheets in order; by position (0-based) or by name."""

    def __init__(self, book: RemoteBook):
        self._book = book
        self._list: list[Sheet] = []

    def __iter__(self):
        return iter(list(self._list))

    def __len__(self) -> int:
        return len(self._list)

    def __getitem__(self, key) -> Sheet:
        if isinstance(key, int):
            return self._list[key]
        for s in self._list:
            if s.name == key:
                return s
        raise KeyError(key)

    def add(self, name: str, after: Sheet | None = None) -> Sheet:
        """A new empty sheet ``name`` right after ``after`` (else at the end); it becomes the active sheet."""
        if any(s.name.lower() == name.lower() for s in self._list):
            raise ValueError(f"a sheet named {name!r} exists")
        anchor = (after.index - 1) if after is not None else len(self._list) - 1
        # Remote.bas' addSheet: wb.Sheets.Add puts the sheet before the active one, and only then
        # moves it after Worksheets(args(1) + 1) -- counted with the new sheet already in place.
        active = self._book._active
        self._book._emit("addSheet", args=[anchor if anchor < active else anchor + 1, name])
        sheet = Sheet(self._book, name, [[]], [])
        self._list.insert(anchor + 1, sheet)
        self._book._active = anchor + 1
        return sheet


class RemoteBook:
    """The workbook RunServerPython described, in place of an xlwings Book; ``response()`` is the answer.

    ``fullname`` is what desktop Excel's FullName would be (tests pass the file's path); the
    client sends only the book's name, so by default it is that name without any folder.
    """

    def __init__(self, payload: dict, *, fullname: str | None = None):
        _need(isinstance(payload, dict), "not a JSON object")
        book, sheets = payload.get("book"), payload.get("sheets")
        # Raised here rather than by _need so the type checker sees book and sheets narrowed.
        if not (isinstance(book, dict) and isinstance(book.get("name"), str) and book["name"]):
            raise PayloadError("book.name")
        if not (isinstance(sheets, list) and sheets):
            raise PayloadError("sheets")
        self.name = book["name"]
        # A name never carries a folder in Excel; one that does must not lead to a file on the server.
        self.fullname = fullname if fullname is not None else PureWindowsPath(PurePosixPath(self.name).name).name
        self.app = _App(self)
        self._actions: list[dict] = []
        self.sheets = Sheets(self)
        for s in sheets:
            _need(isinstance(s, dict) and isinstance(s.get("name"), str) and s["name"], "a sheet without a name")
            values, tables = s.get("values", [[]]), s.get("tables") or []
            _need(isinstance(values, list) and all(isinstance(r, list) for r in values), f"values of {s['name']}")
            _need(
                all(v is None or isinstance(v, (str, int, float, bool)) for r in values for v in r),
                f"a value of {s['name']}",
            )
            _need(isinstance(tables, list), f"tables of {s['name']}")
            _need(all(x.name.lower() != s["name"].lower() for x in self.sheets._list), f"sheet {s['name']} twice")
            self.sheets._list.append(Sheet(self, s["name"], values, tables))
        active = book.get("active_sheet_index", 0)
        _need(isinstance(active, int) and 0 <= active < len(sheets), "book.active_sheet_index")
        self._active = active

    def _emit(
        self,
        func: str,
        *,
        args=None,
        values=None,
        sheet_position=None,
        start_row=None,
        start_column=None,
        row_count=None,
        column_count=None,
    ) -> None:
        if func not in ACTIONS:  # a new kind of write must first be checked against Remote.bas
            raise ValueError(f"{func} is not an action this module may emit")
        self._actions.append(
            {
                "func": func,
                "args": list(args or []),
                "values": values,
                "sheet_position": sheet_position,
                "start_row": start_row,
                "start_column": start_column,
                "row_count": row_count,
                "column_count": column_count,
            }
        )

    def response(self) -> dict:
        """The answer RunServerPython runs: {"actions": [...]}, in the order the writes were made."""
        return {"actions": [dict(a) for a in self._actions]}

    @property
    def active(self) -> Sheet:
        """The sheet the client will show after the actions (read-only)."""
        return self.sheets[self._active]
