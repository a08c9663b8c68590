"""An annotated copy of a checked workbook: a findings sheet with links, highlighted cells with notes.

Zip-level: every part of the user's workbook is copied unchanged (tables, data
validations, protection, defined names, a VBA project, form buttons) except
styles.xml (new fills and formats), workbook.xml and its relationships (one
more sheet, made the active tab), [Content_Types].xml, and the worksheets that
get highlighted cells, notes or lose their tab selection.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from pathlib import Path

from toolkit.adapters.excel.cells import column_letter, parse_range, quote_sheet
from toolkit.adapters.excel.ooxml import (
    CT_SHEET,
    NS_MAIN,
    NS_R,
    Package,
    Styles,
    esc,
    sheet_parts,
    workbook_part,
)
from toolkit.files import write_bytes
from toolkit.findings_table import COLOURS, COLUMNS, RANK, headings, ordered, severity_label
from toolkit.findings_table import row as finding_row
from toolkit.i18n import t
from toolkit.safetext import file_name as display_name
from toolkit.workflows.validate.findings import FileReport, Finding
from toolkit.workflows.validate.messages import ui
from toolkit.workflows.validate.notes import SheetNotes, vml_blocks


def _argb(rgb: str) -> str:
    return "FF" + rgb.lstrip("#").upper()


FILLS = {severity: _argb(fill) for severity, (fill, _font) in COLOURS.items()}


# A file name has at most 255 bytes on the usual file systems; the temporary name adds ".", "." and pid ".tmp".
_MAX_NAME_BYTES = 255 - 20


def annotated_path(path: str | Path) -> Path:
    """Where the annotated copy of ``path`` goes: beside it, ``name.checked.xlsx`` (or ``.xlsm``);
    a name too long for that is shortened (ending in …) rather than refused by the file system."""
    path = Path(path)
    stem, tail = path.stem, f".checked{path.suffix or '.xlsx'}"
    while len(os.fsencode(stem + tail)) > _MAX_NAME_BYTES and len(stem) > 1:
        stem = stem[:-2] + "…"
    return path.with_name(stem + tail)


def write_annotated(report: FileReport, lang: str, data: bytes | None = None, target: Path | None = None) -> Path:
    """Write the annotated copy beside the file (never over it); ``data`` are the bytes that were checked."""
    source = Path(report.path)
    target = target or annotated_path(source)
    if target.resolve() == source.resolve():
        raise ValueError("the annotated copy must not replace the original")
    data = source.read_bytes() if data is None else data
    out = annotate_bytes(data, report.findings, lang, display_name(source))
    write_bytes(target, out)
    return target


def annotate_bytes(data: bytes, findings: list[Finding], lang: str, file_name: str = "") -> bytes:
    """The workbook ``data`` with a findings sheet, highlighted cells and a note on each."""
    pkg = Package(data)
    book = _Book(pkg)
    styles = _styles(pkg, book)
    palette = _Palette(styles) if styles else None
    per_sheet: dict[str, dict[str, list[Finding]]] = defaultdict(lambda: defaultdict(list))
    for f in findings:
        if f.sheet in book.sheets and f.cell:
            per_sheet[f.sheet][_first_cell(f.cell)].append(f)
    block, _ = vml_blocks(pkg)
    for name, part in book.sheets.items():
        sheet = SheetNotes(pkg, part)
        before = sheet.xml
        sheet.unselect()
        cells = per_sheet.get(name)
        if cells:
            if palette is not None and styles is not None:  # a palette is made only with styles
                current = sheet.cell_styles(cells)
                sheet.set_styles(
                    {ref: styles.with_fill(current[ref], palette.fill[_worst(fs)]) for ref, fs in cells.items()}
                )
            block = sheet.add_notes({ref: _note(fs, lang) for ref, fs in cells.items()}, block)
        if sheet.xml != before or cells:
            sheet.save()
    name = book.unique(t(ui("sheet.findings"), lang))
    part = pkg.free_name("xl/worksheets/sheet{}.xml")
    pkg.put(part, _findings_sheet(findings, lang, file_name, set(book.sheets), palette))
    pkg.add_content_type(part, CT_SHEET)
    book.add_sheet(name, part)
    if styles is not None and book.styles_part:  # _styles gives None without a styles part
        pkg.put(book.styles_part, styles.xml)
    return pkg.save()


def _first_cell(ref: str) -> str:
    try:
        (r, c), _ = parse_range(ref.replace("$", ""))
    except ValueError:
        return ref
    return f"{column_letter(c)}{r + 1}"


def _worst(findings: list[Finding]) -> str:
    return min((f.severity for f in findings), key=lambda s: RANK.get(s, len(RANK)))


def _note(findings: list[Finding], lang: str) -> str:
    return "\n".join(f"{severity_label(f.severity, lang)}: {f.message}" for f in ordered(findings))


class _Book:
    """workbook.xml: its sheets (name -> part) and how to add one."""

    def __init__(self, pkg: Package):
        self.pkg = pkg
        self.part = workbook_part(pkg)
        self.rels = {r["Id"]: r for r in pkg.rels(self.part) if "Id" in r}
        styles = next((r for r in self.rels.values() if r.get("Type", "").endswith("/styles")), None)
        self.styles_part = pkg.target(self.part, styles) if styles else None
        self.xml = pkg.text(self.part)
        self.sheets: dict[str, str] = sheet_parts(pkg, self.part)
        self._count = len(re.findall(r"<(?:\w+:)?sheet\b[^>]*?/?>", self.xml))

    def unique(self, name: str) -> str:
        taken = {n.casefold() for n in self.sheets}
        candidate, n = name, 2
        while candidate.casefold() in taken:
            candidate, n = f"{name} ({n})", n + 1
        return candidate[:31]

    def add_sheet(self, name: str, part: str) -> None:
        rid = self.pkg.add_rel(self.part, "worksheet", part)
        ids = [int(x) for x in re.findall(r'<(?:\w+:)?sheet\b[^>]*?\bsheetId="(\d+)"', self.xml)]
        sheets = re.search(r"<(\w+:)?sheets\b", self.xml)
        if sheets is None:  # the reader refuses such a workbook before it is annotated
            raise ValueError("workbook.xml has no <sheets>")
        p = sheets[1] or ""
        ns = f' xmlns="{NS_MAIN}"' if p else ""
        element = f'<sheet{ns} xmlns:r="{NS_R}" name="{esc(name)}" sheetId="{max(ids, default=0) + 1}" r:id="{rid}"/>'
        xml = self.xml.replace(f"</{p}sheets>", element + f"</{p}sheets>", 1)
        index = self._count

        def active(m: re.Match) -> str:
            own = re.sub(r'\sactiveTab="\d*"', "", m[1])
            return f'{own} activeTab="{index}"{m[2]}>'

        xml = re.sub(r"(<(?:\w+:)?workbookView\b[^>]*?)(/?)>", active, xml, count=1)
        self.pkg.put(self.part, xml)


def _styles(pkg: Package, book: _Book) -> Styles | None:
    if not book.styles_part or book.styles_part not in pkg:
        return None
    styles = Styles(pkg.text(book.styles_part))
    try:
        styles.xfs()
    except ValueError:
        return None
    if styles._section("fonts") is None or styles._section("fills") is None:  # the parts we add to must exist
        return None
    return styles


class _Palette:
    """The fills, fonts and formats the annotation adds to styles.xml."""

    def __init__(self, styles: Styles):
        self.fill = {sev: styles.add_fill(rgb) for sev, rgb in FILLS.items()}
        self.font = {
            sev: styles.add_font(
                f'<font><sz val="11"/><color rgb="{_argb(font)}"/><name val="Calibri"/><family val="2"/></font>'
            )
            for sev, (_fill, font) in COLOURS.items()
        }
        grey = styles.add_fill("FFE7E6E6")
        bold = styles.add_font(
            '<font><b/><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/></font>'
        )
        title = styles.add_font(
            '<font><b/><sz val="13"/><color rgb="FF1F3A5F"/><name val="Calibri"/><family val="2"/></font>'
        )
        link = styles.add_font(
            '<font><u/><sz val="11"/><color rgb="FF0563C1"/><name val="Calibri"/><family val="2"/></font>'
        )
        top = '<alignment vertical="top" wrapText="1"/>'
        self.title = styles.add_xf(
            f'<xf numFmtId="0" fontId="{title}" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
        )
        self.header = styles.add_xf(
            f'<xf numFmtId="0" fontId="{bold}" fillId="{grey}" borderId="0" xfId="0" '
            f'applyFont="1" applyFill="1" applyAlignment="1">{top}</xf>'
        )
        self.text = styles.add_xf(
            f'<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" '
            f'applyNumberFormat="1" applyAlignment="1">{top}</xf>'
        )
        self.link = styles.add_xf(
            f'<xf numFmtId="49" fontId="{link}" fillId="0" borderId="0" xfId="0" '
            f'applyNumberFormat="1" applyFont="1" applyAlignment="1">{top}</xf>'
        )
        self.severity = {
            sev: styles.add_xf(
                f'<xf numFmtId="49" fontId="{self.font[sev]}" fillId="{fill}" borderId="0" '
                f'xfId="0" applyNumberFormat="1" applyFont="1" applyFill="1" '
                f'applyAlignment="1">{top}</xf>'
            )
            for sev, fill in self.fill.items()
        }


def _cell(ref: str, text: str, s: int | None) -> str:
    style = f' s="{s}"' if s else ""
    return f'<c r="{ref}"{style} t="inlineStr"><is><t xml:space="preserve">{esc(text[:32000])}</t></is></c>'


def _findings_sheet(findings: list[Finding], lang: str, file_name: str, sheets: set[str], pal: _Palette | None) -> str:
    errors = sum(1 for f in findings if f.severity == "error")
    warnings = sum(1 for f in findings if f.severity == "warning")

    def s(attr: str, severity: str = "") -> int | None:
        if pal is None:
            return None
        value = getattr(pal, attr)
        return value[severity] if severity else value

    rows = [
        f'<row r="1">{_cell("A1", t(ui("sheet.title"), lang, file=file_name, errors=errors, warnings=warnings), s("title"))}</row>'
    ]
    header = "".join(_cell(f"{column_letter(i)}3", text, s("header")) for i, text in enumerate(headings(lang)))
    rows.append(f'<row r="3">{header}</row>')
    links = []
    in_order = ordered(findings)
    if not in_order:
        rows.append(f'<row r="4">{_cell("A4", t(ui("sheet.none"), lang), s("text"))}</row>')
    for n, f in enumerate(in_order, start=4):
        values = finding_row(f, lang)
        cells = []
        for i, value in enumerate(values):
            ref = f"{column_letter(i)}{n}"
            style = s("severity", f.severity) if i == 0 else s("text")
            if i == 2 and f.cell and f.sheet in sheets:
                style = s("link")
                links.append(
                    f'<hyperlink ref="{ref}" location="{esc(quote_sheet(f.sheet))}!{esc(_first_cell(f.cell))}" '
                    f'display="{esc(f.cell)}"/>'
                )
            cells.append(_cell(ref, value, style))
        rows.append(f'<row r="{n}">{"".join(cells)}</row>')
    cols = "".join(
        f'<col min="{i + 1}" max="{i + 1}" width="{c.width}" customWidth="1"/>' for i, c in enumerate(COLUMNS)
    )
    hyperlinks = f"<hyperlinks>{''.join(links)}</hyperlinks>" if links else ""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<worksheet xmlns="{NS_MAIN}" xmlns:r="{NS_R}">'
        '<sheetViews><sheetView tabSelected="1" workbookViewId="0">'
        '<pane ySplit="3" topLeftCell="A4" activePane="bottomLeft" state="frozen"/>'
        '<selection pane="bottomLeft" activeCell="A4" sqref="A4"/></sheetView></sheetViews>'
        f'<sheetFormatPr defaultRowHeight="15"/><cols>{cols}</cols><sheetData>{"".join(rows)}</sheetData>'
        f'{hyperlinks}<pageMargins left="0.5" right="0.5" top="0.7" bottom="0.7" header="0.3" footer="0.3"/>'
        '<pageSetup orientation="landscape" paperSize="9"/></worksheet>'
    )
