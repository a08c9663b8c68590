"""toolkit.adapters.vba: [MS-OVBA] compression, the [MS-CFB] writer, and a vbaProject.bin that others can read."""

from __future__ import annotations

import io
import random
import shutil
import struct
import subprocess
import zipfile
from importlib import resources

import olefile
import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.adapters.vba.cfb import write_compound_file
from toolkit.adapters.vba.ovba import (
    VBAModule,
    build_vba_project,
    compress,
    decompress,
    decrypt_project_data,
    encrypt_project_data,
    module_source,
    read_dir_modules,
)
from toolkit.adapters.vba.xlwings_module import _from_standalone_workbook, xlwings_vba_modules, xlwings_vba_source

# ---------------------------------------------------------------------------------------------
# [MS-OVBA] 2.4.1 compression
# ---------------------------------------------------------------------------------------------

# [MS-OVBA] 3.2.1 No Compression, 3.2.2 Normal Compression, 3.2.3 Maximum Compression examples.
SPEC_EXAMPLES = [
    (
        b"abcdefghijklmnopqrstuv.",
        "01 19 B0 00 61 62 63 64 65 66 67 68 00 69 6A 6B 6C 6D 6E 6F 70 00 71 72 73 74 75 76 2E",
    ),
    (
        b"#aaabcdefaaaaghijaaaaaklaaamnopqaaaaaaaaaaaarstuvwxyzaaa",
        "01 2F B0 00 23 61 61 61 62 63 64 65 82 66 00 70 61 67 68 69 6A 01 38 08 61 6B 6C 00 20 6D 6E 6F "
        "70 06 71 02 70 04 00 72 73 74 75 76 10 77 78 79 7A 00 2C",
    ),
    (b"a" * 73, "01 03 B0 02 61 45 00"),
]


@pytest.mark.parametrize(("plain", "packed"), SPEC_EXAMPLES)
def test_spec_compression_examples(plain, packed):
    assert compress(plain) == bytes.fromhex(packed)
    assert decompress(bytes.fromhex(packed)) == plain


