"""The zip read straight from its bytes (toolkit.adapters.excel.zipdir) lists and reads what zipfile does, and errs alike."""
from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

import pytest

from toolkit.errors import ReadError
from toolkit.adapters.excel import sniff, zipdir
from toolkit.adapters.excel.ooxml import Package, sheet_parts
from toolkit.adapters.excel.zipdir import ZipBytes, directory

from test_consolidate_helpers import dimension_bomb, lie_about_size, not_ours, rezip, zip_bomb

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = sorted((ROOT / "workbook_templates").glob("*.xls[xm]"))


def _outcome(fn):
    """What fn returns, or the exception it raises (type and text): zipfile's errors are part of the message."""
    try:
        return "ok", fn()
    except Exception as exc:
        return type(exc).__name__, str(exc)


def _by_zipfile(data: bytes, name: str, limit: int = -1):
    with zipfile.ZipFile(io.BytesIO(data)) as zf, zf.open(name) as fh:
        return fh.read(limit)


def _central(data: bytes, name: bytes, at: int, fmt: str, value) -> bytes:
    """``data`` with one field of ``name``'s central directory header set to ``value``."""
    out = bytearray(data)
    i = 0
    while (i := out.find(b"PK\x01\x02", i)) >= 0:
        n, = struct.unpack_from("<H", out, i + 28)
        if out[i + 46:i + 46 + n] == name:
            struct.pack_into(fmt, out, i + at, value)
        i += 4
    return bytes(out)


def _variants(data: bytes) -> dict[str, bytes]:
    """A workbook, damaged in the ways the fast path must notice (or must not mind)."""
    sheet = b"xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        info = zf.getinfo(sheet.decode())
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
        "local name": data[:at] + sheet.upper() + data[at + len(sheet):],
        "prepended": b"PK\x03\x04 junk" + data,
        "appended": data + b"\0" * 7,
        "comment": data[:-2] + struct.pack("<H", 5) + b"PK\x05\x06",
        "zip64 locator": data[:-42] + b"PK\x06\x07" + data[-38:],
        "truncated": data[:-30],
        "count short": data[:-12] + struct.pack("<H", data[-12] + 256 * data[-11] - 1) + data[-10:],
        "duplicate": _with_duplicate(data, sheet.decode()),
        "extra field": _with_extra(data),
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
            new.extra = b"UT\x05\x00\x01\x00\x00\x00\x00"   # an extended timestamp, as many zippers add
            dst.writestr(new, src.read(info), zipfile.ZIP_DEFLATED)
    return out.getvalue()


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.name)
def test_the_directory_lists_every_part_as_zipfile_does_and_reads_each_alike(path):
    data = path.read_bytes()
    found = directory(data)
    assert found is not None and found.plain
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert list(found.entries) == zf.namelist()
        assert [e.size for e in found.entries.values()] == [i.file_size for i in zf.infolist()]
        fast = ZipBytes(data, found)
        for name in zf.namelist():
            assert fast.read(name) == zf.read(name)
            assert zipdir.inflate(data, found.entries[name], fast._end(found.entries[name])) == zf.read(name)


def test_a_plain_workbook_is_read_without_the_zipfile_module(monkeypatch):
    """Else the comparisons here would test zipfile against itself."""
    data = TEMPLATES[0].read_bytes()

    def refuse(*args, **kwargs):
        raise AssertionError("zipfile opened")
    monkeypatch.setattr(zipfile, "ZipFile", refuse)
    zf = sniff.check_bytes(data, "x.xlsx")
    assert sheet_parts(Package(data, zf))
    assert b"<worksheet" in zf.read("xl/worksheets/sheet1.xml", 64 << 20)


@pytest.mark.parametrize("variant", list(_variants(TEMPLATES[0].read_bytes())))
def test_a_damaged_zip_reads_and_fails_as_zipfile_makes_it(variant):
    data = _variants(TEMPLATES[0].read_bytes())[variant]
    want = _outcome(lambda: zipfile.ZipFile(io.BytesIO(data)).namelist())
    found = _outcome(lambda: directory(data))
    if found[0] == "ok" and found[1] is not None and found[1].plain:
        assert want == ("ok", list(found[1].entries))   # plain means zipfile lists the same, without error
    if want[0] != "ok":
        return
    fast = ZipBytes(data, found[1] if found[0] == "ok" else None)   # zipfile's own when not plain
    for name in want[1]:
        for limit in (-1, 64 << 20, 10):
            expected = _outcome(lambda: _by_zipfile(data, name, limit))
            assert _outcome(lambda: fast.read(name, limit)) == expected, (name, limit)


@pytest.mark.parametrize("variant", list(_variants(TEMPLATES[0].read_bytes())))
def test_check_bytes_says_what_zipfile_made_it_say(variant, monkeypatch):
    data = _variants(TEMPLATES[0].read_bytes())[variant]
    fast = _outcome(lambda: sorted(sniff.check_bytes(data, "x.xlsx").namelist()))
    monkeypatch.setattr(zipdir, "_parse", lambda data: None)   # what check_bytes did before: zipfile only
    monkeypatch.setattr(zipdir, "_last", (None, None))
    slow = _outcome(lambda: sorted(sniff.check_bytes(data, "x.xlsx").namelist()))
    assert fast == slow


