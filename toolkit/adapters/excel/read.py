"""Read a filled template back into typed values that remember their sheet and cell."""

from __future__ import annotations

import datetime as dt
import functools
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import python_calamine as calamine

from toolkit.adapters.excel.build import LISTS_SHEET, META_SHEET, sheet_name
from toolkit.adapters.excel.cells import a1, column_letter, parse_a1
from toolkit.adapters.excel.guard import SheetGuard
from toolkit.adapters.excel.ooxml import Package, sheet_parts
from toolkit.adapters.excel.sniff import check_bytes, read_bytes
from toolkit.adapters.excel.tables import FileTables
from toolkit.adapters.excel.zipdir import WorkbookZip
from toolkit.core.numbers import (
    AmbiguousPercent,
    NotADate,
    NotANumber,
    UnknownUnit,
    has_percent_sign,
    is_placeholder,
    parse_date,
    parse_percent,
    read_number,
    to_decimal,
)
from toolkit.errors import ReadError
from toolkit.i18n import LANGUAGES, t
from toolkit.spec import SPECS, VERSIONS, Field, FieldType, Form, Table, TemplateSpec, newer_than_known, spec_for, vocab

ERROR_VALUES = {
    "#DIV/0!",
    "#N/A",
    "#NAME?",
    "#NULL!",
    "#NUM!",
    "#REF!",
    "#VALUE!",
    "#SPILL!",
    "#CALC!",
    "#GETTING_DATA",
}


@dataclass
class CellValue:
    """A value as read: typed, the raw cell content, where it stands and what was wrong with it."""

    value: Any
    raw: Any
    sheet: str
    ref: str
    problem: str | None = None  # not_a_number, not_a_date, not_in_list, formula_error, placeholder,
    #                                unknown_unit, ambiguous_percent, out_of_range
    detail: str = ""  # the unknown unit, or the value out of range
    currency: str | None = None  # written with the number: "kr", "DKK", "NOK", ...


@dataclass
class Row:
    number: int  # 1-based Excel row
    cells: dict[str, CellValue]

    def get(self, key: str):
        cell = self.cells.get(key)
        return None if cell is None else cell.value


@dataclass
class Structure:
    """Something about the workbook's layout that is not as the template made it."""

    problem: str  # sheet_missing, table_missing, table_resized, columns_changed,
    sheet: str  # formula_overwritten, rows_outside_table, merged_cells
    ref: str = ""
    detail: str = ""


@dataclass
class Document:
    path: Path
    spec: TemplateSpec
    meta: dict[str, str]
    form: dict[str, CellValue] = field(default_factory=dict)
    tables: dict[str, list[Row]] = field(default_factory=dict)
    structure: list[Structure] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return self.spec.kind

    @property
    def language(self) -> str:
        return self.meta.get("language", "en")

    @property
    def municipality(self) -> str:
        return self.meta.get("municipality", "")

    def value(self, key: str):
        cell = self.form.get(key)
        return None if cell is None else cell.value


def read_workbook(
    path: str | Path,
    *,
    data: bytes | None = None,
    max_file_mb: int = 50,
    max_uncompressed_mb: int = 300,
    archive: WorkbookZip | None = None,
) -> Document:
    """Read any of our workbooks; ReadError with a clear message when it is not one.

    ``archive``: the file's zip, already opened and checked (sniff.check_bytes) by the caller, who
    closes it; otherwise the bytes are checked here. calamine reads the bytes that were checked.
    """
    path = Path(path)
    if archive is not None:
        return _read_checked(archive, path)
    if data is None:
        data = read_bytes(path, max_file_mb=max_file_mb)
    own = check_bytes(data, path.name, max_uncompressed_mb=max_uncompressed_mb)
    try:
        return _read_checked(own, path)
    finally:
        own.close()


