"""xlwings' standalone VBA code, taken from the installed xlwings package.

What the package holds (checked against xlwings 0.37.8):

* ``xlwings/xlwings.bas`` -- the standalone module (``Attribute VB_Name = "xlwings"``, CRLF,
  ASCII, ``RunPython`` and friends). ``xlwings copy vba`` copies this file, and
  ``xlwings release`` imports it into a workbook when it drops the add-in reference.
* ``xlwings/addin/Dictionary.cls`` -- Tim Hall's VBA-Dictionary class. ``xlwings release``
  imports it next to ``xlwings.bas`` because ``GetConfigFromSheet`` in ``xlwings.bas`` uses
  ``New Dictionary`` on the Mac (``CreateObject("Scripting.Dictionary")`` on Windows), so the
  module does not compile on a Mac without it. It is an exported class file: the
  ``VERSION 1.0 CLASS`` / ``BEGIN`` ... ``END`` header is dropped when stored (see
  ``toolkit.adapters.vba.ovba.module_source``).
* ``xlwings/quickstart_standalone.xlsm`` -- what ``xlwings quickstart --standalone`` copies:
  its ``xl/vbaProject.bin`` holds ThisWorkbook, Sheet1, Sheet2, Module1 (``SampleCall``), the
  ``xlwings`` module (the same text as ``xlwings.bas``, stored with LF line ends) and the
  ``Dictionary`` class. We read from that workbook only when the .bas/.cls files are missing
  (another xlwings version), through olefile (a declared dependency) and our own decompressor.

* ``xlwings/addin/Remote.bas`` with VBA-Web (``WebClient``, ``WebRequest``, ``WebResponse``,
  ``IWebAuthenticator`` classes and the ``WebHelpers`` module, MIT, (c) Tim Hall) -- the client
  for a remote interpreter (``RunServerPython``). ``xlwings release`` imports exactly these next
  to ``xlwings.bas`` and ``Dictionary.cls`` when a workbook is to call a server; Remote.bas uses
  ``GetConfig``, ``XLWINGS_VERSION`` and ``CreateGUID`` from ``xlwings.bas``. Each file keeps its
  header, licence notice included; xlwings' own (BSD 3-clause) heads ``xlwings.bas``.

The remaining files in ``xlwings/addin`` (Main, Config, Utils, Ribbon ...) belong to the add-in.
"""

from __future__ import annotations

import io
import re
import zipfile
from importlib import resources

import olefile

from toolkit.adapters.vba.ovba import VBAModule, decompress, read_dir_modules

__all__ = ["xlwings_remote_modules", "xlwings_vba_modules", "xlwings_vba_source"]

# What RunServerPython needs besides xlwings.bas and Dictionary.cls (xlwings' cli.import_remote_modules).
REMOTE_MODULES = (
    ("Remote", "addin/Remote.bas", "module"),
    ("IWebAuthenticator", "addin/IWebAuthenticator.cls", "class"),
    ("WebClient", "addin/WebClient.cls", "class"),
    ("WebRequest", "addin/WebRequest.cls", "class"),
    ("WebResponse", "addin/WebResponse.cls", "class"),
    ("WebHelpers", "addin/WebHelpers.bas", "module"),
)

_STANDALONE_WORKBOOK = "quickstart_standalone.xlsm"


def xlwings_vba_source() -> str:
    """The text of xlwings' standalone VBA module ``xlwings`` (CRLF line ends, starts with its VB_Name)."""
    return _read("xlwings.bas", "xlwings")


def xlwings_vba_modules() -> list[VBAModule]:
    """Every module xlwings' standalone mode needs: the ``xlwings`` module and the ``Dictionary`` class."""
    return [
        VBAModule("xlwings", xlwings_vba_source(), "module"),
        VBAModule("Dictionary", _read("addin/Dictionary.cls", "Dictionary"), "class"),
    ]


def xlwings_remote_modules() -> list[VBAModule]:
    """Remote.bas and the VBA-Web modules, as the installed xlwings ships them (LookupError when it does not)."""
    out = []
    for name, relative, kind in REMOTE_MODULES:
        path = resources.files("xlwings").joinpath(*relative.split("/"))
        if not path.is_file():
            raise LookupError(f"the installed xlwings has no {relative}; server workbooks need it")
        out.append(VBAModule(name, _read(relative, name), kind))
    return out


def _read(relative: str, module: str) -> str:
    package = resources.files("xlwings")
    path = package.joinpath(*relative.split("/"))
    if path.is_file():
        text = path.read_bytes().decode("cp1252")
    else:
        text = _from_standalone_workbook(package.joinpath(_STANDALONE_WORKBOOK).read_bytes(), module)
    return re.sub(r"\r\n|\r|\n", "\r\n", text)


def _from_standalone_workbook(xlsm: bytes, module: str) -> str:
    """Module ``module``'s source from the quickstart workbook's vbaProject.bin ([MS-OVBA] 2.3.4.3)."""
    with zipfile.ZipFile(io.BytesIO(xlsm)) as archive:
        project = archive.read("xl/vbaProject.bin")
    with olefile.OleFileIO(io.BytesIO(project)) as ole:
        storage = next(path[:-1] for path in ole.listdir() if path[-1].lower() == "dir")
        modules = read_dir_modules(decompress(ole.openstream([*storage, "dir"]).read()))
        for name, stream, offset, _kind in modules:
            if name == module:
                return decompress(ole.openstream([*storage, stream]).read()[offset:]).decode("cp1252")
    raise LookupError(f"xlwings' {_STANDALONE_WORKBOOK} has no VBA module {module!r}")