@pytest.mark.parametrize("bomb", ["honest", "lying", "dimension"])
def test_bombs_are_refused_or_capped_as_before(bomb):
    data = {"honest": lambda: zip_bomb(2), "lying": lambda: lie_about_size(zip_bomb(2), 100),
            "dimension": lambda: dimension_bomb(declared=True)}[bomb]()
    if bomb == "honest":
        with pytest.raises(ReadError) as err:
            sniff.check_bytes(data, "x.xlsx", max_uncompressed_mb=1)
        assert err.value.key == "read.zip_bomb"
    elif bomb == "lying":
        zf = sniff.check_bytes(data, "x.xlsx", max_uncompressed_mb=1)
        # the part claims 100 bytes: neither reader inflates more than that, and both call it corrupt
        assert _outcome(lambda: zf.read("xl/sharedStrings.xml")) == \
            _outcome(lambda: _by_zipfile(data, "xl/sharedStrings.xml"))
        assert _outcome(lambda: zf.read("xl/sharedStrings.xml"))[0] == "BadZipFile"
    else:
        with pytest.raises(ReadError) as err:
            sniff.check_bytes(data, "x.xlsx")
        assert err.value.key == "read.too_many_cells"


def test_a_lying_part_is_not_inflated_past_its_declared_size():
    import tracemalloc
    data = lie_about_size(zip_bomb(8), 100)
    found = directory(data)
    entry = found.entries["xl/sharedStrings.xml"]
    tracemalloc.start()
    try:
        assert zipdir.inflate(data, entry, ZipBytes(data, found)._end(entry)) is None
        assert tracemalloc.get_traced_memory()[1] < 1 << 20
    finally:
        tracemalloc.stop()


def test_parts_sharing_their_bytes_are_left_to_zipfile():
    """Newer zipfile refuses overlapping parts (a zip bomb's trick): such a zip is never plain."""
    data = TEMPLATES[0].read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        first, second = zf.infolist()[:2]
    overlapping = _central(data, second.filename.encode(), 42, "<I", first.header_offset)
    assert directory(data).plain and not directory(overlapping).plain


def test_an_extra_field_that_may_rename_a_part_is_left_to_zipfile():
    """Newer zipfile takes a part's name from a Unicode path field (0x7075) when there is one."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(TEMPLATES[0].read_bytes())) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            new = zipfile.ZipInfo(info.filename, info.date_time)
            if info.filename == "xl/workbook.xml":
                new.extra = struct.pack("<HHBL", 0x7075, 5 + 5, 1, zlib.crc32(b"xl/workbook.xml")) + b"other"
            dst.writestr(new, src.read(info), zipfile.ZIP_DEFLATED)
    assert not directory(out.getvalue()).plain
    assert directory(_with_extra(TEMPLATES[0].read_bytes())).plain


def test_a_workbook_from_another_writer_reads_the_same(tmp_path):
    for data in (not_ours(), rezip(TEMPLATES[0].read_bytes(), lambda name, body: body)):
        zf = sniff.check_bytes(data, "x.xlsx") if b"xl/workbook.xml" in data else None
        with zipfile.ZipFile(io.BytesIO(data)) as ref:
            fast = ZipBytes(data, directory(data))
            assert fast.namelist() == ref.namelist()
            assert all(fast.read(n) == ref.read(n) for n in ref.namelist())
        if zf is not None:
            assert sheet_parts(Package(data, zf)) == sheet_parts(Package(data))


def _sheet_parts_uncached(pkg: Package) -> dict[str, str]:
    """ooxml.sheet_parts as first written, every tag parsed anew."""
    import posixpath
    import re
    from toolkit.adapters.excel.ooxml import _REL, attrs
    book = "xl/workbook.xml"
    rels_path = "xl/_rels/workbook.xml.rels"
    rels = [attrs(m) for m in _REL.findall(pkg.text(rels_path))] if rels_path in pkg else []
    by_id = {r["Id"]: r for r in rels if "Id" in r}
    out = {}
    for m in re.finditer(r"<(?:\w+:)?sheet\b[^>]*?/?>", pkg.text(book)):
        a = attrs(m[0])
        rel = by_id.get(next((v for k, v in a.items() if k.endswith(":id")), ""))
        if rel and "name" in a:
            t = rel.get("Target", "")
            out[a["name"]] = t.lstrip("/") if t.startswith("/") else posixpath.normpath(posixpath.join("xl", t))
    return out


@pytest.mark.parametrize("path", TEMPLATES[:4], ids=lambda p: p.name)
def test_remembered_tags_give_the_sheet_parts_and_fresh_attributes(path):
    data = path.read_bytes()
    def oddly(name, body):  # absolute and roundabout targets, an escaped sheet name
        if not name.startswith(("xl/_rels/", "xl/workbook")):
            return body
        body = body.replace(b'Target="worksheets/sheet2.xml"', b'Target="/xl/worksheets/sheet2.xml"')
        body = body.replace(b'Target="worksheets/sheet3.xml"', b'Target="./worksheets/../worksheets/sheet3.xml"')
        return body.replace(b'name="', b'name="A&amp;B ', 1)
    odd = rezip(data, oddly)
    for wb in (data, odd, data):
        pkg = Package(wb, sniff.check_bytes(wb, "x.xlsx"))
        assert sheet_parts(pkg) == _sheet_parts_uncached(Package(wb))
        pkg.rels("xl/workbook.xml")[0]["Id"] = "changed"   # a caller's change must not reach the next file
        assert Package(wb).rels("xl/workbook.xml")[0]["Id"] != "changed"