def _read_checked(archive: WorkbookZip, path: Path) -> Document:
    try:
        book = calamine.load_workbook(io.BytesIO(archive.data))
    except calamine.PasswordError:
        raise ReadError("read.encrypted", file=path.name) from None
    except Exception as exc:  # calamine raises its own errors for broken XML and zips
        raise ReadError("read.corrupt", file=path.name, detail=f"{type(exc).__name__}: {str(exc)[:80]}") from None
    try:
        guarded = _GuardedBook(book, SheetGuard(archive, path.name))
        meta = _meta(guarded, path)
        spec = spec_for(meta["kind"], meta["version"])
        return _Reader(guarded, archive.data, path, spec, meta, zf=archive, pkg=guarded.guard.package).read()
    except ReadError:
        raise
    except Exception as exc:
        raise ReadError("read.corrupt", file=path.name, detail=f"{type(exc).__name__}: {str(exc)[:80]}") from None
    finally:
        book.close()


class _GuardedBook:
    """calamine's workbook, but a sheet is built only after the guard scanned its part."""

    def __init__(self, book, guard: SheetGuard):
        self.book, self.guard = book, guard
        self.sheet_names = book.sheet_names

    def get_sheet_by_name(self, name: str):
        self.guard.scan(name)  # ReadError when the grid would be too large
        return self.book.get_sheet_by_name(name)


def read_source(book, path: str | Path, *, formulas=None) -> Document:
    """Read a calamine-like book that is no file, e.g. the workbook open in Excel.

    ``book`` offers sheet_names, get_sheet_by_name and get_table_by_name as
    python-calamine does; ``formulas(sheet)`` gives the set of cells holding a
    formula, or None when that cannot be known (then overwritten formulas are
    not reported).
    """
    path = Path(path)
    meta = _meta(book, path)
    scan: Callable[[str], tuple[object, dict[str, Any]]] | None = None
    if formulas is not None:
        scan = lambda sheet: (formulas(sheet), {})  # noqa: E731
    return _Reader(book, b"", path, spec_for(meta["kind"], meta["version"]), meta, scan=scan).read()


class _AnyCell(set):
    """Stands for "every cell holds its formula" when formulas can't be read."""

    def __contains__(self, item) -> bool:
        return True


def _meta(book, path: Path) -> dict[str, str]:
    names = book.sheet_names
    if META_SHEET not in names:
        ours = {
            sheet_name(p.sheet, lang)
            for versions in VERSIONS.values()
            for s in versions.values()
            for p in s.parts
            for lang in LANGUAGES
        }
        key = "read.meta_deleted" if LISTS_SHEET in names or ours & set(names) else "read.not_ours"
        raise ReadError(key, file=path.name)
    rows = book.get_sheet_by_name(META_SHEET).to_python()
    meta = {str(r[0]).strip(): str(r[1]).strip() for r in rows if len(r) >= 2 and r[0] != ""}
    if meta.get("generator") != "toolkit" or "kind" not in meta:
        raise ReadError("read.not_ours", file=path.name)
    if meta["kind"] not in SPECS:
        raise ReadError("read.unknown_kind", file=path.name, kind=meta["kind"])
    kind, version = meta["kind"], meta.get("version", "")
    if version not in VERSIONS[kind]:
        # The spec is chosen by this cell: a version we do not know is never read with another's layout.
        row = next((i for i, r in enumerate(rows) if len(r) >= 2 and str(r[0]).strip() == "version"), None)
        raise ReadError(
            "read.newer_version" if newer_than_known(kind, version) else "read.unknown_version",
            file=path.name,
            sheet=META_SHEET,
            cell=a1(row, 1) if row is not None else "B2",
            version=version,
            known=", ".join(VERSIONS[kind]),
            current=SPECS[kind].version,
        )
    if meta.get("language") not in LANGUAGES:
        meta["language"] = "en"
    return meta


