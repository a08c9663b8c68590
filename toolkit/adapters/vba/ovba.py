"""[MS-OVBA] Office VBA File Format: compression and a source-only VBA project writer.

Section numbers refer to [MS-OVBA] "Office VBA File Format Structure".

``build_vba_project`` writes what 2.2 calls the VBA project storage, as the root of a compound
file (the ``vbaProject.bin`` part of an .xlsm):

    PROJECT           2.3.1  text: project properties, module list, host extender info, workspace
    PROJECTwm         2.3.3  module names, MBCS and UTF-16
    VBA/_VBA_PROJECT  2.3.4.1  7 bytes, Version 0xFFFF, no performance cache
    VBA/dir           2.3.4.2  compressed records: project information, references, modules
    VBA/<module>      2.3.4.3  compressed source text (MODULEOFFSET 0: no performance cache)

Version 0xFFFF tells the host that there is no usable compiled state, so it compiles the
project from the source text when it opens the file (1.6 Versioning and Localization).
"""

from __future__ import annotations

import hashlib
import re
import struct
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from toolkit.adapters.vba.cfb import write_compound_file

__all__ = [
    "VBAModule",
    "build_vba_project",
    "compress",
    "decompress",
    "decrypt_project_data",
    "encrypt_project_data",
    "module_source",
    "read_dir_modules",
]

CODEPAGE = 1252
LCID = 0x0409

# ---------------------------------------------------------------------------------------------
# 2.4.1 Compression and decompression
# ---------------------------------------------------------------------------------------------

_CHUNK = 4096  # 2.4.1.1.3 DecompressedChunk: at most 4,096 bytes
_MAX_COMPRESSED_CHUNK = 4098  # 2.4.1.1.5: a chunk is CompressedChunkSize + 3 bytes, a 12-bit field
_CHUNK_SIGNATURE = 0b011  # 2.4.1.1.5 CompressedChunkSignature


def _copy_token_help(difference: int) -> tuple[int, int]:
    """2.4.1.3.19.1 CopyToken Help: (BitCount, MaximumLength) for ``difference`` bytes into the chunk.

    BitCount = max(ceiling(log2(difference)), 4) bits hold the offset, the rest the length.
    """
    bit_count = max((difference - 1).bit_length(), 4)
    return bit_count, (0xFFFF >> bit_count) + 3


def compress(data: bytes) -> bytes:
    """Compress ``data`` into a CompressedContainer (2.4.1.1.1) by the algorithm of 2.4.1.3.6.

    The container is the signature byte 0x01 and one chunk per 4,096 input bytes. Each chunk is
    a sequence of TokenSequences (a flag byte, then eight literal or copy tokens, 2.4.1.1.7);
    copy tokens take the longest match in the chunk so far, the nearest on ties (2.4.1.3.19.4),
    so the output equals the spec's own algorithm, found faster through a 3-byte index.

    A chunk whose encoding does not fit 4,098 bytes is stored raw (2.4.1.3.10), which the format
    only allows for a full 4,096-byte chunk: a raw chunk always decompresses to 4,096 bytes, so a
    shorter final chunk stored raw would come back padded with zeros. Such a final chunk (over
    3,640 bytes without 3-byte repeats: random data, never source text) raises ``ValueError``.
    """
    data = bytes(data)
    out = bytearray(b"\x01")  # 2.4.1.1.1 SignatureByte
    for start in range(0, len(data), _CHUNK):
        end = min(start + _CHUNK, len(data))
        chunk = _compress_chunk(data, start, end)
        if chunk is not None:
            out += struct.pack("<H", (len(chunk) + 2 - 3) | (_CHUNK_SIGNATURE << 12) | 0x8000) + chunk
        elif end - start == _CHUNK:  # 2.4.1.3.10 raw chunk, flag 0
            out += struct.pack("<H", (_CHUNK - 1) | (_CHUNK_SIGNATURE << 12)) + data[start:end]
        else:
            raise ValueError(
                f"final chunk of {end - start} bytes does not compress to 4,098 bytes and is not "
                f"4,096 bytes long, so MS-OVBA 2.4.1 cannot store it without padding"
            )
    return bytes(out)