BOUNDARY_LENGTHS = [0, 1, 2, 3, 4095, 4096, 4097, 8191, 8192, 8193, 12288, 16384, 20000]
lengths = st.one_of(st.sampled_from(BOUNDARY_LENGTHS), st.integers(0, 20_000))
WORDS = [
    "Sub ",
    "End Sub\r\n",
    "Dim ",
    " As String",
    "    ",
    "MsgBox ",
    '"Kontrollér"',
    "æøå",
    "\r\n",
    "If ",
    " Then",
    "x",
    'Range("A1")',
    ".Value = ",
    "1",
    "'",
    "ThisWorkbook",
    "(",
]


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(length=lengths, seed=st.integers(0, 2**32 - 1), alphabet=st.sampled_from([256, 16, 2]))
def test_round_trip_random_bytes(length, seed, alphabet):
    rnd = random.Random(seed)
    data = rnd.randbytes(length) if alphabet == 256 else bytes(rnd.randrange(alphabet) for _ in range(length))
    try:
        packed = compress(data)
    except ValueError:
        # Only a final chunk too random to fit 4,098 bytes, yet shorter than 4,096, can't be stored.
        assert alphabet == 256 and length % 4096 > 3640
        return
    assert packed[0] == 0x01
    assert decompress(packed) == data


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(length=lengths, seed=st.integers(0, 2**32 - 1))
def test_round_trip_repetitive_text(length, seed):
    rnd = random.Random(seed)
    text = "".join(rnd.choice(WORDS) for _ in range(length // 3 + 1)).encode("cp1252")[:length]
    packed = compress(text)
    assert decompress(packed) == text
    if len(text) > 1000:
        assert len(packed) < 0.7 * len(text)


def _chunks(packed: bytes) -> list[tuple[int, bool]]:
    """(chunk size in bytes, compressed flag) for every chunk of a CompressedContainer."""
    out, pos = [], 1
    while pos < len(packed):
        (header,) = struct.unpack_from("<H", packed, pos)
        assert header >> 12 & 0b111 == 0b011
        out.append(((header & 0xFFF) + 3, bool(header & 0x8000)))
        pos += (header & 0xFFF) + 3
    assert pos == len(packed)
    return out


def test_raw_chunks_only_for_full_incompressible_chunks():
    data = random.Random(1).randbytes(4096 * 2) + b"tail " * 100
    chunks = _chunks(compress(data))
    assert chunks == [(4098, False), (4098, False), chunks[2]] and chunks[2][1]
    assert decompress(compress(data)) == data
    with pytest.raises(ValueError, match="final chunk"):
        compress(random.Random(2).randbytes(4000))


def test_decompress_rejects_garbage():
    with pytest.raises(ValueError, match="signature"):
        decompress(b"\x02\x00")
    with pytest.raises(ValueError, match="before its chunk"):
        decompress(bytes.fromhex("01 03 B0 02 61 00 F0"))  # offset 16 while one byte is decoded


# ---------------------------------------------------------------------------------------------
# [MS-CFB] writer
# ---------------------------------------------------------------------------------------------


def _ole(data: bytes) -> olefile.OleFileIO:
    return olefile.OleFileIO(io.BytesIO(data), raise_defects=olefile.DEFECT_INCORRECT)


def test_compound_file_streams_read_back():
    rnd = random.Random(7)
    entries = {f"Small{n}": rnd.randbytes(n) for n in (1, 63, 64, 65, 4095)}
    entries |= {f"Big{n}": rnd.randbytes(n) for n in (4096, 4097, 70_000)}
    entries |= {"VBA/dir": b"dir", "VBA/Module1": rnd.randbytes(5000), "Empty": b"", "A": {"B": {"C": b"nested"}}}
    entries |= {f"Many/s{i}": bytes([i]) * i for i in range(60)}
    ole = _ole(write_compound_file(entries))
    assert ole.exists("VBA/dir") and ole.get_type("VBA") == olefile.STGTY_STORAGE
    expected = {k: v for k, v in entries.items() if isinstance(v, bytes)} | {"A/B/C": b"nested"}
    assert sorted("/".join(p) for p in ole.listdir()) == sorted(expected)
    for path, data in expected.items():
        assert ole.openstream(path).read() == data, path
        assert ole.get_size(path) == len(data)
    assert ole.get_type("Empty") == olefile.STGTY_STREAM


def test_compound_file_structure():
    data = write_compound_file(
        {
            "PROJECT": b"x" * 100,
            "PROJECTwm": b"y" * 5000,
            "VBA/dir": b"z",
            "VBA/_VBA_PROJECT": b"v",
            "VBA/ThisWorkbook": b"w",
            "VBA/Module10": b"m",
            "VBA/Module2": b"n",
        }
    )
    assert data[:8] == bytes.fromhex("D0CF11E0A1B11AE1") and len(data) % 512 == 0
    _minor, major, order, shift, mini_shift = struct.unpack_from("<5H", data, 24)
    assert (major, order, shift, mini_shift) == (3, 0xFFFE, 9, 6)
    assert struct.unpack_from("<I", data, 56)[0] == 4096  # mini stream cutoff
    ole = _ole(data)
    assert all(e.color == 1 for e in ole.direntries if e is not None)  # all black (2.6.4 allows it)
    # 2.6.4: siblings form a search tree ordered by name length, then upper-cased name.
    for entry in ole.direntries:
        if entry is None or entry.sid_child == olefile.NOSTREAM:
            continue
        names = []

        def walk(sid, names=names):
            if sid != olefile.NOSTREAM:
                walk(ole.direntries[sid].sid_left)
                names.append(ole.direntries[sid].name)
                walk(ole.direntries[sid].sid_right)

        walk(entry.sid_child)
        assert names == sorted(names, key=lambda n: (len(n), n.upper()))
    root = ole.direntries[0]
    assert root.entry_type == olefile.STGTY_ROOT and root.size % 64 == 0 and root.size > 0


def test_compound_file_rejects_bad_names():
    with pytest.raises(ValueError, match="1-31"):
        write_compound_file({"x" * 32: b""})
    with pytest.raises(ValueError, match="twice"):
        write_compound_file({"VBA/dir": b"", "vba/DIR": b""})


# ---------------------------------------------------------------------------------------------
# [MS-OVBA] project
# ---------------------------------------------------------------------------------------------


def test_project_data_encryption_matches_spec_example():
    # [MS-OVBA] 3.1.6 PROJECT Stream Example: not protected, no password, visible.
    project_id = "{917DED54-440B-4FD1-A5C1-74ACF261E600}"
    for value, data in (
        ("0705D8E3D8EDDBF1DBF1DBF1DBF1", bytes(4)),
        ("0E0CD1ECDFF4E7F5E7F5E7", b"\0"),
        ("1517CAF1D6F9D7F9D706", b"\xff"),
    ):
        assert decrypt_project_data(value)[:2] == (data, sum(project_id.encode()) & 0xFF)
        assert encrypt_project_data(data, project_id, int(value[:2], 16)) == value


def test_module_source_normalisation():
    assert module_source(VBAModule("M", "Sub A()\nEnd Sub")) == 'Attribute VB_Name = "M"\r\nSub A()\r\nEnd Sub\r\n'
    assert (
        module_source(VBAModule("M", 'Attribute VB_Name = "M"\rSub A()\r\nEnd Sub\n'))
        == 'Attribute VB_Name = "M"\r\nSub A()\r\nEnd Sub\r\n'
    )
    cls = module_source(
        VBAModule(
            "C",
            "VERSION 1.0 CLASS\r\nBEGIN\r\n  MultiUse = -1  'True\r\nEND\r\n"
            'Attribute VB_Name = "C"\r\nAttribute VB_Exposed = True\r\n'
            'Attribute VB_Description = "d"\r\nPublic X\r\n',
            "class",
        )
    )
    assert cls.split("\r\n") == [
        'Attribute VB_Name = "C"',
        'Attribute VB_Base = "0{FCFB3D2A-A0FA-1068-A738-08002B3371B5}"',
        "Attribute VB_GlobalNameSpace = False",
        "Attribute VB_Creatable = False",
        "Attribute VB_PredeclaredId = False",
        "Attribute VB_Exposed = True",
        "Attribute VB_TemplateDerived = False",
        "Attribute VB_Customizable = False",
        'Attribute VB_Description = "d"',
        "Public X",
        "",
    ]
    with pytest.raises(ValueError, match="VB_Name"):
        module_source(VBAModule("M", 'Attribute VB_Name = "Other"\r\n'))
    with pytest.raises(ValueError, match=r"module 'M': '\u2713' \(U\+2713\) on line 2 cannot be encoded"):
        build_vba_project({"M": 'Sub A()\n  MsgBox "\u2713"\nEnd Sub\n'})


def test_builder_rejects_bad_names():
    with pytest.raises(ValueError, match="identifier"):
        build_vba_project({"Modul æ": "Sub A()\r\nEnd Sub\r\n"})
    with pytest.raises(ValueError, match="twice"):
        build_vba_project({"Sheet1": "Sub A()\r\nEnd Sub\r\n"})


CHECK_SOURCE = (
    'Attribute VB_Name = "Knapper"\r\n'
    "Option Explicit\r\n\r\n"
    "' Kontrollér tallene: æ ø å Æ Ø Å\r\n"
    "Public Sub Check()\r\n"
    '    MsgBox "Kontrollér: æ ø å", vbInformation, "Tjek"\r\n'
    "End Sub\r\n"
)
THIS_WORKBOOK = 'Private Sub Workbook_Open()\r\n    Application.StatusBar = "Klar"\r\nEnd Sub\r\n'


@pytest.fixture(scope="module")
def modules() -> list[VBAModule]:
    return [
        VBAModule("ThisWorkbook", THIS_WORKBOOK, "document"),
        VBAModule("Sheet1", "", "document"),
        VBAModule("Knapper", CHECK_SOURCE),
        *xlwings_vba_modules(),
    ]


@pytest.fixture(scope="module")
def project(modules) -> bytes:
    return build_vba_project(modules, document_modules=())


@pytest.fixture(scope="module")
def workbook(project, tmp_path_factory):
    path = tmp_path_factory.mktemp("vba") / "knapper.xlsm"
    wb = xlsxwriter.Workbook(str(path))
    wb.add_vba_project(io.BytesIO(project), is_stream=True)
    wb.set_vba_name("ThisWorkbook")
    ws = wb.add_worksheet("Sheet1")
    ws.set_vba_name("Sheet1")
    ws.insert_button("B2", {"macro": "Check", "caption": "Kontrollér"})
    wb.close()
    return path


def test_project_streams(project, modules):
    ole = _ole(project)
    assert sorted("/".join(p) for p in ole.listdir()) == sorted(
        ["PROJECT", "PROJECTwm", "VBA/_VBA_PROJECT", "VBA/dir"] + [f"VBA/{m.name}" for m in modules]
    )
    assert ole.openstream("VBA/_VBA_PROJECT").read() == bytes.fromhex("CC61FFFF000100")  # 2.3.4.1 / 3.1.1
    dir_modules = read_dir_modules(decompress(ole.openstream("VBA/dir").read()))
    assert dir_modules == [(m.name, m.name, 0, 0x0021 if m.kind == "module" else 0x0022) for m in modules]
    project_text = ole.openstream("PROJECT").read().decode("cp1252")
    assert (
        "Document=ThisWorkbook/&H00000000\r\nDocument=Sheet1/&H00000000\r\nModule=Knapper\r\n"
        "Module=xlwings\r\nClass=Dictionary\r\n" in project_text
    )
    assert project_text.endswith("[Workspace]\r\n" + "".join(f"{m.name}=0, 0, 0, 0, C\r\n" for m in modules))
    for line in project_text.split("\r\n"):
        if line.startswith(("CMG=", "DPB=", "GC=")):
            project_id = project_text.split('"')[1]
            assert decrypt_project_data(line.split('"')[1])[1] == sum(project_id.encode()) & 0xFF
    wm = ole.openstream("PROJECTwm").read()
    assert wm == b"".join(m.name.encode() + b"\0" + m.name.encode("utf-16-le") + b"\0\0" for m in modules) + b"\0\0"
    assert build_vba_project(modules, document_modules=()) == project  # reproducible


def test_olevba_extracts_every_module_byte_for_byte(workbook, modules):
    from oletools.olevba import VBA_Parser

    parser = VBA_Parser(str(workbook))
    try:
        assert parser.detect_vba_macros()
        found = {stream.split("/")[-1]: code for _, stream, _, code in parser.extract_macros()}
    finally:
        parser.close()
    assert sorted(found) == sorted(m.name for m in modules)
    for module in modules:
        assert found[module.name].encode("cp1252") == module_source(module).encode("cp1252"), module.name
    assert found["Knapper"] == CHECK_SOURCE  # already normalised: stored as given
    assert found["xlwings"] == xlwings_vba_source()
    with zipfile.ZipFile(workbook) as archive:
        vml = archive.read("xl/drawings/vmlDrawing1.vml").decode()
        assert "<x:FmlaMacro>[0]!Check</x:FmlaMacro>" in vml
        assert 'codeName="ThisWorkbook"' in archive.read("xl/workbook.xml").decode()


# ---------------------------------------------------------------------------------------------
# xlwings' standalone module
# ---------------------------------------------------------------------------------------------


def test_xlwings_modules_from_installed_package():
    source = xlwings_vba_source()
    assert source.startswith('Attribute VB_Name = "xlwings"\r\n')
    assert "Public Function RunPython(" in source and "\n" not in source.replace("\r\n", "")
    names = [(m.name, m.kind) for m in xlwings_vba_modules()]
    assert names == [("xlwings", "module"), ("Dictionary", "class")]
    # The quickstart --standalone workbook carries the same code (stored with LF line ends) and the
    # Dictionary class with the attributes the VBE adds on import, which module_source reproduces.
    workbook = resources.files("xlwings").joinpath("quickstart_standalone.xlsm").read_bytes()
    assert _from_standalone_workbook(workbook, "xlwings").replace("\n", "\r\n") == source
    stored = _from_standalone_workbook(workbook, "Dictionary").split("\r\n")
    ours = module_source(xlwings_vba_modules()[1]).split("\r\n")
    assert ours[:9] == stored[:9] and ours[0] == 'Attribute VB_Name = "Dictionary"'
    assert len(ours) == len(stored)


# ---------------------------------------------------------------------------------------------
# LibreOffice
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ods(workbook, tmp_path_factory) -> dict[str, str]:
    """The text parts of the workbook converted to .ods by LibreOffice, by name."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        pytest.skip("LibreOffice (soffice) not installed; CI installs it")
    tmp = tmp_path_factory.mktemp("lo")
    subprocess.run(
        [
            exe,
            f"-env:UserInstallation=file://{tmp / 'profile'}",
            "--headless",
            "--norestore",
            "--convert-to",
            "ods",
            "--outdir",
            str(tmp),
            str(workbook),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    with zipfile.ZipFile(tmp / "knapper.ods") as archive:
        return {name: archive.read(name).decode("utf-8") for name in archive.namelist() if name.endswith(".xml")}


@pytest.mark.libreoffice
def test_libreoffice_reads_modules_and_button_binding(ods, modules):
    library = ods["Basic/VBAProject/script-lb.xml"]
    for module in modules:
        assert f'library:name="{module.name}"' in library
        assert f"Basic/VBAProject/{module.name}.xml" in ods
    knapper = ods["Basic/VBAProject/Knapper.xml"]
    assert "MsgBox &quot;Kontrollér: æ ø å&quot;" in knapper and 'script:moduleType="normal"' in knapper
    assert 'script:moduleType="class"' in ods["Basic/VBAProject/Dictionary.xml"]
    assert 'script:moduleType="document"' in ods["Basic/VBAProject/ThisWorkbook.xml"]
    assert "Application.StatusBar = &quot;Klar&quot;" in ods["Basic/VBAProject/ThisWorkbook.xml"]
    assert "Public Function RunPython(" in ods["Basic/VBAProject/xlwings.xml"]
    content = ods["content.xml"]
    assert 'form:label="Kontrollér"' in content
    assert 'script:event-name="form:performaction"' in content
    # LibreOffice found the Sub in our module source to resolve Excel's "[0]!Check" binding.
    assert 'xlink:href="vnd.sun.star.script:VBAProject.Knapper.Check?language=Basic&amp;location=document"' in content
