"""Zip-level surgery on an .xlsx/.xlsm: every part copied unchanged except the few we must touch."""

from __future__ import annotations

import functools
import io
import posixpath
import re
import zipfile
from collections.abc import Mapping
from html import escape as _escape
from html import unescape

from toolkit.adapters.excel import xmlread
from toolkit.adapters.excel.cells import a1, parse_a1

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
CT_SHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
CT_COMMENTS = "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"
CT_VML = "application/vnd.openxmlformats-officedocument.vmlDrawing"

_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ATTR = re.compile(r'([\w:]+)\s*=\s*"([^"]*)"')


def esc(text: str) -> str:
    """Text made safe for XML content and attributes (control characters dropped)."""
    return _escape(_BAD_XML.sub("", text), quote=True)


def attrs(tag: str) -> dict[str, str]:
    return {k: unescape(v) for k, v in _ATTR.findall(tag)}


class Package:
    """The parts of a zip package; reads lazily, remembers what changed and what is new."""

    def __init__(self, data: bytes, zf=None):
        """``zf``: the package's zip already opened, a zipfile.ZipFile or a zipdir.WorkbookZip."""
        self.zip = zf if zf is not None else zipfile.ZipFile(io.BytesIO(data))
        self.names = self.zip.namelist()
        self._text: dict[str, str] = {}
        self._rels: dict[str, list[dict[str, str]]] = {}
        self.changed: dict[str, bytes] = {}
        self.added: dict[str, bytes] = {}

    def __contains__(self, name: str) -> bool:
        return name in self.names or name in self.added

    def text(self, name: str) -> str:
        if name in self.added:
            return self.added[name].decode("utf-8")
        if name not in self._text:
            self._text[name] = self.zip.read(name).decode("utf-8")
        return self._text[name]

    def raw(self, name: str) -> bytes:
        """The part's bytes as they are now (to parse as XML)."""
        if name in self.added:
            return self.added[name]
        if name in self.changed:
            return self.changed[name]
        return self.zip.read(name)

    def put(self, name: str, text: str) -> None:
        data = text.encode("utf-8")
        if name in self.names:
            self.changed[name] = data
            self._text[name] = text
        else:
            self.added[name] = data
        self._rels.pop(name, None)

    def free_name(self, pattern: str) -> str:
        """The first unused name of a pattern such as 'xl/comments{}.xml'."""
        n = 1
        while pattern.format(n) in self:
            n += 1
        return pattern.format(n)

    def save(self) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
            for info in self.zip.infolist():
                data = self.changed.get(info.filename)
                zf.writestr(info, data if data is not None else self.zip.read(info.filename))
            for name, data in self.added.items():
                zf.writestr(
                    zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data, compress_type=zipfile.ZIP_DEFLATED
                )
        return out.getvalue()

    # relationships ------------------------------------------------------------

    @staticmethod
    def rels_path(part: str) -> str:
        folder, name = posixpath.split(part)
        return posixpath.join(folder, "_rels", name + ".rels")

    def rels(self, part: str) -> list[dict[str, str]]:
        """The part's relationships, each its attributes (Id, Type, Target, ...); a fresh list every call."""
        path = self.rels_path(part)
        if path not in self:
            return []
        if path not in self._rels:
            root = xmlread.parse(self.raw(path))
            self._rels[path] = [dict(e.attrib) for e in root.iter() if xmlread.local(e.tag) == "Relationship"]
        return [dict(r) for r in self._rels[path]]

    def target(self, part: str, rel: dict[str, str]) -> str:
        """A relationship's target as a part name."""
        return _target(part, rel.get("Target", ""))

    def add_rel(self, part: str, rel_type: str, target_part: str) -> str:
        """Add a relationship from ``part`` to ``target_part``; returns its Id."""
        path = self.rels_path(part)
        text = (
            self.text(path)
            if path in self
            else (
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>'
            )
        )
        ids = {r.get("Id") for r in self.rels(part)}
        n = 1
        while f"rId{n}" in ids:
            n += 1
        rid = f"rId{n}"
        rel_target = posixpath.relpath(target_part, posixpath.dirname(part))
        new = f'<Relationship Id="{rid}" Type="{REL}{rel_type}" Target="{esc(rel_target)}"/>'
        if text.rstrip().endswith("/>") and "</Relationships>" not in text:
            text = re.sub(r"<Relationships\b([^>]*?)/>", rf"<Relationships\1>{new}</Relationships>", text)
        else:
            text = text.replace("</Relationships>", new + "</Relationships>")
        self.put(path, text)
        return rid

    def add_content_type(self, part: str, content_type: str) -> None:
        text = self.text("[Content_Types].xml")
        text = text.replace("</Types>", f'<Override PartName="/{part}" ContentType="{content_type}"/></Types>')
        self.put("[Content_Types].xml", text)

    def ensure_default(self, extension: str, content_type: str) -> None:
        text = self.text("[Content_Types].xml")
        if re.search(rf'<Default\b[^>]*Extension="{extension}"', text, re.IGNORECASE):
            return
        text = re.sub(
            r"(<Types\b[^>]*>)", rf'\1<Default Extension="{extension}" ContentType="{content_type}"/>', text, count=1
        )
        self.put("[Content_Types].xml", text)