def _compress_chunk(data: bytes, start: int, end: int) -> bytes | None:
    """2.4.1.3.7 Compressing a DecompressedChunk: the CompressedData, or None when it exceeds 4,096 bytes."""
    out = bytearray()
    seen: dict[bytes, list[int]] = {}  # 3-byte prefix -> positions in this chunk, ascending
    current = start
    while current < end:
        flag_at = len(out)  # 2.4.1.3.8 Compressing a TokenSequence
        out.append(0)
        flags = 0
        for bit in range(8):
            if current >= end:
                break
            length = 0
            candidates = seen.get(data[current : current + 3]) if end - current >= 3 else None
            if candidates:  # 2.4.1.3.19.4 Matching
                limit = end - current
                best, best_at = 0, 0
                for candidate in reversed(candidates):
                    n = _common_prefix(data, candidate, current, limit)
                    if n > best:
                        best, best_at = n, candidate
                        if n == limit:
                            break
                if best >= 3:
                    bit_count, max_length = _copy_token_help(current - start)
                    length, offset = min(best, max_length), current - best_at
                    out += struct.pack("<H", ((offset - 1) << (16 - bit_count)) | (length - 3))  # 2.4.1.3.19.3
                    flags |= 1 << bit
            if length == 0:
                length = 1
                out.append(data[current])  # LiteralToken
            for p in range(current, current + length):
                seen.setdefault(data[p : p + 3], []).append(p)
            current += length
        out[flag_at] = flags
        if len(out) > _MAX_COMPRESSED_CHUNK - 2:
            return None
    return bytes(out)


def _common_prefix(data: bytes, a: int, b: int, limit: int) -> int:
    """Length of the common prefix of data[a:] and data[b:], at most ``limit`` (slices compare in C)."""
    if data[a : a + limit] == data[b : b + limit]:
        return limit
    lo, hi = 0, limit  # data[a:a+lo] == data[b:b+lo], data[a:a+hi] != data[b:b+hi]
    step = 8
    while step < hi and data[a : a + step] == data[b : b + step]:
        lo, step = step, step * 2
    hi = min(hi, step)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if data[a + lo : a + mid] == data[b + lo : b + mid]:
            lo = mid
        else:
            hi = mid
    return lo


def decompress(data: bytes) -> bytes:
    """Decompress a CompressedContainer (2.4.1.3.1); raises ``ValueError`` on malformed input."""
    data = bytes(data)
    if not data or data[0] != 0x01:
        raise ValueError("not an MS-OVBA CompressedContainer: the signature byte must be 0x01")
    out = bytearray()
    pos = 1
    while pos < len(data):  # 2.4.1.3.2 Decompressing a CompressedChunk
        if pos + 2 > len(data):
            raise ValueError(f"truncated chunk header at byte {pos}")
        (header,) = struct.unpack_from("<H", data, pos)
        if (header >> 12) & 0b111 != _CHUNK_SIGNATURE:
            raise ValueError(f"bad chunk signature at byte {pos}")
        end = min(pos + (header & 0x0FFF) + 3, len(data))
        pos += 2
        chunk_start = len(out)
        if not header & 0x8000:  # 2.4.1.3.3 raw chunk: 4,096 bytes
            out += data[pos : pos + _CHUNK]
            pos += _CHUNK
            continue
        while pos < end:  # 2.4.1.3.4 TokenSequence
            flags = data[pos]
            pos += 1
            for bit in range(8):
                if pos >= end:
                    break
                if not flags >> bit & 1:
                    out.append(data[pos])
                    pos += 1
                    continue
                if pos + 2 > end:
                    raise ValueError(f"truncated copy token at byte {pos}")
                (token,) = struct.unpack_from("<H", data, pos)  # 2.4.1.3.19.2 Unpack CopyToken
                pos += 2
                bit_count, _ = _copy_token_help(len(out) - chunk_start)
                length = (token & (0xFFFF >> bit_count)) + 3
                offset = (token >> (16 - bit_count)) + 1
                source = len(out) - offset
                if source < chunk_start:
                    raise ValueError(f"copy token at byte {pos - 2} points before its chunk")
                if offset >= length:
                    out += out[source : source + length]
                else:  # overlapping copy repeats the pattern
                    for i in range(length):
                        out.append(out[source + i])
    return bytes(out)


# ---------------------------------------------------------------------------------------------
# Module sources
# ---------------------------------------------------------------------------------------------

_KINDS = ("module", "class", "document")
_IDENTIFIER = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,30}\Z")
_ATTRIBUTE = re.compile(r"Attribute\s+(VB_\w+)\s*=\s*(.*)\Z", re.IGNORECASE)

