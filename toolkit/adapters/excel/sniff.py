"""Recognise what a file is before any parser touches it, and refuse what we must not open."""
from __future__ import annotations

from pathlib import Path

from toolkit.errors import ReadError
from toolkit.adapters.excel.guard import MAX_CELLS, open_workbook
from toolkit.adapters.excel.zipdir import WorkbookZip
from toolkit.adapters.excel.entries import read_regular
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
        "da": "{file}: arket '{sheet}' har en værdi helt ude i celle {cell}, så det spænder over {ref} ({cells} celler) og læses ikke. Slet indholdet af {cell} og af rækker og kolonner langt fra dataene, gem og send igen.",
        "nb": "{file}: arket '{sheet}' har en verdi helt ute i celle {cell}, så det spenner over {ref} ({cells} celler) og leses ikke. Slett innholdet i {cell} og i rader og kolonner langt fra dataene, lagre og send igjen.",
        "en": "{file}: the sheet '{sheet}' has a value far out in cell {cell}, so it spans {ref} ({cells} cells) and is not read. Delete what is in {cell} and in rows and columns far from the data, save and send it again."},
    "read.zip_bomb": {"da": "{file}: indholdet ville fylde over {limit} MB udpakket og læses ikke.",
                      "nb": "{file}: innholdet ville bli over {limit} MB utpakket og leses ikke.",
                      "en": "{file}: its contents would take more than {limit} MB unpacked and are not read."},
})

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


def check_bytes(data: bytes, name: str, *, max_uncompressed_mb: int = 300) -> WorkbookZip:
    """The workbook's zip, opened, when the bytes look like an OOXML workbook within limits."""
    if not data:
        raise ReadError("read.empty", file=name)
    if data.startswith(_OLE_MAGIC):
        if _ENCRYPTION_INFO in data[:65536] or _ENCRYPTION_INFO in data:
            raise ReadError("read.encrypted", file=name)
        raise ReadError("read.old_xls", file=name)
    if not data.startswith(b"PK"):
        raise ReadError("read.not_workbook", file=name)
    return open_workbook(data, name, max_uncompressed_mb=max_uncompressed_mb)


__all__ = ["MAX_CELLS", "check_bytes", "check_file", "read_bytes"]
