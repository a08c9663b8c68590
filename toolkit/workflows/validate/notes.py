"""Cell notes (legacy comments + their VML shapes) and cell highlighting inside one worksheet part."""

from __future__ import annotations

import re

from toolkit.adapters.excel.cells import parse_a1
from toolkit.adapters.excel.ooxml import (
    CT_COMMENTS,
    CT_VML,
    NS_MAIN,
    NS_R,
    Package,
    attrs,
    esc,
)

AUTHOR = "toolkit"
_AFTER_LEGACY = ("legacyDrawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst")
_SHAPETYPE = (
    '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">'
    '<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>'
)
_RUN = '<rPr><sz val="9"/><color indexed="81"/><rFont val="Tahoma"/><family val="2"/></rPr>'
_BOLD = '<rPr><b/><sz val="9"/><color indexed="81"/><rFont val="Tahoma"/><family val="2"/></rPr>'


def _key(ref: str) -> tuple[int, int]:
    return parse_a1(ref)


def vml_blocks(pkg: Package) -> tuple[int, int]:
    """The highest VML id block and shape id used anywhere in the package."""
    block, shape = 0, 0
    for name in pkg.names:
        if name.lower().endswith(".vml"):
            text = pkg.text(name)
            for m in re.finditer(r'<o:idmap\b[^>]*data="([^"]*)"', text):
                block = max([block, *(int(x) for x in re.findall(r"\d+", m[1]))])
            shape = max([shape, *(int(x) for x in re.findall(r"_x0000_s(\d+)", text))])
    return max(block, shape // 1024), shape


class SheetNotes:
    """Edits one worksheet part: highlights cells, adds notes, drops tab selection."""

    def __init__(self, pkg: Package, part: str):
        self.pkg, self.part = pkg, part
        self.xml = pkg.text(part)
        root = re.search(r"<(\w+:)?worksheet\b", self.xml)
        self.p = root[1] or "" if root else ""

    # cell formats ---------------------------------------------------------------

    def cell_styles(self, refs) -> dict[str, int]:
        """The s attribute of each of ``refs`` (0 when the cell is absent or unstyled)."""
        wanted, found = set(refs), {}
        for m in re.finditer(rf"<{self.p}c\b([^>]*?)/?>", self.xml):
            a = attrs(m[1])
            if a.get("r") in wanted:
                found[a["r"]] = int(a.get("s", 0))
        return {r: found.get(r, 0) for r in wanted}

    def set_styles(self, styles: dict[str, int]) -> None:
        """Give cells new formats, creating cells (and rows) that are not in the part yet."""
        todo = dict(styles)
        p = self.p

        def one(m: re.Match) -> str:
            a = attrs(m[1])
            ref = a.get("r")
            if ref not in todo:
                return m[0]
            s = todo.pop(ref)
            own = re.sub(r'\ss="\d*"', "", m[1])
            return f'<{p}c{own} s="{s}"{m[2]}>'

        self.xml = re.sub(rf"<{p}c\b([^>]*?)(/?)>", one, self.xml)
        for ref, s in sorted(todo.items(), key=lambda kv: _key(kv[0])):
            ns = f' xmlns="{NS_MAIN}"' if p else ""
            self._insert_cell(ref, f'<c{ns} r="{ref}" s="{s}"/>')

    def _insert_cell(self, ref: str, cell: str) -> None:
        p = self.p
        row0, col0 = parse_a1(ref)
        r = row0 + 1
        m = re.search(rf'<{p}row\b([^>]*?\br="{r}"[^>]*?)(/?)>', self.xml)
        if m:
            head = re.sub(r'\sspans="[^"]*"', "", m[1])
            if m[2]:
                self.xml = self.xml[: m.start()] + f"<{p}row{head}>{cell}</{p}row>" + self.xml[m.end() :]
                return
            end = self.xml.index(f"</{p}row>", m.end())
            body = self.xml[m.end() : end]
            pos = len(body)
            for c in re.finditer(rf'<{p}c\b[^>]*?\br="([A-Z]+)\d+"', body):
                if parse_a1(c[1] + "1")[1] > col0:
                    pos = c.start()
                    break
            body = body[:pos] + cell + body[pos:]
            self.xml = self.xml[: m.start()] + f"<{p}row{head}>" + body + self.xml[end:]
            return
        new_row = f'<{p}row r="{r}">{cell}</{p}row>'
        if re.search(rf"<{p}sheetData\s*/>", self.xml):
            self.xml = re.sub(rf"<{p}sheetData\s*/>", f"<{p}sheetData>{new_row}</{p}sheetData>", self.xml, count=1)
            return
        for later in re.finditer(rf'<{p}row\b[^>]*?\br="(\d+)"', self.xml):
            if int(later[1]) > r:
                self.xml = self.xml[: later.start()] + new_row + self.xml[later.start() :]
                return
        self.xml = self.xml.replace(f"</{p}sheetData>", new_row + f"</{p}sheetData>", 1)

    def unselect(self) -> None:
        self.xml = re.sub(r'(<(?:\w+:)?sheetView\b[^>]*?)\stabSelected="(?:1|true)"', r"\1", self.xml)

    # notes ----------------------------------------------------------------------

    def add_notes(self, notes: dict[str, str], block: int) -> int:
        """Add a note per cell; returns the VML id block used (so the next sheet takes another)."""
        rels = self.pkg.rels(self.part)
        comments = next((self.pkg.target(self.part, r) for r in rels if r.get("Type", "").endswith("/comments")), None)
        legacy = re.search(rf'<{self.p}legacyDrawing\b[^>]*?\br:id="([^"]+)"', self.xml) or re.search(
            rf'<{self.p}legacyDrawing\b[^>]*?:id="([^"]+)"', self.xml
        )
        vml = None
        if legacy:
            rel = next((r for r in rels if r.get("Id") == legacy[1]), None)
            vml = self.pkg.target(self.part, rel) if rel else None
        new_refs = self._comments(comments, notes)
        blocks = max(1, -(-(len(new_refs) + 1) // 1024))
        ids = [(block + 1) * 1024 + 1 + i for i in range(len(new_refs))]
        data = ",".join(str(block + 1 + i) for i in range(blocks))
        shapes = "".join(_shape(sid, *parse_a1(ref), z=i + 1) for i, (sid, ref) in enumerate(zip(ids, new_refs)))
        if vml is not None and vml in self.pkg:
            text = self.pkg.text(vml)
            if 'id="_x0000_t202"' not in text:  # the note shape type goes before any shape
                layout = text.find("</o:shapelayout>")
                at = layout + len("</o:shapelayout>") if layout >= 0 else text.find(">", text.find("<xml")) + 1
                text = text[:at] + _SHAPETYPE + text[at:]
            text = re.sub(r'(<o:idmap\b[^>]*data=")([^"]*)"', lambda m: f'{m[1]}{m[2]},{data}"', text, count=1)
            self.pkg.put(vml, text.replace("</xml>", shapes + "</xml>"))
        else:
            vml = self.pkg.free_name("xl/drawings/vmlDrawing{}.vml")
            self.pkg.put(vml, _vml(data, _SHAPETYPE + shapes))
            self.pkg.ensure_default("vml", CT_VML)
            rid = self.pkg.add_rel(self.part, "vmlDrawing", vml)
            self._insert_legacy(rid)
        return block + blocks

    def _comments(self, part: str | None, notes: dict[str, str]) -> list[str]:
        """Write the notes into the sheet's comments part; the refs that got a new comment."""
        order = sorted(notes, key=_key)
        if part is None or part not in self.pkg:
            body = "".join(_comment(ref, notes[ref], 0) for ref in order)
            part = self.pkg.free_name("xl/comments{}.xml")
            self.pkg.put(
                part,
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                f'<comments xmlns="{NS_MAIN}"><authors><author>{AUTHOR}</author></authors>'
                f"<commentList>{body}</commentList></comments>",
            )
            self.pkg.add_content_type(part, CT_COMMENTS)
            self.pkg.add_rel(self.part, "comments", part)
            return order
        text = self.pkg.text(part)
        root = re.search(r"<(\w+:)?comments\b", text)
        if root is None:  # was a TypeError on None; say what is wrong with the part instead
            raise ValueError(f"{part} has no <comments>")
        p = root[1] or ""
        authors = len(re.findall(rf"<{p}author[\s>]", text))
        ns = f' xmlns="{NS_MAIN}"' if p else ""
        text = text.replace(f"</{p}authors>", f"<author{ns}>{AUTHOR}</author></{p}authors>", 1)
        existing = set(re.findall(rf'<{p}comment\b[^>]*?\bref="([A-Z]+\d+)"', text))
        for ref in order:
            if ref in existing:  # add our text to the user's own note
                pat = re.compile(rf'(<{p}comment\b[^>]*?\bref="{ref}".*?)(</{p}text>)', re.DOTALL)
                m = pat.search(text)
                if m is not None:
                    text = text[: m.start()] + m[1] + _runs(notes[ref], "\n\n", ns) + m[2] + text[m.end() :]
        new = [ref for ref in order if ref not in existing]
        text = text.replace(
            f"</{p}commentList>",
            "".join(_comment(ref, notes[ref], authors, ns) for ref in new) + f"</{p}commentList>",
            1,
        )
        self.pkg.put(part, text)
        return new

    def _insert_legacy(self, rid: str) -> None:
        ns = f' xmlns="{NS_MAIN}"' if self.p else ""
        element = f'<legacyDrawing{ns} xmlns:r="{NS_R}" r:id="{rid}"/>'
        for tag in _AFTER_LEGACY:
            m = re.search(rf"<{self.p}{tag}\b", self.xml)
            if m:
                self.xml = self.xml[: m.start()] + element + self.xml[m.start() :]
                return
        self.xml = self.xml.replace(f"</{self.p}worksheet>", element + f"</{self.p}worksheet>")

    def save(self) -> None:
        self.pkg.put(self.part, self.xml)


def _runs(text: str, lead: str = "", ns: str = "") -> str:
    """Two rich-text runs: the author in bold, then the text; ``ns`` declares the namespace when prefixed."""
    return (
        f'<r{ns}>{_BOLD}<t xml:space="preserve">{esc(lead)}{AUTHOR}:</t></r>'
        f'<r{ns}>{_RUN}<t xml:space="preserve">\n{esc(text)}</t></r>'
    )


def _comment(ref: str, text: str, author: int, ns: str = "") -> str:
    return f'<comment{ns} ref="{ref}" authorId="{author}"><text>{_runs(text)}</text></comment>'


def _vml(data: str, shapes: str) -> str:
    return (
        '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:x="urn:schemas-microsoft-com:office:excel">'
        f'<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="{data}"/></o:shapelayout>{shapes}</xml>'
    )


def _shape(shape_id: int, row: int, col: int, z: int) -> str:
    anchor = f"{col + 1}, 15, {max(row - 1, 0)}, 10, {col + 5}, 15, {row + 6}, 4"
    return (
        f'<v:shape id="_x0000_s{shape_id}" type="#_x0000_t202" style="position:absolute;margin-left:59.25pt;'
        f'margin-top:1.5pt;width:240pt;height:96pt;z-index:{z};visibility:hidden" fillcolor="#ffffe1" '
        'o:insetmode="auto"><v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/>'
        '<v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto">'
        '<div style="text-align:left"></div></v:textbox><x:ClientData ObjectType="Note"><x:MoveWithCells/>'
        f"<x:SizeWithCells/><x:Anchor>{anchor}</x:Anchor><x:AutoFill>False</x:AutoFill>"
        f"<x:Row>{row}</x:Row><x:Column>{col}</x:Column></x:ClientData></v:shape>"
    )


__all__ = ["SheetNotes", "vml_blocks"]