# Attributes the VBE writes at the top of stored modules, in its order (compare a module
# exported to .cls/.bas with the same module inside an Excel-saved vbaProject.bin).
_WORKBOOK_BASE = '"0{00020819-0000-0000-C000-000000000046}"'  # Excel Workbook object
_WORKSHEET_BASE = '"0{00020820-0000-0000-C000-000000000046}"'  # Excel Worksheet object
_CLASS_BASE = '"0{FCFB3D2A-A0FA-1068-A738-08002B3371B5}"'  # VBA class module
_STANDARD_ATTRIBUTES = (
    "VB_Base",
    "VB_GlobalNameSpace",
    "VB_Creatable",
    "VB_PredeclaredId",
    "VB_Exposed",
    "VB_TemplateDerived",
    "VB_Customizable",
)
_DOCUMENT_DEFAULTS = {
    "VB_GlobalNameSpace": "False",
    "VB_Creatable": "False",
    "VB_PredeclaredId": "True",
    "VB_Exposed": "True",
    "VB_TemplateDerived": "False",
    "VB_Customizable": "True",
}
_CLASS_DEFAULTS = {
    "VB_Base": _CLASS_BASE,
    "VB_GlobalNameSpace": "False",
    "VB_Creatable": "False",
    "VB_PredeclaredId": "False",
    "VB_Exposed": "False",
    "VB_TemplateDerived": "False",
    "VB_Customizable": "False",
}


@dataclass(frozen=True)
class VBAModule:
    """One module: ``kind`` is "module" (standard), "class" or "document" (ThisWorkbook, sheets).

    ``source`` is the module text as exported by the VBE (.bas/.cls) or just the code; see
    ``module_source`` for how it is normalised. For "document" modules ``base`` may give the
    VB_Base value, e.g. ``0{00020819-0000-0000-C000-000000000046}`` for the Excel Workbook object
    (default: that for a module named ThisWorkbook, else the Worksheet object's).
    """

    name: str
    source: str = ""
    kind: str = "module"
    base: str | None = None


def module_source(module: VBAModule) -> str:
    """The exact text ``build_vba_project`` stores for ``module`` (before cp1252 encoding).

    * Line breaks become CRLF and the text ends with CRLF.
    * A class export's ``VERSION 1.0 CLASS`` / ``BEGIN`` ... ``END`` header is dropped (the VBE
      drops it on import; it is not part of the stored module).
    * ``Attribute VB_Name = "<name>"`` comes first; it is added when missing and must match the
      module name when present.
    * Class and document modules get the standard attributes the VBE writes (VB_Base,
      VB_GlobalNameSpace, VB_Creatable, VB_PredeclaredId, VB_Exposed, VB_TemplateDerived,
      VB_Customizable), keeping any value the source already sets; other attributes such as
      VB_Description follow them in their original order.
    """
    if module.kind not in _KINDS:
        raise ValueError(f"module {module.name!r}: kind must be one of {_KINDS}, not {module.kind!r}")
    lines = module.source.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if (
        module.kind == "class"
        and lines
        and lines[0].strip().upper().startswith("VERSION")
        and "CLASS" in lines[0].upper()
    ):
        try:
            end = next(i for i, line in enumerate(lines) if line.strip().upper() == "END")
        except StopIteration:
            raise ValueError(f"module {module.name!r}: class header 'VERSION 1.0 CLASS' without END") from None
        lines = lines[end + 1 :]
    attributes: dict[str, tuple[str, str]] = {}  # upper-cased name -> (name, value), in source order
    body_at = len(lines)
    for i, line in enumerate(lines):
        match = _ATTRIBUTE.match(line.strip())
        if not match:
            body_at = i
            break
        attributes[match.group(1).upper()] = (match.group(1), match.group(2).strip())
    body = lines[body_at:]

    name = attributes.pop("VB_NAME", ("VB_Name", f'"{module.name}"'))[1]
    if name.strip('"') != module.name:
        raise ValueError(f"module {module.name!r}: its source says Attribute VB_Name = {name}")
    head = [f'Attribute VB_Name = "{module.name}"']
    if module.kind != "module":
        defaults = dict(_CLASS_DEFAULTS) if module.kind == "class" else dict(_DOCUMENT_DEFAULTS)
        if module.kind == "document":
            base = module.base or (_WORKBOOK_BASE if module.name == "ThisWorkbook" else _WORKSHEET_BASE)
            defaults["VB_Base"] = base if base.startswith('"') else f'"{base}"'
        for key in _STANDARD_ATTRIBUTES:
            given = attributes.pop(key.upper(), None)
            head.append(f"Attribute {key} = {given[1] if given else defaults[key]}")
    head += [f"Attribute {key} = {value}" for key, value in attributes.values()]
    return "\r\n".join(head + body) + "\r\n"


