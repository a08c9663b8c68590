"""Test support: xlwings' VBA client (Remote.bas, read from the installed package) as the tests see it.

``REMOTE_BAS`` parses the Subs that RunServerPython dispatches to
(``Application.Run action("func"), wb, action``) and what each one reads of its
action; ``Client.replay`` applies a response's actions to a model of the book
the way those Subs do it in Excel, and fails on any action they cannot run.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from importlib import resources

from toolkit.adapters.excel.cells import a1


def remote_bas() -> str:
    return resources.files("xlwings").joinpath("addin", "Remote.bas").read_bytes().decode("cp1252")


@dataclasses.dataclass(frozen=True)
class VbaAction:
    """One Sub of Remote.bas that takes (wb, action): how many args it reads, whether it addresses a range."""

    name: str
    args: int
    uses_range: bool
    uses_sheet: bool


def vba_actions(text: str | None = None) -> dict[str, VbaAction]:
    text = text or remote_bas()
    out = {}
    for m in re.finditer(r"^Sub (\w+)\(wb As Workbook, action As Dictionary\)\r?\n(.*?)^End Sub", text, re.M | re.S):
        body = m[2]
        args = [int(n) for n in re.findall(r'action\("args"\)\((\d+)\)', body)]
        out[m[1]] = VbaAction(
            m[1], max(args, default=0), "GetRange(wb, action)" in body, 'action("sheet_position")' in body
        )
    return out


def dispatches_by_name(text: str | None = None) -> bool:
    """RunServerPython runs each action of the answer by its name."""
    text = text or remote_bas()
    return bool(
        re.search(
            r'For Each action In myResponse\.Data\("actions"\)\s+Application\.Run action\("func"\), '
            r"wb, action\s+Next",
            text,
        )
    )


VBA = vba_actions()


def parse_iso(text: str):
    """WebHelpers.ParseIso as setValues applies it: a date when the text before 'T' has three numbers."""
    try:
        return dt.datetime.fromisoformat(text.rstrip("Z"))
    except ValueError:
        pass
    parts = text.split("T")[0].split("-")
    try:
        y, m, d = (int(p.strip()) for p in parts[:3])
        return dt.datetime(y, m, d)
    except (ValueError, TypeError):
        return None


@dataclasses.dataclass
class Client:
    """What the book looks like after the VBA client applied the actions (sheets by name, cells by A1)."""

    sheets: list[str]
    values: dict[str, dict[str, object]]
    colours: dict[str, dict[str, str]]
    formats: dict[str, dict[str, str]]
    links: dict[str, dict[str, tuple]]
    alerts: list[tuple[str, str, str]]
    active: str
    funcs: list[str]

    @classmethod
    def replay(cls, payload: dict, response: dict) -> Client:
        names = [s["name"] for s in payload["sheets"]]
        c = cls(names, {}, {}, {}, {}, [], names[payload["book"]["active_sheet_index"]], [])
        for a in response["actions"]:
            c.funcs.append(a["func"])
            sub = VBA.get(a["func"])
            assert sub is not None, f"{a['func']} is not an action xlwings' VBA client implements"
            assert isinstance(a["args"], list) and len(a["args"]) >= sub.args, (a, sub)
            if sub.uses_range or sub.uses_sheet:
                assert 0 <= a["sheet_position"] < len(c.sheets), a
            if sub.uses_range:
                assert all(isinstance(a[k], int) and a[k] >= 0 for k in ("start_row", "start_column")), a
                assert a["row_count"] >= 1 and a["column_count"] >= 1, a
            getattr(c, "_" + a["func"])(a)
        return c

    def _cells(self, a):
        sheet = self.sheets[a["sheet_position"]]
        for r in range(a["row_count"]):
            for col in range(a["column_count"]):
                yield sheet, a1(a["start_row"] + r, a["start_column"] + col), r, col

    def _setValues(self, a):
        assert len(a["values"]) == a["row_count"] and all(len(r) == a["column_count"] for r in a["values"]), a
        for sheet, ref, r, col in self._cells(a):
            v = a["values"][r][col]
            if isinstance(v, str):  # ParseIso first, then Excel reads the text as typed
                v = parse_iso(v) or (v[1:] if v.startswith("'") else v)
            self.values.setdefault(sheet, {})[ref] = v

    def _setRangeColor(self, a):
        assert re.fullmatch(r"#[0-9A-F]{6}", a["args"][0]), a
        for sheet, ref, _, _ in self._cells(a):
            self.colours.setdefault(sheet, {})[ref] = a["args"][0].upper()

    def _setNumberFormat(self, a):
        for sheet, ref, _, _ in self._cells(a):
            self.formats.setdefault(sheet, {})[ref] = a["args"][0]

    def _addHyperlink(self, a):
        for sheet, ref, _, _ in self._cells(a):
            self.links.setdefault(sheet, {})[ref] = tuple(a["args"])

    def _addSheet(self, a):
        # wb.Sheets.Add puts the new sheet before the active one; then it moves after Worksheets(args(1) + 1).
        new = a["args"][1]
        self.sheets.insert(self.sheets.index(self.active), new)
        anchor = self.sheets[a["args"][0]]
        self.sheets.remove(new)
        self.sheets.insert(self.sheets.index(anchor) + 1, new)
        self.active = new

    def _sheetClear(self, a):
        sheet = self.sheets[a["sheet_position"]]
        for d in (self.values, self.colours, self.formats, self.links):
            d.pop(sheet, None)

    def _activateSheet(self, a):
        self.active = self.sheets[a["args"][0]]

    def _setAutofit(self, a):
        assert a["args"][0] in ("columns", "rows"), a

    def _alert(self, a):
        assert a["args"][2] in ("ok", "ok_cancel", "yes_no", "yes_no_cancel"), a
        self.alerts.append((a["args"][0], a["args"][1], a["args"][3]))

    def column(self, sheet: str, col: str, first: int) -> list:
        out, row = [], first
        while f"{col}{row}" in self.values.get(sheet, {}):
            out.append(self.values[sheet][f"{col}{row}"])
            row += 1
        return out