@functools.lru_cache(maxsize=512)
def _target(part: str, t: str) -> str:
    if t.startswith("/"):
        return t.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(part), t))


def count_children(section: str, tag: str) -> int:
    return len(re.findall(rf"<{tag}[\s>/]", section))


class Styles:
    """Adds fonts, fills and cell formats to styles.xml, and clones a format with another fill."""

    def __init__(self, xml: str):
        self.xml = xml
        self._clones: dict[tuple[int, int], int] = {}

    def _section(self, tag: str) -> re.Match | None:
        return re.search(rf"<{tag}\b([^>]*)>(.*?)</{tag}>", self.xml, re.DOTALL)

    def _append(self, tag: str, child: str, element: str) -> int:
        m = self._section(tag)
        if m is None:
            raise ValueError(f"styles.xml has no <{tag}>")
        index = count_children(m[2], child)
        head = re.sub(r'\scount="\d+"', "", m[1])
        new = f'<{tag}{head} count="{index + 1}">{m[2]}{element}</{tag}>'
        self.xml = self.xml[: m.start()] + new + self.xml[m.end() :]
        return index

    def add_font(self, element: str) -> int:
        return self._append("fonts", "font", element)

    def add_fill(self, rgb: str) -> int:
        return self._append(
            "fills",
            "fill",
            f'<fill><patternFill patternType="solid"><fgColor rgb="{rgb}"/>'
            f'<bgColor indexed="64"/></patternFill></fill>',
        )

    def add_xf(self, element: str) -> int:
        return self._append("cellXfs", "xf", element)

    def xfs(self) -> list[str]:
        m = self._section("cellXfs")
        return re.findall(r"<xf\b[^>]*/>|<xf\b[^>]*>.*?</xf>", m[2], re.DOTALL) if m else []

    def with_fill(self, xf_index: int, fill_id: int) -> int:
        """The index of a cell format like ``xf_index`` but filled with ``fill_id`` (made once)."""
        key = (xf_index, fill_id)
        if key not in self._clones:
            xfs = self.xfs()
            base = (
                xfs[xf_index]
                if 0 <= xf_index < len(xfs)
                else '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
            )
            m = re.match(r"<xf\b([^>]*?)(/?)>(.*)", base, re.DOTALL)
            if m is None:  # xfs() gives <xf> elements only
                raise ValueError(f"not a cell format: {base[:40]!r}")
            own = re.sub(r'\s(fillId|applyFill)="[^"]*"', "", m[1])
            element = f'<xf{own} fillId="{fill_id}" applyFill="1"' + ("/>" if m[2] else ">" + m[3])
            self._clones[key] = self.add_xf(element)
        return self._clones[key]


