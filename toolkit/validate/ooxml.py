"""Zip-level surgery on an .xlsx/.xlsm: every part copied unchanged except the few we must touch."""
from __future__ import annotations

import io
import posixpath
import re
import zipfile
from html import escape as _escape, unescape

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
CT_SHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
CT_COMMENTS = "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"
CT_VML = "application/vnd.openxmlformats-officedocument.vmlDrawing"

_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ATTR = re.compile(r'([\w:]+)\s*=\s*"([^"]*)"')
_REL = re.compile(r"<Relationship\b[^>]*?/?>")


def esc(text: str) -> str:
    """Text made safe for XML content and attributes (control characters dropped)."""
    return _escape(_BAD_XML.sub("", text), quote=True)


def attrs(tag: str) -> dict[str, str]:
    return {k: unescape(v) for k, v in _ATTR.findall(tag)}


class Package:
    """The parts of a zip package; reads lazily, remembers what changed and what is new."""

    def __init__(self, data: bytes):
        self.zip = zipfile.ZipFile(io.BytesIO(data))
        self.names = [i.filename for i in self.zip.infolist()]
        self._text: dict[str, str] = {}
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

    def put(self, name: str, text: str) -> None:
        data = text.encode("utf-8")
        if name in self.names:
            self.changed[name] = data
            self._text[name] = text
        else:
            self.added[name] = data

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
                zf.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data,
                            compress_type=zipfile.ZIP_DEFLATED)
        return out.getvalue()

    # relationships ------------------------------------------------------------

    @staticmethod
    def rels_path(part: str) -> str:
        folder, name = posixpath.split(part)
        return posixpath.join(folder, "_rels", name + ".rels")

    def rels(self, part: str) -> list[dict[str, str]]:
        path = self.rels_path(part)
        if path not in self:
            return []
        return [attrs(m) for m in _REL.findall(self.text(path))]

    def target(self, part: str, rel: dict[str, str]) -> str:
        """A relationship's target as a part name."""
        t = rel.get("Target", "")
        if t.startswith("/"):
            return t.lstrip("/")
        return posixpath.normpath(posixpath.join(posixpath.dirname(part), t))

    def add_rel(self, part: str, rel_type: str, target_part: str) -> str:
        """Add a relationship from ``part`` to ``target_part``; returns its Id."""
        path = self.rels_path(part)
        text = self.text(path) if path in self else (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>')
        ids = {r.get("Id") for r in (attrs(m) for m in _REL.findall(text))}
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
        text = re.sub(r"(<Types\b[^>]*>)", rf'\1<Default Extension="{extension}" ContentType="{content_type}"/>', text, 1)
        self.put("[Content_Types].xml", text)


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
        self.xml = self.xml[:m.start()] + new + self.xml[m.end():]
        return index

    def add_font(self, element: str) -> int:
        return self._append("fonts", "font", element)

    def add_fill(self, rgb: str) -> int:
        return self._append("fills", "fill", f'<fill><patternFill patternType="solid"><fgColor rgb="{rgb}"/>'
                                              f'<bgColor indexed="64"/></patternFill></fill>')

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
            base = xfs[xf_index] if 0 <= xf_index < len(xfs) else '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
            m = re.match(r"<xf\b([^>]*?)(/?)>(.*)", base, re.DOTALL)
            own = re.sub(r'\s(fillId|applyFill)="[^"]*"', "", m[1])
            element = f'<xf{own} fillId="{fill_id}" applyFill="1"' + ("/>" if m[2] else ">" + m[3])
            self._clones[key] = self.add_xf(element)
        return self._clones[key]
