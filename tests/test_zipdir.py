"""A workbook's zip, opened once with zipfile (toolkit.adapters.excel.zipdir, guarded by sniff.check_bytes): parts read as
zipfile reads them, real sizes counted, and every damage a clear ReadError, never another exception."""

from __future__ import annotations

import io
import struct
import tracemalloc
import zipfile
import zlib
from pathlib import Path

import pytest
from test_consolidate_helpers import dimension_bomb, lie_about_size, not_ours, rezip, zip_bomb

from toolkit.adapters.excel import sniff
from toolkit.adapters.excel.ooxml import Package, sheet_parts
from toolkit.adapters.excel.read import read_workbook
from toolkit.adapters.excel.zipdir import NotAsDeclared, TooLarge, WorkbookZip
from toolkit.errors import ReadError

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = sorted((ROOT / "workbook_templates").glob("*.xls[xm]"))
READ_KEYS = {"read.corrupt", "read.not_workbook", "read.zip_bomb", "read.not_ours", "read.meta_deleted"}


def _central(data: bytes, name: bytes, at: int, fmt: str, value) -> bytes:
    """``data`` with one field of ``name``'s central directory header set to ``value``."""
    out = bytearray(data)
    i = 0
    while (i := out.find(b"PK\x01\x02", i)) >= 0:
        (n,) = struct.unpack_from("<H", out, i + 28)
        if out[i + 46 : i + 46 + n] == name:
            struct.pack_into(fmt, out, i + at, value)
        i += 4
    return bytes(out)


def _variants(data: bytes) -> dict[str, bytes]:
    """A workbook, damaged in the ways a reader must notice (or must not mind)."""
    sheet = b"xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        info = zf.getinfo(sheet.decode())
        first, second = zf.infolist()[:2]
    at = data.find(sheet)  # the first copy of the name is the local header's
    return {
        "as is": data,
        "crc": _central(data, sheet, 16, "<I", info.CRC ^ 1),
        "size smaller": _central(data, sheet, 24, "<I", info.file_size - 5),
        "size larger": _central(data, sheet, 24, "<I", info.file_size + 5),
        "size zero": _central(data, sheet, 24, "<I", 0),
        "compressed smaller": _central(data, sheet, 20, "<I", 10),
        "stored": _central(data, sheet, 10, "<H", 0),
        "bzip2": _central(data, sheet, 10, "<H", 12),
        "encrypted": _central(data, sheet, 8, "<H", 1),
        "newer version": _central(data, sheet, 6, "<H", 64),
        "offset": _central(data, sheet, 42, "<I", 3),
        "local name": data[:at] + sheet.upper() + data[at + len(sheet) :],
        "prepended": b"PK\x03\x04 junk" + data,
        "appended": data + b"\0" * 7,
        "comment": data[:-2] + struct.pack("<H", 5) + b"PK\x05\x06",
        "zip64 locator": data[:-42] + b"PK\x06\x07" + data[-38:],
        "truncated": data[:-30],
        "count short": data[:-12] + struct.pack("<H", data[-12] + 256 * data[-11] - 1) + data[-10:],
        "duplicate": _with_duplicate(data, sheet.decode()),
        "extra field": _with_extra(data),
        "overlapping": _central(data, second.filename.encode(), 42, "<I", first.header_offset),
        "unicode path field": _with_unicode_path(data),
    }


def _with_duplicate(data: bytes, name: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info))
        with pytest.warns(UserWarning):
            dst.writestr(name, b"<worksheet/>")
    return out.getvalue()