class _Reader:
    def __init__(
        self,
        book,
        data: bytes,
        path: Path,
        spec: TemplateSpec,
        meta: dict[str, str],
        scan=None,
        zf: WorkbookZip | None = None,
        pkg: Package | None = None,
    ):
        self.book, self.data, self.path, self.spec, self.meta = book, data, path, spec, meta
        self._external_scan = scan
        self.lang = meta["language"]
        self.doc = Document(path=path, spec=spec, meta=meta)
        self._grids: dict[str, list[list]] = {}
        self._zip: WorkbookZip | None = zf
        self._sheet_parts: dict[str, str] | None = None
        self._pkg: Package | None = pkg  # the guard's, when it has one: each part parsed once
        self._file_tables: FileTables | None = None
        self._scans: dict[str, tuple] = {}

    def read(self) -> Document:
        for part in self.spec.parts:
            if isinstance(part, Form):
                self._read_form(part)
            else:
                self._read_table(part)
        return self.doc

    # layout ---------------------------------------------------------------

    def _grid(self, name: str) -> list[list]:
        if name not in self._grids:
            sheet = self.book.get_sheet_by_name(name)
            grid = sheet.to_python(skip_empty_area=False)
            self._grids[name] = grid
            for merged in sheet.merged_cell_ranges or []:
                (r1, c1), (r2, c2) = merged
                self.doc.structure.append(Structure("merged_cells", name, f"{a1(r1, c1)}:{a1(r2, c2)}"))
        return self._grids[name]

    def _sheet_for(self, key: str) -> str | None:
        name = sheet_name(key, self.lang)
        if name in self.book.sheet_names:
            return name
        self.doc.structure.append(Structure("sheet_missing", name))
        return None

    def _package(self) -> dict[str, str]:
        """Sheet name -> worksheet part, from the file (opened once)."""
        if self._sheet_parts is None:
            if self._pkg is None:
                self._pkg = Package(self.data, self._zip)
            self._sheet_parts = sheet_parts(self._pkg)
        return self._sheet_parts

    def _tables(self):
        """Where the tables stand: the file's table parts, or what the book says when there is no file."""
        if self._external_scan is not None or not self.data:
            return self.book
        if self._file_tables is None:
            self._package()
            self._file_tables = FileTables(self._pkg, self._sheet_parts)
        return self._file_tables

    def _errors(self, sheet: str) -> dict[str, str]:
        return self._scanned(sheet)[1]

    def _formulas(self, sheet: str) -> set[str]:
        return self._scanned(sheet)[0]

    def _scanned(self, sheet: str) -> tuple[set[str], dict[str, str]]:
        """(cells holding a formula, error cells -> the error shown): calamine reads an error as blank."""
        if sheet not in self._scans:
            if self._external_scan is not None or not self.data:
                found = self._external_scan(sheet) if self._external_scan else (None, {})
                self._scans[sheet] = (_AnyCell() if found[0] is None else found[0], found[1])
            else:
                scan = self.book.guard.scan(sheet)
                self._scans[sheet] = (scan.formulas, scan.errors)
        return self._scans[sheet]

    def _leftover_errors(self, sheet: str, used: set[str]) -> None:
        for ref, shown in sorted(self._errors(sheet).items()):
            if ref not in used:
                self.doc.structure.append(Structure("formula_error", sheet, ref, shown))

    # forms and tables -----------------------------------------------------

    def _read_form(self, form: Form) -> None:
        name = self._sheet_for(form.sheet)
        if name is None:
            return
        grid = self._grid(name)
        errors = self._errors(name)
        used = set()
        for i, f in enumerate(form.fields):
            row = form.first_row - 1 + i
            ref = a1(row, 1)
            used.add(ref)
            self.doc.form[f.key] = _typed(f, errors.get(ref, _at(grid, row, 1)), name, ref, self.spec.relabels)
            if f.formula and ref not in self._formulas(name):
                self.doc.structure.append(Structure("formula_overwritten", name, ref, f.key))
        self._leftover_errors(name, used)

    def _read_table(self, table: Table) -> None:
        hr, ncols = table.header_row - 1, len(table.fields)
        start, end = hr + 1, hr + table.rows  # 0-based data rows
        sheet = sheet_name(table.sheet, self.lang)
        try:
            found = self._tables().get_table_by_name(table.name)
        except Exception:
            found = None
        if found is None:
            missing = self._sheet_for(table.sheet) is None
            if not missing:
                self.doc.structure.append(Structure("table_missing", sheet, detail=table.name))
            self.doc.tables[table.name] = []
            return
        sheet = found.sheet
        if sheet != sheet_name(table.sheet, self.lang):
            self.doc.structure.append(Structure("sheet_renamed", sheet, detail=sheet_name(table.sheet, self.lang)))
        headers = [str(c).strip() for c in found.columns]
        expected = [t(f.label_key, self.lang) for f in table.fields]
        if headers != expected or found.start != (hr + 1, 0):
            self.doc.structure.append(Structure("columns_changed", sheet, a1(hr, 0), detail=", ".join(headers)))
            self.doc.tables[table.name] = []
            return
        last = found.end[0]  # calamine leaves the totals row out
        if last != end:
            self.doc.structure.append(
                Structure(
                    "table_resized",
                    sheet,
                    f"{a1(hr, 0)}:{a1(found.end[0], ncols - 1)}",
                    detail=f"{last - hr}/{table.rows}",
                )
            )
        grid = self._grid(sheet)
        errors = self._errors(sheet)
        rows: list[Row] = []
        used = set()
        fields = table.fields
        letters = [column_letter(c) for c in range(ncols)]
        formula_cols = [c for c, f in enumerate(fields) if f.formula]
        formulas = self._formulas(sheet) if formula_cols else set()
        inputs = [f.key for f in fields if not f.formula]
        relabels = self.spec.relabels
        for r in range(start, min(last, max(len(grid) - 1, _last_row(errors))) + 1):
            raw = grid[r][:ncols] if r < len(grid) else []
            number = str(r + 1)
            if (
                not errors
                and all(v in (None, "") for v in raw)
                and all(letters[c] + number in formulas for c in formula_cols)
            ):
                continue  # most of a table's rows are blank: nothing to type or report
            refs = [letter + number for letter in letters]
            if errors:  # only error cells are checked against what was read
                used.update(refs)
            cells = {}
            for c, f in enumerate(fields):
                value = raw[c] if c < len(raw) else None
                cells[f.key] = _typed(f, errors.get(refs[c], value) if errors else value, sheet, refs[c], relabels)
            for c in formula_cols:
                if refs[c] not in formulas:
                    self.doc.structure.append(Structure("formula_overwritten", sheet, refs[c], fields[c].key))
            if any(cells[key].raw not in (None, "") for key in inputs):
                rows.append(Row(r + 1, cells))
        after = found.end[0] + 1 + (1 if table.has_totals else 0)
        for r in range(after, len(grid)):
            if any(v not in (None, "") for v in grid[r][: ncols + 5]):
                self.doc.structure.append(
                    Structure("rows_outside_table", sheet, a1(r, 0), detail=str(len(grid) - after))
                )
                break
        self.doc.tables[table.name] = rows
        if not errors:
            return
        # Error cells outside the rows read are reported on their own; the header and totals rows
        # are ours (a totals error follows from an input error already reported).
        ours = {a1(r, c) for r in range(hr + 1) for c in range(ncols)}
        if table.has_totals:
            ours |= {a1(found.end[0] + 1, c) for c in range(ncols)}
        self._leftover_errors(sheet, used | ours)