def _encode(text: str, what: str) -> bytes:
    try:
        return text.encode("cp1252")
    except UnicodeEncodeError as error:
        line = text.count("\n", 0, error.start) + 1
        bad = text[error.start : error.end]
        raise ValueError(
            f"{what}: {bad!r} (U+{ord(bad[0]):04X}) on line {line} cannot be encoded in "
            f"code page 1252, which the VBA project uses"
        ) from None


# ---------------------------------------------------------------------------------------------
# 2.4.3 Data Encryption (obfuscation of the PROJECT stream's CMG, DPB and GC values)
# ---------------------------------------------------------------------------------------------


def encrypt_project_data(data: bytes, project_id: str, seed: int, ignored: bytes | None = None) -> str:
    """2.4.3.2 Encryption: obfuscate ``data`` for the PROJECT stream, as upper-case hex.

    ``project_id`` is the GUID text of the ID= line, braces included; ProjKey is the byte sum
    of its characters. ``seed`` (0-255) is any byte; Excel picks it at random. ``ignored`` are
    the (Seed & 6) / 2 arbitrary IgnoredEnc bytes before encryption; by default 0x07 each, the
    value in the example of 3.1.6, so that example's CMG, DPB and GC come out byte for byte.
    """
    ignored_length = (seed & 6) // 2
    ignored = b"\x07" * ignored_length if ignored is None else bytes(ignored)
    if len(ignored) != ignored_length:
        raise ValueError(f"seed 0x{seed:02X} takes {ignored_length} ignored bytes, got {len(ignored)}")
    version = 2
    proj_key = sum(project_id.encode("cp1252")) & 0xFF
    out = bytearray([seed, seed ^ version, seed ^ proj_key])
    unencrypted1, encrypted1, encrypted2 = proj_key, seed ^ proj_key, seed ^ version

    def put(byte: int) -> None:
        nonlocal unencrypted1, encrypted1, encrypted2
        enc = byte ^ ((encrypted2 + unencrypted1) & 0xFF)
        out.append(enc)
        encrypted2, encrypted1, unencrypted1 = encrypted1, enc, byte

    for byte in ignored + struct.pack("<I", len(data)) + bytes(data):  # IgnoredEnc, DataLengthEnc, DataEnc
        put(byte)
    return out.hex().upper()


def decrypt_project_data(text: str) -> tuple[bytes, int, bytes]:
    """2.4.3.3 Decryption of a CMG/DPB/GC value: (Data, ProjKey, the ignored bytes)."""
    raw = bytes.fromhex(text)
    seed, version_enc, proj_key_enc = raw[:3]
    if seed ^ version_enc != 2:
        raise ValueError("encrypted data version is not 2")
    proj_key = seed ^ proj_key_enc
    unencrypted1, encrypted1, encrypted2 = proj_key, proj_key_enc, version_enc
    plain = bytearray()
    for enc in raw[3:]:
        byte = enc ^ ((encrypted2 + unencrypted1) & 0xFF)
        plain.append(byte)
        encrypted2, encrypted1, unencrypted1 = encrypted1, enc, byte
    ignored = (seed & 6) // 2
    (length,) = struct.unpack_from("<I", plain, ignored)
    data = bytes(plain[ignored + 4 :])
    if len(data) != length:
        raise ValueError(f"encrypted data says {length} bytes, holds {len(data)}")
    return data, proj_key, bytes(plain[:ignored])


# ---------------------------------------------------------------------------------------------
# 2.3.4.2 dir stream records
# ---------------------------------------------------------------------------------------------

