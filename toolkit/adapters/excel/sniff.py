"""Recognise what a file is before any parser touches it, and refuse what we must not open."""
from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

from toolkit.errors import ReadError
from toolkit.adapters.excel.entries import read_regular
from toolkit.adapters.excel.guard import inspect
from toolkit.adapters.excel.zipdir import ZipBytes, directory
from toolkit.i18n import register

register({
    "read.missing": {"da": "{file}: filen findes ikke (længere).", "nb": "{file}: filen finnes ikke (lenger).",
                     "en": "{file}: the file does not exist (any more)."},
    "read.empty": {"da": "{file}: filen er tom (0 byte). Gem projektmappen igen i Excel og send den på ny.",
                   "nb": "{file}: filen er tom (0 byte). Lagre arbeidsboken på nytt i Excel og send den igjen.",
                   "en": "{file}: the file is empty (0 bytes). Save the workbook again in Excel and resend it."},
    "read.too_large": {"da": "{file}: filen fylder {size} MB; grænsen er {limit} MB. Fjern billeder eller ekstra ark.",
                       "nb": "{file}: filen er {size} MB; grensen er {limit} MB. Fjern bilder eller ekstra ark.",
                       "en": "{file}: the file is {size} MB; the limit is {limit} MB. Remove pictures or extra sheets."},
    "read.encrypted": {"da": "{file}: projektmappen er beskyttet med adgangskode og kan ikke læses. Fjern adgangskoden (Filer > Oplysninger > Beskyt projektmappe) og send den igen.",
                       "nb": "{file}: arbeidsboken er beskyttet med passord og kan ikke leses. Fjern passordet (Fil > Info > Beskytt arbeidsbok) og send den igjen.",
                       "en": "{file}: the workbook is password-protected and can't be read. Remove the password (File > Info > Protect Workbook) and resend it."},
    "read.old_xls": {"da": "{file}: er en gammel .xls-fil. Udfyld den skabelon, du fik tilsendt (.xlsx eller .xlsm).",
                     "nb": "{file}: er en gammel .xls-fil. Fyll ut malen du fikk tilsendt (.xlsx eller .xlsm).",
                     "en": "{file}: is an old .xls file. Fill in the template you were sent (.xlsx or .xlsm)."},
    "read.not_workbook": {"da": "{file}: er ikke en Excel-projektmappe. Send den udfyldte skabelon (.xlsx eller .xlsm).",
                          "nb": "{file}: er ikke en Excel-arbeidsbok. Send den utfylte malen (.xlsx eller .xlsm).",
                          "en": "{file}: is not an Excel workbook. Send the filled template (.xlsx or .xlsm)."},
    "read.corrupt": {"da": "{file}: projektmappen er beskadiget eller ufuldstændig ({detail}). Gem den igen i Excel og send den på ny.",
                     "nb": "{file}: arbeidsboken er skadet eller ufullstendig ({detail}). Lagre den på nytt i Excel og send den igjen.",
                     "en": "{file}: the workbook is damaged or incomplete ({detail}). Save it again in Excel and resend it."},
    "read.too_many_cells": {
        "da": "{file}: arket '{sheet}' spænder over {ref} ({cells} celler) og læses ikke. Slet de tomme rækker og kolonner under og til højre for dataene, gem og send igen.",
        "nb": "{file}: arket '{sheet}' spenner over {ref} ({cells} celler) og leses ikke. Slett de tomme radene og kolonnene under og til høyre for dataene, lagre og send igjen.",
        "en": "{file}: the sheet '{sheet}' spans {ref} ({cells} cells) and is not read. Delete the empty rows and columns below and right of the data, save and send it again."},
    "read.zip_bomb": {"da": "{file}: indholdet ville fylde over {limit} MB udpakket og læses ikke.",
                      "nb": "{file}: innholdet ville bli over {limit} MB utpakket og leses ikke.",
                      "en": "{file}: its contents would take more than {limit} MB unpacked and are not read."},
})

# Grid size the reader may build for one sheet; the templates use a few thousand cells.
MAX_CELLS = 2_000_000
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")


def read_bytes(path: Path, *, max_file_mb: int = 50) -> bytes:
    """The file's bytes, refusing a missing or too large file before reading it, and a pipe or device
    without opening it for reading (it would block)."""
    name = path.name
    limit = max_file_mb * 1024 * 1024
    try:
        data, st = read_regular(path, limit)
    except FileNotFoundError:
        raise ReadError("read.missing", file=name) from None
    if st.st_size > limit or len(data) > limit:
        size = max(st.st_size, len(data))
        raise ReadError("read.too_large", file=name, size=round(size / 2**20, 1), limit=max_file_mb)
    return data


def check_file(path: Path, *, max_file_mb: int = 50, max_uncompressed_mb: int = 300) -> bytes:
    """The file's bytes if it looks like an OOXML workbook within limits; ReadError otherwise."""
    data = read_bytes(path, max_file_mb=max_file_mb)
    check_bytes(data, path.name, max_uncompressed_mb=max_uncompressed_mb).close()
    return data


def check_bytes(data: bytes, name: str, *, max_uncompressed_mb: int = 300) -> ZipBytes:
    """The workbook's zip, opened, when the bytes look like an OOXML workbook within limits."""
    if not data:
        raise ReadError("read.empty", file=name)
    if data.startswith(_OLE_MAGIC):
        if _ENCRYPTION_INFO in data[:65536] or _ENCRYPTION_INFO in data:
            raise ReadError("read.encrypted", file=name)
        raise ReadError("read.old_xls", file=name)
    if not data.startswith(b"PK"):
        raise ReadError("read.not_workbook", file=name)
    found = _directory(data)
    if found is not None and found.plain:  # zipfile would list the same parts: spare opening it
        zf = ZipBytes(data, found)
        names, declared = found.entries, sum(e.size for e in found.entries.values())
    else:
        try:
            zf = ZipBytes(data, zf=zipfile.ZipFile(io.BytesIO(data)))
            infos = zf.infolist()
            names, declared = {i.filename for i in infos}, sum(i.file_size for i in infos)
        except (zipfile.BadZipFile, EOFError, ValueError) as exc:
            raise ReadError("read.corrupt", file=name, detail=str(exc)[:80]) from None
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise ReadError("read.not_workbook", file=name)
    # Declared sizes are checked before anything is inflated; the reader also caps actual reads.
    if declared > max_uncompressed_mb * 1024 * 1024:
        raise ReadError("read.zip_bomb", file=name, limit=max_uncompressed_mb)
    # A sheet declaring a huge grid makes the reader allocate it whole (and abort the process).
    facts = inspect(data, max_cells=MAX_CELLS)
    if facts is not None and facts.oversized:
        sheet, ref, cells = facts.oversized[0]
        raise ReadError("read.too_many_cells", file=name, sheet=sheet, ref=ref, cells=f"{cells:,}".replace(",", "."))
    return zf


def _directory(data: bytes):
    try:
        return directory(data)
    except struct.error:  # a directory running past the end: zipfile says what is wrong
        return None