def _last_row(errors: dict[str, str]) -> int:
    return max((parse_a1(ref)[0] for ref in errors), default=-1)


def _at(grid: list[list], row: int, col: int):
    if row < len(grid) and col < len(grid[row]):
        return grid[row][col]
    return None


def _typed(f: Field, raw, sheet: str, ref: str, relabels: tuple = ()) -> CellValue:
    """``raw`` typed for ``f``: the usual cells (text, a dropdown text, a number) straight away,
    anything else by _typed_any, which gives the same for these too. ``relabels``: the spec's dropdown texts."""
    kind = type(raw)
    if kind is str:
        stripped = raw.strip()
        if stripped in ERROR_VALUES:
            return CellValue(None, raw, sheet, ref, "formula_error")
        if stripped == "":
            return CellValue(None, raw, sheet, ref)
        ftype = f.type
        if f.formula or not (ftype is FieldType.TEXT or ftype is FieldType.CHOICE or ftype is FieldType.EMAIL):
            return _typed_any(f, raw, sheet, ref, relabels)
        if ftype is not FieldType.TEXT and is_placeholder(raw):
            return CellValue(None, raw, sheet, ref, "placeholder")
        text = " ".join(raw.split()) if "\n" not in raw else stripped  # as _text makes it
        if ftype is FieldType.CHOICE and f.vocab != "municipality":
            member = _choice(f.vocab, text, relabels)
            return CellValue(member, raw, sheet, ref, None if member is not None else "not_in_list")
        return CellValue(text, raw, sheet, ref)
    if raw is None:
        return CellValue(None, raw, sheet, ref)
    if kind is float and f.type in _DECIMALS:
        try:
            return _bounded(f, to_decimal(raw), raw, sheet, ref)
        except NotANumber:
            return CellValue(None, raw, sheet, ref, "not_a_number")
    return _typed_any(f, raw, sheet, ref, relabels)