def workbook_part(pkg: Package) -> str:
    """The main workbook part, as the package's relationships name it."""
    main = next((r for r in pkg.rels("_rels/.rels") if r.get("Type", "").endswith("/officeDocument")), None)
    return pkg.target("", main) if main else "xl/workbook.xml"


def sheet_parts(pkg: Package, book_part: str | None = None) -> dict[str, str]:
    """Sheet name -> worksheet part."""
    book_part = book_part or workbook_part(pkg)
    rels = {r["Id"]: r for r in pkg.rels(book_part) if "Id" in r}
    out = {}
    root = xmlread.parse(pkg.raw(book_part))
    for sheets in root:
        if xmlread.local(sheets.tag) != "sheets":
            continue
        for sheet in sheets:
            rel = rels.get(xmlread.attr(sheet, "id", (xmlread.NS_R, xmlread.NS_R_STRICT)) or "")
            name = sheet.get("name")
            if rel and xmlread.local(sheet.tag) == "sheet" and name is not None:
                out[name] = pkg.target(book_part, rel)
    return out


_ROW = re.compile(r'<row\b[^>]*?\br="(\d+)"[^>]*?(?:/>|>(.*?)</row>)', re.DOTALL)
_CELL_TAG = re.compile(r"<c\b([^>]*?)(?:/>|>(.*?)</c>)", re.DOTALL)


def set_numbers(pkg: Package, sheet: str, values: Mapping[str, float | int]) -> None:
    """Write numbers as plain values (no formula, no type) into cells of ``sheet``, keeping each cell's style.

    A cell that holds a formula or text gets the number instead; a cell or row
    that does not exist yet is added in its place.
    """
    part = sheet_parts(pkg)[sheet]
    xml = pkg.text(part)
    by_row: dict[int, dict[int, str]] = {}
    for ref, value in values.items():
        r, c = parse_a1(ref)
        by_row.setdefault(r + 1, {})[c] = f"{value:.15g}" if isinstance(value, float) else str(value)

    def cell_xml(ref: str, style: str, number: str) -> str:
        return f'<c r="{ref}"{style}><v>{number}</v></c>'

    def patch_row(m: re.Match) -> str:
        row_no = int(m[1])
        wanted = by_row.pop(row_no, None)
        if not wanted:
            return m[0]
        cells = []
        for cm in _CELL_TAG.finditer(m[2] or ""):
            a = attrs(cm[1])
            col = parse_a1(a["r"])[1] if "r" in a else None
            if col in wanted:
                style = f' s="{a["s"]}"' if "s" in a else ""
                cells.append((col, cell_xml(a["r"], style, wanted.pop(col))))
            else:
                cells.append((col if col is not None else -1, cm[0]))
        cells += [(col, cell_xml(a1(row_no - 1, col), "", v)) for col, v in wanted.items()]
        cells.sort(key=lambda x: x[0])
        head = m[0][: m[0].index(">") + 1]
        if head.endswith("/>"):
            head = head[:-2] + ">"
        return head + "".join(x for _, x in cells) + "</row>"

    xml = _ROW.sub(patch_row, xml)
    if by_row:  # rows that did not exist
        extra = "".join(
            f'<row r="{r}">' + "".join(cell_xml(a1(r - 1, c), "", v) for c, v in sorted(cols.items())) + "</row>"
            for r, cols in sorted(by_row.items())
        )
        xml = _insert_rows(xml, extra, min(by_row))
    pkg.put(part, xml)


def _insert_rows(xml: str, rows: str, first: int) -> str:
    """Put new rows into sheetData before the first existing row numbered above ``first``."""
    for m in _ROW.finditer(xml):
        if int(m[1]) > first:
            return xml[: m.start()] + rows + xml[m.start() :]
    if "<sheetData/>" in xml:
        return xml.replace("<sheetData/>", f"<sheetData>{rows}</sheetData>")
    return xml.replace("</sheetData>", rows + "</sheetData>")
