"""Look inside a workbook's zip before calamine does: parts and their real sizes, each sheet's real extent, macros, links.

Everything here reads the zip opened once (zipdir.WorkbookZip) and the XML namespace-aware
(xmlread, sheetscan); calamine is then handed the very bytes that were looked at.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import zipfile
import zlib
from collections import defaultdict
from dataclasses import dataclass
from xml.etree.ElementTree import ParseError
from xml.parsers.expat import ExpatError

from toolkit.adapters.excel import xmlread
from toolkit.adapters.excel.ooxml import Package, workbook_part
from toolkit.adapters.excel.sheetscan import BadReference, SheetScan, scan_part
from toolkit.adapters.excel.zipdir import TooLarge, WorkbookZip
from toolkit.errors import ReadError

# Grid size the reader may build for one sheet; the templates use a few thousand cells.
MAX_CELLS = 2_000_000
_NS_DCTERMS = "http://purl.org/dc/terms/"
# Parts calamine inflates when it opens a workbook (before any sheet).
_LOADED = ("xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/sharedstrings.xml", "xl/styles.xml")
# A part that is not as declared, or XML that can't be read.
DAMAGE = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    EOFError,
    ValueError,
    KeyError,
    OSError,
    NotImplementedError,
    RuntimeError,
    ExpatError,
    ParseError,
    zlib.error,
)


@dataclass
class ZipFacts:
    """What the zip says about a workbook without reading its cells (read-only)."""

    saved_at: dt.datetime | None = None  # dcterms:modified, set by Excel on every save
    macros: bool = False  # xl/vbaProject.bin present
    external_links: int = 0  # xl/externalLinks/*
    embedded: int = 0  # xl/embeddings/*, ActiveX controls


def open_workbook(data: bytes, name: str, *, max_uncompressed_mb: int) -> WorkbookZip:
    """The workbook's zip, opened, when it is one whose parts every reader sees alike, within the limit.

    ReadError: read.corrupt (not a zip, parts named twice, bytes before the zip, a part not as
    declared), read.not_workbook, read.zip_bomb.
    """
    budget = max_uncompressed_mb * 1024 * 1024
    try:
        wz = WorkbookZip(data, budget=budget)
    except DAMAGE as exc:
        raise ReadError("read.corrupt", file=name, detail=str(exc)[:80]) from None
    try:
        names = set(wz.names)
        if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
            raise ReadError("read.not_workbook", file=name)
        # zipfile and calamine's zip reader may pick different parts for a name given twice, or count
        # offsets differently when something precedes the zip: such files are refused, not guessed.
        if len(names) != len(wz.names):
            raise ReadError("read.corrupt", file=name, detail="a part is named twice")
        if min(i.header_offset for i in wz.infos) != 0:
            raise ReadError("read.corrupt", file=name, detail="data before the first part")
        if sum(i.file_size for i in wz.infos) > budget:
            raise ReadError("read.zip_bomb", file=name, limit=max_uncompressed_mb)
        wz.verify([n for n in wz.names if n.lower() in _LOADED])  # calamine parses these at once
        wz.bound()
    except ReadError:
        wz.close()
        raise
    except TooLarge:
        wz.close()
        raise ReadError("read.zip_bomb", file=name, limit=max_uncompressed_mb) from None
    except DAMAGE as exc:
        wz.close()
        raise ReadError("read.corrupt", file=name, detail=str(exc)[:80]) from None
    return wz


def inspect(wz: WorkbookZip) -> ZipFacts:
    """Facts about the workbook's parts; a part that can't be read leaves its fact unknown."""
    facts = ZipFacts()
    for name in wz.names:
        if name.lower().endswith("vbaproject.bin"):
            facts.macros = True
        if name.startswith("xl/externalLinks/"):
            facts.external_links += name.endswith(".xml")
        elif name.startswith(("xl/embeddings/", "xl/activeX/")):
            facts.embedded += not name.endswith(".rels")
    if "docProps/core.xml" in wz:
        try:
            facts.saved_at = _saved_at(xmlread.parse(wz.read("docProps/core.xml")))
        except (*DAMAGE, TooLarge):
            pass
    return facts


def _saved_at(root) -> dt.datetime | None:
    found = root.find(f"{{{_NS_DCTERMS}}}modified")
    if found is None or not (found.text or "").strip():
        return None
    try:
        value = dt.datetime.fromisoformat(found.text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)


class SheetGuard:
    """Scans a sheet's part before calamine builds it: refuses a grid past MAX_CELLS, keeps the scan.

    calamine finds a sheet's part through the workbook's relationships as we do, but joins the
    target as written and matches part names case-insensitively, and takes the first of two sheets
    of one name: every part it could take is scanned.
    """

    def __init__(self, wz: WorkbookZip, file_name: str, max_cells: int = MAX_CELLS):
        self.wz, self.file_name, self.max_cells = wz, file_name, max_cells
        self.package = Package(wz.data, wz)  # shared with the reader: each part read and parsed once
        self._candidates: dict[str, list[str]] | None = None
        self._scans: dict[str, SheetScan] = {}

    def scan(self, sheet: str) -> SheetScan:
        """The scan of ``sheet``'s part (empty when it has none); ReadError when it must not be read."""
        if sheet not in self._scans:
            found = None
            for part in self.candidates().get(sheet, ()):
                scan = self._scan_part(sheet, part)
                found = found or scan
            self._scans[sheet] = found or SheetScan()
        return self._scans[sheet]

    def candidates(self) -> dict[str, list[str]]:
        """Sheet name -> the parts calamine or we could read for it, ours first."""
        if self._candidates is None:
            try:
                self._candidates = self._find_candidates()
            except (*DAMAGE, TooLarge) as exc:
                raise self._damaged(exc) from None
        return self._candidates

    def _find_candidates(self) -> dict[str, list[str]]:
        pkg = self.package
        book = workbook_part(pkg)
        rels = {r["Id"]: r.get("Target", "") for r in pkg.rels(book) if "Id" in r}
        by_lower = defaultdict(list)
        for name in self.wz.names:
            by_lower[name.lower()].append(name)
        out: dict[str, list[str]] = defaultdict(list)
        root = xmlread.parse(pkg.raw(book))
        for element in root.iter():
            if xmlread.local(element.tag) != "sheet":
                continue
            sheet = element.get("name")
            target = rels.get(xmlread.attr(element, "id", (xmlread.NS_R, xmlread.NS_R_STRICT)) or "")
            if sheet is None or target is None:
                continue
            theirs = target[1:] if target.startswith("/") else "xl/" + target
            for path in (pkg.target(book, {"Target": target}), posixpath.normpath(theirs), theirs):
                for part in [path] if path in self.wz else by_lower.get(path.lower(), []):
                    if part not in out[sheet]:
                        out[sheet].append(part)
        return out

    def _scan_part(self, sheet: str, part: str) -> SheetScan:
        try:
            scan = scan_part(self.wz.chunks(part), self.wz.zip.getinfo(part).file_size)
        except TooLarge:
            raise ReadError("read.zip_bomb", file=self.file_name, limit=self.wz.budget >> 20) from None
        except (*DAMAGE, BadReference) as exc:
            raise self._damaged(exc) from None
        if scan.grid_cells > self.max_cells:
            raise ReadError(
                "read.too_many_cells",
                file=self.file_name,
                sheet=sheet,
                cell=scan.far_cell,
                ref=f"A1:{scan.far_cell}",
                cells=f"{scan.grid_cells:,}".replace(",", "."),
            )
        return scan

    def _damaged(self, exc: Exception) -> ReadError:
        return ReadError("read.corrupt", file=self.file_name, detail=f"{type(exc).__name__}: {str(exc)[:80]}")