def _bounded(f: Field, value, raw, sheet: str, ref: str, currency: str | None = None) -> CellValue:
    """A number outside its field's bounds does not enter: it is kept only as the problem's detail."""
    bounds = f.bounds
    if bounds is not None and not bounds[0] <= value <= bounds[1]:
        return CellValue(None, raw, sheet, ref, "out_of_range", str(value), currency)
    return CellValue(value, raw, sheet, ref, None, "", currency)


_DECIMALS = (FieldType.INTEGER, FieldType.NUMBER, FieldType.AMOUNT)


def _typed_any(f: Field, raw, sheet: str, ref: str, relabels: tuple = ()) -> CellValue:
    """Any raw value in any field: the general case, which the fast paths in _typed agree with."""
    if isinstance(raw, str):
        stripped = raw.strip()
        if stripped in ERROR_VALUES:
            return CellValue(None, raw, sheet, ref, "formula_error")
        if stripped == "":
            return CellValue(None, raw, sheet, ref)
    if raw is None or raw == "":
        return CellValue(None, raw, sheet, ref)
    if f.formula:
        return _typed_value(f, raw, sheet, ref, relabels)
    if is_placeholder(raw) and f.type != FieldType.TEXT:
        return CellValue(None, raw, sheet, ref, "placeholder")
    return _typed_value(f, raw, sheet, ref, relabels)


def _typed_value(f: Field, raw, sheet: str, ref: str, relabels: tuple = ()) -> CellValue:
    try:
        if f.type in _DECIMALS:
            if isinstance(raw, (dt.date, dt.datetime, dt.time, dt.timedelta)):
                raise NotANumber(str(raw))
            if not isinstance(raw, str):
                return _bounded(f, to_decimal(raw), raw, sheet, ref)
            if f.type == FieldType.NUMBER and has_percent_sign(raw):  # "70 %" for a share goal
                return _bounded(f, parse_percent(raw), raw, sheet, ref)
            return _text_number(f, raw, sheet, ref)
        if f.type == FieldType.PERCENT:
            return _bounded(f, parse_percent(raw), raw, sheet, ref)
        if f.type == FieldType.DATE:
            if isinstance(raw, (int, float)) and not isinstance(raw, bool) and 20000 < raw < 80000:
                return CellValue(dt.date(1899, 12, 30) + dt.timedelta(days=int(raw)), raw, sheet, ref)
            return CellValue(parse_date(raw), raw, sheet, ref)
    except UnknownUnit as exc:
        return CellValue(None, raw, sheet, ref, "unknown_unit", exc.unit)
    except AmbiguousPercent:
        return CellValue(None, raw, sheet, ref, "ambiguous_percent")
    except NotANumber:
        return CellValue(None, raw, sheet, ref, "not_a_number")
    except NotADate:
        return CellValue(None, raw, sheet, ref, "not_a_date")
    text = _text(raw)
    if f.type == FieldType.CHOICE and f.vocab != "municipality":
        member = _choice(f.vocab, text, relabels)
        return CellValue(member, raw, sheet, ref, None if member is not None else "not_in_list")
    return CellValue(text, raw, sheet, ref)


def _text_number(f: Field, raw: str, sheet: str, ref: str) -> CellValue:
    value, currency = read_number(raw)
    return _bounded(f, value, raw, sheet, ref, currency)


@functools.lru_cache(maxsize=1024)
def _choice(name: str, text: str, relabels: tuple = ()):
    """vocab.parse, remembered: the same few dropdown texts come in every row of every file."""
    return vocab.parse(name, text, relabels)


def _text(raw) -> str:
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, (dt.datetime, dt.date)):
        return raw.isoformat()
    return " ".join(str(raw).split()) if "\n" not in str(raw) else str(raw).strip()


__all__ = ["ERROR_VALUES", "CellValue", "Document", "Row", "Structure", "read_source", "read_workbook"]