# 2.3.4.2.2 PROJECTREFERENCES: what a new Excel workbook's project references besides VBA and
# Excel themselves (which the host supplies and never stores).
DEFAULT_REFERENCES: tuple[tuple[str, str], ...] = (
    ("stdole", r"*\G{00020430-0000-0000-C000-000000000046}#2.0#0#C:\Windows\System32\stdole2.tlb#OLE Automation"),
    (
        "Office",
        r"*\G{2DF8D04C-5BFA-101B-BDE5-00AA0044DE52}#2.0#0#C:\Program Files\Common Files\Microsoft Shared"
        r"\OFFICE16\MSO.DLL#Microsoft Office 16.0 Object Library",
    ),
)


def _record(record_id: int, payload: bytes) -> bytes:
    """Id (2 bytes), Size (4 bytes), then Size bytes: the shape of almost every dir record."""
    return struct.pack("<HI", record_id, len(payload)) + payload


def _text_record(record_id: int, unicode_id: int, text: str, what: str) -> bytes:
    """A record with an MBCS string followed by its Reserved id and the UTF-16 copy (e.g. 2.3.4.2.1.7)."""
    return _record(record_id, _encode(text, what)) + _record(unicode_id, text.encode("utf-16-le"))


def _dir_stream(
    project_name: str, modules: list[VBAModule], references, syskind: int, docstring: str, constants: str
) -> bytes:
    out = bytearray()
    # 2.3.4.2.1 PROJECTINFORMATION
    out += _record(0x0001, struct.pack("<I", syskind))  # 2.3.4.2.1.1 PROJECTSYSKIND
    out += _record(0x0002, struct.pack("<I", LCID))  # 2.3.4.2.1.3 PROJECTLCID
    out += _record(0x0014, struct.pack("<I", LCID))  # 2.3.4.2.1.4 PROJECTLCIDINVOKE
    out += _record(0x0003, struct.pack("<H", CODEPAGE))  # 2.3.4.2.1.5 PROJECTCODEPAGE
    out += _record(0x0004, _encode(project_name, "project name"))  # 2.3.4.2.1.6 PROJECTNAME
    out += _text_record(0x0005, 0x0040, docstring, "project description")  # 2.3.4.2.1.7 PROJECTDOCSTRING
    out += _record(0x0006, b"") + _record(0x003D, b"")  # 2.3.4.2.1.8 PROJECTHELPFILEPATH: none
    out += _record(0x0007, struct.pack("<I", 0))  # 2.3.4.2.1.9 PROJECTHELPCONTEXT
    out += _record(0x0008, struct.pack("<I", 0))  # 2.3.4.2.1.10 PROJECTLIBFLAGS
    out += struct.pack("<HIIH", 0x0009, 4, 1, 0)  # 2.3.4.2.1.11 PROJECTVERSION 1.0
    out += _text_record(0x000C, 0x003C, constants, "project constants")  # 2.3.4.2.1.12 PROJECTCONSTANTS
    # 2.3.4.2.2 PROJECTREFERENCES
    for name, libid in references:
        out += _text_record(0x0016, 0x003E, name, f"reference {name}")  # 2.3.4.2.2.2 REFERENCENAME
        libid_bytes = _encode(libid, f"reference {name}")
        out += _record(0x000D, struct.pack("<I", len(libid_bytes)) + libid_bytes + struct.pack("<IH", 0, 0))
        #            2.3.4.2.2.5 REFERENCEREGISTERED: SizeOfLibid, Libid, Reserved1, Reserved2
    # 2.3.4.2.3 PROJECTMODULES
    out += _record(0x000F, struct.pack("<H", len(modules)))
    out += _record(0x0013, struct.pack("<H", 0xFFFF))  # 2.3.4.2.3.1 PROJECTCOOKIE
    for module in modules:  # 2.3.4.2.3.2 MODULE
        out += _record(0x0019, _encode(module.name, "module name"))  # MODULENAME
        out += _record(0x0047, module.name.encode("utf-16-le"))  # MODULENAMEUNICODE
        out += _text_record(0x001A, 0x0032, module.name, "stream name")  # MODULESTREAMNAME
        out += _text_record(0x001C, 0x0048, "", "module description")  # MODULEDOCSTRING: empty
        out += _record(0x0031, struct.pack("<I", 0))  # MODULEOFFSET 0: source starts the stream
        out += _record(0x001E, struct.pack("<I", 0))  # MODULEHELPCONTEXT
        out += _record(0x002C, struct.pack("<H", 0xFFFF))  # MODULECOOKIE
        out += struct.pack("<HI", 0x0021 if module.kind == "module" else 0x0022, 0)  # MODULETYPE
        out += struct.pack("<HI", 0x002B, 0)  # Terminator
    out += struct.pack("<HI", 0x0010, 0)  # 2.3.4.2 dir Terminator
    return bytes(out)


