"""Build a template workbook from its spec with XlsxWriter: forms, tables, rules, protection."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, BinaryIO

import xlsxwriter

from toolkit.adapters.excel.cells import a1, quote_sheet
from toolkit.adapters.excel.styles import Styles
from toolkit.i18n import t
from toolkit.spec import Field, FieldType, Form, Table, TemplateSpec, vocab
from toolkit.spec.formulas import defined_name, render, template_of
from toolkit.spec.labels import INSTRUCTION_KEYS

META_SHEET = "_meta"
LISTS_SHEET = "_lists"
# The date written into committed templates, so the same code gives the same bytes.
RELEASED = dt.datetime(2026, 11, 23, 0, 0, 0)


@dataclass(frozen=True)
class Button:
    """A form button bound to a VBA macro (used by the .xlsm variants)."""

    sheet: str  # i18n sheet key, e.g. "sheet.instructions"
    cell: str  # where its top-left corner sits, A1
    macro: str
    caption: str  # already translated


@dataclass
class BuildOptions:
    lang: str = "da"
    region: str = ""
    municipalities: Sequence[str] = ()
    password: str = ""
    generated_at: dt.datetime = RELEASED
    municipality: str = ""
    year: int | None = None
    currency: str = "DKK"  # written after amounts: DKK and NOK as "kr." and "kr"
    vba_project: bytes | None = None
    buttons: Sequence[Button] = ()
    extra_sheets: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # name -> key/value rows


@dataclass
class Prefill:
    """Values the secretariat writes before sending: form fields and table rows by field key."""

    form: dict[str, Any] = field(default_factory=dict)
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


def sheet_name(key: str, lang: str) -> str:
    return t(key, lang)[:31]


def build_workbook(
    spec: TemplateSpec, target: str | BinaryIO, options: BuildOptions, prefill: Prefill | None = None
) -> None:
    """Write ``spec`` as a workbook to ``target`` (a path or a binary stream)."""
    _Builder(spec, options, prefill or Prefill()).write(target)


class _Builder:
    def __init__(self, spec: TemplateSpec, options: BuildOptions, prefill: Prefill):
        self.spec, self.o, self.prefill = spec, options, prefill
        self.lang = options.lang

    def write(self, target) -> None:
        wb = xlsxwriter.Workbook(target, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
        title = t(f"kind.{self.spec.kind}", self.lang)
        wb.set_properties(
            {
                "title": title,
                "author": self.o.region or "toolkit",
                "company": self.o.region,
                "created": self.o.generated_at,
                "comments": "toolkit template",
            }
        )
        self.wb, self.st = wb, Styles(wb, self.lang, self.o.currency)
        if self.o.vba_project is not None:
            wb.add_vba_project(io.BytesIO(self.o.vba_project), is_stream=True)
            wb.set_vba_name("ThisWorkbook")
        sheets = [self._instructions(title)]
        for part in self.spec.parts:
            sheets.append(self._form(part, title) if isinstance(part, Form) else self._table(part, title))
        self._lists()
        for name, rows in self.o.extra_sheets.items():
            self._key_values(name, rows, hidden=True)
        self._meta()
        for i, ws in enumerate(wb.worksheets()):
            if self.o.vba_project is not None:
                ws.set_vba_name(f"Sheet{i + 1}")
        for button in self.o.buttons:
            ws = wb.get_worksheet_by_name(sheet_name(button.sheet, self.lang))
            ws.insert_button(
                button.cell, {"macro": button.macro, "caption": button.caption, "width": 150, "height": 32}
            )
        wb.close()

    # sheets ---------------------------------------------------------------

    def _sheet(self, key: str, title: str, header_row: int, width: int = 0):
        ws = self.wb.add_worksheet(sheet_name(key, self.lang))
        ws.set_landscape()
        ws.set_paper(9)  # A4
        # about 190 characters of column width print legibly across landscape A4
        ws.fit_to_pages(max(1, -(-width // 190)), 0)
        ws.set_margins(left=0.5, right=0.5, top=0.7, bottom=0.7)
        esc = lambda s: s.replace("&", "&&")  # noqa: E731 - header codes use & as escape
        ws.set_header(f'&L&"Calibri,Bold"{esc(title)}&R{esc(self.o.region)}')
        ws.set_footer("&L&A&R&P / &N")
        ws.write(0, 0, t(key, self.lang) if key != "sheet.instructions" else title, self.st.title)
        if self.o.municipality:
            ws.write(0, 3, t("build.municipality", self.lang, name=self.o.municipality), self.st.hint)
        ws.set_row(0, 24)
        ws.freeze_panes(header_row, 0)
        return ws

    def _protect(self, ws) -> None:
        # format_cells lets the Check button colour findings; locked cells stay read-only.
        ws.protect(
            self.o.password,
            {
                "autofilter": True,
                "sort": True,
                "format_columns": True,
                "format_cells": True,
                "format_rows": True,
                "select_locked_cells": True,
                "select_unlocked_cells": True,
            },
        )

    def _instructions(self, title: str):
        ws = self._sheet("sheet.instructions", title, 1)
        ws.set_column(0, 0, 110, self.st.text)
        ws.write(1, 0, self.o.region, self.st.hint)
        row = 3
        for key in INSTRUCTION_KEYS:
            ws.write(row, 0, "• " + t(key, self.lang, region=self.o.region or "toolkit"), self.st.text)
            ws.set_row(row, 32)
            row += 1
        row += 1
        ws.write(row, 0, t("build.sheets", self.lang), self.st.label)
        for part in self.spec.parts:
            row += 1
            ws.write(row, 0, "   " + sheet_name(part.sheet, self.lang), self.st.text)
        self._protect(ws)
        return ws

    def _form(self, form: Form, title: str):
        ws = self._sheet(form.sheet, title, 0)
        ws.write(1, 0, t("hint.form", self.lang), self.st.hint)
        labels = [t(f.label_key, self.lang) for f in form.fields]
        ws.set_column(0, 0, min(max(len(x) for x in labels) + 3, 45))
        ws.set_column(1, 1, max(f.width for f in form.fields) + 6)
        ws.set_column(3, 3, 30)
        for i, f in enumerate(form.fields):
            row = form.first_row - 1 + i
            ws.write(row, 0, labels[i], self.st.label)
            role = "locked" if f.prefilled else ("computed" if f.formula else "input")
            self._write_value(ws, row, 1, f, self.prefill.form.get(f.key), role)
            self._validate(ws, row, 1, row, f)
            self.wb.define_name(defined_name(f.key), f"={quote_sheet(ws.name)}!{a1(row, 1, True)}")
        self._protect(ws)
        return ws

    def _table(self, table: Table, title: str):
        hr = table.header_row - 1
        widths = [max(f.width, min(len(t(f.label_key, self.lang)) + 3, 30)) for f in table.fields]
        ws = self._sheet(table.sheet, title, hr + 1, sum(widths))
        ws.write(1, 0, t("hint.table", self.lang), self.st.hint)
        ws.repeat_rows(hr)
        ncols = len(table.fields)
        first, last = hr + 1, hr + table.rows
        columns = []
        for i, f in enumerate(table.fields):
            label = t(f.label_key, self.lang)
            col: dict[str, Any] = {"header": label, "header_format": self.st.header}
            if i == 0 and table.has_totals:
                col["total_string"] = t("build.total_row", self.lang)
            columns.append(col)
            ws.set_column(i, i, widths[i])
        ws.add_table(
            hr,
            0,
            last + (1 if table.has_totals else 0),
            ncols - 1,
            {
                "name": table.name,
                "columns": columns,
                "total_row": table.has_totals,
                "style": "Table Style Light 15",
                "banded_rows": False,
                "autofilter": True,
            },
        )
        ws.set_row(hr, 32)
        rows = self.prefill.tables.get(table.name, [])
        for r in range(table.rows):
            values = rows[r] if r < len(rows) else {}
            for c, f in enumerate(table.fields):
                if f.formula:
                    self._write_formula(ws, table, first + r, c, f, f.formula)
                else:
                    role = "locked" if f.prefilled else "input"
                    self._write_value(ws, first + r, c, f, values.get(f.key), role)
        for c, f in enumerate(table.fields):
            if f.is_input:
                self._validate(ws, first, c, last, f)
            if f.total:
                # A plain range: LibreOffice misreads the [Column] form XlsxWriter writes for totals.
                ws.write_formula(
                    last + 1,
                    c,
                    f"=SUBTOTAL(109,{a1(first, c, True)}:{a1(last, c, True)})",
                    self.st.cell(f.type, "computed", f.num_format),
                    0,
                )
        self._protect(ws)
        return ws

    def _lists(self) -> None:
        ws = self.wb.add_worksheet(LISTS_SHEET)
        for c, name in enumerate(self._vocabs()):
            values = self._choices(name)
            for r, value in enumerate(values):
                ws.write_string(r, c, value)
            self.wb.define_name(
                f"list_{name}", f"={LISTS_SHEET}!{a1(0, c, True)}:{a1(max(len(values), 1) - 1, c, True)}"
            )
        ws.hide()
        self._protect(ws)

    def _meta(self) -> None:
        rows = [
            ("kind", self.spec.kind),
            ("version", self.spec.version),
            ("language", self.lang),
            ("municipality", self.o.municipality),
            ("region", self.o.region),
            ("year", str(self.o.year or "")),
            ("generated_at", self.o.generated_at.isoformat(sep=" ", timespec="seconds")),
            ("generator", "toolkit"),
        ]
        self._key_values(META_SHEET, rows, hidden=True, very=True)

    def _key_values(self, name: str, rows, hidden: bool, very: bool = False) -> None:
        ws = self.wb.add_worksheet(name)
        for r, (k, v) in enumerate(rows):
            ws.write_string(r, 0, k)
            ws.write_string(r, 1, v)
        ws.very_hidden() if very else ws.hide()
        self._protect(ws)

    # cells ----------------------------------------------------------------

    def _vocabs(self) -> list[str]:
        seen: list[str] = []
        for part in self.spec.parts:
            for f in part.fields:
                if f.vocab and f.vocab not in seen:
                    seen.append(f.vocab)
        return seen

    def _choices(self, name: str) -> list[str]:
        if name == "municipality":
            return list(self.o.municipalities)
        return vocab.choices(name, self.lang, self.spec.relabels)

    def _write_value(self, ws, row: int, col: int, f: Field, value, role: str) -> None:
        fmt = self.st.cell(f.type, role, f.num_format)
        if value is None or value == "":
            ws.write_blank(row, col, None, fmt)
        elif f.vocab and f.vocab != "municipality" and _is_member(f.vocab, value):
            ws.write_string(row, col, vocab.label(f.vocab, value, self.lang, self.spec.relabels), fmt)
        elif isinstance(value, (dt.date, dt.datetime)):
            ws.write_datetime(
                row, col, value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time()), fmt
            )
        elif isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
            ws.write_number(row, col, float(value), fmt)
        else:
            ws.write_string(row, col, str(value), fmt)

    def _write_formula(self, ws, table: Table, row: int, col: int, f: Field, named: str) -> None:
        """``named`` is ``f.formula``, passed apart because only the caller knows it is set."""
        first, last = table.first_data_row - 1, table.last_data_row - 1
        formula = render(
            template_of(named),
            cell=lambda key: a1(row, table.column_of(key)),
            name=defined_name,
            column=lambda key: f"{a1(first, table.column_of(key), True)}:{a1(last, table.column_of(key), True)}",
        )
        ws.write_formula(row, col, formula, self.st.cell(f.type, "computed", f.num_format), "")

    def _validate(self, ws, r1: int, c: int, r2: int, f: Field) -> None:
        if not f.is_input:
            return
        lang = self.lang
        if f.vocab:
            ws.data_validation(
                r1,
                c,
                r2,
                c,
                {
                    "validate": "list",
                    "source": f"=list_{f.vocab}",
                    "input_title": t(f.label_key, lang)[:32],
                    "input_message": t("build.choose", lang),
                    "error_type": "warning",
                    "error_message": t("build.not_in_list", lang),
                },
            )
        elif f.type in (FieldType.INTEGER, FieldType.NUMBER, FieldType.AMOUNT, FieldType.PERCENT):
            lo = float(f.min) if f.min is not None else -1e15
            hi = float(f.max) if f.max is not None else 1e15
            ws.data_validation(
                r1,
                c,
                r2,
                c,
                {
                    "validate": "integer" if f.type == FieldType.INTEGER else "decimal",
                    "criteria": "between",
                    "minimum": lo,
                    "maximum": hi,
                    "error_type": "warning",
                    "error_message": t("build.bad_number", lang, min=_show(lo), max=_show(hi)),
                },
            )
        elif f.type == FieldType.DATE:
            ws.data_validation(
                r1,
                c,
                r2,
                c,
                {
                    "validate": "date",
                    "criteria": "between",
                    "minimum": dt.date(1990, 1, 1),
                    "maximum": dt.date(2100, 12, 31),
                    "error_type": "warning",
                    "error_message": t("build.bad_date", lang),
                },
            )
        elif f.max_length:
            ws.data_validation(
                r1,
                c,
                r2,
                c,
                {
                    "validate": "length",
                    "criteria": "<=",
                    "value": min(f.max_length, 32767),
                    "error_type": "warning",
                    "error_message": f"≤ {f.max_length}",
                },
            )


def _is_member(name: str, value) -> bool:
    try:
        vocab.label(name, value, "en")
        return True
    except (KeyError, ValueError):
        return False


def _show(x: float) -> str:
    return "…" if abs(x) >= 1e15 else f"{x:g}"