def _with_extra(data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            new = zipfile.ZipInfo(info.filename, info.date_time)
            new.extra = b"UT\x05\x00\x01\x00\x00\x00\x00"  # an extended timestamp, as many zippers add
            dst.writestr(new, src.read(info), zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _with_unicode_path(data: bytes) -> bytes:
    """Newer zipfile takes a part's name from a Unicode path field (0x7075) when there is one."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            new = zipfile.ZipInfo(info.filename, info.date_time)
            if info.filename == "xl/workbook.xml":
                new.extra = struct.pack("<HHBL", 0x7075, 5 + 5, 1, zlib.crc32(b"xl/workbook.xml")) + b"other"
            dst.writestr(new, src.read(info), zipfile.ZIP_DEFLATED)
    return out.getvalue()


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.name)
def test_every_part_of_every_template_reads_as_zipfile_reads_it(path):
    data = path.read_bytes()
    with sniff.check_bytes(data, path.name) as wz, zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert wz.namelist() == zf.namelist()
        for name in zf.namelist():
            assert wz.read(name) == zf.read(name)
            assert b"".join(wz.chunks(name)) == zf.read(name)
        assert sheet_parts(Package(data, wz)) == sheet_parts(Package(data))


@pytest.mark.parametrize("variant", list(_variants(TEMPLATES[0].read_bytes())))
def test_a_damaged_zip_is_read_as_zipfile_reads_it_or_refused_with_a_reason(variant, tmp_path):
    """Whatever the damage: the workbook is read, or a ReadError says why; never another exception, and
    never other bytes than zipfile gives for a part."""
    data = _variants(TEMPLATES[0].read_bytes())[variant]
    try:
        wz = sniff.check_bytes(data, "x.xlsx")
    except ReadError as exc:
        assert exc.key in READ_KEYS, exc.key
        return
    with wz, zipfile.ZipFile(io.BytesIO(data)) as zf:
        for name in zf.namelist():
            try:
                mine = wz.read(name)
            except (zipfile.BadZipFile, EOFError, NotImplementedError, RuntimeError, ValueError):
                continue  # refused: the reader turns it into read.corrupt
            assert mine == zf.read(name), name
    try:
        read_workbook(tmp_path / "x.xlsx", data=data)
    except ReadError as exc:
        assert exc.key in READ_KEYS | {"read.unknown_kind"}, exc.key


@pytest.mark.parametrize(
    "variant, key",
    [
        ("duplicate", "read.corrupt"),
        ("prepended", "read.corrupt"),
        ("bzip2", "read.corrupt"),
        ("truncated", "read.corrupt"),
    ],
)
def test_what_two_readers_could_read_differently_is_refused(variant, key, tmp_path):
    data = _variants(TEMPLATES[0].read_bytes())[variant]
    with pytest.raises(ReadError) as err:
        read_workbook(tmp_path / "x.xlsx", data=data)
    assert err.value.key == key


@pytest.mark.parametrize("variant", ["as is", "extra field", "appended"])
def test_harmless_differences_still_read(variant, tmp_path):
    data = _variants(TEMPLATES[0].read_bytes())[variant]
    assert read_workbook(tmp_path / "x.xlsx", data=data).kind


@pytest.mark.parametrize(
    "bomb, key", [("honest", "read.zip_bomb"), ("lying", "read.corrupt"), ("dimension", "read.not_ours")]
)
def test_bombs_are_refused(bomb, key, tmp_path):
    data = {
        "honest": lambda: zip_bomb(2),
        "lying": lambda: lie_about_size(zip_bomb(2), 100),
        "dimension": lambda: dimension_bomb(declared=True),
    }[bomb]()
    with pytest.raises(ReadError) as err:
        read_workbook(tmp_path / "x.xlsx", data=data, max_uncompressed_mb=1)
    assert err.value.key == key


@pytest.mark.parametrize("declared", [100, 20 << 20])
def test_a_lying_part_is_not_inflated_past_its_declared_size(declared):
    data = lie_about_size(zip_bomb(64), declared)
    tracemalloc.start()
    try:
        with pytest.raises(ReadError) as err:
            sniff.check_bytes(data, "x.xlsx")
        assert tracemalloc.get_traced_memory()[1] < declared + (4 << 20)
    finally:
        tracemalloc.stop()
    assert err.value.key == "read.corrupt"


def test_the_budget_counts_what_is_really_inflated():
    data = zip_bomb(2)
    wz = WorkbookZip(data, budget=1 << 20)
    with pytest.raises(TooLarge):
        wz.read("xl/sharedStrings.xml")
    honest = WorkbookZip(data, budget=4 << 20)
    assert len(honest.read("xl/sharedStrings.xml")) > 2 << 20
    honest.read("xl/sharedStrings.xml")
    assert honest.inflated < 3 << 20  # a part read twice is counted once
    with pytest.raises(NotAsDeclared):
        WorkbookZip(lie_about_size(data, 100), budget=4 << 20).read("xl/sharedStrings.xml")


def test_a_workbook_from_another_writer_reads_the_same(tmp_path):
    for data in (not_ours(), rezip(TEMPLATES[0].read_bytes(), lambda name, body: body)):
        with sniff.check_bytes(data, "x.xlsx") as wz, zipfile.ZipFile(io.BytesIO(data)) as ref:
            assert wz.namelist() == ref.namelist()
            assert all(wz.read(n) == ref.read(n) for n in ref.namelist())
            assert sheet_parts(Package(data, wz)) == sheet_parts(Package(data))


def test_files_checked_in_turn_each_get_their_own_answer(tmp_path):
    """Nothing is remembered between files: the same check on two workbooks in turn, and back."""
    one, two = TEMPLATES[0].read_bytes(), not_ours()
    for data in (one, two, one):
        with sniff.check_bytes(data, "x.xlsx") as wz, zipfile.ZipFile(io.BytesIO(data)) as ref:
            assert wz.namelist() == ref.namelist()


@pytest.mark.parametrize("path", TEMPLATES[:4], ids=lambda p: p.name)
def test_sheet_parts_follow_absolute_and_roundabout_targets_and_escaped_names(path):
    data = path.read_bytes()

    def oddly(name, body):
        if not name.startswith(("xl/_rels/", "xl/workbook")):
            return body
        body = body.replace(b'Target="worksheets/sheet2.xml"', b'Target="/xl/worksheets/sheet2.xml"')
        body = body.replace(b'Target="worksheets/sheet3.xml"', b'Target="./worksheets/../worksheets/sheet3.xml"')
        return body.replace(b'name="', b'name="A&amp;B ', 1)

    plain = sheet_parts(Package(data))
    odd = sheet_parts(Package(rezip(data, oddly)))
    first = next(iter(plain))
    assert odd == {("A&B " + k if k == first else k): v for k, v in plain.items()}
    pkg = Package(data)
    pkg.rels("xl/workbook.xml")[0]["Id"] = "changed"  # a caller's change must not reach the next caller
    assert pkg.rels("xl/workbook.xml")[0]["Id"] != "changed"
