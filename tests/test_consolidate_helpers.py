"""Builders for consolidation tests: submissions in an inbox and every kind of bad file (no tests here)."""

from __future__ import annotations

import io
import re
import shutil
import struct
import zipfile
from pathlib import Path

import xlsxwriter

from toolkit.files import safe_name


def submission(make_workbook, seed, name="Horsens", *, form=None, results=None, tables=None):
    """A valid submission workbook for ``name`` (pre-filled like the secretariat's), with overrides."""
    f, tb = seed("submission")
    f.update({"municipality": name, "contact_email": f"erhverv@{safe_name(name).lower()}.dk"})
    f.update(form or {})
    for row, changes in (results or {}).items():
        tb["tblResults"][row].update(changes)
    tb.update(tables or {})
    return make_workbook("submission", f, tb, municipality=name)


def drop(cfg, source: Path | bytes, name: str) -> Path:
    """Put a file into the (first) inbox under ``name``."""
    inbox = cfg.inbox[0]
    inbox.mkdir(parents=True, exist_ok=True)
    target = inbox / name
    if isinstance(source, bytes):
        target.write_bytes(source)
    else:
        shutil.copyfile(source, target)
    return target


def rezip(data: bytes, change) -> bytes:
    """The workbook with its parts passed through ``change(name, bytes) -> bytes | None`` (None drops it)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = change(info.filename, src.read(info))
            if body is not None:
                dst.writestr(info.filename, body)
    return out.getvalue()


def with_saved_at(data: bytes, iso: str) -> bytes:
    """The workbook as if Excel had last saved it at ``iso`` (docProps/core.xml dcterms:modified)."""

    def change(name, body):
        if name == "docProps/core.xml":
            return re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + iso.encode(), body)
        return body

    return rezip(data, change)


def with_macros(data: bytes) -> bytes:
    """The workbook as an .xlsm with a VBA project (never run by the toolkit)."""

    def change(name, body):
        if name == "[Content_Types].xml":
            body = body.replace(b"sheet.main+xml", b"sheet.macroEnabled.main+xml")
            return body.replace(
                b"</Types>", b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>'
            )
        return body

    out = io.BytesIO(rezip(data, change))
    with zipfile.ZipFile(out, "a") as z:
        z.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + b"Attribute VB_Name")
    return out.getvalue()


def with_meta(data: bytes, key: str, value: str) -> bytes:
    """The workbook with one value of its hidden _meta sheet changed (e.g. another template version)."""
    wb = xlsxwriter_strings(data)

    def change(name, body):
        if name == "xl/sharedStrings.xml":
            return body.replace(f"<t>{wb[key]}</t>".encode(), f"<t>{value}</t>".encode(), 1)
        return body

    return rezip(data, change)


def xlsxwriter_strings(data: bytes) -> dict[str, str]:
    """The _meta key -> value pairs as strings (for with_meta)."""
    import python_calamine

    book = python_calamine.load_workbook(io.BytesIO(data))
    return {str(r[0]): str(r[1]) for r in book.get_sheet_by_name("_meta").to_python() if len(r) >= 2}


def truncated(data: bytes) -> bytes:
    return data[: len(data) // 2]


def encrypted() -> bytes:
    """What a password-protected workbook looks like: an OLE container with an EncryptionInfo stream."""
    head = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    return head + "EncryptionInfo".encode("utf-16-le") + b"\0" * 1024


def old_xls() -> bytes:
    """An OLE container without encryption: a Excel 97-2003 .xls file."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "Workbook".encode("utf-16-le") + b"\0" * 1024


def not_ours() -> bytes:
    """A proper workbook that was not made from our templates."""
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    wb.add_worksheet("Ark1").write(0, 0, "Hej")
    wb.close()
    return buf.getvalue()