def read_dir_modules(dir_stream: bytes) -> list[tuple[str, str, int, int]]:
    """Parse a decompressed dir stream: (name, stream name, text offset, MODULETYPE id) per module.

    The type id is 0x0021 for a standard module, 0x0022 for document and class modules alike
    (2.3.4.2.3.2.8); the PROJECT stream's Document=/Class= lines tell those apart.

    Every record is Id/Size/payload except PROJECTVERSION (2.3.4.2.1.11), whose Size field is
    the constant 4 though 6 bytes follow; MODULETYPE and terminators carry a zero Reserved that
    reads as an empty Size. Enough to read a project Excel wrote (used for xlwings' own files).
    """
    modules: list[tuple[str, str, int, int]] = []
    name = stream = ""
    offset = kind = 0
    pos = 0
    while pos + 6 <= len(dir_stream):
        record_id, size = struct.unpack_from("<HI", dir_stream, pos)
        pos += 6
        if record_id == 0x0009:
            size = 6
        payload = dir_stream[pos : pos + size]
        pos += size
        if record_id == 0x0019:
            name = stream = payload.decode("cp1252")
            offset = kind = 0
        elif record_id == 0x001A:
            stream = payload.decode("cp1252")
        elif record_id == 0x0031:
            (offset,) = struct.unpack("<I", payload)
        elif record_id in (0x0021, 0x0022):
            kind = record_id
        elif record_id == 0x002B:
            modules.append((name, stream, offset, kind))
        elif record_id == 0x0010:
            break
    return modules


# ---------------------------------------------------------------------------------------------
# 2.3.1 PROJECT stream and 2.3.3 PROJECTwm stream
# ---------------------------------------------------------------------------------------------


def _project_stream(project_id: str, project_name: str, modules: list[VBAModule], docstring: str) -> bytes:
    seed = hashlib.sha256(project_id.encode()).digest()  # deterministic output; any seed bytes are valid
    lines = [f'ID="{project_id}"']  # 2.3.1.2 ProjectId
    for module in modules:  # 2.3.1.3 ProjectModule
        if module.kind == "document":
            lines.append(f"Document={module.name}/&H00000000")  # 2.3.1.4 ProjectDocModule
        elif module.kind == "class":
            lines.append(f"Class={module.name}")  # 2.3.1.6 ProjectClassModule
        else:
            lines.append(f"Module={module.name}")  # 2.3.1.5 ProjectStdModule
    lines.append(f'Name="{project_name}"')  # 2.3.1.11 ProjectName
    lines.append('HelpContextID="0"')  # 2.3.1.12 ProjectHelpId
    if docstring:
        lines.append(f'Description="{docstring}"')  # 2.3.1.13 ProjectDescription
    lines.append('VersionCompatible32="393222000"')  # 2.3.1.14 ProjectVersionCompat32
    lines.append(f'CMG="{encrypt_project_data(bytes(4), project_id, seed[0])}"')  # 2.3.1.15 not protected
    lines.append(f'DPB="{encrypt_project_data(bytes(1), project_id, seed[1])}"')  # 2.3.1.16 no password
    lines.append(f'GC="{encrypt_project_data(bytes([0xFF]), project_id, seed[2])}"')  # 2.3.1.17 visible
    lines += [
        "",
        "[Host Extender Info]",  # 2.3.1.18 HostExtenders: VBE
        "&H00000001={3832D640-CF90-11CF-8E43-00A0C911005A};VBE;&H00000000",
    ]
    lines += ["", "[Workspace]"]  # 2.3.1.19 ProjectWorkspace
    lines += [f"{module.name}=0, 0, 0, 0, C" for module in modules]  # window closed
    return _encode("\r\n".join(lines) + "\r\n", "PROJECT stream")


def _projectwm_stream(modules: list[VBAModule]) -> bytes:
    """2.3.3 PROJECTwm: per module (2.3.3.1 NAMEMAP) MBCS name + NUL, UTF-16 name + NUL; then 0x0000."""
    out = bytearray()
    for module in modules:
        out += _encode(module.name, "module name") + b"\0" + module.name.encode("utf-16-le") + b"\0\0"
    return bytes(out + b"\0\0")