def zip_bomb(mb: int) -> bytes:
    """A workbook whose shared strings unpack to ``mb`` MB (declared honestly in the zip)."""
    return rezip(
        not_ours(),
        lambda name, body: (
            body.replace(b"<t>Hej</t>", b"<t>" + b"A" * (mb << 20) + b"</t>")
            if name == "xl/sharedStrings.xml"
            else body
        ),
    )


def lying_zip_bomb(mb: int, declared: int = 100) -> bytes:
    """A zip bomb whose headers claim the big part unpacks to ``declared`` bytes."""
    return lie_about_size(zip_bomb(mb), declared)


def lie_about_size(bomb: bytes, declared: int) -> bytes:
    """``bomb`` with the shared strings' uncompressed size in both zip headers set to ``declared``."""
    data = bytearray(bomb)
    name = b"xl/sharedStrings.xml"
    for sig, size_at, name_at, length_at in ((b"PK\x01\x02", 24, 46, 28), (b"PK\x03\x04", 22, 30, 26)):
        i = 0
        while (i := data.find(sig, i)) >= 0:
            n = struct.unpack_from("<H", data, i + length_at)[0]
            if data[i + name_at : i + name_at + n] == name:
                struct.pack_into("<I", data, i + size_at, declared)
            i += 4
    return bytes(data)


def dimension_bomb(declared: bool = True) -> bytes:
    """5 KB that asks the reader for a grid of 17 billion cells (one value in XFD1048576).

    ``declared=False`` also removes the sheet's <dimension> element, as a crafted file would.
    """
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    ws = wb.add_worksheet("Ark1")
    ws.write(0, 0, "x")
    ws.write(1048575, 16383, 1)
    wb.close()
    data = buf.getvalue()
    if not declared:
        data = rezip(
            data,
            lambda name, body: re.sub(rb"<dimension [^>]*/>", b"", body) if name.startswith("xl/worksheets/") else body,
        )
    return data


def far_cell(data: bytes, sheet: str = "_meta", declared: bool = True) -> bytes:
    """The workbook with one value added in XFD1048576 of ``sheet``: a grid of 17 billion cells.

    With ``declared`` the sheet's <dimension> says so (as Excel writes it); without, the
    element is removed, as a crafted file would do.
    """
    from toolkit.adapters.excel.ooxml import Package, sheet_parts

    part = sheet_parts(Package(data))[sheet]

    def change(name, body):
        if name != part:
            return body
        body = body.replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>')
        body = re.sub(rb"<dimension [^>]*/>", b'<dimension ref="A1:XFD1048576"/>' if declared else b"", body)
        return body

    return rezip(data, change)


def with_error_value(path: Path, sheet: str, cell: str, error: str = "#DIV/0!") -> bytes:
    """The workbook with an Excel error value (as a formula leaves it) in one cell."""
    import openpyxl

    wb = openpyxl.load_workbook(path)
    wb[sheet][cell] = error
    assert wb[sheet][cell].data_type == "e"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def write_config(tmp_path, cfg) -> str:
    """A config.ini in ``tmp_path`` with cfg's settings and folders inside ``tmp_path``."""
    lines = [
        "[general]",
        f"language = {cfg.language}",
        f"region = {cfg.region}",
        f"fiscal_year = {cfg.fiscal_year}",
        f"currency = {cfg.currency}",
        f"deadline = {cfg.deadline.isoformat()}",
        "[paths]",
        "inbox = inbox",
        "archive = archive",
        "output = output",
        "ledger = output/ledger.sqlite",
        "[limits]",
        "settle_seconds = 0",
        "[split]",
        f"total = {cfg.split_total}",
        f"unit = {cfg.split_unit}",
        f"periods = {cfg.split_periods}",
        "[municipalities]",
        *(f"{k} = {v}" for k, v in cfg.municipalities.items()),
        "[contacts]",
        *(f"{k} = {v}" for k, v in cfg.contacts.items()),
    ]
    if cfg.ledger_url:  # a PostgreSQL ledger (the backend-parametrised tests)
        lines += ["[ledger]", f"url = {cfg.ledger_url}"]
    path = tmp_path / "config.ini"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)