# ---------------------------------------------------------------------------------------------
# The project
# ---------------------------------------------------------------------------------------------


@lru_cache(maxsize=64)
def _compressed_source(module: VBAModule) -> bytes:
    """A module's compressed source; the same xlwings and VBA-Web modules go into every workbook."""
    return compress(_encode(module_source(module), f"module {module.name!r}"))


def build_vba_project(
    modules: Mapping[str, str | VBAModule] | Iterable[VBAModule] = (),
    document_modules: Iterable[str] | Mapping[str, str] = ("ThisWorkbook", "Sheet1"),
    project_name: str = "VBAProject",
    *,
    project_id: str | None = None,
    references: Iterable[tuple[str, str]] = DEFAULT_REFERENCES,
    syskind: int = 0x03,
    description: str = "",
    constants: str = "",
) -> bytes:
    """Return a source-only ``vbaProject.bin`` holding ``modules``.

    ``modules`` maps module names to source (a standard module) or to ``VBAModule`` (any kind),
    or is an iterable of ``VBAModule``. ``document_modules`` names the host's document modules:
    the workbook's first (its Excel Workbook VB_Base), then one per worksheet (``Sheet1`` ...);
    the names must match XlsxWriter's ``set_vba_name`` code names. A mapping gives each its
    code (event handlers). Document modules may instead be passed in ``modules`` as
    ``VBAModule(kind="document")`` with ``document_modules=()``.

    Sources are normalised by ``module_source`` and must encode in code page 1252, else
    ``ValueError`` says which module and line. ``project_id`` (the PROJECT stream's ``ID=``
    GUID, with braces) defaults to a GUID derived from the project and module names, and the
    obfuscation seeds derive from it, so the same input gives the same bytes. ``syskind``
    (2.3.4.2.1.1) is 0x01 for 32-bit Windows, 0x02 Mac, 0x03 64-bit Windows; ``references``
    are (name, LibidRegistered) pairs, by default stdole and Office as a new Excel workbook has.
    """
    if not _IDENTIFIER.match(project_name):
        raise ValueError(
            f"project name {project_name!r} must be a VBA identifier (ASCII letter, then letters, "
            f"digits or _, at most 31 characters)"
        )
    docs = document_modules.items() if isinstance(document_modules, Mapping) else ((n, "") for n in document_modules)
    ordered = [
        VBAModule(name, code, "document", _WORKBOOK_BASE if i == 0 else None) for i, (name, code) in enumerate(docs)
    ]
    if isinstance(modules, Mapping):
        for name, value in modules.items():
            module = value if isinstance(value, VBAModule) else VBAModule(name, value)
            if module.name != name:
                raise ValueError(f"modules[{name!r}] is named {module.name!r}")
            ordered.append(module)
    else:
        ordered += list(modules)

    seen: dict[str, str] = {}
    for module in ordered:
        if not isinstance(module, VBAModule):
            raise TypeError(f"expected VBAModule, got {type(module).__name__}")
        if not _IDENTIFIER.match(module.name):
            raise ValueError(
                f"module name {module.name!r} must be a VBA identifier (ASCII letter, then letters, "
                f"digits or _, at most 31 characters)"
            )
        key = module.name.upper()
        if key in seen or key in ("DIR", "_VBA_PROJECT") or key == project_name.upper():
            raise ValueError(f"module name {module.name!r} is used twice or clashes with a reserved name")
        seen[key] = module.name

    if project_id is None:
        project_id = (
            "{"
            + str(
                uuid.uuid5(uuid.NAMESPACE_URL, "toolkit.vba:" + project_name + ":" + ",".join(m.name for m in ordered))
            ).upper()
            + "}"
        )
    streams: dict[str, bytes] = {
        "VBA/_VBA_PROJECT": struct.pack("<HHBH", 0x61CC, 0xFFFF, 0x00, 0x0001),  # 2.3.4.1, as in 3.1.1
        "VBA/dir": compress(_dir_stream(project_name, ordered, tuple(references), syskind, description, constants)),
    }
    for module in ordered:
        _encode(module.source, f"module {module.name!r}")  # report the line as the caller numbers it
        streams[f"VBA/{module.name}"] = _compressed_source(module)  # 2.3.4.3
    streams["PROJECT"] = _project_stream(project_id, project_name, ordered, description)
    streams["PROJECTwm"] = _projectwm_stream(ordered)
    return write_compound_file(streams)
